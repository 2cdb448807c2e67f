import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, Sql } from "@/lib/db/types";
import { createTestDatabase, TEST_TARGETS, type TestDatabase } from "@/lib/testing/databases";
import { attempt, buildTenancyFixture, describeDatabaseError, OUTCOME, type PersonaName, type TenancyFixture } from "@/lib/testing/tenancy-fixture";
import { noticeVersionHash } from "./content-hash";
import type { Jurisdiction, NoticeContent } from "./schemas";
import { call, controllerOf, createNoticeAs, doc, editVersion, purposeIds, storedVersion, type StoredVersion } from "./test-support";

/**
 * An approved notice version is what a regulator asks about: who approved which text, when,
 * and whether anyone could have changed it since. Nobody can — not the API roles, not the
 * service role, not the table owner — and the hash and the audit log show it if a superuser did.
 */

const NONE = OUTCOME.zeroRows;
const PRIV = OUTCOME.noPrivilege;
const IMMUTABLE = "raises consentry.approved_immutable";

interface AuditRow {
  seq: number;
  action: string;
  actor_id: string | null;
  actor_email: string | null;
  actor_role: string;
  target_id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** Runs one statement as the database role `role` (no JWT) and rolls it back; describes the outcome. */
async function attemptAsRole(db: Database, role: "service_role" | null, text: string, params: unknown[] = []): Promise<string> {
  const rolledBack = new Error("rolled back");
  try {
    await db.transaction(async (tx: Sql) => {
      if (role) await tx.exec(`set local role ${role}`);
      const rows = await tx.query(text, params);
      throw Object.assign(rolledBack, { rows: rows.length });
    });
  } catch (error) {
    if (error === rolledBack) return (rolledBack as Error & { rows: number }).rows > 0 ? OUTCOME.allowed : NONE;
    return describeDatabaseError(error);
  }
  throw new Error("unreachable");
}

function recomputedHash(row: StoredVersion): string {
  return noticeVersionHash({
    noticeId: row.notice_id,
    number: row.number,
    content: row.content as NoticeContent,
    rightsStatement: row.rights_statement,
    purposeStatements: row.purpose_statements,
    purposeIds: row.purpose_ids,
    jurisdictions: row.jurisdictions as Jurisdiction[],
    materialChange: row.material_change,
  });
}

describe.each(TEST_TARGETS)("approved notice versions on $target", ({ target, skip }) => {
  let t: TestDatabase;
  let fx: TenancyFixture;
  let noticeId: string;
  let approvedId: string;
  let approved: StoredVersion;
  beforeAll(async () => {
    if (skip) return;
    t = await createTestDatabase(target);
    fx = await buildTenancyFixture(t);
    const controller = await controllerOf(fx);
    const { marketing } = (await purposeIds(fx, ["marketing"])) as { marketing: string };
    ({ noticeId, versionId: approvedId } = await createNoticeAs(fx, "editor", { locales: ["en", "zh-CN"] }));
    // Text with the characters a canonical form must get right: quotes, backslashes, line
    // breaks, CJK, emoji, marks, nested lists.
    await editVersion(fx, "editor", approvedId, {
      content: {
        en: {
          type: "doc",
          content: [
            { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: 'The "controller" \\ you' }] },
            { type: "paragraph", content: [{ type: "text", text: controller.entity, marks: [{ type: "bold" }] }, { type: "hardBreak" }, { type: "text", text: controller.contact }] },
            { type: "orderedList", attrs: { start: 3 }, content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "Tab\there, emoji 🍪" }] }] }] },
          ],
        },
        "zh-CN": doc(`${controller.entity}（个人信息处理者），地址：${controller.contact}`, "我们如何使用您的信息。"),
      },
      purpose_ids: [marketing],
      jurisdictions: ["EU"],
      rights_statement: { en: "Write to us.", "zh-CN": "请来信。" },
      purpose_statements: { [marketing]: { en: "Offers by email." } },
      material_change: true,
      change_summary: "First approved text",
    });
    await fx.as("editor", (sql) => sql.query(call.submit, [approvedId]));
    await fx.as("legal", (sql) => sql.query(call.approve, [approvedId]));
    approved = await storedVersion(t.superuser, approvedId);
  });
  afterAll(async () => t?.close());

  const unchanged = async () => expect(await storedVersion(t.superuser, approvedId)).toEqual(approved);

  it.skipIf(skip)("content_hash is the SHA-256 of the canonical approved version, recomputed outside the database", async () => {
    expect(approved.status).toBe("approved");
    expect(approved.content_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(recomputedHash(approved)).toBe(approved.content_hash);
    // A change of one character anywhere in what is hashed changes the hash.
    const touched = structuredClone(approved);
    (touched.rights_statement as Record<string, string>)["zh-CN"] = "请来信！";
    expect(recomputedHash(touched)).not.toBe(approved.content_hash);
    const [verdict] = await fx.as("viewer", (sql) => sql.query("select * from public.verify_notice_version($1)", [approvedId]));
    expect(verdict).toEqual({ valid: true, status: "approved", stored_hash: approved.content_hash, computed_hash: approved.content_hash, audited_hash: approved.content_hash });
  });

  it.skipIf(skip)("no API role changes or deletes it: anon lacks the privilege, every member's statement finds no row", async () => {
    const statements: [string, unknown[]][] = [
      ["update public.notice_versions set change_summary = 'Quietly edited' where id = $1 returning 1", [approvedId]],
      [`update public.notice_versions set content = '{"en": {"type": "doc", "content": []}}' where id = $1 returning 1`, [approvedId]],
      ["delete from public.notice_versions where id = $1 returning 1", [approvedId]],
      ["delete from public.notices where id = $1 returning 1", [noticeId]],
    ];
    const roles: ("anon" | PersonaName)[] = ["anon", "outsider", "viewer", "editor", "legal", "admin", "owner"];
    const observed: string[] = [];
    for (const role of roles) for (const [text, params] of statements) observed.push(`${role}: ${await attempt(fx, role, text, params)}`);
    expect(observed).toEqual(roles.flatMap((role) => statements.map(() => `${role}: ${role === "anon" ? PRIV : NONE}`)));
    // Status and review columns are not even grantable to them (lifecycle.db.test.ts covers every column).
    expect(await attempt(fx, "owner", "update public.notice_versions set status = 'draft' where id = $1 returning 1", [approvedId])).toBe(PRIV);
    await unchanged();
  });

  it.skipIf(skip)("the service role reads it, and even granted every privilege cannot change, delete or truncate it", async () => {
    expect(await attemptAsRole(t.db, "service_role", "select 1 from public.notice_versions where id = $1", [approvedId])).toBe(OUTCOME.allowed);
    expect(await attemptAsRole(t.db, "service_role", "update public.notice_versions set change_summary = 'x' where id = $1 returning 1", [approvedId])).toBe(PRIV);
    expect(await attemptAsRole(t.db, "service_role", "delete from public.notice_versions where id = $1 returning 1", [approvedId])).toBe(PRIV);
    // As on Supabase, where the service role holds everything on public tables by default.
    await t.superuser.exec("grant all on public.notices, public.notice_versions to service_role");
    try {
      expect(await attemptAsRole(t.db, "service_role", "update public.notice_versions set change_summary = 'x' where id = $1 returning 1", [approvedId])).toBe(IMMUTABLE);
      expect(await attemptAsRole(t.db, "service_role", "update public.notice_versions set status = 'draft', content_hash = null where id = $1 returning 1", [approvedId])).toBe(IMMUTABLE);
      expect(await attemptAsRole(t.db, "service_role", "delete from public.notice_versions where id = $1 returning 1", [approvedId])).toBe(IMMUTABLE);
      expect(await attemptAsRole(t.db, "service_role", "delete from public.notices where id = $1 returning 1", [noticeId])).toBe(IMMUTABLE);
      expect(await attemptAsRole(t.db, "service_role", "truncate public.notice_versions")).toBe(IMMUTABLE);
    } finally {
      await t.superuser.exec("revoke all on public.notices, public.notice_versions from service_role; grant select on public.notices, public.notice_versions to service_role");
    }
    await unchanged();
  });

  it.skipIf(skip)("the table owner (the migrating role, not a superuser on PostgreSQL) cannot change, delete or truncate it either", async () => {
    const [owner] = await t.db.query<{ owns: boolean }>("select pg_get_userbyid(relowner) = current_user as owns from pg_class where oid = 'public.notice_versions'::regclass");
    expect(owner?.owns).toBe(true);
    const statements = [
      "update public.notice_versions set change_summary = 'x' where id = $1 returning 1",
      `update public.notice_versions set content = jsonb_set(content, '{en,content,0,content,0,text}', '"Edited"') where id = $1 returning 1`,
      "update public.notice_versions set status = 'draft', content_hash = null, reviewed_by = null where id = $1 returning 1",
      "update public.notice_versions set reviewed_by = author_id where id = $1 returning 1",
      "update public.notice_versions set content_hash = repeat('0', 64) where id = $1 returning 1",
      "delete from public.notice_versions where id = $1 returning 1",
    ];
    for (const text of statements) expect(`${text} → ${await attemptAsRole(t.db, null, text, [approvedId])}`).toBe(`${text} → ${IMMUTABLE}`);
    expect(await attemptAsRole(t.db, null, "delete from public.notices where id = $1 returning 1", [noticeId])).toBe(IMMUTABLE);
    expect(await attemptAsRole(t.db, null, "truncate public.notice_versions")).toBe(IMMUTABLE);
    expect(await attemptAsRole(t.db, null, "truncate public.notices cascade")).toBe(IMMUTABLE);
    await unchanged();
  });

  it.skipIf(skip)("the table owner cannot forge an approval either: no approved inserts, no reviewer who wrote it, no wrong hash", async () => {
    const { versionId, noticeId: other } = await createNoticeAs(fx, "editor");
    expect(
      await attemptAsRole(t.db, null, "insert into public.notice_versions (workspace_id, notice_id, number, author_id, status, submitted_at, reviewed_by, reviewed_at, content_hash) values ($1, $2, 2, $3, 'approved', now(), $4, now(), repeat('0', 64)) returning 1", [
        fx.workspaceA,
        other,
        fx.personas.editor.id,
        fx.personas.legal.id,
      ]),
    ).toBe("raises consentry.notice_wrong_status");
    expect(await attemptAsRole(t.db, null, "update public.notice_versions set status = 'approved', content_hash = repeat('0', 64), reviewed_by = $2, reviewed_at = now() where id = $1 returning 1", [versionId, fx.personas.legal.id])).toBe("raises consentry.notice_wrong_status");
    await t.db.query("update public.notice_versions set status = 'in_review', submitted_at = now() where id = $1", [versionId]);
    const row = await storedVersion(t.db, versionId);
    const forge = "update public.notice_versions set status = 'approved', content_hash = $3, reviewed_by = $2, reviewed_at = now() where id = $1 returning 1";
    expect(await attemptAsRole(t.db, null, forge, [versionId, fx.personas.editor.id, recomputedHash(row)])).toBe("raises consentry.four_eyes");
    expect(await attemptAsRole(t.db, null, forge, [versionId, fx.personas.legal.id, "0".repeat(64)])).toBe("raises consentry.notice_hash_mismatch");
  });

  it.skipIf(skip)("in-review and rejected versions are history: the table owner cannot delete them", async () => {
    const review = await createNoticeAs(fx, "editor");
    await fx.as("editor", (sql) => sql.query(call.submit, [review.versionId]));
    expect(await attemptAsRole(t.db, null, "delete from public.notice_versions where id = $1 returning 1", [review.versionId])).toBe("raises consentry.notice_version_history");
    await fx.as("legal", (sql) => sql.query(call.reject, [review.versionId, "No purposes."]));
    expect(await attemptAsRole(t.db, null, "delete from public.notice_versions where id = $1 returning 1", [review.versionId])).toBe("raises consentry.notice_version_history");
    expect(await attemptAsRole(t.db, null, "update public.notice_versions set status = 'draft' where id = $1 returning 1", [review.versionId])).toBe(OUTCOME.allowed);
  });

  it.skipIf(skip)("what a superuser changes with triggers off is found: the stored hash, the recomputation and the audit log disagree", async () => {
    const { versionId } = await createNoticeAs(fx, "editor");
    const controller = await controllerOf(fx);
    const { marketing } = (await purposeIds(fx, ["marketing"])) as { marketing: string };
    await editVersion(fx, "editor", versionId, { content: { en: doc(`${controller.entity} ${controller.contact}`) }, purpose_ids: [marketing] });
    await fx.as("editor", (sql) => sql.query(call.submit, [versionId]));
    await fx.as("owner", (sql) => sql.query(call.approve, [versionId]));
    const before = await storedVersion(t.superuser, versionId);
    await t.superuser.transaction(async (tx) => {
      await tx.exec("set local session_replication_role = replica");
      await tx.query(`update public.notice_versions set content = '{"en": {"type": "doc", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "Something else"}]}]}}' where id = $1`, [versionId]);
    });
    const after = await storedVersion(t.superuser, versionId);
    expect(after.content_hash).toBe(before.content_hash);
    expect(recomputedHash(after)).not.toBe(after.content_hash);
    const [verdict] = await fx.as("legal", (sql) => sql.query("select * from public.verify_notice_version($1)", [versionId]));
    expect(verdict).toMatchObject({ valid: false, stored_hash: before.content_hash, audited_hash: before.content_hash });
    expect((verdict as { computed_hash: string }).computed_hash).toBe(recomputedHash(after));
  });

  it.skipIf(skip)("the audit log records created, submitted, rejected, approved with their actor, once each, without the text", async () => {
    const { versionId } = await createNoticeAs(fx, "editor");
    const controller = await controllerOf(fx);
    const { marketing } = (await purposeIds(fx, ["marketing"])) as { marketing: string };
    await editVersion(fx, "editor", versionId, { content: { en: doc(`${controller.entity} ${controller.contact} AUDIT-MARKER`) }, purpose_ids: [marketing] });
    await fx.as("editor", (sql) => sql.query(call.submit, [versionId]), { requestId: "req-submit" });
    await fx.as("legal", (sql) => sql.query(call.reject, [versionId, "Shorter, please."]));
    await editVersion(fx, "admin", versionId, { change_summary: "Shorter" });
    await fx.as("admin", (sql) => sql.query(call.submit, [versionId]));
    await fx.as("legal", (sql) => sql.query(call.approve, [versionId]));
    const version = await storedVersion(t.superuser, versionId);

    const rows = await t.superuser.query<AuditRow & { context: Record<string, unknown> }>(
      "select seq, action, actor_id, actor_email, actor_role, target_id, before, after, context from public.audit_log where target_type = 'notice_version' and target_id = $1 order by seq",
      [versionId],
    );
    const { editor, legal, admin } = fx.personas;
    expect(rows.map((row) => [row.action, row.actor_id, row.actor_email])).toEqual([
      ["notice_version.created", editor.id, editor.email],
      ["notice_version.updated", editor.id, editor.email],
      ["notice_version.submitted", editor.id, editor.email],
      ["notice_version.rejected", legal.id, legal.email],
      ["notice_version.updated", admin.id, admin.email], // the edit that reopened it as a draft
      ["notice_version.submitted", admin.id, admin.email],
      ["notice_version.approved", legal.id, legal.email],
    ]);
    const [, , submitted, rejected, reopened, , approval] = rows;
    expect(submitted).toMatchObject({ actor_role: "authenticated", before: { status: "draft" }, after: { status: "in_review", number: 1 } });
    expect(submitted!.context).toMatchObject({ requestId: "req-submit" });
    expect(rejected).toMatchObject({ before: { status: "in_review" }, after: { status: "rejected", reviewed_by: legal.id, review_comment: "Shorter, please." } });
    expect(reopened).toMatchObject({ before: { status: "rejected", change_summary: "" }, after: { status: "draft", change_summary: "Shorter" } });
    expect(approval).toMatchObject({
      before: { status: "in_review" },
      after: { status: "approved", reviewed_by: legal.id, content_hash: version.content_hash, notice_id: version.notice_id, number: 1 },
    });
    // The text itself stays out of the log: the hash stands for it.
    expect(JSON.stringify(rows)).not.toContain("AUDIT-MARKER");
    const [chain] = await fx.as("owner", (sql) => sql.query<{ valid: boolean }>("select valid from public.verify_audit_chain($1)", [fx.workspaceA]));
    expect(chain?.valid).toBe(true);
  });
});
