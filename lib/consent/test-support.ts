// Shared by the database suites of lib/consent; not exported from the index.
import { runAsService } from "@/lib/db/caller";
import type { Sql } from "@/lib/db/types";
import type { TenancyFixture } from "@/lib/testing/tenancy-fixture";
import type { RecordConsentInput } from "./types";

export interface LedgerFixture {
  /** Purpose ids of workspace A by key (the standard catalog). */
  purposes: Record<string, string>;
  topics: Record<string, string>;
  experienceId: string;
  versionId: string;
  publicKey: string;
  origin: string;
}

/** Runs work as the service path of the API ("consent-api"). */
export function asService<T>(fx: TenancyFixture, work: (sql: Sql) => Promise<T>): Promise<T> {
  return runAsService(fx.db, "consent-api", work);
}

/**
 * A published preference page in workspace A offering marketing, analytics and advertising,
 * email and SMS, and the topic "offers"; allowed from https://shop.example.
 */
export async function publishLedgerExperience(fx: TenancyFixture): Promise<LedgerFixture> {
  const purposes = Object.fromEntries(
    (
      await fx.as("owner", (sql) =>
        sql.query<{ key: string; id: string }>("select key, id from public.purposes where workspace_id = $1", [fx.workspaceA]),
      )
    ).map((row) => [row.key, row.id]),
  );
  const topics = Object.fromEntries(
    (
      await fx.as("owner", (sql) => sql.query<{ key: string; id: string }>("select key, id from public.topics where workspace_id = $1", [fx.workspaceA]))
    ).map((row) => [row.key, row.id]),
  );
  const origin = "https://shop.example";
  const document = {
    schemaVersion: 2,
    kind: "preference_page",
    blocks: [
      { id: "b1", type: "purpose_toggle", purposeId: purposes.marketing },
      { id: "b2", type: "purpose_toggle", purposeId: purposes.analytics },
      { id: "b3", type: "container", blocks: [{ id: "b4", type: "purpose_toggle", purposeId: purposes.advertising }] },
      { id: "b5", type: "channel_preferences", scope: { kind: "global" }, channels: ["email", "sms"] },
      { id: "b6", type: "topic_subscriptions", topicIds: [topics.offers] },
    ],
  };
  return fx.as("editor", async (sql) => {
    const [experience] = await sql.query<{ id: string; public_key: string }>(
      `insert into public.experiences (workspace_id, name, kind, document, created_by, updated_by, allowed_origins)
       values ($1, 'Preference page', 'preference_page', '{}', $2, $2, $3) returning id, public_key`,
      [fx.workspaceA, fx.personas.editor.id, [origin]],
    );
    const [version] = await sql.query<{ id: string }>("select public.publish_experience($1, $2::jsonb, '{}'::jsonb, false) as id", [
      experience!.id,
      JSON.stringify(document),
    ]);
    return {
      purposes: purposes as Record<string, string>,
      topics: topics as Record<string, string>,
      experienceId: experience!.id,
      versionId: version!.id,
      publicKey: experience!.public_key,
      origin,
    };
  });
}

/** A valid recording for `ledger`: marketing given on the web, overridable field by field. */
export function consentInput(fx: TenancyFixture, ledger: LedgerFixture, overrides: Partial<RecordConsentInput> = {}): RecordConsentInput {
  return {
    workspaceId: fx.workspaceA,
    experienceVersionId: ledger.versionId,
    subject: { kind: "email", value: `person.${Math.random().toString(36).slice(2)}@example.test` },
    channel: "web",
    method: "save",
    expressedBy: "subject",
    locale: "zh-CN",
    region: { code: "CN", resolvedBy: "explicit" },
    decisions: [{ purposeId: ledger.purposes.marketing!, state: "given" }],
    context: { ipTruncated: "203.0.113.77", userAgent: "Vitest", pageUrl: "https://shop.example/prefs" },
    ...overrides,
  };
}
