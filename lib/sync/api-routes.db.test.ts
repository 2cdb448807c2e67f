import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as changes } from "@/app/api/v1/changes/route";
import { POST as consents } from "@/app/api/v1/consents/route";
import { GET as signingKey } from "@/app/api/v1/signing-keys/[destinationId]/route";
import { useApiDatabaseForTests } from "@/lib/api/context";
import { buildApiFixture, type ApiFixture } from "@/lib/api/testing/api-fixture";
import { createApiKey } from "@/lib/consent/api-keys";
import { runAsCaller } from "@/lib/db/caller";
import { createTestDatabase, TEST_TARGETS, type TestDatabase } from "@/lib/testing/databases";
import { claimsFor } from "@/lib/testing/tenancy-fixture";
import { createDestination } from "./destinations";

/**
 * The sync routes of the public API as Next calls them: GET /changes (scope changes:read, a
 * cursor), GET /signing-keys/{id}; and POST /consents keeping the identifier's sealed value.
 */
const BASE = "http://localhost:3000/api/v1";
const get = (handler: (r: Request) => Promise<Response>, path: string, key?: string) =>
  handler(new Request(`${BASE}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} }));

describe.each(TEST_TARGETS)("sync API routes on $target", ({ target, skip }) => {
  let t: TestDatabase;
  let fx: ApiFixture;
  let changesKey: string;
  const owner = () => ({ kind: "authenticated" as const, claims: claimsFor(fx.ownerId, "owner@example.test") });
  beforeAll(async () => {
    if (skip) return;
    t = await createTestDatabase(target);
    fx = await buildApiFixture(t.db);
    useApiDatabaseForTests(t.db);
    changesKey = (await runAsCaller(t.db, owner(), (sql) => createApiKey(sql, fx.workspaceId, { name: "Feed", scopes: ["changes:read"] }))).secret;
  });
  afterAll(async () => {
    useApiDatabaseForTests(null);
    await t?.close();
  });

  it.skipIf(skip)("a recording shows in the feed once, with a cursor; the scope is required; its identifier value is kept sealed", async () => {
    const recorded = await consents(
      new Request(`${BASE}/consents`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${fx.keys.all}` },
        body: JSON.stringify({
          experienceVersionId: fx.versionId,
          subject: { kind: "email", value: "feed.person@example.test" },
          channel: "web",
          method: "save",
          locale: "en",
          region: { code: "CN", resolvedBy: "geoip" },
          decisions: [{ purposeId: fx.purposes.analytics, state: "withdrawn" }],
        }),
      }),
    );
    expect(recorded.status).toBe(201);
    const { subjectId } = (await recorded.json()) as { subjectId: string };
    const kept = await t.superuser.query("select 1 from private.subject_identifier_values v join public.subject_identifiers i on i.id = v.identifier_id where i.subject_id = $1", [subjectId]);
    expect(kept).toHaveLength(1);

    const refused = await get(changes, "/changes", fx.keys.all);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("insufficient_scope");
    const first = await get(changes, "/changes?limit=10", changesKey);
    expect(first.status).toBe(200);
    const page = (await first.json()) as { changes: { subjectId: string; events: { state: string }[] }[]; next: string };
    expect(page.changes.map((c) => [c.subjectId, c.events.map((e) => e.state)])).toEqual([[subjectId, ["withdrawn"]]]);
    const second = (await (await get(changes, `/changes?after=${page.next}`, changesKey)).json()) as { changes: unknown[]; next: string };
    expect(second).toEqual({ changes: [], next: page.next });
    const bad = await get(changes, "/changes?after=bm90LWEtY3Vyc29y", changesKey);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("invalid_query");
  });

  it.skipIf(skip)("a browser recording (public key, allowed origin) keeps its identifier's value sealed too", async () => {
    const recorded = await consents(
      new Request(`${BASE}/consents`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-consentry-key": fx.publicKey, origin: fx.allowedOrigin },
        body: JSON.stringify({
          experienceVersionId: fx.versionId,
          subject: { kind: "phone", value: "+8613800138000" },
          channel: "mini_program",
          method: "save",
          locale: "zh-CN",
          region: { code: "CN", resolvedBy: "geoip" },
          decisions: [{ purposeId: fx.purposes.analytics, state: "withdrawn" }],
        }),
      }),
    );
    expect(recorded.status).toBe(201);
    const { subjectId } = (await recorded.json()) as { subjectId: string };
    const kept = await t.superuser.query<{ kind: string }>(
      "select i.kind from private.subject_identifier_values v join public.subject_identifiers i on i.id = v.identifier_id where i.subject_id = $1",
      [subjectId],
    );
    expect(kept).toEqual([{ kind: "phone" }]);
  });

  it.skipIf(skip)("serves a destination's v1a public key at a public URL; an unknown one is 404", async () => {
    const { destination } = await runAsCaller(t.db, owner(), (sql) =>
      createDestination(sql, fx.workspaceId, { kind: "webhook", name: "CRM", url: "https://crm.example.com/hook" }, { allowPrivate: false }),
    );
    const found = await get(signingKey, `/signing-keys/${destination.id}`);
    expect(found.status).toBe(200);
    expect(await found.json()).toEqual({ destinationId: destination.id, algorithm: "Ed25519", signatureVersion: "v1a", publicKey: destination.signingPublicKey });
    expect((await get(signingKey, `/signing-keys/${randomUUID()}`)).status).toBe(404);
    expect((await get(signingKey, "/signing-keys/not-an-id")).status).toBe(404);
  });
});
