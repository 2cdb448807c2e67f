import "server-only";
import QRCode from "qrcode";
import { ApiError } from "@/lib/api/api-error";
import { parseInput } from "@/lib/api/body";
import { runAsAnon } from "@/lib/api/service";
import { env } from "@/lib/env";
import { qrCodeQuery } from "./hosted-params";
import { hostedUrl } from "./hosted-url";
import { publicExperienceEndpoint } from "./public-endpoint";

// Medium error correction survives a smudged print; a quiet zone of 4 modules is what scanners expect.
const QR_OPTIONS = { errorCorrectionLevel: "M", margin: 4 } as const;

/**
 * GET /api/v1/experiences/{publicId}/qr?format=svg|png&channel=&store=&region=&lang= → a QR code
 * of the experience's hosted URL with those parameters, for a shop window or a receipt. Only
 * for a live experience; the address is the app's public URL (CONSENTRY_PUBLIC_URL) or, without
 * one, the origin the request came to.
 */
export const qrCodeEndpoint = publicExperienceEndpoint("experiences.qr", { max: 120, windowSeconds: 60 }, async ({ request, db, publicId, query }) => {
  const { format, ...params } = parseInput(qrCodeQuery, query, "invalid_query");
  const [live] = await runAsAnon(db, (sql) => sql.query("select version_id from public.live_experience($1)", [publicId]));
  if (!live) throw new ApiError("experience_not_found", { value: publicId });
  const url = hostedUrl(env.CONSENTRY_PUBLIC_URL ?? new URL(request.url).origin, publicId, params);
  const headers = {
    "Cache-Control": "public, max-age=300",
    "Content-Disposition": `inline; filename="consentry-${publicId}${params.store ? `-${params.store}` : ""}.${format}"`,
    "X-Content-Type-Options": "nosniff",
    // The hosted URL encoded, for whoever checks the print before it goes out.
    "X-Consentry-Url": url,
  };
  if (format === "png") {
    const png = await QRCode.toBuffer(url, { ...QR_OPTIONS, type: "png", width: 512 });
    return new Response(new Uint8Array(png), { status: 200, headers: { ...headers, "Content-Type": "image/png" } });
  }
  const svg = await QRCode.toString(url, { ...QR_OPTIONS, type: "svg" });
  return new Response(svg, { status: 200, headers: { ...headers, "Content-Type": "image/svg+xml; charset=utf-8" } });
});
