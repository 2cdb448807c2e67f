import { getTranslations } from "next-intl/server";
import { currentClaims } from "@/lib/auth/session";
import { getDatabase } from "@/lib/db/connection";
import { toExpectedError, type ExpectedErrorCode } from "@/lib/errors";
import { currentRequestContext } from "@/lib/http/request-context";
import { isLocale } from "@/lib/i18n/routing";
import { EXPORT_CONTENT_TYPES, EXPORT_FORMATS, type ExportFormat } from "@/lib/records/encode";
import { openRecordsExport } from "@/lib/records/export";
import { parseRecordFilters } from "@/lib/records/filters";
import { workspaceIdSchema } from "@/lib/tenancy/schemas";

type Params = { params: Promise<{ locale: string; workspaceId: string }> };

/**
 * GET …/w/<workspace>/records/export?format=csv|ndjson&<filters>: the filtered records, streamed,
 * as the signed-in operator under RLS (owners, admins and legal), audited (lib/records/export.ts).
 * `X-Total-Count` carries the number of rows to expect, for the console's progress bar.
 * A GET, so that a plain link downloads too; requests another site starts are refused, so a page
 * elsewhere cannot make a signed-in operator's browser run exports (and fill the audit log).
 */
export async function GET(request: Request, { params }: Params) {
  const { locale, workspaceId } = await params;
  const fail = async (status: number, code: ExpectedErrorCode) => {
    const t = await getTranslations({ locale: isLocale(locale) ? locale : "en", namespace: "errors" });
    return Response.json({ error: { code, message: t(code) } }, { status, headers: { "cache-control": "no-store" } });
  };
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return fail(403, "forbidden");
  if (!workspaceIdSchema.safeParse(workspaceId).success) return fail(404, "not_found");
  const search = new URL(request.url).searchParams;
  const format = search.get("format") ?? "csv";
  const filters = parseRecordFilters(search);
  if (!(EXPORT_FORMATS as readonly string[]).includes(format) || !filters.ok) return fail(400, "invalid_input");
  const claims = await currentClaims();
  if (!claims) return fail(401, "not_signed_in");

  try {
    const exported = await openRecordsExport({
      db: await getDatabase(),
      caller: { kind: "authenticated", claims },
      context: await currentRequestContext(),
      workspaceId,
      filters: filters.filters,
      format: format as ExportFormat,
    });
    const day = new Date().toISOString().slice(0, 10);
    return new Response(exported.body, {
      headers: {
        "content-type": EXPORT_CONTENT_TYPES[format as ExportFormat],
        "content-disposition": `attachment; filename="consent-records-${day}.${format === "csv" ? "csv" : "ndjson"}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
        "x-total-count": String(exported.total),
        "x-export-id": exported.exportId,
      },
    });
  } catch (error) {
    const expected = toExpectedError(error);
    if (expected) return fail(expected.code === "forbidden" ? 403 : 400, expected.code);
    console.error("[consentry] records export failed to start", error);
    const t = await getTranslations({ locale: isLocale(locale) ? locale : "en", namespace: "errors" });
    return Response.json({ error: { code: "unexpected", message: t("unexpected") } }, { status: 500 });
  }
}
