/** Preview widths: a common desktop, tablet and phone viewport (CSS pixels). */
export const DEVICES = { desktop: 1024, tablet: 768, phone: 375 } as const;
export type Device = keyof typeof DEVICES;
