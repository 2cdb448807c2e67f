import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenDigest } from "@/lib/auth/tokens";
import { createTestDatabase, TEST_TARGETS, type TestDatabase } from "@/lib/testing/databases";
import {
  addMember,
  attempt,
  buildTenancyFixture,
  createAccount,
  createInvitation,
  createWorkspace,
  newPersona,
  OUTCOME,
  type TenancyFixture,
} from "@/lib/testing/tenancy-fixture";

/**
 * The rules behind the memberships and invitations rows of the RLS matrix
 * (lib/db/rls-matrix.db.test.ts), and the tenancy entry-point functions.
 */

const OK = OUTCOME.allowed;
const NONE = OUTCOME.zeroRows;
const RLS = OUTCOME.rlsViolation;
const PRIV = OUTCOME.noPrivilege;
const randomHash = () => tokenDigest(randomBytes(16).toString("hex"));


describe.each(TEST_TARGETS)("tenancy rules on $target", ({ target, skip }) => {
  let t: TestDatabase;
  let fx: TenancyFixture;
  beforeAll(async () => {
    if (skip) return;
    t = await createTestDatabase(target);
    fx = await buildTenancyFixture(t);
  });
  afterAll(async () => t?.close());

  it.skipIf(skip)("an admin manages the other roles but never makes, changes or removes an owner", async () => {
    const { workspaceA: a, personas: p } = fx;
    const cases: [string, string, unknown[], string][] = [
      ["promote the viewer to owner", "update public.memberships set role = 'owner' where workspace_id = $1 and user_id = $2 returning 1", [a, p.viewer.id], RLS],
      ["promote themself to owner", "update public.memberships set role = 'owner' where workspace_id = $1 and user_id = $2 returning 1", [a, p.admin.id], RLS],
      ["add the outsider as owner", "insert into public.memberships (workspace_id, user_id, role) values ($1, $2, 'owner') returning 1", [a, p.outsider.id], RLS],
      ["demote the owner", "update public.memberships set role = 'admin' where workspace_id = $1 and user_id = $2 returning 1", [a, p.owner.id], NONE],
      ["remove the owner", "delete from public.memberships where workspace_id = $1 and user_id = $2 returning 1", [a, p.owner.id], NONE],
      ["invite an owner", "insert into public.invitations (workspace_id, email, role, token_hash, invited_by) values ($1, 'o@example.test', 'owner', $2, $3) returning 1", [a, randomHash(), p.admin.id], RLS],
      // Controls: what an admin may do, so the refusals above are refusals of the owner role.
      ["make the viewer legal", "update public.memberships set role = 'legal' where workspace_id = $1 and user_id = $2 returning 1", [a, p.viewer.id], OK],
      ["make the editor admin", "update public.memberships set role = 'admin' where workspace_id = $1 and user_id = $2 returning 1", [a, p.editor.id], OK],
      ["remove the legal member", "delete from public.memberships where workspace_id = $1 and user_id = $2 returning 1", [a, p.legal.id], OK],
    ];
    const observed = [];
    for (const [what, text, params] of cases) observed.push([what, await attempt(fx, "admin", text, params)]);
    expect(observed).toEqual(cases.map(([what, , , outcome]) => [what, outcome]));
    // The owner may do what the admin may not.
    expect(
      await attempt(fx, "owner", "update public.memberships set role = 'owner' where workspace_id = $1 and user_id = $2 returning 1", [a, p.viewer.id]),
    ).toBe(OK);
  });

  it.skipIf(skip)("the last owner can neither leave nor be demoted; one of two owners can be removed", async () => {
    const founder = await createAccount(t.db, "founder");
    const partner = await createAccount(t.db, "partner");
    const ws = await createWorkspace(t.db, founder, "Two owners");
    const leave = "delete from public.memberships where workspace_id = $1 and user_id = $2 returning 1";
    const demote = "update public.memberships set role = 'admin' where workspace_id = $1 and user_id = $2 returning 1";

    expect(await attempt(fx, founder, leave, [ws, founder.id])).toBe("raises consentry.last_owner");
    expect(await attempt(fx, founder, demote, [ws, founder.id])).toBe("raises consentry.last_owner");

    await addMember(t.db, founder, ws, partner, "owner");
    expect(await attempt(fx, founder, demote, [ws, partner.id])).toBe(OK);
    expect(await attempt(fx, founder, leave, [ws, founder.id])).toBe(OK);
    // Committed: the partner removes the founder; now the partner is the last owner.
    await fx.as(partner, (sql) => sql.query(leave, [ws, founder.id]));
    expect(await attempt(fx, partner, leave, [ws, partner.id])).toBe("raises consentry.last_owner");
    expect(await attempt(fx, partner, demote, [ws, partner.id])).toBe("raises consentry.last_owner");
    const owners = await t.superuser.query("select user_id from public.memberships where workspace_id = $1 and role = 'owner'", [ws]);
    expect(owners).toEqual([{ user_id: partner.id }]);
  });

  it.skipIf(skip)("the last-owner rule holds for every role, also when an owner's membership is moved", async () => {
    // As the database owner (no RLS): moving the sole owner's row to another workspace removes
    // that owner from the first one, exactly like a delete.
    const founder = await createAccount(t.db, "mover");
    const other = await createAccount(t.db, "other");
    const left = await createWorkspace(t.db, founder, "Left behind");
    const elsewhere = await createWorkspace(t.db, other, "Elsewhere");
    const move = t.db.transaction(async (tx) => {
      await tx.query("update public.memberships set workspace_id = $1 where workspace_id = $2 and user_id = $3", [
        elsewhere,
        left,
        founder.id,
      ]);
      throw new Error("moved without refusal");
    });
    await expect(move).rejects.toThrow("consentry.last_owner");
  });

  it.skipIf(skip)("a membership keeps its workspace and account: callers may change only its role", async () => {
    // A's owner also owns C, so the policies alone would let them move A's members to C.
    const c = await createWorkspace(t.db, fx.personas.owner, "C of A's owner");
    const { workspaceA: a, personas: p } = fx;
    expect(
      await attempt(fx, "owner", "update public.memberships set workspace_id = $1 where workspace_id = $2 and user_id = $3 returning 1", [c, a, p.editor.id]),
    ).toBe(PRIV);
    expect(
      await attempt(fx, "owner", "update public.memberships set user_id = $1 where workspace_id = $2 and user_id = $3 returning 1", [p.outsider.id, a, p.editor.id]),
    ).toBe(PRIV);
    expect(
      await attempt(fx, "owner", "update public.memberships set role = 'viewer' where workspace_id = $1 and user_id = $2 returning 1", [a, p.editor.id]),
    ).toBe(OK);
  });

  it.skipIf(skip)("invitations: only an owner revokes or deletes an owner invitation; none moves or marks one accepted", async () => {
    const { workspaceA: a, personas: p } = fx;
    const ownerInvite = await createInvitation(t.db, p.owner, a, `co-owner.${randomBytes(3).toString("hex")}@example.test`, "owner");
    const revoke = "update public.invitations set revoked_at = now() where id = $1 returning 1";
    const remove = "delete from public.invitations where id = $1 returning 1";
    expect(await attempt(fx, "admin", revoke, [ownerInvite.id])).toBe(NONE);
    expect(await attempt(fx, "admin", remove, [ownerInvite.id])).toBe(NONE);
    expect(await attempt(fx, "owner", revoke, [ownerInvite.id])).toBe(OK);
    expect(await attempt(fx, "owner", remove, [ownerInvite.id])).toBe(OK);
    expect(
      await attempt(fx, "admin", "update public.invitations set role = 'owner' where id = $1 returning 1", [fx.invitation.id]),
    ).toBe(RLS);

    const c = await createWorkspace(t.db, p.admin, "C of A's admin");
    expect(
      await attempt(fx, "admin", "update public.invitations set workspace_id = $1 where id = $2 returning 1", [c, fx.invitation.id]),
    ).toBe(PRIV);
    expect(
      await attempt(fx, "owner", "update public.invitations set accepted_by = $1, accepted_at = now() where id = $2 returning 1", [p.owner.id, fx.invitation.id]),
    ).toBe(PRIV);
  });

  it.skipIf(skip)("accept_invitation admits the invited address once, and nobody else", async () => {
    const { workspaceA: a, personas: p } = fx;
    const tag = randomBytes(3).toString("hex");
    const email = `joiner.${tag}@example.test`;
    const invitation = await createInvitation(t.db, p.owner, a, email, "legal");
    const accept = "select public.accept_invitation($1) as workspace_id";

    // Another signed-in address is refused, and nothing changes.
    expect(await attempt(fx, "outsider", accept, [invitation.token])).toBe("raises consentry.invitation_other_email");
    expect(await attempt(fx, "anon", accept, [invitation.token])).toBe(PRIV);
    expect(await attempt(fx, "viewer", accept, ["not-a-token"])).toBe("raises consentry.invitation_invalid");

    // The invited address (its case does not matter) joins with the invited role.
    const joiner = await createAccount(t.db, "joiner", email.toUpperCase());
    const [joined] = await fx.as(joiner, (sql) => sql.query<{ workspace_id: string }>(accept, [invitation.token]));
    expect(joined?.workspace_id).toBe(a);
    const [member] = await fx.as(joiner, (sql) =>
      sql.query("select role from public.memberships where workspace_id = $1 and user_id = $2", [a, joiner.id]),
    );
    expect(member).toEqual({ role: "legal" });
    const [state] = await t.superuser.query("select accepted_by, accepted_at is not null as accepted from public.invitations where id = $1", [
      invitation.id,
    ]);
    expect(state).toEqual({ accepted_by: joiner.id, accepted: true });

    // Used once: neither the same account nor another account of that address can reuse it.
    expect(await attempt(fx, joiner, accept, [invitation.token])).toBe("raises consentry.invitation_used");
    const twin = await createAccount(t.db, "twin", email);
    expect(await attempt(fx, twin, accept, [invitation.token])).toBe("raises consentry.invitation_used");
  });

  it.skipIf(skip)("accept_invitation refuses revoked and expired invitations, members, and accounts without a profile", async () => {
    const { workspaceA: a, personas: p } = fx;
    const tag = randomBytes(3).toString("hex");
    const accept = "select public.accept_invitation($1) as workspace_id";

    const revokedEmail = `revoked.${tag}@example.test`;
    const revoked = await createInvitation(t.db, p.admin, a, revokedEmail, "viewer");
    await fx.as("admin", (sql) => sql.query("update public.invitations set revoked_at = now() where id = $1", [revoked.id]));
    const revokedInvitee = await createAccount(t.db, "revoked-invitee", revokedEmail);
    expect(await attempt(fx, revokedInvitee, accept, [revoked.token])).toBe("raises consentry.invitation_invalid");

    const expiredEmail = `expired.${tag}@example.test`;
    const expired = await createInvitation(t.db, p.owner, a, expiredEmail, "viewer", { expiresAt: new Date(Date.now() - 60_000) });
    const expiredInvitee = await createAccount(t.db, "expired-invitee", expiredEmail);
    expect(await attempt(fx, expiredInvitee, accept, [expired.token])).toBe("raises consentry.invitation_expired");

    const memberInvite = await createInvitation(t.db, p.owner, a, p.viewer.email, "editor");
    expect(await attempt(fx, "viewer", accept, [memberInvite.token])).toBe("raises consentry.already_member");

    // Signed in, but the account never created its profile.
    const ghostEmail = `ghost.${tag}@example.test`;
    const ghostInvite = await createInvitation(t.db, p.owner, a, ghostEmail, "viewer");
    const ghost = newPersona("ghost", ghostEmail);
    expect(await attempt(fx, ghost, accept, [ghostInvite.token])).toBe("raises consentry.profile_missing");

    const [counts] = await t.superuser.query<{ n: number }>(
      "select count(*)::int as n from public.memberships where user_id = any ($1)",
      [[revokedInvitee.id, expiredInvitee.id, ghost.id]],
    );
    expect(counts?.n).toBe(0);
  });

  it.skipIf(skip)("invitation_preview tells the link's holder, signed in or not, who invited whom where; afterwards only the status", async () => {
    const { workspaceA: a, personas: p } = fx;
    const email = `peek.${randomBytes(3).toString("hex")}@example.test`;
    const invitation = await createInvitation(t.db, p.owner, a, email, "viewer");
    const preview = "select workspace_name, role, email, invited_by_name, invited_by_email, status from public.invitation_preview($1)";
    const [workspace] = await t.superuser.query<{ name: string }>("select name from public.workspaces where id = $1", [a]);
    const byAnon = (token: string) => fx.asAnon((sql) => sql.query(preview, [token]));
    const pending = { workspace_name: workspace!.name, role: "viewer", email, invited_by_name: "Fixture owner", invited_by_email: p.owner.email, status: "pending" };

    expect(await byAnon(invitation.token)).toEqual([pending]);
    expect(await fx.as("outsider", (sql) => sql.query(preview, [invitation.token]))).toEqual([pending]);
    expect(await byAnon("not-a-token-but-long-enough")).toEqual([]);
    expect(await byAnon("short")).toEqual([]);
    // Nothing else opens to anon: the invitations themselves stay closed.
    expect(await attempt(fx, "anon", "select 1 from public.invitations")).toBe(PRIV);

    const gone = { workspace_name: null, role: null, email: null, invited_by_name: null, invited_by_email: null };
    await fx.as("owner", (sql) => sql.query("update public.invitations set revoked_at = now() where id = $1", [invitation.id]));
    expect(await byAnon(invitation.token)).toEqual([{ ...gone, status: "revoked" }]);
    const expired = await createInvitation(t.db, p.owner, a, email, "viewer", { expiresAt: new Date(Date.now() - 60_000) });
    expect(await byAnon(expired.token)).toEqual([{ ...gone, status: "expired" }]);
    const accepted = await createInvitation(t.db, p.owner, a, email, "viewer");
    const invitee = await createAccount(t.db, "peeked", email);
    await fx.as(invitee, (sql) => sql.query("select public.accept_invitation($1)", [accepted.token]));
    expect(await byAnon(accepted.token)).toEqual([{ ...gone, status: "accepted" }]);
  });

  it.skipIf(skip)("create_workspace makes the caller its owner; anon and accounts without a profile cannot", async () => {
    const founder = await createAccount(t.db, "creator");
    const ws = await createWorkspace(t.db, founder, "Created");
    const [row] = await fx.as(founder, (sql) =>
      sql.query(
        `select w.created_by, m.role from public.workspaces w
         join public.memberships m on m.workspace_id = w.id and m.user_id = $2 where w.id = $1`,
        [ws, founder.id],
      ),
    );
    expect(row).toEqual({ created_by: founder.id, role: "owner" });
    expect(await attempt(fx, "outsider", "select 1 from public.workspaces where id = $1", [ws])).toBe(NONE);

    const create = "select public.create_workspace('Nope', 'Nope Ltd.', '3 Example Street') as id";
    expect(await attempt(fx, "anon", create)).toBe(PRIV);
    expect(await attempt(fx, newPersona("no-profile"), create)).toBe("raises consentry.profile_missing");
    expect(await attempt(fx, founder, "select public.create_workspace(' ', 'X Ltd.', '3 Example Street') as id")).toMatch(/^error 23514/);
  });

  it.skipIf(skip)("a preview link lives at most 30 days: its creation time cannot be supplied", async () => {
    const editor = fx.personas.editor.id;
    const [draft] = await fx.as("editor", (sql) =>
      sql.query<{ id: string }>(
        `insert into public.experiences (workspace_id, name, kind, document, created_by, updated_by)
         values ($1, 'Draft', 'banner', '{}', $2, $2) returning id`,
        [fx.workspaceA, editor],
      ),
    );
    const link = (expiresIn: string, createdAt: string | null) => ({
      text: `insert into public.experience_preview_links (workspace_id, experience_id, token_hash, expires_at, created_by${createdAt ? ", created_at" : ""})
             values ($1, $2, $3, now() + $4::interval, $5${createdAt ? ", now() + $6::interval" : ""}) returning 1`,
      params: [fx.workspaceA, draft!.id, randomHash(), expiresIn, editor, ...(createdAt ? [createdAt] : [])],
    });
    const tryLink = (expiresIn: string, createdAt: string | null) => {
      const { text, params } = link(expiresIn, createdAt);
      return attempt(fx, "editor", text, params);
    };
    expect(await tryLink("7 days", null)).toBe(OK);
    expect(await tryLink("31 days", null)).toMatch(/^error 23514/);
    expect(await tryLink("100 years", "100 years - 1 day")).toBe(PRIV);
  });

  it.skipIf(skip)("a signed-in account creates its own profile only", async () => {
    const fresh = newPersona("fresh");
    const insert = "insert into public.profiles (id, email) values ($1, $2) returning 1";
    expect(await attempt(fx, fresh, insert, [fresh.id, fresh.email])).toBe(OK);
    expect(await attempt(fx, fresh, insert, [randomUUID(), fresh.email])).toBe(RLS);
    expect(await attempt(fx, "anon", insert, [fresh.id, fresh.email])).toBe(PRIV);
  });
});
