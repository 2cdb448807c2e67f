import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenDigest } from "@/lib/auth/tokens";
import { runMigrations } from "@/lib/db/migrations";
import { createTestDatabase, TEST_TARGETS, type TestDatabase, type TestTarget } from "@/lib/testing/databases";
import {
  attempt,
  buildTenancyFixture,
  OUTCOME,
  type Outcome,
  type PersonaName,
  type TenancyFixture,
} from "@/lib/testing/tenancy-fixture";
import { seedTargets, type CentreSeed, type LedgerSeed, type Seed } from "@/lib/testing/rls-seed";

/**
 * R1: every table × every role × select / insert / update / delete, declared in MATRIX below and
 * executed cell by cell on PGlite and PostgreSQL. Each cell aims at workspace A's row (or, for
 * tables outside any workspace, at the row the seed made) and is rolled back afterwards.
 */

const OK = OUTCOME.allowed; // ran and saw / changed A's row
const NONE = OUTCOME.zeroRows; // ran, but RLS hid A's row: nothing seen or changed
const RLS = OUTCOME.rlsViolation; // 42501: a WITH CHECK refused the new row
const PRIV = OUTCOME.noPrivilege; // 42501: no GRANT on the table, its columns or its schema

type Role = "anon" | PersonaName;
const ROLES: readonly Role[] = ["anon", "outsider", "viewer", "editor", "legal", "admin", "owner"];
const OPERATIONS = ["select", "insert", "update", "delete"] as const;
type Operation = (typeof OPERATIONS)[number];

/** What a cell runs: one statement, with `returning 1` on writes so affected rows are counted. */
interface Probe {
  text: string;
  params: unknown[];
}
interface ProbeContext {
  fx: TenancyFixture;
  seed: Seed;
  /** The caller's account id (for columns that must name the caller); a stranger's for anon. */
  callerId: string;
}
interface TableRow {
  /** The row each cell aims at. */
  target: string;
  probe: Record<Operation, (ctx: ProbeContext) => Probe>;
  //          select, insert, update, delete
  expect: Record<Role, [Outcome, Outcome, Outcome, Outcome]>;
}

const ALL_PRIV: [Outcome, Outcome, Outcome, Outcome] = [PRIV, PRIV, PRIV, PRIV];
const NOBODY: Record<Role, [Outcome, Outcome, Outcome, Outcome]> = {
  anon: ALL_PRIV,
  outsider: ALL_PRIV,
  viewer: ALL_PRIV,
  editor: ALL_PRIV,
  legal: ALL_PRIV,
  admin: ALL_PRIV,
  owner: ALL_PRIV,
};
const randomHash = () => tokenDigest(randomBytes(16).toString("hex"));

// THE matrix. A table missing here fails "every table … is in the matrix" below.
const MATRIX: Record<string, TableRow> = {
  "public.profiles": {
    target: "the profile of A's owner (insert: a profile for an account that is not the caller's)",
    probe: {
      select: ({ fx }) => ({ text: "select 1 from public.profiles where id = $1", params: [fx.personas.owner.id] }),
      insert: () => ({
        text: "insert into public.profiles (id, email) values ($1, $2) returning 1",
        params: [randomUUID(), "impersonated@example.test"],
      }),
      update: ({ fx }) => ({
        text: "update public.profiles set display_name = 'Renamed' where id = $1 returning 1",
        params: [fx.personas.owner.id],
      }),
      delete: ({ fx }) => ({ text: "delete from public.profiles where id = $1 returning 1", params: [fx.personas.owner.id] }),
    },
    expect: {
      anon: /*     */ [PRIV, PRIV, PRIV, PRIV],
      outsider: /* */ [NONE, RLS, NONE, PRIV],
      viewer: /*   */ [OK, RLS, NONE, PRIV],
      editor: /*   */ [OK, RLS, NONE, PRIV],
      legal: /*    */ [OK, RLS, NONE, PRIV],
      admin: /*    */ [OK, RLS, NONE, PRIV],
      owner: /*    */ [OK, RLS, OK, PRIV],
    },
  },
  "public.workspaces": {
    target: "workspace A (insert: a new workspace, which only public.create_workspace may make)",
    probe: {
      select: ({ fx }) => ({ text: "select 1 from public.workspaces where id = $1", params: [fx.workspaceA] }),
      insert: ({ callerId }) => ({
        text: `insert into public.workspaces (name, legal_entity_name, contact_address, created_by)
               values ('Direct', 'Direct Ltd.', '2 Example Street', $1) returning 1`,
        params: [callerId],
      }),
      update: ({ fx }) => ({
        text: "update public.workspaces set name = 'Renamed' where id = $1 returning 1",
        params: [fx.workspaceA],
      }),
      delete: ({ fx }) => ({ text: "delete from public.workspaces where id = $1 returning 1", params: [fx.workspaceA] }),
    },
    expect: {
      anon: /*     */ [PRIV, PRIV, PRIV, PRIV],
      outsider: /* */ [NONE, PRIV, NONE, PRIV],
      viewer: /*   */ [OK, PRIV, NONE, PRIV],
      editor: /*   */ [OK, PRIV, NONE, PRIV],
      legal: /*    */ [OK, PRIV, NONE, PRIV],
      admin: /*    */ [OK, PRIV, OK, PRIV],
      owner: /*    */ [OK, PRIV, OK, PRIV],
    },
  },
  "public.memberships": {
    target: "the viewer's membership of A (insert: the outsider joining A as viewer)",
    probe: {
      select: ({ fx }) => ({ text: "select 1 from public.memberships where workspace_id = $1", params: [fx.workspaceA] }),
      insert: ({ fx }) => ({
        text: "insert into public.memberships (workspace_id, user_id, role) values ($1, $2, 'viewer') returning 1",
        params: [fx.workspaceA, fx.personas.outsider.id],
      }),
      update: ({ fx }) => ({
        text: "update public.memberships set role = 'editor' where workspace_id = $1 and user_id = $2 returning 1",
        params: [fx.workspaceA, fx.personas.viewer.id],
      }),
      delete: ({ fx }) => ({
        text: "delete from public.memberships where workspace_id = $1 and user_id = $2 returning 1",
        params: [fx.workspaceA, fx.personas.viewer.id],
      }),
    },
    expect: {
      anon: /*     */ [PRIV, PRIV, PRIV, PRIV],
      outsider: /* */ [NONE, RLS, NONE, NONE],
      viewer: /*   */ [OK, RLS, NONE, OK], // anyone may leave
      editor: /*   */ [OK, RLS, NONE, NONE],
      legal: /*    */ [OK, RLS, NONE, NONE],
      admin: /*    */ [OK, OK, OK, OK],
      owner: /*    */ [OK, OK, OK, OK],
    },
  },
  "public.invitations": {
    target: "A's pending editor invitation (insert: a new viewer invitation to A sent by the caller)",
    probe: {
      select: ({ fx }) => ({ text: "select 1 from public.invitations where id = $1", params: [fx.invitation.id] }),
      insert: ({ fx, callerId }) => ({
        text: `insert into public.invitations (workspace_id, email, role, token_hash, invited_by)
               values ($1, 'someone@example.test', 'viewer', $2, $3) returning 1`,
        params: [fx.workspaceA, randomHash(), callerId],
      }),
      update: ({ fx }) => ({
        text: "update public.invitations set revoked_at = now() where id = $1 returning 1",
        params: [fx.invitation.id],
      }),
      delete: ({ fx }) => ({ text: "delete from public.invitations where id = $1 returning 1", params: [fx.invitation.id] }),
    },
    expect: {
      anon: /*     */ [PRIV, PRIV, PRIV, PRIV],
      outsider: /* */ [NONE, RLS, NONE, NONE],
      viewer: /*   */ [NONE, RLS, NONE, NONE],
      editor: /*   */ [NONE, RLS, NONE, NONE],
      legal: /*    */ [NONE, RLS, NONE, NONE],
      admin: /*    */ [OK, OK, OK, OK],
      owner: /*    */ [OK, OK, OK, OK],
    },
  },
  "public.purposes": {
    target: "A's default 'analytics' purpose (insert: a new purpose in A)",
    probe: {
      select: ({ seed }) => ({ text: "select 1 from public.purposes where id = $1", params: [seed.purposeId] }),
      insert: ({ fx }) => ({
        text: `insert into public.purposes (workspace_id, key, name) values ($1, $2, '{"en":"New purpose"}') returning 1`,
        params: [fx.workspaceA, `p_${randomBytes(4).toString("hex")}`],
      }),
      update: ({ seed }) => ({
        text: `update public.purposes set name = '{"en":"Renamed"}' where id = $1 returning 1`,
        params: [seed.purposeId],
      }),
      delete: ({ seed }) => ({ text: "delete from public.purposes where id = $1 returning 1", params: [seed.purposeId] }),
    },
    expect: {
      anon: /*     */ [PRIV, PRIV, PRIV, PRIV],
      outsider: /* */ [NONE, RLS, NONE, NONE],
      viewer: /*   */ [OK, RLS, NONE, NONE],
      editor: /*   */ [OK, RLS, NONE, NONE],
      legal: /*    */ [OK, OK, OK, NONE],
      admin: /*    */ [OK, OK, OK, OK],
      owner: /*    */ [OK, OK, OK, OK],
    },
  },
  "public.topics": {
    target: "A's default 'offers' topic (insert: a new topic in A)",
    probe: {
      select: ({ seed }) => ({ text: "select 1 from public.topics where id = $1", params: [seed.topicId] }),
      insert: ({ fx }) => ({
        text: `insert into public.topics (workspace_id, key, name) values ($1, $2, '{"en":"New topic"}') returning 1`,
        params: [fx.workspaceA, `t_${randomBytes(4).toString("hex")}`],
      }),
      update: ({ seed }) => ({
        text: `update public.topics set name = '{"en":"Renamed"}' where id = $1 returning 1`,
        params: [seed.topicId],
      }),
      delete: ({ seed }) => ({ text: "delete from public.topics where id = $1 returning 1", params: [seed.topicId] }),
    },
    expect: {
      anon: /*     */ [PRIV, PRIV, PRIV, PRIV],
      outsider: /* */ [NONE, RLS, NONE, NONE],
      viewer: /*   */ [OK, RLS, NONE, NONE],
      editor: /*   */ [OK, OK, OK, NONE],
      legal: /*    */ [OK, RLS, NONE, NONE],
      admin: /*    */ [OK, OK, OK, OK],
      owner: /*    */ [OK, OK, OK, OK],
    },
  },
  "public.experiences": {
    target: "a draft experience of A made by its editor (insert: a new draft in A by the caller)",
    probe: {
      select: ({ seed }) => ({ text: "select 1 from public.experiences where id = $1", params: [seed.experienceId] }),
      insert: ({ fx, callerId }) => ({
        text: `insert into public.experiences (workspace_id, name, kind, document, created_by, updated_by)
               values ($1, 'New draft', 'banner', '{}', $2, $2) returning 1`,
        params: [fx.workspaceA, callerId],
      }),
      update: ({ seed }) => ({
        text: "update public.experiences set name = 'Renamed' where id = $1 returning 1",
        params: [seed.experienceId],
      }),
      delete: ({ seed }) => ({ text: "delete from public.experiences where id = $1 returning 1", params: [seed.experienceId] }),
    },
    expect: {
      anon: /*     */ [PRIV, PRIV, PRIV, PRIV],
      outsider: /* */ [NONE, RLS, NONE, NONE],
      viewer: /*   */ [OK, RLS, NONE, NONE],
      editor: /*   */ [OK, OK, OK, OK],
      legal: /*    */ [OK, RLS, NONE, NONE],
      admin: /*    */ [OK, OK, OK, OK],
      owner: /*    */ [OK, OK, OK, OK],
    },
  },
  "public.experience_preview_links": {
    target: "a preview link of A's draft (insert: another link to it by the caller; links are never updated)",
    probe: {
      select: ({ seed }) => ({ text: "select 1 from public.experience_preview_links where id = $1", params: [seed.previewLinkId] }),
      insert: ({ fx, seed, callerId }) => ({
        text: `insert into public.experience_preview_links (workspace_id, experience_id, token_hash, expires_at, created_by)
               values ($1, $2, $3, now() + interval '1 day', $4) returning 1`,
        params: [fx.workspaceA, seed.experienceId, randomHash(), callerId],
      }),
      update: ({ seed }) => ({
        text: "update public.experience_preview_links set expires_at = now() + interval '2 days' where id = $1 returning 1",
        params: [seed.previewLinkId],
      }),
      delete: ({ seed }) => ({
        text: "delete from public.experience_preview_links where id = $1 returning 1",
        params: [seed.previewLinkId],
      }),
    },
    expect: {
      anon: /*     */ [PRIV, PRIV, PRIV, PRIV],
      outsider: /* */ [NONE, RLS, PRIV, NONE],
      viewer: /*   */ [OK, RLS, PRIV, NONE],
      editor: /*   */ [OK, OK, PRIV, OK],
      legal: /*    */ [OK, RLS, PRIV, NONE],
      admin: /*    */ [OK, OK, PRIV, OK],
      owner: /*    */ [OK, OK, PRIV, OK],
    },
  },
  "public.experience_versions": {
    target: "the published version 1 of another experience of A (snapshots are made only by publish_experience)",
    probe: {
      select: ({ seed }) => ({ text: "select 1 from public.experience_versions where id = $1", params: [seed.experienceVersionId] }),
      insert: ({ fx, seed, callerId }) => ({
        text: `insert into public.experience_versions (workspace_id, experience_id, number, kind, document, content_hash, published_by)
               values ($1, $2, 99, 'banner', '{}', repeat('0', 64), $3) returning 1`,
        params: [fx.workspaceA, seed.publishedExperienceId, callerId],
      }),
      update: ({ seed }) => ({
        text: "update public.experience_versions set document = '{}' where id = $1 returning 1",
        params: [seed.experienceVersionId],
      }),
      delete: ({ seed }) => ({ text: "delete from public.experience_versions where id = $1 returning 1", params: [seed.experienceVersionId] }),
    },
    expect: {
      anon: /*     */ [PRIV, PRIV, PRIV, PRIV],
      outsider: /* */ [NONE, PRIV, PRIV, PRIV],
      viewer: /*   */ [OK, PRIV, PRIV, PRIV],
      editor: /*   */ [OK, PRIV, PRIV, PRIV],
      legal: /*    */ [OK, PRIV, PRIV, PRIV],
      admin: /*    */ [OK, PRIV, PRIV, PRIV],
      owner: /*    */ [OK, PRIV, PRIV, PRIV],
    },
  },
  "public.notices": {
    target: "a notice of A made by its editor, with only its draft version 1 (insert: a new notice in A by the caller)",
    probe: {
      select: ({ seed }) => ({ text: "select 1 from public.notices where id = $1", params: [seed.noticeId] }),
      insert: ({ fx, callerId }) => ({
        text: `insert into public.notices (workspace_id, name, kind, source_locale, locales, created_by)
               values ($1, 'New notice', 'other', 'en', '{en}', $2) returning 1`,
        params: [fx.workspaceA, callerId],
      }),
      update: ({ seed }) => ({ text: "update public.notices set name = 'Renamed' where id = $1 returning 1", params: [seed.noticeId] }),
      delete: ({ seed }) => ({ text: "delete from public.notices where id = $1 returning 1", params: [seed.noticeId] }),
    },
    expect: {
      anon: /*     */ [PRIV, PRIV, PRIV, PRIV],
      outsider: /* */ [NONE, RLS, NONE, NONE],
      viewer: /*   */ [OK, RLS, NONE, NONE],
      editor: /*   */ [OK, OK, OK, NONE],
      legal: /*    */ [OK, OK, OK, NONE],
      admin: /*    */ [OK, OK, OK, OK],
      owner: /*    */ [OK, OK, OK, OK],
    },
  },
  "public.notice_versions": {
    target: "the draft version 1 of that notice, its editor the author (insert: a version, which only the functions make)",
    probe: {
      select: ({ seed }) => ({ text: "select 1 from public.notice_versions where id = $1", params: [seed.noticeVersionId] }),
      insert: ({ fx, seed, callerId }) => ({
        text: `insert into public.notice_versions (workspace_id, notice_id, number, author_id) values ($1, $2, 99, $3) returning 1`,
        params: [fx.workspaceA, seed.noticeId, callerId],
      }),
      update: ({ seed }) => ({
        text: "update public.notice_versions set change_summary = 'Edited' where id = $1 returning 1",
        params: [seed.noticeVersionId],
      }),
      delete: ({ seed }) => ({ text: "delete from public.notice_versions where id = $1 returning 1", params: [seed.noticeVersionId] }),
    },
    // Status, review and hash columns are not updatable by anyone: lib/notices/lifecycle.db.test.ts.
    expect: {
      anon: /*     */ [PRIV, PRIV, PRIV, PRIV],
      outsider: /* */ [NONE, PRIV, NONE, NONE],
      viewer: /*   */ [OK, PRIV, NONE, NONE],
      editor: /*   */ [OK, PRIV, OK, OK], // the author deletes their draft
      legal: /*    */ [OK, PRIV, OK, NONE],
      admin: /*    */ [OK, PRIV, OK, OK],
      owner: /*    */ [OK, PRIV, OK, OK],
    },
  },
  "public.audit_log": {
    target: "A's audit rows (insert: a forged row for A)",
    probe: {
      select: ({ fx }) => ({ text: "select 1 from public.audit_log where workspace_id = $1", params: [fx.workspaceA] }),
      insert: ({ fx }) => ({
        text: `insert into public.audit_log (workspace_id, seq, actor_role, action, target_type, prev_hash, hash)
               values ($1, 1000, 'authenticated', 'forged', 'workspace', repeat('0', 64), repeat('0', 64)) returning 1`,
        params: [fx.workspaceA],
      }),
      update: ({ fx }) => ({
        text: "update public.audit_log set action = 'forged' where workspace_id = $1 returning 1",
        params: [fx.workspaceA],
      }),
      delete: ({ fx }) => ({ text: "delete from public.audit_log where workspace_id = $1 returning 1", params: [fx.workspaceA] }),
    },
    expect: {
      anon: /*     */ [PRIV, PRIV, PRIV, PRIV],
      outsider: /* */ [NONE, PRIV, PRIV, PRIV],
      viewer: /*   */ [NONE, PRIV, PRIV, PRIV],
      editor: /*   */ [NONE, PRIV, PRIV, PRIV],
      legal: /*    */ [OK, PRIV, PRIV, PRIV],
      admin: /*    */ [OK, PRIV, PRIV, PRIV],
      owner: /*    */ [OK, PRIV, PRIV, PRIV],
    },
  },
  "private.audit_chain_heads": {
    target: "the head of A's audit chain",
    probe: {
      select: ({ fx }) => ({ text: "select 1 from private.audit_chain_heads where workspace_id = $1", params: [fx.workspaceA] }),
      insert: ({ fx }) => ({
        text: "insert into private.audit_chain_heads (workspace_id, seq, hash) values ($1, 0, repeat('0', 64)) returning 1",
        params: [fx.workspaceA],
      }),
      update: ({ fx }) => ({
        text: "update private.audit_chain_heads set seq = seq - 1 where workspace_id = $1 returning 1",
        params: [fx.workspaceA],
      }),
      delete: ({ fx }) => ({
        text: "delete from private.audit_chain_heads where workspace_id = $1 returning 1",
        params: [fx.workspaceA],
      }),
    },
    expect: NOBODY,
  },
  "private.api_rate_limits": {
    target: "the public API's request counter the seed made (service-only, through private.api_rate_limit_hit)",
    probe: {
      select: ({ seed }) => ({ text: "select 1 from private.api_rate_limits where bucket = $1", params: [seed.rateLimitBucket] }),
      insert: () => ({
        text: "insert into private.api_rate_limits (bucket, window_start) values ('forged|key', now()) returning 1",
        params: [],
      }),
      update: ({ seed }) => ({ text: "update private.api_rate_limits set hits = 0 where bucket = $1 returning 1", params: [seed.rateLimitBucket] }),
      delete: ({ seed }) => ({ text: "delete from private.api_rate_limits where bucket = $1 returning 1", params: [seed.rateLimitBucket] }),
    },
    expect: NOBODY,
  },
  "private.api_rate_limit_overrides": {
    target: "a per-caller rate limit the seed made",
    probe: {
      select: ({ seed }) => ({ text: "select 1 from private.api_rate_limit_overrides where subject = $1", params: [seed.rateLimitSubject] }),
      insert: () => ({ text: "insert into private.api_rate_limit_overrides (subject, max_hits) values ('key:forged', 1000000) returning 1", params: [] }),
      update: ({ seed }) => ({
        text: "update private.api_rate_limit_overrides set max_hits = 1000000 where subject = $1 returning 1",
        params: [seed.rateLimitSubject],
      }),
      delete: ({ seed }) => ({ text: "delete from private.api_rate_limit_overrides where subject = $1 returning 1", params: [seed.rateLimitSubject] }),
    },
    expect: NOBODY,
  },
  "public.region_rule_sets": {
    target: "A's Hong Kong rule-set adjustment made by its owner (insert: a mainland China adjustment by the caller)",
    probe: {
      select: ({ fx }) => ({ text: "select 1 from public.region_rule_sets where workspace_id = $1 and region_code = 'HK'", params: [fx.workspaceA] }),
      insert: ({ fx, callerId }) => ({
        text: `insert into public.region_rule_sets (workspace_id, region_code, rules, updated_by) values ($1, 'CN', '{"reaskAfterDays": 100}', $2) returning 1`,
        params: [fx.workspaceA, callerId],
      }),
      update: ({ fx }) => ({
        text: `update public.region_rule_sets set rules = '{"reaskAfterDays": 200}', updated_by = (select auth.uid()) where workspace_id = $1 and region_code = 'HK' returning 1`,
        params: [fx.workspaceA],
      }),
      delete: ({ fx }) => ({ text: "delete from public.region_rule_sets where workspace_id = $1 and region_code = 'HK' returning 1", params: [fx.workspaceA] }),
    },
    expect: {
      anon: /*     */ [PRIV, PRIV, PRIV, PRIV],
      outsider: /* */ [NONE, RLS, NONE, NONE],
      viewer: /*   */ [OK, RLS, NONE, NONE],
      editor: /*   */ [OK, RLS, NONE, NONE],
      legal: /*    */ [OK, RLS, NONE, NONE],
      admin: /*    */ [OK, OK, OK, OK],
      owner: /*    */ [OK, OK, OK, OK],
    },
  },
  ...consentLedgerRows(),
  ...preferenceCentreRows(),
  "public.refused_origins": {
    target: "an origin the API refused for A's published experience (members read; only the service notes)",
    probe: {
      select: ({ seed }) => ({ text: "select 1 from public.refused_origins where origin = $1", params: [seed.refusedOrigin] }),
      insert: ({ fx, seed }) => ({
        text: "insert into public.refused_origins (experience_id, workspace_id, origin) values ($1, $2, 'https://forged.example') returning 1",
        params: [seed.publishedExperienceId, fx.workspaceA],
      }),
      update: ({ seed }) => ({ text: "update public.refused_origins set refusals = 1000 where origin = $1 returning 1", params: [seed.refusedOrigin] }),
      delete: ({ seed }) => ({ text: "delete from public.refused_origins where origin = $1 returning 1", params: [seed.refusedOrigin] }),
    },
    expect: {
      anon: ALL_PRIV,
      outsider: [NONE, PRIV, PRIV, PRIV],
      viewer: [OK, PRIV, PRIV, PRIV],
      editor: [OK, PRIV, PRIV, PRIV],
      legal: [OK, PRIV, PRIV, PRIV],
      admin: [OK, PRIV, PRIV, PRIV],
      owner: [OK, PRIV, PRIV, PRIV],
    },
  },
  ...syncRows(),
  "local_auth.accounts": {
    target: "the local account of A's owner",
    probe: {
      select: ({ seed }) => ({ text: "select 1 from local_auth.accounts where id = $1", params: [seed.accountId] }),
      insert: () => ({
        text: "insert into local_auth.accounts (email, password_hash) values ($1, 'scrypt$forged') returning 1",
        params: [`new.${randomBytes(4).toString("hex")}@example.test`],
      }),
      update: ({ seed }) => ({
        text: "update local_auth.accounts set password_hash = 'scrypt$forged' where id = $1 returning 1",
        params: [seed.accountId],
      }),
      delete: ({ seed }) => ({ text: "delete from local_auth.accounts where id = $1 returning 1", params: [seed.accountId] }),
    },
    expect: NOBODY,
  },
  "local_auth.sessions": {
    target: "a session of A's owner",
    probe: {
      select: ({ seed }) => ({ text: "select 1 from local_auth.sessions where token_hash = $1", params: [seed.sessionHash] }),
      insert: ({ seed }) => ({
        text: `insert into local_auth.sessions (token_hash, account_id, expires_at)
               values ($1, $2, now() + interval '1 day') returning 1`,
        params: [randomHash(), seed.accountId],
      }),
      update: ({ seed }) => ({
        text: "update local_auth.sessions set expires_at = now() + interval '10 years' where token_hash = $1 returning 1",
        params: [seed.sessionHash],
      }),
      delete: ({ seed }) => ({
        text: "delete from local_auth.sessions where token_hash = $1 returning 1",
        params: [seed.sessionHash],
      }),
    },
    expect: NOBODY,
  },
  "local_auth.sign_in_failures": {
    target: "a failed sign-in for A's owner",
    probe: {
      select: ({ seed }) => ({ text: "select 1 from local_auth.sign_in_failures where id = $1", params: [seed.failureId] }),
      insert: ({ seed }) => ({
        text: "insert into local_auth.sign_in_failures (email, client_address) values ($1, '127.0.0.1') returning 1",
        params: [seed.accountEmail],
      }),
      update: ({ seed }) => ({
        text: "update local_auth.sign_in_failures set failed_at = now() - interval '1 year' where id = $1 returning 1",
        params: [seed.failureId],
      }),
      delete: ({ seed }) => ({
        text: "delete from local_auth.sign_in_failures where id = $1 returning 1",
        params: [seed.failureId],
      }),
    },
    expect: NOBODY,
  },
  "local_auth.sign_in_throttle": {
    target: "the sign-in throttle counter of A's owner's account",
    probe: {
      select: ({ seed }) => ({ text: "select 1 from local_auth.sign_in_throttle where key = $1", params: [`account:${seed.accountEmail}`] }),
      insert: () => ({ text: "insert into local_auth.sign_in_throttle (key) values ('client:192.0.2.1') returning 1", params: [] }),
      update: ({ seed }) => ({
        text: "update local_auth.sign_in_throttle set attempts = 0 where key = $1 returning 1",
        params: [`account:${seed.accountEmail}`],
      }),
      delete: ({ seed }) => ({ text: "delete from local_auth.sign_in_throttle where key = $1 returning 1", params: [`account:${seed.accountEmail}`] }),
    },
    expect: NOBODY,
  },
};

/** Schemas that are not the product's: PostgreSQL's own, Supabase's `auth`, the runner's history. */
const NOT_OURS = ["pg_catalog", "information_schema", "pg_toast", "auth", "supabase_migrations"];

/** Ledger tables members only read: nobody writes them but the recording functions. */
// A function: MATRIX, above, is built before the constants below it exist.
function ledgerReadOnly(): Record<Role, [Outcome, Outcome, Outcome, Outcome]> {
  return {
    anon: ALL_PRIV,
    outsider: [NONE, PRIV, PRIV, PRIV],
    viewer: [OK, PRIV, PRIV, PRIV],
    editor: [OK, PRIV, PRIV, PRIV],
    legal: [OK, PRIV, PRIV, PRIV],
    admin: [OK, PRIV, PRIV, PRIV],
    owner: [OK, PRIV, PRIV, PRIV],
  };
}

function consentLedgerRows(): Record<string, TableRow> {
  const byColumn = (table: string, column: string, pick: (l: LedgerSeed) => unknown, insert: (ctx: ProbeContext) => Probe, update: string): TableRow["probe"] => ({
    select: ({ seed }) => ({ text: `select 1 from ${table} where ${column} = $1`, params: [pick(seed.ledger)] }),
    insert,
    update: ({ seed }) => ({ text: `update ${table} set ${update} where ${column} = $1 returning 1`, params: [pick(seed.ledger)] }),
    delete: ({ seed }) => ({ text: `delete from ${table} where ${column} = $1 returning 1`, params: [pick(seed.ledger)] }),
  });
  return {
    "public.subjects": {
      target: "the subject the seed recorded for A (insert: a new subject in A)",
      probe: byColumn("public.subjects", "id", (l) => l.subjectId, ({ fx }) => ({ text: "insert into public.subjects (workspace_id) values ($1) returning 1", params: [fx.workspaceA] }), "chain_length = 0"),
      expect: ledgerReadOnly(),
    },
    "public.subject_identifiers": {
      target: "that subject's email identifier (keyed hash)",
      probe: byColumn(
        "public.subject_identifiers",
        "subject_id",
        (l) => l.subjectId,
        ({ fx, seed }) => ({
          text: "insert into public.subject_identifiers (workspace_id, subject_id, kind, identifier_hash) values ($1, $2, 'device_id', $3) returning 1",
          params: [fx.workspaceA, seed.ledger.subjectId, randomHash()],
        }),
        "subject_id = subject_id",
      ),
      expect: ledgerReadOnly(),
    },
    "public.consent_events": {
      target: "the seed's ledger event (append-only: its own tests show the owner refused too)",
      probe: byColumn(
        "public.consent_events",
        "id",
        (l) => l.eventId,
        ({ fx, seed }) => ({
          text: `insert into public.consent_events (workspace_id, subject_id, seq) values ($1, $2, 99) returning 1`,
          params: [fx.workspaceA, seed.ledger.subjectId],
        }),
        "state = 'withdrawn'",
      ),
      expect: ledgerReadOnly(),
    },
    "public.consent_state": {
      target: "the subject's state for analytics",
      probe: byColumn(
        "public.consent_state",
        "subject_id",
        (l) => l.subjectId,
        ({ fx, seed }) => ({
          text: `insert into public.consent_state (workspace_id, subject_id, purpose_id, state, separately_given, method, last_event_id, updated_at)
                 values ($1, $2, $3, 'given', true, 'save', $4, now()) returning 1`,
          params: [fx.workspaceA, seed.ledger.subjectId, seed.purposeId, seed.ledger.eventId],
        }),
        "state = 'withdrawn'",
      ),
      expect: ledgerReadOnly(),
    },
    "public.preferences": {
      target: "the subject's preferences",
      probe: byColumn(
        "public.preferences",
        "subject_id",
        (l) => l.subjectId,
        ({ fx, seed }) => ({
          text: "insert into public.preferences (subject_id, workspace_id, updated_at, last_event_id) values ($1, $2, now(), $3) returning 1",
          params: [seed.ledger.subjectId, fx.workspaceA, seed.ledger.eventId],
        }),
        "channels = '{}'",
      ),
      expect: ledgerReadOnly(),
    },
    "public.contact_log": {
      target: "a contact appended for the subject",
      probe: byColumn(
        "public.contact_log",
        "id",
        (l) => l.contactId,
        ({ fx, seed }) => ({
          text: "insert into public.contact_log (workspace_id, subject_id, channel, purpose_id, contacted_at) values ($1, $2, 'sms', $3, now()) returning 1",
          params: [fx.workspaceA, seed.ledger.subjectId, seed.purposeId],
        }),
        "channel = 'sms'",
      ),
      expect: ledgerReadOnly(),
    },
    "public.outbox": {
      target: "the outbox row the seed's recording wrote (written only by the ledger's trigger; owners and admins read)",
      probe: byColumn(
        "public.outbox",
        "subject_id",
        (l) => l.subjectId,
        ({ fx, seed }) => ({
          text: `insert into public.outbox (workspace_id, topic, subject_id, event_ids, payload) values ($1, 'consent.changed', $2, $3, '{}') returning 1`,
          params: [fx.workspaceA, seed.ledger.subjectId, [seed.ledger.eventId]],
        }),
        "payload = '{}'::jsonb",
      ),
      expect: {
        anon: /*     */ ALL_PRIV,
        outsider: /* */ [NONE, PRIV, PRIV, PRIV],
        viewer: /*   */ [NONE, PRIV, PRIV, PRIV],
        editor: /*   */ [NONE, PRIV, PRIV, PRIV],
        legal: /*    */ [NONE, PRIV, PRIV, PRIV],
        admin: /*    */ [OK, PRIV, PRIV, PRIV],
        owner: /*    */ [OK, PRIV, PRIV, PRIV],
      },
    },
    "public.sms_opt_out_keywords": {
      target: "A's own SMS keyword 'quit' (insert: another keyword by the caller)",
      probe: {
        select: ({ fx, seed }) => ({ text: "select 1 from public.sms_opt_out_keywords where workspace_id = $1 and keyword = $2", params: [fx.workspaceA, seed.ledger.keyword] }),
        insert: ({ fx, callerId }) => ({
          text: "insert into public.sms_opt_out_keywords (workspace_id, keyword, created_by) values ($1, $2, $3) returning 1",
          params: [fx.workspaceA, `kw${randomBytes(3).toString("hex")}`, callerId],
        }),
        update: ({ fx, seed }) => ({
          text: "update public.sms_opt_out_keywords set keyword = 'other' where workspace_id = $1 and keyword = $2 returning 1",
          params: [fx.workspaceA, seed.ledger.keyword],
        }),
        delete: ({ fx, seed }) => ({
          text: "delete from public.sms_opt_out_keywords where workspace_id = $1 and keyword = $2 returning 1",
          params: [fx.workspaceA, seed.ledger.keyword],
        }),
      },
      expect: {
        anon: /*     */ [PRIV, PRIV, PRIV, PRIV],
        outsider: /* */ [NONE, RLS, PRIV, NONE],
        viewer: /*   */ [OK, RLS, PRIV, NONE],
        editor: /*   */ [OK, RLS, PRIV, NONE],
        legal: /*    */ [OK, RLS, PRIV, NONE],
        admin: /*    */ [OK, OK, PRIV, OK],
        owner: /*    */ [OK, OK, PRIV, OK],
      },
    },
    "public.api_keys": {
      target: "A's API key made by its owner (insert: a key by the caller; keys are revoked, never deleted)",
      probe: {
        select: ({ seed }) => ({ text: "select 1 from public.api_keys where id = $1", params: [seed.ledger.apiKeyId] }),
        insert: ({ fx, callerId }) => ({
          text: `insert into public.api_keys (workspace_id, name, prefix, key_hash, scopes, created_by)
                 values ($1, 'Probe', $2, $3, '{decisions:read}', $4) returning 1`,
          params: [fx.workspaceA, randomBytes(4).toString("hex"), randomHash(), callerId],
        }),
        update: ({ seed }) => ({ text: "update public.api_keys set revoked_at = now() where id = $1 returning 1", params: [seed.ledger.apiKeyId] }),
        delete: ({ seed }) => ({ text: "delete from public.api_keys where id = $1 returning 1", params: [seed.ledger.apiKeyId] }),
      },
      expect: {
        anon: /*     */ [PRIV, PRIV, PRIV, PRIV],
        outsider: /* */ [NONE, RLS, NONE, PRIV],
        viewer: /*   */ [NONE, RLS, NONE, PRIV],
        editor: /*   */ [NONE, RLS, NONE, PRIV],
        legal: /*    */ [NONE, RLS, NONE, PRIV],
        admin: /*    */ [OK, OK, OK, PRIV],
        owner: /*    */ [OK, OK, OK, PRIV],
      },
    },
    "public.idempotency_keys": {
      target: "the seed recording's idempotency key (only the recording functions touch it)",
      probe: {
        select: ({ fx, seed }) => ({ text: "select 1 from public.idempotency_keys where workspace_id = $1 and key = $2", params: [fx.workspaceA, seed.ledger.idempotencyKey] }),
        insert: ({ fx }) => ({
          text: "insert into public.idempotency_keys (workspace_id, key, request_hash, status, expires_at) values ($1, 'forged', $2, 'done', now()) returning 1",
          params: [fx.workspaceA, randomHash()],
        }),
        update: ({ fx, seed }) => ({
          text: "update public.idempotency_keys set response = '{}' where workspace_id = $1 and key = $2 returning 1",
          params: [fx.workspaceA, seed.ledger.idempotencyKey],
        }),
        delete: ({ fx, seed }) => ({ text: "delete from public.idempotency_keys where workspace_id = $1 and key = $2 returning 1", params: [fx.workspaceA, seed.ledger.idempotencyKey] }),
      },
      expect: NOBODY,
    },
    "private.workspace_secrets": {
      target: "A's identifier secret",
      probe: {
        select: ({ fx }) => ({ text: "select 1 from private.workspace_secrets where workspace_id = $1", params: [fx.workspaceA] }),
        insert: ({ fx }) => ({
          text: "insert into private.workspace_secrets (workspace_id, secret) values ($1, decode(repeat('00', 32), 'hex')) returning 1",
          params: [fx.workspaceA],
        }),
        update: ({ fx }) => ({ text: "update private.workspace_secrets set secret = decode(repeat('00', 32), 'hex') where workspace_id = $1 returning 1", params: [fx.workspaceA] }),
        delete: ({ fx }) => ({ text: "delete from private.workspace_secrets where workspace_id = $1 returning 1", params: [fx.workspaceA] }),
      },
      expect: NOBODY,
    },
    "private.subject_identifier_values": {
      target: "the sealed value of the seed person's email (kept by the service; only public.sync_messages reads it)",
      probe: {
        select: ({ fx }) => ({ text: "select 1 from private.subject_identifier_values where workspace_id = $1", params: [fx.workspaceA] }),
        insert: ({ fx, seed }) => ({
          text: `insert into private.subject_identifier_values (identifier_id, workspace_id, ciphertext)
                 select id, workspace_id, decode(repeat('00', 40), 'hex') from public.subject_identifiers where subject_id = $1 and workspace_id = $2 returning 1`,
          params: [seed.ledger.subjectId, fx.workspaceA],
        }),
        update: ({ fx }) => ({ text: "update private.subject_identifier_values set ciphertext = decode(repeat('00', 40), 'hex') where workspace_id = $1 returning 1", params: [fx.workspaceA] }),
        delete: ({ fx }) => ({ text: "delete from private.subject_identifier_values where workspace_id = $1 returning 1", params: [fx.workspaceA] }),
      },
      expect: NOBODY,
    },
  };
}

/** Every table's content, read by the superuser: the matrix must leave it exactly as it was. */
async function snapshot(t: TestDatabase): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const table of Object.keys(MATRIX)) {
    const [row] = await t.superuser.query<{ n: number; digest: string }>(
      `select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from ${table} t`,
    );
    result[table] = `${row!.n} rows, ${row!.digest}`;
  }
  return result;
}

/**
 * Supabase grants everything on new tables, functions and sequences in `public` to the API roles
 * by default; the migrations must hold up there too, so the matrix also runs on such a database.
 */
const SUPABASE_DEFAULT_PRIVILEGES = `
  alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
  alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
  alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
`;
type Grants = "plain grants" | "Supabase default privileges";

async function openDatabase(target: TestTarget, grants: Grants): Promise<TestDatabase> {
  if (grants === "plain grants") return createTestDatabase(target);
  const t = await createTestDatabase(target, { migrate: false });
  await t.db.exec(SUPABASE_DEFAULT_PRIVILEGES);
  await runMigrations(t.db);
  return t;
}

describe.each(TEST_TARGETS)("RLS matrix on $target", ({ target, skip }) => {
  describe.each(["plain grants", "Supabase default privileges"] as const)("with %s", (grants) => {
    let t: TestDatabase;
    let fx: TenancyFixture;
    let seed: Seed;
    let before: Record<string, string>;
    beforeAll(async () => {
      if (skip) return;
      t = await openDatabase(target, grants);
      fx = await buildTenancyFixture(t);
      seed = await seedTargets(fx);
      before = await snapshot(t);
    });
    afterAll(async () => t?.close());

    for (const [table, row] of Object.entries(MATRIX)) {
      it.skipIf(skip)(`${table}: ${row.target}`, async () => {
        const mismatches: string[] = [];
        let cells = 0;
        for (const role of ROLES) {
          const callerId = role === "anon" ? randomUUID() : fx.personas[role].id;
          for (const [column, operation] of OPERATIONS.entries()) {
            const { text, params } = row.probe[operation]({ fx, seed, callerId });
            const observed = await attempt(fx, role, text, params);
            const expected = row.expect[role][column];
            cells += 1;
            if (observed !== expected) mismatches.push(`${role} ${operation}: expected ${expected}, got ${observed}`);
          }
        }
        expect(mismatches.join("\n")).toBe("");
        expect(cells).toBe(ROLES.length * OPERATIONS.length);
      });
    }

    it.skipIf(skip)("cells are rolled back: every table is exactly as before", async () => {
      expect(await snapshot(t)).toEqual(before);
    });

    it.skipIf(skip)("every table of every schema the migrations create has RLS on and a row in the matrix", async () => {
      const tables = await t.superuser.query<{ name: string; rls: boolean }>(
        `select n.nspname || '.' || c.relname as name, c.relrowsecurity as rls
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where c.relkind in ('r', 'p') and not n.nspname = any ($1) and n.nspname not like 'pg\\_%'
         order by 1`,
        [NOT_OURS],
      );
      expect(tables.filter((table) => !table.rls).map((table) => table.name)).toEqual([]);
      expect(tables.map((table) => table.name)).toEqual(Object.keys(MATRIX).sort());
    });

    it.skipIf(skip)("no API role may TRUNCATE, or hold REFERENCES or TRIGGER on, any table (TRUNCATE ignores RLS)", async () => {
      const held = await t.superuser.query<{ grant: string }>(
        `select r.rolname || ' ' || p.privilege || ' on ' || n.nspname || '.' || c.relname as grant
         from pg_class c
         join pg_namespace n on n.oid = c.relnamespace
         cross join (values ('anon'), ('authenticated')) r(rolname)
         cross join (values ('TRUNCATE'), ('REFERENCES'), ('TRIGGER')) p(privilege)
         where c.relkind in ('r', 'p') and not n.nspname = any ($1) and n.nspname not like 'pg\\_%'
           and has_table_privilege(r.rolname, c.oid, p.privilege)
         order by 1`,
        [NOT_OURS],
      );
      expect(held.map((row) => row.grant).join("\n")).toBe("");
      // What a held TRUNCATE would mean: a stranger wiping every workspace's members at once.
      for (const table of ["public.memberships", "public.invitations", "public.audit_log"]) {
        expect(await attempt(fx, "outsider", `truncate ${table}`)).toBe(PRIV);
      }
      // The query does find privileges that are held.
      const [control] = await t.superuser.query<{ ok: boolean }>(
        "select has_table_privilege('authenticated', 'public.memberships', 'SELECT') as ok",
      );
      expect(control?.ok).toBe(true);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// The preference centre (supabase/migrations/20261124110000_preference_centre.sql).

function preferenceCentreRows(): Record<string, TableRow> {
  const byId = (table: string, column: string, pick: (c: CentreSeed) => unknown, insert: (ctx: ProbeContext) => Probe, update: string): TableRow["probe"] => ({
    select: ({ seed }) => ({ text: `select 1 from ${table} where ${column} = $1`, params: [pick(seed.centre)] }),
    insert,
    update: ({ seed }) => ({ text: `update ${table} set ${update} where ${column} = $1 returning 1`, params: [pick(seed.centre)] }),
    delete: ({ seed }) => ({ text: `delete from ${table} where ${column} = $1 returning 1`, params: [pick(seed.centre)] }),
  });
  const ownersAndAdminsRead: Record<Role, [Outcome, Outcome, Outcome, Outcome]> = {
    anon: ALL_PRIV,
    outsider: [NONE, PRIV, PRIV, PRIV],
    viewer: [NONE, PRIV, PRIV, PRIV],
    editor: [NONE, PRIV, PRIV, PRIV],
    legal: [NONE, PRIV, PRIV, PRIV],
    admin: [OK, PRIV, PRIV, PRIV],
    owner: [OK, PRIV, PRIV, PRIV],
  };
  return {
    "public.verification_challenges": {
      target: "the seed's verification challenge (only the centre's functions touch it)",
      probe: byId(
        "public.verification_challenges",
        "id",
        (c) => c.challengeId,
        ({ fx, seed }) => ({
          text: `insert into public.verification_challenges (workspace_id, experience_id, identifier_kind, identifier_hash, code_hash, link_token_hash, expires_at)
                 values ($1, $2, 'email', $3, $3, $4, now() + interval '1 hour') returning 1`,
          params: [fx.workspaceA, seed.publishedExperienceId, randomHash(), randomHash()],
        }),
        "attempts = 0",
      ),
      expect: NOBODY,
    },
    "public.subject_sessions": {
      target: "the seed person's session",
      probe: byId(
        "public.subject_sessions",
        "token_hash",
        (c) => c.sessionHash,
        ({ fx, seed }) => ({
          text: `insert into public.subject_sessions (token_hash, workspace_id, subject_id, identifier_kind, identifier_hash, challenge_id, expires_at)
                 values ($1, $2, $3, 'email', $1, $4, now() + interval '1 day') returning 1`,
          params: [randomHash(), fx.workspaceA, seed.ledger.subjectId, seed.centre.challengeId],
        }),
        "expires_at = now() + interval '10 years'",
      ),
      expect: NOBODY,
    },
    "public.outbound_messages": {
      target: "the seed's verification email (its body held the code: owners and admins only)",
      probe: byId(
        "public.outbound_messages",
        "id",
        (c) => c.messageId,
        ({ fx }) => ({
          text: `insert into public.outbound_messages (workspace_id, channel, recipient_masked, locale, subject_line, body, body_redacted)
                 values ($1, 'email', 'a***@example.test', 'en', 'Forged', 'Forged', 'Forged') returning 1`,
          params: [fx.workspaceA],
        }),
        "status = 'sent'",
      ),
      expect: ownersAndAdminsRead,
    },
    "public.consent_receipts": {
      target: "the seed person's receipt (a record: members read, nobody writes)",
      probe: byId(
        "public.consent_receipts",
        "id",
        (c) => c.receiptId,
        ({ fx, seed }) => ({
          text: `insert into public.consent_receipts (workspace_id, subject_id, experience_id, experience_version_id, action, event_ids, token_hash)
                 values ($1, $2, $3, $4, 'change', array[$5::uuid], $6) returning 1`,
          params: [fx.workspaceA, seed.ledger.subjectId, seed.publishedExperienceId, seed.experienceVersionId, seed.ledger.eventId, randomHash()],
        }),
        "action = 'withdraw_all'",
      ),
      expect: ledgerReadOnly(),
    },
    "public.data_subject_requests": {
      target: "the seed person's access request (made only by session; owners, admins and legal handle it)",
      probe: byId(
        "public.data_subject_requests",
        "id",
        (c) => c.requestId,
        ({ fx, seed }) => ({
          text: "insert into public.data_subject_requests (workspace_id, subject_id, identifier_kind, kind) values ($1, $2, 'email', 'deletion') returning 1",
          params: [fx.workspaceA, seed.ledger.subjectId],
        }),
        "status = 'in_progress'",
      ),
      expect: {
        anon: /*     */ [PRIV, PRIV, PRIV, PRIV],
        outsider: /* */ [NONE, PRIV, NONE, PRIV],
        viewer: /*   */ [NONE, PRIV, NONE, PRIV],
        editor: /*   */ [NONE, PRIV, NONE, PRIV],
        legal: /*    */ [OK, PRIV, OK, PRIV],
        admin: /*    */ [OK, PRIV, OK, PRIV],
        owner: /*    */ [OK, PRIV, OK, PRIV],
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Sync (supabase/migrations/20261207130000_sync_destinations.sql).

function syncRows(): Record<string, TableRow> {
  const membersReadNobodyWrites = ledgerReadOnly();
  return {
    "public.destinations": {
      target: "A's webhook destination made by its owner (insert: a destination by the caller; deletes are soft, by update)",
      probe: {
        select: ({ seed }) => ({ text: "select 1 from public.destinations where id = $1", params: [seed.sync.destinationId] }),
        insert: ({ fx, callerId }) => ({
          text: `insert into public.destinations (workspace_id, name, kind, config, secrets, created_by)
                 values ($1, 'Probe', 'webhook', '{"url": "https://probe.example.com/"}', decode(repeat('00', 40), 'hex'), $2) returning 1`,
          params: [fx.workspaceA, callerId],
        }),
        update: ({ seed }) => ({ text: "update public.destinations set paused = true where id = $1 returning 1", params: [seed.sync.destinationId] }),
        delete: ({ seed }) => ({ text: "delete from public.destinations where id = $1 returning 1", params: [seed.sync.destinationId] }),
      },
      expect: {
        anon: /*     */ ALL_PRIV,
        outsider: /* */ [NONE, RLS, NONE, PRIV],
        viewer: /*   */ [OK, RLS, NONE, PRIV],
        editor: /*   */ [OK, RLS, NONE, PRIV],
        legal: /*    */ [OK, RLS, NONE, PRIV],
        admin: /*    */ [OK, OK, OK, PRIV],
        owner: /*    */ [OK, OK, OK, PRIV],
      },
    },
    "public.deliveries": {
      target: "the delivery the seed recording fanned out to A's destination (the engine writes; members read)",
      probe: {
        select: ({ seed }) => ({ text: "select 1 from public.deliveries where id = $1", params: [seed.sync.deliveryId] }),
        insert: ({ fx, seed }) => ({
          text: `insert into public.deliveries (workspace_id, destination_id, outbox_id, subject_id, seq, event_ids, replay_of)
                 select workspace_id, destination_id, outbox_id, subject_id, seq, event_ids, id from public.deliveries where id = $1 and workspace_id = $2 returning 1`,
          params: [seed.sync.deliveryId, fx.workspaceA],
        }),
        update: ({ seed }) => ({ text: "update public.deliveries set status = 'delivered' where id = $1 returning 1", params: [seed.sync.deliveryId] }),
        delete: ({ seed }) => ({ text: "delete from public.deliveries where id = $1 returning 1", params: [seed.sync.deliveryId] }),
      },
      expect: membersReadNobodyWrites,
    },
    "public.delivery_attempts": {
      target: "the engine's attempt at that delivery",
      probe: {
        select: ({ seed }) => ({ text: "select 1 from public.delivery_attempts where id = $1", params: [seed.sync.attemptId] }),
        insert: ({ seed }) => ({
          text: `insert into public.delivery_attempts (delivery_id, workspace_id, destination_id, status_code, latency_ms, ok)
                 select id, workspace_id, destination_id, 200, 1, true from public.deliveries where id = $1 returning 1`,
          params: [seed.sync.deliveryId],
        }),
        update: ({ seed }) => ({ text: "update public.delivery_attempts set ok = true where id = $1 returning 1", params: [seed.sync.attemptId] }),
        delete: ({ seed }) => ({ text: "delete from public.delivery_attempts where id = $1 returning 1", params: [seed.sync.attemptId] }),
      },
      expect: membersReadNobodyWrites,
    },
    "private.workspace_data_keys": {
      target: "A's wrapped data key (made with its first destination; only public.workspace_data_key reads it)",
      probe: {
        select: ({ fx }) => ({ text: "select 1 from private.workspace_data_keys where workspace_id = $1", params: [fx.workspaceA] }),
        insert: ({ fx }) => ({
          text: "insert into private.workspace_data_keys (workspace_id, wrapped_key, master_key_id) values ($1, decode(repeat('00', 60), 'hex'), '0000000000000000') returning 1",
          params: [fx.workspaceA],
        }),
        update: ({ fx }) => ({ text: "update private.workspace_data_keys set master_key_id = '0000000000000000' where workspace_id = $1 returning 1", params: [fx.workspaceA] }),
        delete: ({ fx }) => ({ text: "delete from private.workspace_data_keys where workspace_id = $1 returning 1", params: [fx.workspaceA] }),
      },
      expect: NOBODY,
    },
  };
}
