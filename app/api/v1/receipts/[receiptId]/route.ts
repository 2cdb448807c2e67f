import { z } from "zod";
import { subjectSessionFromCookieHeader } from "@/lib/preference-centre/subject-session";
import { ApiError } from "@/lib/api/api-error";
import { apiRoute } from "@/lib/api/handler";
import { runAsAnon } from "@/lib/api/service";
import { env } from "@/lib/env";
import { isLocale } from "@/lib/i18n/routing";
import { readReceipt, receiptDocument } from "@/lib/preference-centre/receipts";
import { receiptQuery } from "./schema";

/**
 * GET /api/v1/receipts/{receiptId}: a consent receipt as JSON (Kantara Consent Receipt v1.1
 * fields, and each ledger record with the ISO/IEC TS 27560 fields), for the holder of its token
 * or the person's own preference centre session (cookie). Anything else is 404 not_found.
 */
export const GET = apiRoute({
  name: "receipts",
  auth: "anonymous",
  source: "query",
  schema: receiptQuery,
  rateLimit: { max: 120, windowSeconds: 60 },
  async handle({ input, db, request }) {
    const receiptId = new URL(request.url).pathname.split("/").pop() ?? "";
    if (!z.guid().safeParse(receiptId).success) throw new ApiError("not_found");
    const session = subjectSessionFromCookieHeader(request.headers.get("cookie"));
    const receipt = await runAsAnon(db, (sql) => readReceipt(sql, receiptId, { receiptToken: input.token ?? null, sessionToken: session }));
    const locale = input.lang && isLocale(input.lang) ? input.lang : "en";
    const base = (env.CONSENTRY_PUBLIC_URL ?? new URL(request.url).origin).replace(/\/+$/, "");
    const document = receiptDocument(receipt, { locale, withdrawUrl: `${base}/${locale}/p/${receipt.publicId}/manage` });
    return { status: 200, body: document, headers: { "Cache-Control": "private, no-store" } };
  },
});
