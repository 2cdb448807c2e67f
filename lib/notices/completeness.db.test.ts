import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPurposeLegal, updatePurposeLegal } from "@/lib/catalog/purpose-legal";
import type { Sql } from "@/lib/db/types";
import { SUPPORTED_CONTENT_LOCALES } from "@/lib/experience/localized";
import { createTestDatabase, TEST_TARGETS, type TestDatabase } from "@/lib/testing/databases";
import { attempt, buildTenancyFixture, createAccount, createWorkspace, type TenancyFixture } from "@/lib/testing/tenancy-fixture";
import type { PurposeLegalFieldsInput } from "./schemas";
import { call, controllerOf, createNoticeAs, doc, purposeIds, storedVersion, updateVersion } from "./test-support";
import { NoticeIncompleteError, approveNoticeVersion, noticeVersionProblems } from "./versions";

/**
 * What notice_version_problems asks before approval (regulations.md): always text in every
 * offered locale and at least one purpose; for CN (PIPL art. 17, 23, 28–30, 39) the controller
 * and contact in the text, rights, data categories, retention, a separate statement for each
 * separate-consent purpose, recipients; for EU the controller, contact and rights. Each check is
 * shown by breaking one field of a complete version (and only that problem appears) inside a
 * transaction that is rolled back (so it disappears again).
 */

type Problem = [code: string, purposeKey: string | null, locale: string | null];

const KEYS = ["marketing", "sensitive_data", "cross_border_transfer", "third_party_sharing"] as const;

class RolledBack extends Error {
  constructor(readonly problems: Problem[]) {
    super("rolled back");
  }
}

describe.each(TEST_TARGETS)("notice completeness on $target", ({ target, skip }) => {
  let t: TestDatabase;
  let fx: TenancyFixture;
  let purpose: Record<(typeof KEYS)[number], string>;
  let versionId: string;
  let controller: { entity: string; contact: string };

  const problemsOf = async (sql: Sql, id = versionId): Promise<Problem[]> =>
    (await sql.query<{ code: string; purpose_key: string | null; locale: string | null }>(call.problems, [id])).map((row) => [
      row.code,
      row.purpose_key,
      row.locale,
    ]);

  /** The problems after `change`, made as A's owner in a transaction that is then rolled back. */
  async function problemsAfter(change: (sql: Sql) => Promise<unknown>): Promise<Problem[]> {
    try {
      await fx.as("owner", async (sql) => {
        await change(sql);
        throw new RolledBack(await problemsOf(sql));
      });
    } catch (error) {
      if (error instanceof RolledBack) return error.problems;
      throw error;
    }
    throw new Error("unreachable");
  }

  const setVersion = (set: Record<string, unknown>) => (sql: Sql) => updateVersion(sql, versionId, set);
  const setPurpose = (key: (typeof KEYS)[number], assignments: string) => (sql: Sql) =>
    sql.query(`update public.purposes set ${assignments} where id = $1`, [purpose[key]]);

  const statements = () => ({
    [purpose.sensitive_data]: { en: "We need your location to find stores near you.", "zh-CN": "为向您推荐附近门店，我们需要处理您的位置信息。" },
    [purpose.cross_border_transfer]: { en: "Your order is processed by our Singapore office.", "zh-CN": "您的订单将由我们的新加坡办公室处理。" },
    [purpose.third_party_sharing]: { en: "We share your email with Courier Ltd.", "zh-CN": "我们会向快递公司提供您的电子邮箱。" },
  });

  beforeAll(async () => {
    if (skip) return;
    t = await createTestDatabase(target);
    fx = await buildTenancyFixture(t);
    purpose = (await purposeIds(fx, KEYS)) as typeof purpose;
    controller = await controllerOf(fx);
    // Legal states what the notice relies on, through the catalog module.
    const base: PurposeLegalFieldsInput = {
      legalBasis: "consent",
      dataCategories: ["email address"],
      sensitive: false,
      separateConsentSensitive: false,
      separateConsentThirdParty: false,
      thirdPartyRecipient: null,
      separateConsentCrossBorder: false,
      crossBorderRecipient: null,
      crossBorderCountry: null,
      separateConsentPublicDisclosure: false,
      retention: "2 years after your last purchase",
      retentionDays: 730,
      recipients: [],
      dpvPurpose: "dpv:DirectMarketing",
    };
    await fx.as("legal", async (sql) => {
      await updatePurposeLegal(sql, fx.workspaceA, purpose.marketing, base);
      await updatePurposeLegal(sql, fx.workspaceA, purpose.sensitive_data, { ...base, dataCategories: ["precise location"], sensitive: true, separateConsentSensitive: true, dpvPurpose: "" });
      await updatePurposeLegal(sql, fx.workspaceA, purpose.cross_border_transfer, { ...base, separateConsentCrossBorder: true, crossBorderRecipient: "Shop Pte. Ltd.", crossBorderCountry: "sg", dpvPurpose: null });
      await updatePurposeLegal(sql, fx.workspaceA, purpose.third_party_sharing, { ...base, separateConsentThirdParty: true, thirdPartyRecipient: " Courier Ltd. ", recipients: ["Courier Ltd."], dpvPurpose: null });
    });
    // A complete CN + EU version. The controller's name is split by a mark and the address by
    // a line break in English: both still count as named.
    ({ versionId } = await createNoticeAs(fx, "editor", { locales: ["en", "zh-CN"] }));
    const [head, tail] = [controller.entity.slice(0, 4), controller.entity.slice(4)];
    const [street, city] = controller.contact.split(", ");
    await fx.as("editor", (sql) =>
      updateVersion(sql, versionId, {
        content: {
          en: {
            type: "doc",
            content: [
              { type: "paragraph", content: [{ type: "text", text: head, marks: [{ type: "bold" }] }, { type: "text", text: tail }, { type: "text", text: " handles your personal information." }] },
              { type: "paragraph", content: [{ type: "text", text: `Write to ${street},` }, { type: "hardBreak" }, { type: "text", text: city }] },
            ],
          },
          "zh-CN": doc(`个人信息处理者：${controller.entity}`, `联系地址：${controller.contact}`),
        },
        purpose_ids: Object.values(purpose),
        jurisdictions: ["CN", "EU"],
        rights_statement: { en: "Ask us for a copy, a correction or deletion.", "zh-CN": "您可以查阅、复制、更正或删除您的个人信息。" },
        purpose_statements: statements(),
      }),
    );
  });
  afterAll(async () => t?.close());

  it.skipIf(skip)("the complete version has no problems, for every member to see", async () => {
    expect(await fx.as("viewer", (sql) => problemsOf(sql))).toEqual([]);
    expect(await fx.as("viewer", (sql) => noticeVersionProblems(sql, versionId))).toEqual([]);
    expect(await attempt(fx, "outsider", call.problems, [versionId])).toBe("raises consentry.not_found");
    expect(await attempt(fx, "anon", call.problems, [versionId])).toBe("no privilege");
  });

  const cases: [string, () => (sql: Sql) => Promise<unknown>, Problem[]][] = [
    ["a locale without content", () => setVersion({ content: { en: doc("x") } }), [["locale_missing", null, "zh-CN"], ["controller_missing", null, "en"], ["contact_missing", null, "en"]]],
    ["a locale whose doc is empty", () => (sql) => sql.query(`update public.notice_versions set content = jsonb_set(content, '{zh-CN}', '{"type": "doc", "content": [{"type": "paragraph"}]}') where id = $1`, [versionId]), [["locale_missing", null, "zh-CN"]]],
    ["no purpose", () => setVersion({ purpose_ids: [] }), [["purposes_missing", null, null]]],
    ["the controller's name", () => (sql) => sql.query("update public.workspaces set legal_entity_name = 'Renamed Holdings Ltd.' where id = $1", [fx.workspaceA]), [["controller_missing", null, "en"], ["controller_missing", null, "zh-CN"]]],
    ["the contact address", () => (sql) => sql.query("update public.workspaces set contact_address = '9 Other Road' where id = $1", [fx.workspaceA]), [["contact_missing", null, "en"], ["contact_missing", null, "zh-CN"]]],
    ["the rights statement in one locale", () => setVersion({ rights_statement: { en: "Ask us.", "zh-CN": "  " } }), [["rights_missing", null, "zh-CN"]]],
    ["data categories", () => setPurpose("marketing", "data_categories = '{}'"), [["data_categories_missing", "marketing", null]]],
    ["retention", () => setPurpose("marketing", "retention = ' '"), [["retention_missing", "marketing", null]]],
    ["a separate statement", () => setVersion({ purpose_statements: { ...statements(), [purpose.sensitive_data]: { "zh-CN": "位置信息。" } } }), [["separate_statement_missing", "sensitive_data", "en"]]],
    ["the cross-border country", () => setPurpose("cross_border_transfer", "cross_border_country = null"), [["cross_border_recipient_missing", "cross_border_transfer", null]]],
    ["the cross-border recipient", () => setPurpose("cross_border_transfer", "cross_border_recipient = null"), [["cross_border_recipient_missing", "cross_border_transfer", null]]],
    ["the third-party recipient", () => setPurpose("third_party_sharing", "third_party_recipient = null"), [["third_party_recipient_missing", "third_party_sharing", null]]],
    ["a public-disclosure flag without its statement", () => setPurpose("marketing", "separate_consent_public_disclosure = true"), [["separate_statement_missing", "marketing", "en"], ["separate_statement_missing", "marketing", "zh-CN"]]],
  ];
  for (const [missing, change, expected] of cases) {
    it.skipIf(skip)(`missing ${missing}: exactly that is reported, and gone once it is back`, async () => {
      expect(await problemsAfter(change())).toEqual(expected);
      expect(await fx.as("viewer", (sql) => problemsOf(sql))).toEqual([]);
    });
  }

  it.skipIf(skip)("CN asks for everything, EU for controller, contact and rights, no jurisdiction for text and purposes only", async () => {
    // Strip everything but text and purposes.
    const bare = async (sql: Sql, jurisdictions: string[]) => {
      await updateVersion(sql, versionId, {
        content: { en: doc("Hello"), "zh-CN": doc("你好") },
        rights_statement: {},
        purpose_statements: {},
        purpose_ids: [purpose.marketing, purpose.cross_border_transfer],
        jurisdictions,
      });
      await sql.query("update public.purposes set data_categories = '{}', retention = '', cross_border_recipient = null where id = any ($1)", [Object.values(purpose)]);
    };
    const perLocale = (code: string): Problem[] => [[code, null, "en"], [code, null, "zh-CN"]];
    const eu = [...perLocale("controller_missing"), ...perLocale("contact_missing"), ...perLocale("rights_missing")];
    expect(await problemsAfter((sql) => bare(sql, []))).toEqual([]);
    expect(await problemsAfter((sql) => bare(sql, ["US-CA", "HK"]))).toEqual([]);
    expect(await problemsAfter((sql) => bare(sql, ["EU"]))).toEqual(eu);
    expect(await problemsAfter((sql) => bare(sql, ["CN"]))).toEqual([
      ...eu,
      ["data_categories_missing", "marketing", null],
      ["data_categories_missing", "cross_border_transfer", null],
      ["retention_missing", "marketing", null],
      ["retention_missing", "cross_border_transfer", null],
      ["separate_statement_missing", "cross_border_transfer", "en"],
      ["separate_statement_missing", "cross_border_transfer", "zh-CN"],
      ["cross_border_recipient_missing", "cross_border_transfer", null],
    ]);
    expect(await problemsAfter((sql) => bare(sql, ["CN", "EU"]))).toEqual(await problemsAfter((sql) => bare(sql, ["CN"])));
  });

  it.skipIf(skip)("approval is refused with the list in DETAIL, and succeeds once complete", async () => {
    const { versionId: draft } = await createNoticeAs(fx, "editor", { locales: ["en", "zh-CN"] });
    const stored = await storedVersion(t.superuser, versionId);
    await fx.as("editor", async (sql) => {
      await updateVersion(sql, draft, { content: stored.content, purpose_ids: stored.purpose_ids, jurisdictions: ["CN"], rights_statement: stored.rights_statement, purpose_statements: {} });
      await sql.query(call.submit, [draft]);
    });
    const expected = (["en", "zh-CN"] as const).flatMap((locale) =>
      (["sensitive_data", "cross_border_transfer", "third_party_sharing"] as const).map((key) => ({ key, locale })),
    );
    const refusal = (await fx.as("legal", (sql) => sql.query(call.approve, [draft])).catch((error: unknown) => error)) as { message: string; detail: string };
    expect(refusal.message).toBe("consentry.notice_incomplete");
    const detail = JSON.parse(refusal.detail) as { code: string; purpose_key: string; locale: string }[];
    expect(detail.map((p) => `${p.code} ${p.purpose_key} ${p.locale}`).sort()).toEqual(expected.map(({ key, locale }) => `separate_statement_missing ${key} ${locale}`).sort());

    const viaLib = await fx.as("legal", (sql) => approveNoticeVersion(sql, draft)).catch((error: unknown) => error);
    expect(viaLib).toBeInstanceOf(NoticeIncompleteError);
    expect((viaLib as NoticeIncompleteError).problems).toEqual(await fx.as("legal", (sql) => noticeVersionProblems(sql, draft)));
    expect((await storedVersion(t.superuser, draft)).status).toBe("in_review");

    // Reject, complete, resubmit, approve.
    await fx.as("legal", (sql) => sql.query(call.reject, [draft, "Each separate-consent purpose needs its statement."]));
    await fx.as("editor", async (sql) => {
      await updateVersion(sql, draft, { purpose_statements: statements() });
      await sql.query(call.submit, [draft]);
    });
    await fx.as("legal", (sql) => approveNoticeVersion(sql, draft));
    expect((await storedVersion(t.superuser, draft)).status).toBe("approved");
  });

  it.skipIf(skip)("the database knows the same content locales as lib/experience", async () => {
    const [row] = await t.superuser.query<{ locales: string[] }>("select private.notice_locales() as locales");
    expect(row?.locales).toEqual([...SUPPORTED_CONTENT_LOCALES]);
  });
});

describe.each(TEST_TARGETS)("legal fields of purposes on $target", ({ target, skip }) => {
  let t: TestDatabase;
  let fx: TenancyFixture;
  beforeAll(async () => {
    if (skip) return;
    t = await createTestDatabase(target);
    fx = await buildTenancyFixture(t);
  });
  afterAll(async () => t?.close());

  it.skipIf(skip)("a new workspace's standard purposes carry the legal fields that follow from their nature", async () => {
    const founder = await createAccount(t.db, "founder");
    const ws = await createWorkspace(t.db, founder, "Fresh");
    const purposes = await fx.as(founder, (sql) => readPurposeLegal(sql, ws));
    const summary = Object.fromEntries(
      purposes.map((p) => [p.key, [p.legalBasis, p.sensitive, p.separateConsentSensitive, p.separateConsentThirdParty, p.separateConsentCrossBorder, p.dpvPurpose, p.needsOwnStatement]]),
    );
    expect(summary).toEqual({
      necessary: ["contract", false, false, false, false, "dpv:ServiceProvision", false],
      analytics: ["consent", false, false, false, false, "dpv:ServiceUsageAnalytics", false],
      advertising: ["consent", false, false, false, false, "dpv:PersonalisedAdvertising", false],
      personalisation: ["consent", false, false, false, false, "dpv:ServicePersonalisation", false],
      marketing: ["consent", false, false, false, false, "dpv:DirectMarketing", false],
      sensitive_data: ["consent", true, true, false, false, null, true],
      cross_border_transfer: ["consent", false, false, false, true, null, true],
      third_party_sharing: ["consent", false, false, true, false, null, true],
    });
    // What only the controller can state is left for legal (and completeness asks for it).
    for (const p of purposes) {
      expect([p.dataCategories, p.retention, p.retentionDays, p.recipients, p.thirdPartyRecipient, p.crossBorderRecipient, p.crossBorderCountry]).toEqual([[], "", null, [], null, null, null]);
    }
    expect(purposes[0]).toMatchObject({ key: "necessary", necessary: true, name: { en: "Strictly necessary" } });
  });

  it.skipIf(skip)("owners, admins and legal change them; editors and viewers cannot; changes are audited", async () => {
    const { marketing } = (await purposeIds(fx, ["marketing"])) as { marketing: string };
    const [current] = (await fx.as("legal", (sql) => readPurposeLegal(sql, fx.workspaceA))).filter((p) => p.key === "marketing");
    const fields = { ...current!, retention: "1 year", dataCategories: ["email address", "purchase history"] };
    for (const who of ["editor", "viewer", "outsider"] as const) {
      await expect(fx.as(who, (sql) => updatePurposeLegal(sql, fx.workspaceA, marketing, fields))).rejects.toMatchObject({ code: "forbidden" });
    }
    await fx.as("legal", (sql) => updatePurposeLegal(sql, fx.workspaceA, marketing, fields));
    const [audit] = await t.superuser.query<{ actor_id: string; before: unknown; after: unknown }>(
      "select actor_id, before, after from public.audit_log where action = 'purpose.updated' and target_id = $1 order by seq desc limit 1",
      [marketing],
    );
    expect(audit).toEqual({
      actor_id: fx.personas.legal.id,
      before: { retention: "", data_categories: [] },
      after: { retention: "1 year", data_categories: ["email address", "purchase history"] },
    });
  });

  it.skipIf(skip)("the database refuses what is always wrong, whatever the client sends", async () => {
    const { sensitive_data: sensitive, marketing } = (await purposeIds(fx, ["sensitive_data", "marketing"])) as { sensitive_data: string; marketing: string };
    const set = (assignments: string, id = marketing) => attempt(fx, "legal", `update public.purposes set ${assignments} where id = $1 returning 1`, [id]);
    expect(await set("separate_consent_sensitive = false", sensitive)).toMatch(/^error 23514/);
    expect(await set("sensitive = true")).toMatch(/^error 23514/);
    expect(await set("sensitive = true, separate_consent_sensitive = true")).toBe("allowed");
    expect(await set("cross_border_country = 'Singapore'")).toMatch(/^error 23514/);
    expect(await set("third_party_recipient = '  '")).toMatch(/^error 23514/);
    expect(await set("legal_basis = 'because'")).toMatch(/^error 23514/);
    expect(await set("data_categories = '{\"email\", \"email\"}'")).toMatch(/^error 23514/);
    expect(await set("data_categories = '{\" \"}'")).toMatch(/^error 23514/);
    expect(await set("dpv_purpose = 'Marketing'")).toMatch(/^error 23514/);
    expect(await set("retention_days = 0")).toMatch(/^error 23514/);
    // The lib's schema says the same before the database has to.
    await expect(
      fx.as("legal", (sql) =>
        updatePurposeLegal(sql, fx.workspaceA, marketing, {
          legalBasis: "consent", dataCategories: [], sensitive: true, separateConsentSensitive: false, separateConsentThirdParty: false,
          thirdPartyRecipient: null, separateConsentCrossBorder: false, crossBorderRecipient: null, crossBorderCountry: null,
          separateConsentPublicDisclosure: false, retention: "", retentionDays: null, recipients: [], dpvPurpose: null,
        }),
      ),
    ).rejects.toMatchObject({ code: "invalid_input" });
  });
});
