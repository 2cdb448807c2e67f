import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sql } from "@/lib/db/types";
import { createTestDatabase, TEST_TARGETS, type TestDatabase } from "@/lib/testing/databases";
import { attempt, buildTenancyFixture, type TenancyFixture } from "@/lib/testing/tenancy-fixture";
import { updateControllerTexts } from "@/lib/tenancy/workspaces";
import { call, controllerOf, createNoticeAs, doc, purposeIds, updateVersion } from "./test-support";

/**
 * The controller per language (issue 12, item 7): a Chinese notice names the controller as the
 * workspace gives it in Chinese (艾克米茶（上海）有限公司), not the English legal name; a language
 * without a name of its own falls back (zh-HK to zh-TW, anything else to the main name). Owners
 * and admins set the names, audited like any workspace column; other roles cannot.
 */

const CN_NAME = "艾克米茶（上海）有限公司";
const CN_CONTACT = "上海市静安区南京西路 1 号 隐私办公室";

describe.each(TEST_TARGETS)("the controller per language on $target", ({ target, skip }) => {
  let t: TestDatabase;
  let fx: TenancyFixture;
  let versionId: string;
  let controller: { entity: string; contact: string };
  const problems = (sql: Sql) => sql.query<{ code: string; locale: string | null }>(call.problems, [versionId]);
  const controllerProblems = async () =>
    (await fx.as("legal", problems)).filter((row) => row.code === "controller_missing" || row.code === "contact_missing").map((row) => `${row.code}:${row.locale}`);

  beforeAll(async () => {
    if (skip) return;
    t = await createTestDatabase(target);
    fx = await buildTenancyFixture(t);
    controller = await controllerOf(fx);
    const { marketing } = await purposeIds(fx, ["marketing"]);
    ({ versionId } = await createNoticeAs(fx, "editor", { locales: ["en", "zh-CN", "zh-HK"] }));
    await fx.as("editor", (sql) =>
      updateVersion(sql, versionId, {
        content: {
          en: doc(`${controller.entity} handles your personal information.`, `Write to ${controller.contact}.`),
          "zh-CN": doc(`个人信息处理者：${CN_NAME}`, `联系方式：${CN_CONTACT}`),
          "zh-HK": doc(`個人資料處理者：${CN_NAME}`, `聯絡：${controller.contact}`),
        },
        purpose_ids: [marketing],
        jurisdictions: ["CN"],
      }),
    );
  });
  afterAll(async () => t?.close());

  it.skipIf(skip)("without names per language, every text must carry the main (English) name", async () => {
    expect(await controllerProblems()).toEqual(["controller_missing:zh-CN", "controller_missing:zh-HK", "contact_missing:zh-CN"]);
  });

  it.skipIf(skip)("with them, each text is checked against its own language's name, zh-HK falling back to zh-TW", async () => {
    await fx.as("admin", (sql) =>
      updateControllerTexts(sql, fx.workspaceA, { legalEntityNames: { "zh-CN": CN_NAME, "zh-TW": CN_NAME }, contactAddresses: { "zh-CN": CN_CONTACT } }),
    );
    expect(await controllerProblems()).toEqual([]);
    // The English text still needs the English name.
    await fx.as("editor", (sql) =>
      sql.query(`update public.notice_versions set content = jsonb_set(content, '{en}', $2::jsonb) where id = $1`, [
        versionId,
        JSON.stringify(doc(`${CN_NAME} handles your data.`, `Write to ${controller.contact}.`)),
      ]),
    );
    expect(await controllerProblems()).toEqual(["controller_missing:en"]);
  });

  it.skipIf(skip)("owners and admins set the names; others cannot; the change is audited; values are checked", async () => {
    const set = `update public.workspaces set legal_entity_names = '{"zh-TW": "艾克米茶"}' where id = $1 returning 1`;
    expect(await attempt(fx, "editor", set, [fx.workspaceA])).toBe("zero rows");
    expect(await attempt(fx, "legal", set, [fx.workspaceA])).toBe("zero rows");
    expect(await attempt(fx, "anon", set, [fx.workspaceA])).toBe("no privilege");
    expect(await attempt(fx, "owner", set, [fx.workspaceA])).toBe("allowed");
    for (const bad of ['{"xx": "Name"}', '{"zh-CN": "  "}', '{"zh-CN": 3}', '["x"]']) {
      expect(await attempt(fx, "owner", "update public.workspaces set legal_entity_names = $2::jsonb where id = $1", [fx.workspaceA, bad])).toMatch(/^error 23514/);
    }
    const [entry] = await fx.as("owner", (sql) =>
      sql.query<{ after: Record<string, unknown> }>(
        "select after from public.audit_log where workspace_id = $1 and action = 'workspace.updated' and after ? 'legal_entity_names' order by seq desc limit 1",
        [fx.workspaceA],
      ),
    );
    expect(entry?.after.legal_entity_names).toEqual({ "zh-CN": CN_NAME, "zh-TW": CN_NAME });
  });
});
