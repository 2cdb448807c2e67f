import { randomBytes } from "node:crypto";
import { tokenDigest } from "@/lib/auth/tokens";
import { runAsService } from "@/lib/db/caller";
import { createApiKey } from "@/lib/consent/api-keys";
import { appendContact } from "@/lib/consent/contacts";
import { recordConsent } from "@/lib/consent/record";
import { createDestination } from "@/lib/sync/destinations";
import { keepIdentifierValue } from "@/lib/sync/identifiers";
import type { TenancyFixture } from "./tenancy-fixture";

/**
 * Rows of workspace A beyond the tenancy fixture, one of each kind, for the suites that probe
 * what others may do to them: the RLS matrix (lib/db/rls-matrix.db.test.ts) and the function
 * guards (lib/db/function-guards.db.test.ts).
 */

const randomHash = () => tokenDigest(randomBytes(16).toString("hex"));

export interface Seed {
  publishedExperienceId: string;
  experienceVersionId: string;
  purposeId: string;
  topicId: string;
  experienceId: string;
  previewLinkId: string;
  noticeId: string;
  noticeVersionId: string;
  accountId: string;
  accountEmail: string;
  sessionHash: string;
  failureId: number;
  /** The consent ledger (lib/consent): one recording by the service for A, and what hangs off it. */
  ledger: LedgerSeed;
  /** The preference centre: a verification, its message, a session, a receipt and a data request in A. */
  centre: CentreSeed;
  /** Sync: a destination of A made by its owner, the delivery the seed recording fanned out to it, one attempt. */
  sync: SyncSeed;
  rateLimitBucket: string;
  rateLimitSubject: string;
  /** A website the API refused for the published experience (noted by the service, as the live endpoint does). */
  refusedOrigin: string;
}

/**
 * The target rows beyond the tenancy fixture, each made the way the product makes it: the
 * default catalog by create_workspace, a draft and its preview link by A's editor under RLS, a
 * notice by A's editor through public.create_notice, local_auth rows as the service role (as
 * lib/auth/local does).
 */
export async function seedTargets(fx: TenancyFixture): Promise<Seed> {
  const [purpose] = await fx.as("owner", (sql) =>
    sql.query<{ id: string }>("select id from public.purposes where workspace_id = $1 and key = 'analytics'", [fx.workspaceA]),
  );
  const [topic] = await fx.as("owner", (sql) =>
    sql.query<{ id: string }>("select id from public.topics where workspace_id = $1 and key = 'offers'", [fx.workspaceA]),
  );
  const editor = fx.personas.editor.id;
  const { experienceId, previewLinkId, publishedExperienceId, experienceVersionId } = await fx.as("editor", async (sql) => {
    const [experience] = await sql.query<{ id: string }>(
      `insert into public.experiences (workspace_id, name, kind, document, created_by, updated_by)
       values ($1, 'Cookie banner', 'banner', '{}', $2, $2) returning id`,
      [fx.workspaceA, editor],
    );
    const [link] = await sql.query<{ id: string }>(
      `insert into public.experience_preview_links (workspace_id, experience_id, token_hash, expires_at, created_by)
       values ($1, $2, $3, now() + interval '1 day', $4) returning id`,
      [fx.workspaceA, experience!.id, randomHash(), editor],
    );
    const [published] = await sql.query<{ id: string }>(
      `insert into public.experiences (workspace_id, name, kind, document, created_by, updated_by)
       values ($1, 'Published banner', 'banner', '{}', $2, $2) returning id`,
      [fx.workspaceA, editor],
    );
    const [version] = await sql.query<{ id: string }>(
      `select public.publish_experience($1, '{"kind": "banner", "schemaVersion": 2}'::jsonb, '{}'::jsonb, false) as id`,
      [published!.id],
    );
    return { experienceId: experience!.id, previewLinkId: link!.id, publishedExperienceId: published!.id, experienceVersionId: version!.id };
  });
  const notice = await fx.as("editor", async (sql) => {
    const [created] = await sql.query<{ id: string }>("select public.create_notice($1, 'Privacy notice', 'privacy_notice', 'en', '{en}') as id", [
      fx.workspaceA,
    ]);
    const [version] = await sql.query<{ id: string }>("select id from public.notice_versions where notice_id = $1", [created!.id]);
    return { noticeId: created!.id, noticeVersionId: version!.id };
  });
  // A region rule-set adjustment, as an owner makes it on the Regions page.
  await fx.as("owner", (sql) =>
    sql.query(`insert into public.region_rule_sets (workspace_id, region_code, rules, updated_by) values ($1, 'HK', '{"reaskAfterDays": 30}', (select auth.uid()))`, [fx.workspaceA]),
  );
  const local = await seedLocalAuth(fx);
  // The public API's counters, as its gate makes them (the database owner stands in for the service).
  const rateLimitSubject = "key:seed";
  await fx.db.query("select private.api_rate_limit_hit('consents', $1, 60, 600)", [rateLimitSubject]);
  await fx.db.query("insert into private.api_rate_limit_overrides (subject, max_hits) values ($1, 10)", [rateLimitSubject]);
  const rateLimits = { rateLimitBucket: `consents|${rateLimitSubject}`, rateLimitSubject };
  // Not the analytics purpose above: a purpose with ledger events cannot be deleted.
  const [marketing] = await fx.as("owner", (sql) =>
    sql.query<{ id: string }>("select id from public.purposes where workspace_id = $1 and key = 'marketing'", [fx.workspaceA]),
  );
  const destinationId = await seedDestination(fx);
  const ledger = await seedLedger(fx, marketing!.id);
  const centre = await seedPreferenceCentre(fx, publishedExperienceId, marketing!.id);
  const refusedOrigin = "https://refused.example";
  await fx.db.query("select private.note_refused_origin((select public_id from public.experiences where id = $1), $2)", [publishedExperienceId, refusedOrigin]);
  const sync = await seedDelivery(fx, destinationId);
  return { ledger, centre, sync, purposeId: purpose!.id, topicId: topic!.id, experienceId, previewLinkId, publishedExperienceId, experienceVersionId, refusedOrigin, ...notice, ...local, ...rateLimits };
}

async function seedLocalAuth(fx: TenancyFixture) {
  const accountEmail = fx.personas.owner.email;
  const sessionHash = randomHash();
  return runAsService(fx.db, "local-accounts", async (sql) => {
    const [account] = await sql.query<{ id: string }>(
      "insert into local_auth.accounts (email, password_hash) values ($1, 'scrypt$15$8$1$c2FsdA$a2V5') returning id",
      [accountEmail],
    );
    await sql.query("insert into local_auth.sessions (token_hash, account_id, expires_at) values ($1, $2, now() + interval '1 day')", [
      sessionHash,
      account!.id,
    ]);
    const [failure] = await sql.query<{ id: number }>(
      "insert into local_auth.sign_in_failures (email, client_address) values ($1, '127.0.0.1') returning id",
      [accountEmail],
    );
    await sql.query("select * from local_auth.sign_in_gate($1, '127.0.0.1')", [accountEmail]);
    return { accountId: account!.id, accountEmail, sessionHash, failureId: failure!.id };
  });
}

export interface LedgerSeed {
  subjectId: string;
  eventId: string;
  contactId: number;
  keyword: string;
  apiKeyId: string;
  idempotencyKey: string;
}

/** A recording for A through the service path, a contact, an SMS keyword and an API key by A's owner. */
async function seedLedger(fx: TenancyFixture, purposeId: string): Promise<LedgerSeed> {
  const idempotencyKey = `seed-${randomBytes(4).toString("hex")}`;
  const subject = { kind: "email" as const, value: "matrix.subject@example.test" };
  const recorded = await runAsService(fx.db, "consent-api", (sql) =>
    recordConsent(sql, {
      workspaceId: fx.workspaceA,
      experienceVersionId: null,
      subject,
      channel: "import",
      method: "api_import",
      expressedBy: "subject",
      locale: "en",
      region: { code: "EU", resolvedBy: "explicit" },
      decisions: [{ purposeId, state: "given" }],
      preferences: { channels: { "*": ["email"] } },
      context: {},
      idempotencyKey,
    }),
  );
  const contact = await runAsService(fx.db, "consent-api", (sql) =>
    appendContact(sql, fx.workspaceA, { subject, channel: "email", purposeId, contactedAt: new Date() }),
  );
  const keyword = "quit";
  await fx.as("owner", (sql) =>
    sql.query("insert into public.sms_opt_out_keywords (workspace_id, keyword, created_by) values ($1, $2, $3)", [fx.workspaceA, keyword, fx.personas.owner.id]),
  );
  const apiKey = await fx.as("owner", (sql) => createApiKey(sql, fx.workspaceA, { name: "Seed key", scopes: ["consent:write"] }));
  return { subjectId: recorded.subjectId, eventId: recorded.eventIds[0]!, contactId: contact.id!, keyword, apiKeyId: apiKey.id, idempotencyKey };
}

export interface CentreSeed {
  challengeId: string;
  messageId: string;
  sessionHash: string;
  receiptId: string;
  requestId: string;
}

/** A person verifies by code on A's published banner, records a refusal (a receipt) and asks for a copy of their data. */
async function seedPreferenceCentre(fx: TenancyFixture, experienceId: string, purposeId: string): Promise<CentreSeed> {
  const [experience] = await fx.as("owner", (sql) => sql.query<{ public_id: string }>("select public_id from public.experiences where id = $1", [experienceId]));
  const publicId = experience!.public_id;
  const [started] = await fx.asAnon((sql) =>
    sql.query<{ r: { challengeId: string; messageId: string } }>("select public.start_subject_verification($1, 'email', 'centre.subject@example.test', 'en') as r", [publicId]),
  );
  const { challengeId, messageId } = started!.r;
  const [message] = await fx.as("owner", (sql) => sql.query<{ body: string }>("select body from public.outbound_messages where id = $1", [messageId]));
  const code = /(?:is|是) (\d{6})\b/.exec(message!.body)![1];
  const [verified] = await fx.asAnon((sql) => sql.query<{ r: { sessionToken: string } }>("select public.verify_subject_code($1, $2) as r", [challengeId, code]));
  const session = verified!.r.sessionToken;
  const visit = { locale: "en", region: { code: "EU", resolvedBy: "parameter" }, context: {} };
  const [changed] = await fx.asAnon((sql) =>
    sql.query<{ r: { receiptId: string } }>("select public.record_subject_choices($1, $2, $3::jsonb) as r", [
      session,
      publicId,
      JSON.stringify({ ...visit, method: "save", decisions: [{ purposeId, given: false }] }),
    ]),
  );
  const [request] = await fx.asAnon((sql) => sql.query<{ id: string }>("select public.request_subject_data($1, $2, 'access') as id", [session, publicId]));
  return { challengeId, messageId, sessionHash: tokenDigest(session), receiptId: changed!.r.receiptId, requestId: request!.id };
}

export interface SyncSeed {
  destinationId: string;
  deliveryId: string;
  attemptId: number;
}

/** A webhook destination of A, made by its owner (before the ledger seed records, so that fans out to it). */
async function seedDestination(fx: TenancyFixture): Promise<string> {
  const created = await fx.as("owner", (sql) =>
    createDestination(sql, fx.workspaceA, { kind: "webhook", name: "Seed CRM", url: "https://crm.example.com/hook" }, { allowPrivate: false }),
  );
  return created.destination.id;
}

/** The delivery the seed recording made to that destination, and an attempt the engine recorded. */
async function seedDelivery(fx: TenancyFixture, destinationId: string): Promise<SyncSeed> {
  await runAsService(fx.db, "consent-api", (sql) => keepIdentifierValue(sql, fx.workspaceA, "email", "matrix.subject@example.test"));
  return runAsService(fx.db, "sync", async (sql) => {
    const [delivery] = await sql.query<{ id: string }>("select id from public.deliveries where destination_id = $1", [destinationId]);
    const [attempt] = await sql.query<{ id: number }>(
      `insert into public.delivery_attempts (delivery_id, workspace_id, destination_id, status_code, latency_ms, ok)
       select id, workspace_id, destination_id, 503, 12, false from public.deliveries where id = $1 returning id::int as id`,
      [delivery!.id],
    );
    return { destinationId, deliveryId: delivery!.id, attemptId: attempt!.id };
  });
}
