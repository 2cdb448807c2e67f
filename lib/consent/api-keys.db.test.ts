import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExpectedError } from "@/lib/errors";
import { createTestDatabase, TEST_TARGETS, type TestDatabase } from "@/lib/testing/databases";
import { buildTenancyFixture, type TenancyFixture } from "@/lib/testing/tenancy-fixture";
import { apiKeyDigest, createApiKey, listApiKeys, revokeApiKey, verifyApiKey } from "./api-keys";
import { recordConsent } from "./record";
import { asService, consentInput, publishLedgerExperience } from "./test-support";

describe.each(TEST_TARGETS)("workspace API keys on $target", ({ target, skip }) => {
  let t: TestDatabase;
  let fx: TenancyFixture;
  beforeAll(async () => {
    if (skip) return;
    t = await createTestDatabase(target);
    fx = await buildTenancyFixture(t);
  });
  afterAll(async () => t?.close());

  it.skipIf(skip)("a key is shown once, stored hashed, verified to its workspace and scopes, and dead once revoked", async () => {
    const created = await fx.as("admin", (sql) => createApiKey(sql, fx.workspaceA, { name: "CRM sync", scopes: ["consent:write", "decisions:read"] }));
    expect(created.secret).toMatch(new RegExp(`^csk_${created.prefix}_[A-Za-z0-9_-]{32}$`));
    const [stored] = await t.superuser.query<{ key_hash: string; created_by: string }>("select key_hash, created_by from public.api_keys where id = $1", [created.id]);
    expect(stored).toEqual({ key_hash: apiKeyDigest(created.secret), created_by: fx.personas.admin.id });
    const [plain] = await t.superuser.query<{ n: number }>("select count(*)::int as n from public.api_keys k where k::text like $1", [`%${created.secret}%`]);
    expect(plain!.n).toBe(0);

    expect(await verifyApiKey(t.db, created.secret)).toEqual({ workspaceId: fx.workspaceA, keyId: created.id, scopes: ["consent:write", "decisions:read"] });
    const [used] = await t.superuser.query<{ used: boolean }>("select last_used_at is not null as used from public.api_keys where id = $1", [created.id]);
    expect(used!.used).toBe(true);
    // Wrong, tampered and malformed secrets.
    const tampered = created.secret.slice(0, -1) + (created.secret.endsWith("A") ? "B" : "A");
    for (const wrong of [tampered, `csk_${created.prefix}_${"x".repeat(32)}`, "csk_short", "", `${created.secret} `]) {
      expect(await verifyApiKey(t.db, wrong)).toBeNull();
    }
    // Operators see the prefix, never the hash.
    const listed = await fx.as("owner", (sql) => listApiKeys(sql, fx.workspaceA));
    expect(listed.map((key) => [key.name, key.prefix, key.revokedAt])).toEqual([["CRM sync", created.prefix, null]]);
    expect(await fx.as("viewer", (sql) => listApiKeys(sql, fx.workspaceA))).toEqual([]);

    await fx.as("owner", (sql) => revokeApiKey(sql, fx.workspaceA, created.id));
    expect(await verifyApiKey(t.db, created.secret)).toBeNull();
    await expect(fx.as("owner", (sql) => revokeApiKey(sql, fx.workspaceA, created.id))).rejects.toMatchObject({ code: "not_found" });
    // A revoked key stays revoked, at its time.
    await expect(
      t.db.query("update public.api_keys set revoked_at = null where id = $1", [created.id]),
    ).rejects.toThrow("consentry.forbidden");
    const [audit] = await t.superuser.query<{ actions: string[]; leaked: boolean }>(
      `select array_agg(action order by seq) as actions, bool_or(coalesce(after::text, '') like '%' || $2 || '%') as leaked
       from public.audit_log where target_id = $1`,
      [created.id, apiKeyDigest(created.secret)],
    );
    expect(audit).toEqual({ actions: ["api_key.created", "api_key.updated"], leaked: false });
  });

  it.skipIf(skip)("only owners and admins create or revoke keys; bad input is refused", async () => {
    for (const role of ["viewer", "editor", "legal", "outsider"] as const) {
      const error = await fx.as(role, (sql) => createApiKey(sql, fx.workspaceA, { name: "Nope", scopes: ["consent:read"] })).catch((e: unknown) => e);
      expect([role, (error as ExpectedError).code]).toEqual([role, "forbidden"]);
    }
    const key = await fx.as("owner", (sql) => createApiKey(sql, fx.workspaceA, { name: "Kept", scopes: ["contacts:write"] }));
    await expect(fx.as("editor", (sql) => revokeApiKey(sql, fx.workspaceA, key.id))).rejects.toMatchObject({ code: "not_found" });
    await expect(fx.as("outsider", (sql) => revokeApiKey(sql, fx.workspaceB, key.id))).rejects.toMatchObject({ code: "not_found" });
    expect(await verifyApiKey(t.db, key.secret)).not.toBeNull();
    await expect(fx.as("owner", (sql) => createApiKey(sql, fx.workspaceA, { name: " ", scopes: ["consent:read"] }))).rejects.toMatchObject({ code: "invalid_input" });
    await expect(fx.as("owner", (sql) => createApiKey(sql, fx.workspaceA, { name: "X", scopes: ["admin" as never] }))).rejects.toMatchObject({ code: "invalid_input" });
    await expect(fx.as("owner", (sql) => createApiKey(sql, fx.workspaceA, { name: "X", scopes: [] }))).rejects.toMatchObject({ code: "invalid_input" });
  });

  it.skipIf(skip)("a purpose with ledger events cannot be deleted", async () => {
    const ledger = await publishLedgerExperience(fx);
    await asService(fx, (sql) => recordConsent(sql, consentInput(fx, ledger)));
    await expect(
      fx.as("owner", (sql) => sql.query("delete from public.purposes where id = $1", [ledger.purposes.marketing])),
    ).rejects.toThrow("consentry.purpose_in_use");
  });
});
