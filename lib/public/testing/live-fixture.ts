import { readCatalog } from "@/lib/catalog/catalog";
import { createExperience } from "@/lib/experiences/experiences";
import { purposeIdByKey, TEMPLATES, type ExperienceDocument } from "@/lib/experience";
import { call, controllerOf, createNoticeAs, doc, editVersion, purposeIds } from "@/lib/notices/test-support";
import type { TenancyFixture } from "@/lib/testing/tenancy-fixture";

/**
 * A live experience for the hosted-page suites, built through the product's SQL entry points:
 * the EU two-layer cookie banner in English and Simplified Chinese, headed by an approved
 * notice (a later draft version of it stays unapproved), with a mainland China variant that
 * hides the privacy link and defaults to Chinese; published as version 1 by the editor. A second
 * experience of the same workspace is never published.
 */
export interface LiveFixture {
  experienceId: string;
  publicId: string;
  publicKey: string;
  versionId: string;
  noticeId: string;
  /** The approved, pinned notice version. */
  noticeVersionId: string;
  /** A later draft of the same notice: never visible to anon. */
  draftNoticeVersionId: string;
  hiddenInCn: string;
  purposes: Record<"necessary" | "analytics" | "advertising" | "personalisation" | "marketing", string>;
  unpublished: { experienceId: string; publicId: string };
  document: ExperienceDocument;
}

export const NOTICE_EN = "English notice: how we use cookies.";
export const NOTICE_ZH = "中文通知：我们如何使用 Cookie。";

async function newExperience(fx: TenancyFixture, name: string): Promise<{ id: string; document: ExperienceDocument }> {
  return fx.as("editor", async (sql) => {
    const catalog = await readCatalog(sql, fx.workspaceA);
    const id = await createExperience(sql, fx.workspaceA, { name, start: { template: "eu_cookie_banner" }, locales: ["en", "zh-CN"], defaultLocale: "en" }, catalog);
    let n = 0;
    const document = TEMPLATES.find((tpl) => tpl.id === "eu_cookie_banner")!.create({ ids: () => `b${n++}`, locales: ["en", "zh-CN"], defaultLocale: "en", catalog });
    return { id, document };
  });
}

async function publicIds(fx: TenancyFixture, experienceId: string): Promise<{ publicId: string; publicKey: string }> {
  const [row] = await fx.as("editor", (sql) =>
    sql.query<{ publicId: string; publicKey: string }>('select public_id as "publicId", public_key as "publicKey" from public.experiences where id = $1', [experienceId]),
  );
  return row!;
}

/** Publishes `document` with its notice pins as the next version of `experienceId`, as the editor. */
export async function publishDocument(fx: TenancyFixture, experienceId: string, document: ExperienceDocument, pins: Record<string, string>, materialChange = false): Promise<string> {
  const [row] = await fx.as("editor", (sql) =>
    sql.query<{ id: string }>("select public.publish_experience($1, $2::jsonb, $3::jsonb, $4) as id", [experienceId, JSON.stringify(document), JSON.stringify(pins), materialChange]),
  );
  return row!.id;
}

export async function buildLiveFixture(fx: TenancyFixture): Promise<LiveFixture> {
  const controller = await controllerOf(fx);
  const { marketing } = (await purposeIds(fx, ["marketing"])) as { marketing: string };
  const notice = await createNoticeAs(fx, "editor", { name: "Cookie notice", kind: "cookie_notice", locales: ["en", "zh-CN"] });
  await editVersion(fx, "editor", notice.versionId, {
    content: { en: doc(`${controller.entity}, ${controller.contact}.`, NOTICE_EN), "zh-CN": doc(`${controller.entity}，${controller.contact}。`, NOTICE_ZH) },
    purpose_ids: [marketing],
  });
  await fx.as("editor", (sql) => sql.query(call.submit, [notice.versionId]));
  await fx.as("legal", (sql) => sql.query(call.approve, [notice.versionId]));
  const [draft] = await fx.as("editor", (sql) => sql.query<{ id: string }>(call.newVersion, [notice.noticeId]));
  await editVersion(fx, "editor", draft!.id, { content: { en: doc("Unapproved draft wording."), "zh-CN": doc("未批准的草稿。") } });

  const { id: experienceId, document: template } = await newExperience(fx, "Hosted banner");
  const link = template.blocks.find((block) => block.type === "link")!;
  const document: ExperienceDocument = {
    ...template,
    blocks: [{ id: "notice", type: "notice", noticeId: notice.noticeId, placeholder: { en: "", "zh-CN": "" } }, ...template.blocks],
    variants: { CN: { hiddenBlocks: [link.id], defaultLocale: "zh-CN" } },
  };
  const versionId = await publishDocument(fx, experienceId, document, { [notice.noticeId]: notice.versionId });
  const unpublished = await newExperience(fx, "Never published");

  const catalog = await fx.as("editor", (sql) => readCatalog(sql, fx.workspaceA));
  const purposes = Object.fromEntries(
    (["necessary", "analytics", "advertising", "personalisation", "marketing"] as const).map((key) => [key, purposeIdByKey(catalog, key)!]),
  ) as LiveFixture["purposes"];
  return {
    experienceId,
    ...(await publicIds(fx, experienceId)),
    versionId,
    noticeId: notice.noticeId,
    noticeVersionId: notice.versionId,
    draftNoticeVersionId: draft!.id,
    hiddenInCn: link.id,
    purposes,
    unpublished: { experienceId: unpublished.id, publicId: (await publicIds(fx, unpublished.id)).publicId },
    document,
  };
}
