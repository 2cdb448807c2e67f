// Shared by the database suites of lib/records.
import { runAsService } from "@/lib/db/caller";
import type { Database } from "@/lib/db/types";
import { controllerOf, createNoticeAs, doc, editVersion } from "@/lib/notices/test-support";
import type { TenancyFixture } from "@/lib/testing/tenancy-fixture";

export interface RecordsFixture {
  purposes: Record<string, string>;
  noticeId: string;
  noticeVersionId: string;
  experienceId: string;
  versionId: string;
}

export const NOTICE_TEXT = { en: "We send you offers by email.", "zh-CN": "我们会通过电子邮件向您发送优惠信息。" } as const;

/**
 * Workspace A with an approved notice (English and Simplified Chinese) pinned by a published
 * preference page that offers marketing and analytics.
 */
export async function publishNoticedExperience(fx: TenancyFixture): Promise<RecordsFixture> {
  const purposes = Object.fromEntries(
    (await fx.as("owner", (sql) => sql.query<{ key: string; id: string }>("select key, id from public.purposes where workspace_id = $1", [fx.workspaceA]))).map(
      (row) => [row.key, row.id],
    ),
  ) as Record<string, string>;
  const controller = await controllerOf(fx);
  const { noticeId, versionId: noticeVersionId } = await createNoticeAs(fx, "editor", { name: "Marketing notice", locales: ["en", "zh-CN"] });
  const who = `${controller.entity}, ${controller.contact}`;
  await editVersion(fx, "editor", noticeVersionId, {
    content: { en: doc(NOTICE_TEXT.en, who), "zh-CN": doc(NOTICE_TEXT["zh-CN"], who) },
    purpose_ids: [purposes.marketing],
  });
  await fx.as("editor", (sql) => sql.query("select public.submit_notice_version($1)", [noticeVersionId]));
  await fx.as("legal", (sql) => sql.query("select public.approve_notice_version($1)", [noticeVersionId]));
  const document = {
    schemaVersion: 2,
    kind: "preference_page",
    blocks: [
      { id: "n1", type: "notice", noticeId },
      { id: "b1", type: "purpose_toggle", purposeId: purposes.marketing },
      { id: "b2", type: "purpose_toggle", purposeId: purposes.analytics },
    ],
  };
  return fx.as("editor", async (sql) => {
    const [experience] = await sql.query<{ id: string }>(
      `insert into public.experiences (workspace_id, name, kind, document, created_by, updated_by)
       values ($1, 'Preference page', 'preference_page', '{}', $2, $2) returning id`,
      [fx.workspaceA, fx.personas.editor.id],
    );
    const [version] = await sql.query<{ id: string }>("select public.publish_experience($1, $2::jsonb, $3::jsonb, false) as id", [
      experience!.id,
      JSON.stringify(document),
      JSON.stringify({ [noticeId]: noticeVersionId }),
    ]);
    return { purposes, noticeId, noticeVersionId, experienceId: experience!.id, versionId: version!.id };
  });
}

/**
 * `count` events in `workspaceId` straight into the ledger as the superuser (generate_series),
 * spread over `subjects` people and the last 30 days, for volume tests. Hashes are filler: these
 * rows are for reading and exporting, not for chain verification.
 */
export async function seedVolume(superuser: Database, workspaceId: string, count: number, subjects: number = Math.ceil(count / 10)): Promise<void> {
  const perSubject = Math.ceil(count / subjects);
  await superuser.exec(`
    create temporary table seed_subjects as
      select gen_random_uuid() as id, n from generate_series(1, ${subjects}) n;
    insert into public.subjects (id, workspace_id, chain_length, created_at)
      select id, '${workspaceId}', ${perSubject}, now() - interval '31 days' from seed_subjects;
    insert into public.subject_identifiers (workspace_id, subject_id, kind, identifier_hash)
      select '${workspaceId}', id, 'device_id', encode(sha256(convert_to(id::text, 'UTF8')), 'hex') from seed_subjects;
    insert into public.consent_events (workspace_id, subject_id, seq, identifier_kind, identifier_hash, occurred_at, received_at,
        expressed_by, controller, purpose_id, purpose, separately_given, notice_versions, language, region_code, region_resolution,
        consent_type, method, channel, state, context, prev_hash, hash)
      select '${workspaceId}', s.id, k, 'device_id', encode(sha256(convert_to(s.id::text, 'UTF8')), 'hex'),
        t, t, 'subject', '{"legal_entity_name":"Volume Ltd.","contact_address":"1 Example Street"}',
        ps.ids[1 + g % 4], jsonb_build_object('key', ps.keys[1 + g % 4]), false, '{}', case when g % 3 = 0 then 'zh-CN' else 'en' end,
        (array['CN','EU','US-CA','HK','DEFAULT'])[1 + g % 5], '{"method":"explicit"}', 'explicit',
        (array['click_accept','click_reject','save','toggle'])[1 + g % 4]::public.consent_method,
        (array['web','app','mini_program','api'])[1 + g % 4]::public.collection_channel,
        (array['given','refused','withdrawn','given'])[1 + (g / 7) % 4]::public.consent_status,
        '{}', repeat('0', 64), encode(sha256(convert_to(g::text, 'UTF8')), 'hex')
      from generate_series(0, ${count - 1}) g
      cross join lateral (select g / ${perSubject} + 1 as n, g % ${perSubject} + 1 as k,
                                 now() - interval '30 days' + (g * interval '1 second' * ${Math.max(1, Math.floor((30 * 86400) / count))}) as t) x
      join seed_subjects s on s.n = x.n
      cross join (select array_agg(id order by key) as ids, array_agg(key order by key) as keys
                  from public.purposes where workspace_id = '${workspaceId}') ps;
    drop table seed_subjects;
    analyze public.consent_events;
  `);
}

export function asService<T>(fx: TenancyFixture, work: Parameters<typeof runAsService<T>>[2]): Promise<T> {
  return runAsService(fx.db, "consent-api", work);
}
