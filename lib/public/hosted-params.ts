import { z } from "zod";
import { localeSchema, regionCodeSchema } from "@/lib/experience";
import { HOSTED_CHANNELS, type HostedParams } from "./hosted-url";

/** Each hosted-URL parameter on its own, so one bad value never hides the others. */
const PARAM_SCHEMAS = {
  channel: z.enum(HOSTED_CHANNELS),
  store: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, "1–64 letters, digits, _ . or -"),
  region: z
    .string()
    .max(16)
    .transform((value) => value.trim().toUpperCase())
    .pipe(regionCodeSchema),
  lang: z
    .string()
    .max(35)
    .transform((value) => localeSchema.options.find((code) => code.toLowerCase() === value.trim().toLowerCase()) ?? value)
    .pipe(localeSchema),
} as const;

/** GET /api/v1/experiences/{publicId}/qr: the parameters to encode, and the image format. */
export const qrCodeQuery = z
  .strictObject({
    format: z.enum(["svg", "png"]).default("svg"),
    channel: PARAM_SCHEMAS.channel.optional(),
    store: PARAM_SCHEMAS.store.optional(),
    region: PARAM_SCHEMAS.region.optional(),
    lang: PARAM_SCHEMAS.lang.optional(),
  })
  .meta({ id: "QrCodeQuery" });
export type QrCodeQuery = z.output<typeof qrCodeQuery>;

/** GET /api/v1/experiences/{publicId}/live: `region` and `lang` as the hosted page takes them. */
export const liveExperienceQuery = z
  .strictObject({ region: PARAM_SCHEMAS.region.optional(), lang: PARAM_SCHEMAS.lang.optional() })
  .meta({ id: "LiveExperienceQuery" });

/**
 * A hosted page's parameters, leniently: a page opened from a mistyped link still shows, with
 * the bad parameters left out (the QR endpoint, by contrast, refuses them).
 */
export function readHostedParams(search: Record<string, string | string[] | undefined>): HostedParams {
  const params: HostedParams = {};
  for (const key of ["channel", "store", "region", "lang"] as const) {
    const raw = search[key];
    const parsed = PARAM_SCHEMAS[key].safeParse(Array.isArray(raw) ? raw[0] : raw);
    if (parsed.success) (params as Record<string, unknown>)[key] = parsed.data;
  }
  return params;
}
