import { runAsCaller } from "@/lib/db/caller";
import type { Database } from "@/lib/db/types";
import { createApiKey, type ApiKeyScope } from "@/lib/consent/api-keys";
import { createAccount, createWorkspace } from "@/lib/testing/tenancy-fixture";

/**
 * A workspace ready for the public API: a published banner offering two purposes, the e-mail
 * and SMS channels and one topic, accepted from https://shop.example; secret keys with each
 * scope set, and a revoked one. Built through the product's own paths (RLS, publish_experience).
 */
export interface ApiFixture {
  workspaceId: string;
  ownerId: string;
  purposes: { analytics: string; marketing: string; other: string };
  topicId: string;
  experienceId: string;
  publicId: string;
  publicKey: string;
  versionId: string;
  allowedOrigin: string;
  keys: { all: string; writeOnly: string; readOnly: string; revoked: string };
}

export const ALLOWED_ORIGIN = "https://shop.example";

export async function buildApiFixture(db: Database, tag: string = Math.random().toString(16).slice(2, 8)): Promise<ApiFixture> {
  const owner = await createAccount(db, `api-owner-${tag}`);
  const workspaceId = await createWorkspace(db, owner, `API ${tag}`);
  return runAsCaller(db, owner.caller, async (sql) => {
    const purposes = await sql.query<{ id: string; key: string }>("select id, key from public.purposes where workspace_id = $1 order by key", [workspaceId]);
    const byKey = Object.fromEntries(purposes.map((p) => [p.key, p.id]));
    const analytics = byKey.analytics!;
    const marketing = byKey.marketing ?? purposes.find((p) => p.key !== "analytics")!.id;
    const other = purposes.find((p) => p.id !== analytics && p.id !== marketing)!.id;
    const [topic] = await sql.query<{ id: string }>("select id from public.topics where workspace_id = $1 order by key limit 1", [workspaceId]);
    const [experience] = await sql.query<{ id: string; public_id: string; public_key: string }>(
      `insert into public.experiences (workspace_id, name, kind, document, created_by, updated_by, allowed_origins)
       values ($1, 'API banner', 'banner', '{}', $2, $2, $3) returning id, public_id, public_key`,
      [workspaceId, owner.id, [ALLOWED_ORIGIN]],
    );
    const document = {
      kind: "banner",
      schemaVersion: 2,
      blocks: [
        { id: "b1", type: "purpose_toggle", purposeId: analytics },
        { id: "b2", type: "purpose_toggle", purposeId: marketing },
        { id: "b3", type: "channel_preferences", channels: ["email", "sms"] },
        { id: "b4", type: "topic_subscriptions", topicIds: [topic!.id] },
      ],
    };
    const [version] = await sql.query<{ id: string }>("select public.publish_experience($1, $2::jsonb, '{}'::jsonb, false) as id", [
      experience!.id,
      JSON.stringify(document),
    ]);
    const key = async (scopes: ApiKeyScope[]) => (await createApiKey(sql, workspaceId, { name: scopes.join(" "), scopes })).secret;
    const all = await key(["consent:write", "consent:read", "decisions:read", "contacts:write"]);
    const writeOnly = await key(["consent:write"]);
    const readOnly = await key(["decisions:read"]);
    const revokedKey = await createApiKey(sql, workspaceId, { name: "revoked", scopes: ["consent:write", "decisions:read"] });
    await sql.query("update public.api_keys set revoked_at = now() where id = $1", [revokedKey.id]);
    return {
      workspaceId,
      ownerId: owner.id,
      purposes: { analytics, marketing, other },
      topicId: topic!.id,
      experienceId: experience!.id,
      publicId: experience!.public_id,
      publicKey: experience!.public_key,
      versionId: version!.id,
      allowedOrigin: ALLOWED_ORIGIN,
      keys: { all, writeOnly, readOnly, revoked: revokedKey.secret },
    };
  });
}
