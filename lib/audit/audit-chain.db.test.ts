import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, Sql } from "@/lib/db/types";
import { createTestDatabase, TEST_TARGETS, type TestDatabase } from "@/lib/testing/databases";
import {
  attempt,
  buildTenancyFixture,
  createAccount,
  createInvitation,
  createWorkspace,
  describeDatabaseError,
  OUTCOME,
  type Persona,
  type TenancyFixture,
} from "@/lib/testing/tenancy-fixture";

/**
 * R2 for the audit log: every tenancy change leaves a row in the same transaction, nobody can
 * change or remove rows, and public.verify_audit_chain names the exact row a superuser tampered
 * with.
 */

const GENESIS = "0".repeat(64);

interface AuditRow {
  id: number;
  seq: number;
  actor_id: string | null;
  actor_email: string | null;
  actor_role: string;
  action: string;
  target_type: string;
  target_id: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  context: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

interface Verdict {
  valid: boolean;
  checked_rows: number;
  first_invalid_seq: number | null;
  first_invalid_id: number | null;
  reason: string | null;
}

/** The chain as stored, read past RLS. */
function chain(db: Database, workspaceId: string): Promise<AuditRow[]> {
  return db.query<AuditRow>("select * from public.audit_log where workspace_id = $1 order by seq", [workspaceId]);
}

async function head(db: Database, workspaceId: string): Promise<{ seq: number; hash: string } | undefined> {
  const [row] = await db.query<{ seq: number; hash: string }>(
    "select seq, hash from private.audit_chain_heads where workspace_id = $1",
    [workspaceId],
  );
  return row;
}

const VERIFY = "select valid, checked_rows, first_invalid_seq, first_invalid_id, reason from public.verify_audit_chain($1)";

async function verify(fx: TenancyFixture, who: Persona, workspaceId: string): Promise<Verdict> {
  const [verdict] = await fx.as(who, (sql) => sql.query<Verdict>(VERIFY, [workspaceId]));
  return verdict!;
}

/** What only a superuser can do: switch the append-only triggers off for one transaction. */
async function tamper(t: TestDatabase, statement: string, params: unknown[]): Promise<void> {
  await t.superuser.transaction(async (tx) => {
    await tx.exec("set local session_replication_role = replica");
    await tx.query(statement, params);
  });
}

describe.each(TEST_TARGETS)("audit log on $target", ({ target, skip }) => {
  let t: TestDatabase;
  let fx: TenancyFixture;
  beforeAll(async () => {
    if (skip) return;
    t = await createTestDatabase(target);
    fx = await buildTenancyFixture(t);
  });
  afterAll(async () => t?.close());

  /**
   * A workspace of its own with `renames` changes after its creation, and its rows. (How many
   * rows creation itself writes is not fixed here: later migrations add to it.)
   */
  async function freshChain(renames: number): Promise<{ owner: Persona; workspaceId: string; rows: AuditRow[] }> {
    const owner = await createAccount(t.db, "chain-owner");
    const workspaceId = await createWorkspace(t.db, owner, "Chain");
    for (let i = 1; i <= renames; i++) {
      await fx.as(owner, (sql) => sql.query("update public.workspaces set name = $2 where id = $1", [workspaceId, `Chain ${i}`]));
    }
    const rows = await chain(t.superuser, workspaceId);
    expect(rows.length).toBeGreaterThanOrEqual(renames + 2);
    return { owner, workspaceId, rows };
  }

  it.skipIf(skip)("creating a workspace, adding members and inviting are recorded for their actor, without token hashes", async () => {
    const { owner } = fx.personas;
    const rows = await chain(t.superuser, fx.workspaceA);
    // Everything the fixture did was done by A's owner, in one unbroken sequence.
    expect(rows.map((row) => row.seq)).toEqual(rows.map((_, index) => index + 1));
    expect(new Set(rows.map((row) => `${row.actor_id} ${row.actor_email} ${row.actor_role}`))).toEqual(
      new Set([`${owner.id} ${owner.email} authenticated`]),
    );
    // Of the tenancy tables: the workspace, then its owner, the four members, the invitation.
    const tenancy = rows.filter((row) => ["workspace", "membership", "invitation"].includes(row.target_type));
    expect(tenancy.map((row) => row.action)).toEqual([
      "workspace.created",
      ...Array<string>(5).fill("membership.created"),
      "invitation.created",
    ]);
    expect(rows[0]!.action).toBe("workspace.created");
    const [created, ownerJoined, , , , , invited] = tenancy;
    expect(created).toMatchObject({ target_type: "workspace", target_id: fx.workspaceA, before: null });
    expect(Object.keys(created!.after!).sort()).toEqual(
      ["contact_address", "contact_addresses", "created_at", "created_by", "default_locale", "default_region", "id", "legal_entity_name", "legal_entity_names", "name"],
    );
    expect(ownerJoined).toMatchObject({
      target_type: "membership",
      target_id: owner.id,
      before: null,
      after: { workspace_id: fx.workspaceA, user_id: owner.id, role: "owner" },
    });
    expect(invited).toMatchObject({ target_type: "invitation", target_id: fx.invitation.id, before: null });
    expect(Object.keys(invited!.after!).sort()).toEqual(
      ["accepted_at", "accepted_by", "created_at", "email", "expires_at", "id", "invited_by", "revoked_at", "role", "workspace_id"],
    );
    expect(JSON.stringify(rows)).not.toContain(fx.invitation.tokenHash);
  });

  it.skipIf(skip)("a workspace change is audited inside its own transaction, with only the changed columns and the request context", async () => {
    const { admin } = fx.personas;
    const [{ name: oldName }] = (await t.superuser.query<{ name: string }>("select name from public.workspaces where id = $1", [
      fx.workspaceA,
    ])) as [{ name: string }];
    const newName = `Renamed ${randomBytes(3).toString("hex")}`;
    const seen = await fx.as(
      admin,
      async (sql) => {
        await sql.query("update public.workspaces set name = $2 where id = $1", [fx.workspaceA, newName]);
        // Same transaction: the entry is already there, before the commit.
        const [entry] = await sql.query<AuditRow>(
          "select * from public.audit_log where workspace_id = $1 order by seq desc limit 1",
          [fx.workspaceA],
        );
        return entry;
      },
      { requestId: "req-rename", clientAddress: "127.0.0.1" },
    );
    expect(seen).toMatchObject({
      actor_id: admin.id,
      actor_email: admin.email,
      actor_role: "authenticated",
      action: "workspace.updated",
      target_type: "workspace",
      target_id: fx.workspaceA,
      before: { name: oldName },
      after: { name: newName },
      context: { requestId: "req-rename", clientAddress: "127.0.0.1" },
    });
    // Only `name` changed (updated_at, moved by its trigger, is never summarised).
    expect(Object.keys(seen!.before!)).toEqual(["name"]);
    expect(Object.keys(seen!.after!)).toEqual(["name"]);
    const rows = await chain(t.superuser, fx.workspaceA);
    expect(rows.at(-1)).toEqual(seen);
  });

  it.skipIf(skip)("membership changes are audited: created, role updated, deleted", async () => {
    const { owner } = fx.personas;
    const member = await createAccount(t.db, "audited-member");
    const from = (await head(t.superuser, fx.workspaceA))!.seq;
    await fx.as(owner, async (sql) => {
      await sql.query("insert into public.memberships (workspace_id, user_id, role) values ($1, $2, 'viewer')", [fx.workspaceA, member.id]);
    });
    await fx.as(owner, (sql) =>
      sql.query("update public.memberships set role = 'legal' where workspace_id = $1 and user_id = $2", [fx.workspaceA, member.id]),
    );
    await fx.as(member, (sql) =>
      sql.query("delete from public.memberships where workspace_id = $1 and user_id = $2", [fx.workspaceA, member.id]),
    );
    const rows = (await chain(t.superuser, fx.workspaceA)).filter((row) => row.seq > from);
    expect(rows.map((row) => [row.action, row.actor_id, row.target_type, row.target_id])).toEqual([
      ["membership.created", owner.id, "membership", member.id],
      ["membership.updated", owner.id, "membership", member.id],
      ["membership.deleted", member.id, "membership", member.id],
    ]);
    const [created, updated, deleted] = rows;
    expect(Object.keys(created!.after!).sort()).toEqual(["created_at", "role", "user_id", "workspace_id"]);
    expect(updated).toMatchObject({ before: { role: "viewer" }, after: { role: "legal" } });
    expect(Object.keys(updated!.after!)).toEqual(["role"]);
    expect(deleted).toMatchObject({ before: { workspace_id: fx.workspaceA, user_id: member.id, role: "legal" }, after: null });
  });

  it.skipIf(skip)("invitation changes are audited: created, revoked, deleted, accepted — never with the token hash", async () => {
    const { owner, admin } = fx.personas;
    const from = (await head(t.superuser, fx.workspaceA))!.seq;
    const revoked = await createInvitation(t.db, admin, fx.workspaceA, `audited.${randomBytes(3).toString("hex")}@example.test`, "viewer");
    await fx.as(admin, (sql) => sql.query("update public.invitations set revoked_at = now() where id = $1", [revoked.id]));
    await fx.as(owner, (sql) => sql.query("delete from public.invitations where id = $1", [revoked.id]));
    const acceptedEmail = `accepted.${randomBytes(3).toString("hex")}@example.test`;
    const accepted = await createInvitation(t.db, owner, fx.workspaceA, acceptedEmail, "editor");
    const joiner = await createAccount(t.db, "joiner", acceptedEmail);
    await fx.as(joiner, (sql) => sql.query("select public.accept_invitation($1)", [accepted.token]));

    const rows = (await chain(t.superuser, fx.workspaceA)).filter((row) => row.seq > from);
    expect(rows.map((row) => [row.action, row.actor_id, row.target_id])).toEqual([
      ["invitation.created", admin.id, revoked.id],
      ["invitation.updated", admin.id, revoked.id],
      ["invitation.deleted", owner.id, revoked.id],
      ["invitation.created", owner.id, accepted.id],
      ["membership.created", joiner.id, joiner.id],
      ["invitation.updated", joiner.id, accepted.id],
    ]);
    expect(rows[1]!.before).toEqual({ revoked_at: null });
    expect(Object.keys(rows[1]!.after!)).toEqual(["revoked_at"]);
    expect(rows[2]!.after).toBeNull();
    expect(rows[2]!.before).toMatchObject({ id: revoked.id, email: revoked.email, role: "viewer" });
    expect(rows[5]!.before).toEqual({ accepted_at: null, accepted_by: null });
    expect(rows[5]!.after).toMatchObject({ accepted_by: joiner.id });

    const everything = JSON.stringify(await t.superuser.query("select * from public.audit_log"));
    for (const hash of [revoked.tokenHash, accepted.tokenHash, fx.invitation.tokenHash]) expect(everything).not.toContain(hash);
    const [withKey] = await t.superuser.query<{ n: number }>(
      "select count(*)::int as n from public.audit_log where before ? 'token_hash' or after ? 'token_hash'",
    );
    expect(withKey?.n).toBe(0);
  });

  it.skipIf(skip)("a rolled-back change leaves no audit row, and the next change continues the chain without a gap", async () => {
    const { owner } = fx.personas;
    const before = await head(t.superuser, fx.workspaceA);
    const abandoned = `Abandoned ${randomBytes(3).toString("hex")}`;
    const rollback = fx.as(owner, async (sql) => {
      await sql.query("update public.workspaces set name = $2 where id = $1", [fx.workspaceA, abandoned]);
      const [entry] = await sql.query<AuditRow>("select * from public.audit_log where workspace_id = $1 order by seq desc limit 1", [
        fx.workspaceA,
      ]);
      expect(entry).toMatchObject({ seq: before!.seq + 1, after: { name: abandoned } });
      throw new Error("changed my mind");
    });
    await expect(rollback).rejects.toThrow("changed my mind");

    expect(await head(t.superuser, fx.workspaceA)).toEqual(before);
    const rows = await chain(t.superuser, fx.workspaceA);
    expect(rows.at(-1)!.seq).toBe(before!.seq);
    expect(rows.filter((row) => row.after?.name === abandoned)).toEqual([]);

    await fx.as(owner, (sql) => sql.query("update public.workspaces set name = $2 where id = $1", [fx.workspaceA, `Kept ${abandoned}`]));
    expect((await head(t.superuser, fx.workspaceA))!.seq).toBe(before!.seq + 1);
    expect(await verify(fx, owner, fx.workspaceA)).toMatchObject({ valid: true, checked_rows: before!.seq + 1 });
  });

  it.skipIf(skip)("an update that changes nothing an auditor would see writes no row", async () => {
    const before = await head(t.superuser, fx.workspaceA);
    await fx.as("owner", (sql) => sql.query("update public.workspaces set name = name where id = $1", [fx.workspaceA]));
    expect(await head(t.superuser, fx.workspaceA)).toEqual(before);
  });

  it.skipIf(skip)("UPDATE, DELETE and TRUNCATE on audit_log are refused for anon, authenticated, service_role and the database owner", async () => {
    const statements = [
      "update public.audit_log set action = 'forged' where workspace_id = $1",
      "delete from public.audit_log where workspace_id = $1",
      "truncate public.audit_log",
    ];
    const digest = async () =>
      t.superuser.query("select md5(string_agg(a::text, '|' order by id)) as digest, count(*)::int as n from public.audit_log a");
    const before = await digest();

    // Each attempt is rolled back, so a refusal that fails to happen cannot spoil later tests.
    const done = new Error("done, rolled back");
    const asRole = async (role: string, claims: object | null, statement: string): Promise<string> => {
      try {
        await t.db.transaction(async (tx: Sql) => {
          if (role !== "owner") await tx.exec(`set local role ${role}`);
          if (claims) await tx.query("select set_config('request.jwt.claims', $1, true)", [JSON.stringify(claims)]);
          await tx.query(statement, statement.includes("$1") ? [fx.workspaceA] : []);
          throw done;
        });
      } catch (error) {
        return error === done ? "done" : describeDatabaseError(error);
      }
      throw new Error("unreachable");
    };
    const observed: string[] = [];
    const expected: string[] = [];
    const callers: [string, object | null, string][] = [
      ["anon", { role: "anon" }, OUTCOME.noPrivilege],
      ["authenticated", fx.personas.owner.claims, OUTCOME.noPrivilege],
      ["service_role", null, OUTCOME.noPrivilege],
      ["owner", null, "raises consentry.append_only"],
    ];
    for (const [role, claims, outcome] of callers) {
      for (const statement of statements) {
        observed.push(`${role}: ${statement} → ${await asRole(role, claims, statement)}`);
        expected.push(`${role}: ${statement} → ${outcome}`);
      }
    }
    expect(observed).toEqual(expected);

    // "owner" above is the application's own login: it owns audit_log and, on PostgreSQL, is no superuser.
    const [who] = await t.db.query<{ owns: boolean; superuser: boolean }>(
      `select pg_get_userbyid(c.relowner) = current_user as owns, r.rolsuper as superuser
       from pg_class c, pg_roles r where c.oid = 'public.audit_log'::regclass and r.rolname = current_user`,
    );
    expect(who).toEqual({ owns: true, superuser: target === "pglite" });
    // Even a superuser is refused while the triggers are on.
    const superuserUpdate = t.superuser.transaction(async (tx) => {
      await tx.query("update public.audit_log set action = 'forged' where workspace_id = $1", [fx.workspaceA]);
      throw done;
    });
    await expect(superuserUpdate).rejects.toThrow("consentry.append_only");
    expect(await digest()).toEqual(before);
  });

  it.skipIf(skip)("verify_audit_chain accepts an intact chain and names the row a superuser altered (hash_mismatch)", async () => {
    const { owner, workspaceId, rows } = await freshChain(2);
    expect(await verify(fx, owner, workspaceId)).toEqual({
      valid: true,
      checked_rows: rows.length,
      first_invalid_seq: null,
      first_invalid_id: null,
      reason: null,
    });
    const altered = rows.at(-2)!; // the first rename: neither the first row nor the last
    await tamper(t, "update public.audit_log set after = jsonb_build_object('name', 'Innocent') where id = $1", [altered.id]);
    expect(await verify(fx, owner, workspaceId)).toEqual({
      valid: false,
      checked_rows: altered.seq - 1,
      first_invalid_seq: altered.seq,
      first_invalid_id: altered.id,
      reason: "hash_mismatch",
    });
  });

  it.skipIf(skip)("a row altered and re-hashed still breaks the link of the next row (broken_link)", async () => {
    const { owner, workspaceId, rows } = await freshChain(2);
    const [rehashed, next] = [rows.at(-3)!, rows.at(-2)!];
    await tamper(
      t,
      `update public.audit_log a set actor_email = 'someone-else@example.test',
         hash = private.audit_row_hash(a.workspace_id, a.seq, a.occurred_at, a.actor_id, 'someone-else@example.test',
           a.actor_role, a.action, a.target_type, a.target_id, a.before, a.after, a.context, a.prev_hash)
       where id = $1`,
      [rehashed.id],
    );
    expect(await verify(fx, owner, workspaceId)).toEqual({
      valid: false,
      checked_rows: rehashed.seq,
      first_invalid_seq: next.seq,
      first_invalid_id: next.id,
      reason: "broken_link",
    });
  });

  it.skipIf(skip)("a removed middle row is reported at its seq (missing_row)", async () => {
    const { owner, workspaceId, rows } = await freshChain(2);
    const [removed, next] = [rows.at(-3)!, rows.at(-2)!];
    await tamper(t, "delete from public.audit_log where id = $1", [removed.id]);
    expect(await verify(fx, owner, workspaceId)).toEqual({
      valid: false,
      checked_rows: removed.seq - 1,
      first_invalid_seq: removed.seq,
      first_invalid_id: next.id,
      reason: "missing_row",
    });
  });

  it.skipIf(skip)("a removed last row is reported at its seq (truncated)", async () => {
    const { owner, workspaceId, rows } = await freshChain(2);
    const last = rows.at(-1)!;
    await tamper(t, "delete from public.audit_log where id = $1", [last.id]);
    expect(await verify(fx, owner, workspaceId)).toEqual({
      valid: false,
      checked_rows: last.seq - 1,
      first_invalid_seq: last.seq,
      first_invalid_id: null,
      reason: "truncated",
    });
  });

  it.skipIf(skip)("only legal, admins and owners verify or read a workspace's audit log", async () => {
    const readRows = "select 1 from public.audit_log where workspace_id = $1";
    for (const who of ["viewer", "editor", "outsider"] as const) {
      expect([who, await attempt(fx, who, VERIFY, [fx.workspaceA])]).toEqual([who, "raises consentry.forbidden"]);
      expect([who, await attempt(fx, who, readRows, [fx.workspaceA])]).toEqual([who, OUTCOME.zeroRows]);
    }
    expect(await attempt(fx, "anon", VERIFY, [fx.workspaceA])).toBe(OUTCOME.noPrivilege);
    for (const who of ["legal", "admin", "owner"] as const) {
      expect([who, await verify(fx, fx.personas[who], fx.workspaceA)]).toMatchObject([who, { valid: true }]);
      expect([who, await attempt(fx, who, readRows, [fx.workspaceA])]).toEqual([who, OUTCOME.allowed]);
    }
    // The outsider verifies their own workspace, and A's legal member cannot verify it.
    expect(await verify(fx, fx.personas.outsider, fx.workspaceB)).toMatchObject({ valid: true });
    expect(await attempt(fx, "legal", VERIFY, [fx.workspaceB])).toBe("raises consentry.forbidden");
  });

  it.skipIf(skip)("each workspace has its own chain: seq restarts at 1 from the genesis hash", async () => {
    // Interleave changes to A and B, then check both chains link up on their own.
    for (let i = 0; i < 2; i++) {
      await fx.as("owner", (sql) => sql.query("update public.workspaces set name = $2 where id = $1", [fx.workspaceA, `A ${i}`]));
      await fx.as("outsider", (sql) => sql.query("update public.workspaces set name = $2 where id = $1", [fx.workspaceB, `B ${i}`]));
    }
    for (const workspaceId of [fx.workspaceA, fx.workspaceB]) {
      const rows = await chain(t.superuser, workspaceId);
      expect(rows.map((row) => row.seq)).toEqual(rows.map((_, index) => index + 1));
      expect(rows[0]!.prev_hash).toBe(GENESIS);
      rows.slice(1).forEach((row, index) => expect(row.prev_hash).toBe(rows[index]!.hash));
      expect(await head(t.superuser, workspaceId)).toEqual({ seq: rows.length, hash: rows.at(-1)!.hash });
    }
    const [b1] = await chain(t.superuser, fx.workspaceB);
    expect(b1).toMatchObject({ seq: 1, action: "workspace.created", actor_id: fx.personas.outsider.id });
    expect(await verify(fx, fx.personas.owner, fx.workspaceA)).toMatchObject({ valid: true });
    expect(await verify(fx, fx.personas.outsider, fx.workspaceB)).toMatchObject({ valid: true });
  });

  it.skipIf(skip)("concurrent changes to one workspace still form one unbroken chain", async () => {
    const { owner, workspaceId, rows: initial } = await freshChain(0);
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        fx.as(owner, (sql) => sql.query("update public.workspaces set name = $2 where id = $1", [workspaceId, `Parallel ${i}`])),
      ),
    );
    const rows = await chain(t.superuser, workspaceId);
    const total = initial.length + 8;
    expect(rows.map((row) => row.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(rows.filter((row) => row.action === "workspace.updated")).toHaveLength(8);
    expect(await verify(fx, owner, workspaceId)).toMatchObject({ valid: true, checked_rows: total });
  });
});
