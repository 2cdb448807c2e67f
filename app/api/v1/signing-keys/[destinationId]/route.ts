import { z } from "zod";
import { ApiError } from "@/lib/api/api-error";
import { apiRoute } from "@/lib/api/handler";
import { runAsService } from "@/lib/db/caller";
import { signingKeyQuery } from "@/lib/sync/signing-key";

/**
 * GET /api/v1/signing-keys/{destinationId}: the Ed25519 public key (`whpk_…`) that verifies the
 * `v1a` Standard Webhooks signatures a destination receives. Public: a public key is no secret,
 * and a destination id is an unguessable UUID. A deleted or unknown destination: 404 not_found.
 */
export const GET = apiRoute({
  name: "signing-keys",
  auth: "anonymous",
  source: "query",
  schema: signingKeyQuery,
  rateLimit: { max: 120, windowSeconds: 60 },
  async handle({ db, request }) {
    const destinationId = new URL(request.url).pathname.split("/").pop() ?? "";
    if (!z.guid().safeParse(destinationId).success) throw new ApiError("not_found");
    const [row] = await runAsService(db, "sync", (sql) =>
      sql.query<{ key: string | null }>("select signing_public_key as key from public.destinations where id = $1 and deleted_at is null", [destinationId]),
    );
    if (!row?.key) throw new ApiError("not_found");
    return { status: 200, body: { destinationId, algorithm: "Ed25519", signatureVersion: "v1a", publicKey: row.key }, headers: { "Cache-Control": "public, max-age=300" } };
  },
});
