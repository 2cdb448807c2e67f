import { z } from "zod";
import { localeSchema, REGION_CODES, regionCodeSchema, type RegionCode } from "@/lib/experience";

export { REGION_CODES, regionCodeSchema, type RegionCode };

/**
 * A region is a rule set: data, not code (regulations.md, "A region is a rule set"). Publishing
 * checks a variant against its region's rules; the hosted page and the embed apply them to each
 * visitor; every consent record names the region and how it was resolved.
 */

export const CONSENT_MODELS = ["opt_in", "opt_out", "notice_only"] as const;

export const ruleSetSchema = z.strictObject({
  code: regionCodeSchema,
  /** Consent model for optional purposes; strictly necessary ones are always notice-only. */
  consentModel: z.enum(CONSENT_MODELS),
  /** A reject control on the first layer, with the same prominence as accept (EDPB 2023). */
  rejectOnFirstLayer: z.boolean(),
  /** Nothing optional may be pre-ticked (PIPL art. 14, GDPR Recital 32, GB/T 42574). */
  noPreTicked: z.boolean(),
  /** Purposes flagged for separate consent get their own control and record (PIPL 23/25/29/39). */
  separateConsent: z.boolean(),
  /** Global Privacy Control: honoured as an opt-out of sale/sharing (11 CCR 7025), or not applicable. */
  gpc: z.enum(["opt_out_sale_sharing", "not_applicable"]),
  /** Below this age a guardian consents (PIPL 31: 14; GDPR Art. 8: 16 by default; CCPA: 16/13). */
  ageOfConsent: z.int().min(0).max(21),
  defaultLocale: localeSchema,
  offeredLocales: z.array(localeSchema).min(1),
  /** A stored choice older than this is asked again. */
  reaskAfterDays: z.int().min(1).max(3650),
  /** ISO 3166 country (or subdivision) codes a geo header maps to this region. */
  countries: z.array(z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/)),
});
export type RuleSet = z.infer<typeof ruleSetSchema>;
