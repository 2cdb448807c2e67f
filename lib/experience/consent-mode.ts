import { z } from "zod";

/** Google Consent Mode v2 signals the embed sends (gtag('consent', 'default' | 'update', …)). */
export const CONSENT_MODE_SIGNALS = ["ad_storage", "analytics_storage", "ad_user_data", "ad_personalization"] as const;
export const consentModeSignalSchema = z.enum(CONSENT_MODE_SIGNALS);

/**
 * Which purposes grant each signal: granted when the visitor gave every purpose listed, denied
 * otherwise (and always, for a signal with no purpose). Absent: the embed keeps every signal denied.
 */
export const consentModeSchema = z.partialRecord(consentModeSignalSchema, z.array(z.guid()).max(20));
export type ConsentMode = z.infer<typeof consentModeSchema>;
