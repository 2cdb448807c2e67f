import { expect, test, type Page } from "@playwright/test";
import { createExperience, createWorkspace, inviteMember, signUp, typeRichText, uniqueEmail } from "./support";

/**
 * Issue 12, items 7 and 8: a Chinese notice names the controller in Chinese, every completeness
 * message about the catalog or the controller leads to where it is fixed, submitting an
 * incomplete version warns first; legal is told a version waits for them and reviews what it
 * declares, and the editor is told it was refused and what keeps their experience from going live.
 */

const CN_NAME = "艾克米茶（上海）有限公司";

async function newNotice(page: Page, workspaceId: string, name: string) {
  await page.goto(`/en/w/${workspaceId}/notices`);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("checkbox", { name: "Chinese (Taiwan)", exact: true }).uncheck();
  await page.getByRole("button", { name: "Create notice" }).click();
  await page.getByRole("link", { name: "Version 1" }).click();
}

test("a Chinese notice names the controller in Chinese; problems link to their fix; submitting an incomplete version warns", async ({ page }) => {
  // Several people, each typing and waiting for the server: generous on a shared, busy machine.
  test.setTimeout(300_000);
  await signUp(page, uniqueEmail("owner"));
  const workspaceId = await createWorkspace(page, "Acme Tea");
  await newNotice(page, workspaceId, "Privacy notice");

  await typeRichText(page, "Notice text (English)", "Acme Tea Ltd. (privacy@example.test) sends you offers by email.");
  await typeRichText(page, "Notice text (Chinese (China))", `${CN_NAME}（privacy@example.test）通过电子邮件向您发送优惠信息。`);
  await page.getByRole("checkbox", { name: "Marketing messages" }).check();
  await page.getByRole("checkbox", { name: "Mainland China (PIPL)" }).check();
  await page.getByLabel("How to exercise your rights (English)").fill("Write to privacy@example.test.");
  await page.getByLabel("How to exercise your rights (Chinese (China))").fill("请发送邮件至 privacy@example.test。");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status")).toHaveText("Draft saved.");

  // The Chinese text is held against the English legal name, and says so.
  const problems = page.getByTestId("problems");
  const controllerProblem = problems.getByRole("listitem").filter({ hasText: "The Chinese (China) text does not name the controller" });
  await expect(controllerProblem).toContainText("It must contain: Acme Tea Ltd.");
  const catalogProblem = problems.getByRole("listitem").filter({ hasText: "Marketing messages: the catalog lists no personal data categories." });
  await expect(catalogProblem.getByRole("link", { name: "Fix Marketing messages in the catalog" })).toBeVisible();

  // Submitting now warns instead of sending an incomplete version to legal.
  await page.getByRole("button", { name: "Submit for review" }).click();
  const warning = page.getByTestId("incomplete-warning");
  await expect(warning).toContainText("This version is still incomplete (3 problems, listed under Completeness).");
  await expect(page.getByTestId("notice-status")).toHaveText("Draft");
  await warning.getByRole("button", { name: "Keep editing" }).click();
  await expect(warning).toHaveCount(0);

  // The controller's Chinese name is given in Settings, where the message leads.
  await controllerProblem.getByRole("link", { name: "Set the names per language in Settings" }).click();
  await page.getByLabel("Legal entity name in Chinese (China)").fill(CN_NAME);
  await page.getByRole("button", { name: "Save names per language" }).click();
  await expect(page.getByText("Names per language saved.")).toBeVisible();
  await page.goBack();
  await page.reload();
  await expect(problems).not.toContainText("does not name the controller");

  // The catalog link opens that purpose's legal details.
  await catalogProblem.getByRole("link", { name: "Fix Marketing messages in the catalog" }).click();
  const marketing = page.locator("#purpose-marketing");
  await marketing.getByLabel("Personal data categories (separated by commas)").fill("email address");
  await marketing.getByLabel("Retention (as people will read it)").fill("Until you unsubscribe");
  await marketing.getByRole("button", { name: "Save legal details" }).click();
  await expect(marketing.getByText("Legal details saved.")).toBeVisible();
  await page.goBack();
  await page.reload();
  await expect(page.getByTestId("no-problems")).toHaveText("Nothing is missing.");

  // Complete: it goes to review without a warning.
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByTestId("notice-status")).toHaveText("In review");
  await expect(page.getByTestId("incomplete-warning")).toHaveCount(0);
});

test("legal finds the version waiting on the overview, reviews what it declares; the editor finds the refusal and the publish problems", async ({ page, browser }) => {
  test.setTimeout(300_000);
  await signUp(page, uniqueEmail("owner"));
  const workspaceId = await createWorkspace(page, "Acme Review");
  const editor = await inviteMember(page, browser, workspaceId, "editor", "editor");
  const legal = await inviteMember(page, browser, workspaceId, "legal", "legal");

  const ed = editor.page;
  await newNotice(ed, workspaceId, "Cookie notice");
  await typeRichText(ed, "Notice text (English)", "Acme Review Ltd. (privacy@example.test) uses cookies for analytics.");
  await typeRichText(ed, "Notice text (Chinese (China))", "Acme Review Ltd.（privacy@example.test）使用 Cookie 进行统计分析。");
  await ed.getByRole("checkbox", { name: "Analytics" }).check();
  await ed.getByRole("checkbox", { name: "EU (GDPR)" }).check();
  await ed.getByLabel("How to exercise your rights (English)").fill("Write to privacy@example.test to object.");
  await ed.getByLabel("How to exercise your rights (Chinese (China))").fill("如需反对，请发送邮件至 privacy@example.test。");
  await ed.getByRole("button", { name: "Submit for review" }).click();
  await expect(ed.getByTestId("notice-status")).toHaveText("In review");

  // Legal's overview says a version waits for them; the author's does not offer it to review.
  const lea = legal.page;
  await lea.goto(`/en/w/${workspaceId}`);
  const waiting = lea.getByRole("region", { name: "Waiting for you" });
  await waiting.getByRole("link", { name: "Review Cookie notice, version 1" }).click();
  const declarations = lea.getByRole("region", { name: "What this version declares" });
  await expect(declarations).toContainText("EU (GDPR)");
  const analytics = declarations.getByTestId("declared-purpose").filter({ hasText: "Analytics" });
  await expect(analytics).toContainText("Legal basis");
  await expect(analytics).toContainText("Consent");
  await expect(declarations).toContainText("Write to privacy@example.test to object.");
  await expect(declarations).toContainText("如需反对，请发送邮件至 privacy@example.test。");
  await expect(declarations).toContainText("Acme Review Ltd. · privacy@example.test");
  await lea.getByLabel("Reason for rejecting").fill("Name the analytics provider.");
  await lea.getByRole("button", { name: "Reject" }).click();
  await expect(lea.getByTestId("notice-status")).toHaveText("Rejected");
  await lea.goto(`/en/w/${workspaceId}`);
  await expect(lea.getByRole("region", { name: "Waiting for you" })).toContainText("Nothing is waiting for you.");

  // The editor's overview: the refusal, and an experience whose changes cannot be published.
  await createExperience(ed, workspaceId, "Launch popup", "PIPL first-launch popup");
  await ed.goto(`/en/w/${workspaceId}`);
  const edWaiting = ed.getByRole("region", { name: "Waiting for you" });
  await expect(edWaiting.getByRole("link", { name: "Cookie notice, version 1 was refused: read the comment and revise it" })).toBeVisible();
  await edWaiting.getByRole("link", { name: /^Launch popup: \d+ problems? keeps? the changes from being published$/ }).click();
  await expect(ed.getByTestId("experience-title")).toHaveText("Launch popup");

  // The same list in Chinese.
  await lea.goto(`/zh-CN/w/${workspaceId}`);
  await expect(lea.getByRole("region", { name: "待您处理" })).toContainText("目前没有待您处理的事项。");
});
