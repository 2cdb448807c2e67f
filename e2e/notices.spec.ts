import { expect, test, type Page } from "@playwright/test";
import { createWorkspace, inviteMember, signUp, typeRichText, uniqueEmail } from "./support";

async function fillVersion(page: Page, english: string, chinese: string) {
  await typeRichText(page, "Notice text (English)", english);
  await typeRichText(page, "Notice text (Chinese (China))", chinese);
}

test("an editor drafts a bilingual notice, legal approves it after reading the diff, rejects the next with a comment", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signUp(page, uniqueEmail("owner"));
  const workspaceId = await createWorkspace(page, "Acme Notices");
  const editor = await inviteMember(page, browser, workspaceId, "editor", "editor");
  const legal = await inviteMember(page, browser, workspaceId, "legal", "legal");

  // The editor creates the notice and writes version 1 in English and Simplified Chinese.
  const ed = editor.page;
  await ed.goto(`/en/w/${workspaceId}/notices`);
  await ed.getByLabel("Name", { exact: true }).fill("Privacy notice");
  await ed.getByRole("checkbox", { name: "Chinese (Taiwan)", exact: true }).uncheck();
  await ed.getByRole("button", { name: "Create notice" }).click();
  await ed.getByRole("link", { name: "Version 1" }).click();
  await fillVersion(
    ed,
    "Acme Notices Ltd. (privacy@example.test) uses your email address to send you offers.",
    "Acme Notices Ltd.（privacy@example.test）使用您的电子邮箱向您发送优惠信息。",
  );
  await ed.getByRole("checkbox", { name: "Marketing messages" }).check();
  await ed.getByRole("checkbox", { name: "EU (GDPR)" }).check();
  await ed.getByLabel("How to exercise your rights (English)").fill("Write to privacy@example.test to access, correct or delete your data.");
  await ed.getByLabel("How to exercise your rights (Chinese (China))").fill("如需查阅、更正或删除您的个人信息，请发送邮件至 privacy@example.test。");
  await ed.getByLabel("Change summary").fill("First version");
  await ed.getByRole("button", { name: "Submit for review" }).click();
  await expect(ed.getByTestId("notice-status")).toHaveText("In review");
  // The author is never offered the approval.
  await expect(ed.getByRole("button", { name: "Approve" })).toHaveCount(0);
  const versionUrl = new URL(ed.url()).pathname;

  // Legal reads the diff (everything is new) and approves.
  const lea = legal.page;
  await lea.goto(versionUrl);
  await expect(lea.getByTestId("notice-diff").first().locator("ins")).toContainText("uses your email address");
  await expect(lea.getByTestId("notice-diff").nth(1).locator("ins")).toContainText("电子邮箱");
  await expect(lea.getByTestId("no-problems")).toBeVisible();
  await lea.getByRole("button", { name: "Approve" }).click();
  await expect(lea.getByTestId("notice-status")).toHaveText("Approved");
  await expect(lea.getByTestId("approval")).toContainText(legal.email);
  await expect(lea.getByTestId("approval")).toContainText(/[0-9a-f]{64}/);

  // Version 2 changes the text; legal sees exactly what changed and rejects it with a comment.
  await ed.goto(versionUrl.replace(/\/versions\/.*$/, ""));
  await ed.getByRole("button", { name: "New version" }).click();
  await fillVersion(
    ed,
    "Acme Notices Ltd. (privacy@example.test) uses your phone number to send you offers.",
    "Acme Notices Ltd.（privacy@example.test）使用您的手机号码向您发送优惠信息。",
  );
  await ed.getByLabel("Change summary").fill("Phone instead of email");
  await ed.getByRole("button", { name: "Submit for review" }).click();
  await expect(ed.getByTestId("notice-status")).toHaveText("In review");
  const secondUrl = new URL(ed.url()).pathname;

  await lea.goto(secondUrl);
  const englishDiff = lea.getByTestId("notice-diff").first();
  await expect(englishDiff.locator("del")).toContainText("email address");
  await expect(englishDiff.locator("ins")).toContainText("phone number");
  await expect(lea.getByTestId("notice-diff").nth(1).locator("ins")).toContainText("手机号码");
  await lea.getByLabel("Reason for rejecting").fill("Say which offers and how often, and name the SMS provider.");
  await lea.getByRole("button", { name: "Reject" }).click();
  await expect(lea.getByTestId("notice-status")).toHaveText("Rejected");

  // The author sees the rejection and its comment.
  await ed.goto(secondUrl);
  await expect(ed.getByTestId("review-comment")).toContainText("Say which offers and how often");
  await expect(ed.getByTestId("review-comment")).toContainText(legal.email);

  // The approved version stays exactly as approved.
  await ed.goto(versionUrl);
  await expect(ed.getByTestId("notice-text-en")).toContainText("uses your email address");
  await expect(ed.getByRole("button", { name: "Save draft" })).toHaveCount(0);
});
