import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedTargets, type Seed } from "@/lib/testing/rls-seed";
import { createTestDatabase, TEST_TARGETS, type TestDatabase } from "@/lib/testing/databases";
import { buildTenancyFixture, describeDatabaseError, type PersonaName, type TenancyFixture } from "@/lib/testing/tenancy-fixture";
import type { Sql } from "./types";

/**
 * Issue 15, item 7 (read oracles): no function that anon or a signed-in user may call answers
 * anything about a workspace the caller does not belong to. Every such function that takes an id
 * (or a payload naming a workspace) is listed below, and called by the outsider (a signed-in
 * owner of workspace B) with workspace A's real ids and with ids that exist nowhere: the call
 * must be refused, or answer exactly as it does for the ids that exist nowhere. A function
 * missing from these lists fails the first test, so a new one cannot slip by unreviewed.
 */

interface Call {
  text: string;
  params: unknown[];
}
/** The call aimed at A's rows (`real`) or at ids that exist nowhere. */
type Probe = (seed: Seed, fx: TenancyFixture, real: boolean) => Call;

const id = (real: boolean, value: string) => (real ? value : randomUUID());

const GUARDED: Record<string, Probe> = {
  "private.can_manage_role": (_, fx, real) => ({ text: "select private.can_manage_role($1, 'viewer') as r", params: [id(real, fx.workspaceA)] }),
  "private.notice_has_history": (seed, _, real) => ({ text: "select private.notice_has_history($1) as r", params: [id(real, seed.noticeId)] }),
  "public.approve_notice_version": (seed, _, real) => ({ text: "select public.approve_notice_version($1) as r", params: [id(real, seed.noticeVersionId)] }),
  "public.create_notice": (_, fx, real) => ({
    text: "select public.create_notice($1, 'Probe', 'privacy_notice', 'en', '{en}') is not null as r",
    params: [id(real, fx.workspaceA)],
  }),
  "public.create_notice_version": (seed, _, real) => ({ text: "select public.create_notice_version($1) is not null as r", params: [id(real, seed.noticeId)] }),
  "public.decision_inputs": (_, fx, real) => ({ text: "select public.decision_inputs($1, '[]'::jsonb) as r", params: [id(real, fx.workspaceA)] }),
  "public.destination_health": (_, fx, real) => ({ text: "select * from public.destination_health($1, now() - interval '1 day')", params: [id(real, fx.workspaceA)] }),
  "public.destination_secrets": (seed, _, real) => ({ text: "select * from public.destination_secrets($1)", params: [id(real, seed.sync.destinationId)] }),
  "public.event_propagation": (seed, fx, real) => ({
    text: "select * from public.event_propagation($1, array[$2::uuid])",
    params: [id(real, fx.workspaceA), id(real, seed.ledger.eventId)],
  }),
  "public.find_subject": (_, fx, real) => ({ text: "select public.find_subject($1, 'email', 'matrix.subject@example.test') as r", params: [id(real, fx.workspaceA)] }),
  "public.is_sms_opt_out_keyword": (seed, fx, real) => ({ text: "select public.is_sms_opt_out_keyword($1, $2) as r", params: [id(real, fx.workspaceA), seed.ledger.keyword] }),
  "public.log_records_export": (_, fx, real) => ({
    text: "select public.log_records_export($1, 'started', gen_random_uuid(), 'csv', '{}'::jsonb, 0) as r",
    params: [id(real, fx.workspaceA)],
  }),
  "public.notice_version_problems": (seed, _, real) => ({ text: "select public.notice_version_problems($1) as r", params: [id(real, seed.noticeVersionId)] }),
  "public.publish_experience": (seed, _, real) => ({
    text: `select public.publish_experience($1, '{"kind": "banner", "schemaVersion": 2}'::jsonb, '{}'::jsonb, false) is not null as r`,
    params: [id(real, seed.publishedExperienceId)],
  }),
  "public.record_operator_consent": (seed, fx, real) => ({
    text: "select public.record_operator_consent($1::jsonb) is not null as r",
    params: [
      JSON.stringify({
        workspaceId: id(real, fx.workspaceA),
        subjectId: id(real, seed.ledger.subjectId),
        channel: "phone",
        method: "operator_entry",
        decisions: [{ purposeId: id(real, seed.purposeId), state: "withdrawn" }],
      }),
    ],
  }),
  "public.reject_notice_version": (seed, _, real) => ({ text: "select public.reject_notice_version($1, 'No.') as r", params: [id(real, seed.noticeVersionId)] }),
  "public.replay_deliveries": (seed, _, real) => ({
    text: "select public.replay_deliveries($1, now() - interval '1 day', now(), null) as r",
    params: [id(real, seed.sync.destinationId)],
  }),
  "public.retry_delivery": (seed, _, real) => ({ text: "select public.retry_delivery($1) as r", params: [id(real, seed.sync.deliveryId)] }),
  "public.send_test_delivery": (seed, _, real) => ({ text: "select public.send_test_delivery($1) is not null as r", params: [id(real, seed.sync.destinationId)] }),
  "public.set_live_experience_version": (seed, _, real) => ({
    text: "select public.set_live_experience_version($1, $2) as r",
    params: [id(real, seed.publishedExperienceId), id(real, seed.experienceVersionId)],
  }),
  "public.submit_notice_version": (seed, _, real) => ({ text: "select public.submit_notice_version($1) as r", params: [id(real, seed.noticeVersionId)] }),
  "public.verify_audit_chain": (_, fx, real) => ({ text: "select public.verify_audit_chain($1) as r", params: [id(real, fx.workspaceA)] }),
  "public.verify_consent_ledger": (_, fx, real) => ({ text: "select public.verify_consent_ledger($1) as r", params: [id(real, fx.workspaceA)] }),
  "public.verify_notice_version": (seed, _, real) => ({ text: "select public.verify_notice_version($1) as r", params: [id(real, seed.noticeVersionId)] }),
  "public.verify_subject_chain": (seed, _, real) => ({ text: "select public.verify_subject_chain($1) as r", params: [id(real, seed.ledger.subjectId)] }),
  "public.workspace_data_key": (_, fx, real) => ({ text: "select public.workspace_data_key($1, '\\x00'::bytea, 'probe') as r", params: [id(real, fx.workspaceA)] }),
};

/** Addressed by something only its holder has (a token, a session, a challenge's id and code), or public by design. */
const NOT_WORKSPACE_ADDRESSED: Record<string, string> = {
  "public.read_consent_receipt": "answers only with the receipt's token or the person's own session",
  "public.consent_receipt_propagation": "answers only with the receipt's token or the person's own session",
  "public.verify_subject_code": "needs the challenge's id (given only to whoever started it) and the code sent to the address",
  "public.verify_subject_link": "needs the secret link token sent to the address",
  "public.start_subject_verification": "a live experience's public id is published to every visitor; answers the same whether the person is known",
  "public.live_catalog": "a live experience's public id is published to every visitor",
  "public.live_experience": "a live experience's public id is published to every visitor",
  "public.live_notice_names": "a live experience's public id is published to every visitor",
  "public.live_notice_versions": "a live experience's public id is published to every visitor",
  "public.live_reconsent_from": "a live experience's public id is published to every visitor",
  "public.live_region_rules": "a live experience's public id is published to every visitor",
  "public.record_browser_consent": "needs the experience's public key and an allowed origin; records, answers about nothing else",
  "public.record_subject_choices": "needs the person's own session",
  "public.subject_centre_state": "needs the person's own session",
  "public.request_subject_data": "needs the person's own session",
  "public.withdraw_all_subject_consent": "needs the person's own session",
};

/** A refusal reveals no more than that the id exists somewhere, which an unguessable id already tells whoever holds it. */
const REFUSAL = /^(raises consentry\.(forbidden|not_found|invalid_input|notice_not_editable)|no privilege|error 42501)/;

class RolledBack extends Error {
  constructor(readonly rows: unknown[]) {
    super("rolled back on purpose");
  }
}

/** Runs one call as `who`, rolls it back, and names what it answered: its rows as JSON, or the error. */
async function answer(fx: TenancyFixture, who: PersonaName | "anon", call: Call): Promise<string> {
  const work = async (sql: Sql): Promise<never> => {
    throw new RolledBack(await sql.query(call.text, call.params));
  };
  try {
    await (who === "anon" ? fx.asAnon(work) : fx.as(who, work));
  } catch (error) {
    if (error instanceof RolledBack) return JSON.stringify(error.rows);
    return describeDatabaseError(error);
  }
  throw new Error("unreachable: the call always rolls back");
}

describe.each(TEST_TARGETS)("function guards on $target", ({ target, skip }) => {
  let t: TestDatabase;
  let fx: TenancyFixture;
  let seed: Seed;

  beforeAll(async () => {
    if (skip) return;
    t = await createTestDatabase(target);
    fx = await buildTenancyFixture(t);
    seed = await seedTargets(fx);
    // A notice with history, so notice_has_history has something to tell (as if submitted and approved long ago).
    await t.superuser.query("alter table public.notice_versions disable trigger user");
    await t.superuser.query("update public.notice_versions set status = 'in_review', submitted_at = now() where id = $1", [seed.noticeVersionId]);
    await t.superuser.query("alter table public.notice_versions enable trigger user");
  }, 180_000);
  afterAll(async () => t?.close());

  it.skipIf(skip)("every function anon or authenticated may call that takes an id is reviewed here", async () => {
    const functions = await t.superuser.query<{ name: string; anon: boolean }>(
      `select distinct n.nspname || '.' || p.proname as name, has_function_privilege('anon', p.oid, 'execute') as anon
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname in ('public', 'private', 'local_auth')
         and (has_function_privilege('anon', p.oid, 'execute') or has_function_privilege('authenticated', p.oid, 'execute'))
         and exists (select 1 from unnest(coalesce(p.proargnames, '{}'), p.proargtypes::oid[]) a(arg, type)
                     where a.arg ~ '(_id|^payload)$' or a.type = 'uuid'::regtype)
       order by 1`,
    );
    const unreviewed = functions.map((f) => f.name).filter((name) => !(name in GUARDED) && !(name in NOT_WORKSPACE_ADDRESSED));
    expect(unreviewed).toEqual([]);
    // Listed functions still exist (a renamed one must be listed again under its new name).
    const names = new Set(functions.map((f) => f.name));
    expect([...Object.keys(GUARDED), ...Object.keys(NOT_WORKSPACE_ADDRESSED)].filter((name) => !names.has(name))).toEqual([]);
  });

  for (const [name, probe] of Object.entries(GUARDED)) {
    it.skipIf(skip)(`${name}: refuses a stranger, or answers as for ids that exist nowhere`, async () => {
      const aboutA = await answer(fx, "outsider", probe(seed, fx, true));
      const aboutNothing = await answer(fx, "outsider", probe(seed, fx, false));
      if (!REFUSAL.test(aboutA)) expect(aboutA).toBe(aboutNothing);
      // And anon is refused outright.
      expect(await answer(fx, "anon", probe(seed, fx, true))).toMatch(REFUSAL);
    });
  }

  it.skipIf(skip)("the probes see A's data when A's owner asks (so a pass above is not for lack of data)", async () => {
    expect(await answer(fx, "owner", GUARDED["public.is_sms_opt_out_keyword"]!(seed, fx, true))).toBe('[{"r":true}]');
    expect(await answer(fx, "owner", GUARDED["private.notice_has_history"]!(seed, fx, true))).toBe('[{"r":true}]');
    expect(await answer(fx, "owner", GUARDED["public.find_subject"]!(seed, fx, true))).toBe(JSON.stringify([{ r: seed.ledger.subjectId }]));
  });
});
