import { z } from "zod";
import { localizedTextSchema } from "./localized";
import { assetSrcSchema } from "./urls";

export const hexColorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, { message: "Use a colour as #rrggbb" });

export const themeColorsSchema = z.object({
  background: hexColorSchema,
  text: hexColorSchema,
  primary: hexColorSchema,
  primaryText: hexColorSchema,
  border: hexColorSchema,
});
export type ThemeColors = z.infer<typeof themeColorsSchema>;

export const THEME_FONTS = ["system", "serif", "rounded"] as const;
export const THEME_POSITIONS = ["top", "bottom", "center", "bottom-left", "bottom-right"] as const;

export const themeLogoSchema = z.object({ src: assetSrcSchema, alt: localizedTextSchema });

export const themeSchema = z.object({
  mode: z.enum(["light", "dark"]),
  colors: themeColorsSchema,
  // Named stacks rather than arbitrary font names: the embed must not fetch web fonts before
  // consent, so only fonts the device already has are offered.
  font: z.enum(THEME_FONTS),
  radius: z.int().min(0).max(24),
  position: z.enum(THEME_POSITIONS),
  logo: themeLogoSchema.nullable(),
});
export type Theme = z.infer<typeof themeSchema>;
export type ThemePosition = Theme["position"];

/** Neutral, and above WCAG AA contrast (4.5:1) for body text and for button labels on primary. */
export const DEFAULT_THEME: Theme = {
  mode: "light",
  colors: {
    background: "#ffffff",
    text: "#1f2937",
    primary: "#1d4ed8",
    primaryText: "#ffffff",
    border: "#d1d5db",
  },
  font: "system",
  radius: 8,
  position: "bottom",
  logo: null,
};
