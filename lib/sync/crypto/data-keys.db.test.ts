import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAsService } from "@/lib/db/caller";
import { createTestDatabase, TEST_TARGETS, type TestDatabase } from "@/lib/testing/databases";
import { buildTenancyFixture, type TenancyFixture } from "@/lib/testing/tenancy-fixture";
import { workspaceDataKey, rewrapDataKeys } from "./data-keys";
import { masterKeySet } from "./master-key";

/** Master key rotation re-wraps data keys without changing them; a key not configured cannot open them. */
describe.each(TEST_TARGETS)("workspace data keys on $target", ({ target, skip }) => {
  let t: TestDatabase;
  let fx: TenancyFixture;
  beforeAll(async () => {
    if (skip) return;
    t = await createTestDatabase(target);
    fx = await buildTenancyFixture(t);
  });
  afterAll(async () => t?.close());

  it.skipIf(skip)("one data key per workspace, the same after the master key is rotated", async () => {
    const oldKeys = masterKeySet(randomBytes(32));
    const dataKey = await fx.as("owner", (sql) => workspaceDataKey(sql, fx.workspaceA, oldKeys));
    expect(await fx.as("admin", (sql) => workspaceDataKey(sql, fx.workspaceA, oldKeys))).toEqual(dataKey);
    expect(await fx.as("viewer", (sql) => workspaceDataKey(sql, fx.workspaceA, oldKeys).then(() => "ok", (e: Error) => e.message))).toBe("consentry.forbidden");
    const newKeys = masterKeySet(randomBytes(32), [oldKeys.current]);
    expect(await runAsService(fx.db, "sync", (sql) => rewrapDataKeys(sql, oldKeys.currentId, newKeys))).toBe(1);
    const [row] = await t.superuser.query<{ master_key_id: string }>("select master_key_id from private.workspace_data_keys where workspace_id = $1", [fx.workspaceA]);
    expect(row!.master_key_id).toBe(newKeys.currentId);
    expect(await fx.as("owner", (sql) => workspaceDataKey(sql, fx.workspaceA, masterKeySet(newKeys.current)))).toEqual(dataKey);
    const message = await fx.as("owner", (sql) => workspaceDataKey(sql, fx.workspaceA, oldKeys).then(() => "opened", (e: Error) => e.message));
    expect(message).toMatch(/not configured/);
  });
});
