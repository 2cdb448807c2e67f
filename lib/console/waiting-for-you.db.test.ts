import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, createNoticeAs, doc, purposeIds, updateVersion } from "@/lib/notices/test-support";
import { createTestDatabase, TEST_TARGETS, type TestDatabase } from "@/lib/testing/databases";
import { buildTenancyFixture, type PersonaName, type TenancyFixture } from "@/lib/testing/tenancy-fixture";
import { DATA_REQUEST_DEADLINE_DAYS, waitingForYou, type WaitingItem } from "./waiting-for-you";

/**
 * The overview's "Waiting for you" list, per role, run as the caller under RLS: legal and owners
 * are asked to review versions they did not write; the author is told of the refusal and of a
 * draft that cannot be approved yet; owners and admins of data requests nearing their deadline.
 */

describe.each(TEST_TARGETS)("waiting for you on $target", ({ target, skip }) => {
  let t: TestDatabase;
  let fx: TenancyFixture;
  let reviewed: { noticeId: string; versionId: string };
  let draft: { noticeId: string; versionId: string };
  const kinds = (items: WaitingItem[]) => items.map((item) => item.kind).sort();
  // The outsider claims to be an owner: only RLS stands between them and workspace A.
  const waitingOf = (who: PersonaName) => fx.as(who, (sql) => waitingForYou(sql, fx.workspaceA, who === "outsider" ? "owner" : who));

  beforeAll(async () => {
    if (skip) return;
    t = await createTestDatabase(target);
    fx = await buildTenancyFixture(t);
    const { marketing } = await purposeIds(fx, ["marketing"]);
    reviewed = await createNoticeAs(fx, "editor", { name: "Reviewed notice" });
    await fx.as("editor", async (sql) => {
      await updateVersion(sql, reviewed.versionId, { content: { en: doc("We send offers.") }, purpose_ids: [marketing] });
      await sql.query(call.submit, [reviewed.versionId]);
    });
    draft = await createNoticeAs(fx, "editor", { name: "Unfinished notice" });
    // Data requests: one received 25 days ago (due in 5), one 10 days ago, one 25 days ago but answered.
    await t.superuser.query(
      `with s as (insert into public.subjects (workspace_id) values ($1) returning id)
       insert into public.data_subject_requests (workspace_id, subject_id, identifier_kind, kind, status, created_at)
       select $1, s.id, 'email', kind, status, now() - make_interval(days => age)
       from s, (values ('access', 'received', 25), ('deletion', 'in_progress', 10), ('correction', 'completed', 25)) r(kind, status, age)`,
      [fx.workspaceA],
    );
  });
  afterAll(async () => t?.close());

  it.skipIf(skip)("legal and owners are asked to review; the author is not; admins and viewers are not reviewers", async () => {
    const review = { kind: "review", noticeId: reviewed.noticeId, versionId: reviewed.versionId, noticeName: "Reviewed notice", number: 1 };
    expect((await waitingOf("legal")).filter((item) => item.kind === "review")).toEqual([expect.objectContaining(review)]);
    expect((await waitingOf("owner")).filter((item) => item.kind === "review")).toEqual([expect.objectContaining(review)]);
    for (const who of ["editor", "admin", "viewer"] as const) expect(kinds(await waitingOf(who))).not.toContain("review");
  });

  it.skipIf(skip)("designers are told of drafts that cannot be approved yet, then of the refusal", async () => {
    const unfinished = (await waitingOf("editor")).find((item) => item.kind === "notice_draft");
    expect(unfinished).toMatchObject({ versionId: draft.versionId, noticeName: "Unfinished notice" });
    expect(unfinished && "problems" in unfinished ? unfinished.problems : 0).toBeGreaterThan(0);
    expect(kinds(await waitingOf("legal"))).toEqual(["review"]);

    await fx.as("legal", (sql) => sql.query(call.reject, [reviewed.versionId, "Say how often."]));
    const editor = await waitingOf("editor");
    expect(editor.filter((item) => item.kind === "rejected")).toEqual([expect.objectContaining({ versionId: reviewed.versionId })]);
    expect(kinds(await waitingOf("legal"))).toEqual([]);
  });

  it.skipIf(skip)("owners and admins see open data requests within a week of their deadline, not answered or recent ones", async () => {
    for (const who of ["owner", "admin"] as const) {
      const requests = (await waitingOf(who)).filter((item) => item.kind === "data_request");
      expect(requests).toEqual([expect.objectContaining({ requestKind: "access" })]);
      const due = requests[0]!.kind === "data_request" ? requests[0]!.due : null;
      expect(Math.round((new Date(due!).getTime() - Date.now()) / 86_400_000)).toBe(DATA_REQUEST_DEADLINE_DAYS - 25);
    }
    for (const who of ["editor", "legal", "viewer"] as const) expect(kinds(await waitingOf(who))).not.toContain("data_request");
  });

  it.skipIf(skip)("RLS decides: someone outside the workspace sees nothing, whatever role is claimed", async () => {
    expect(await waitingOf("outsider")).toEqual([]);
  });
});
