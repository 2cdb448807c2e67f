import { devices, expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./a11y-support";
import { createSecretKey, publishTemplate, type PublishedExperience } from "./live-support";

/**
 * The settings the ledger reads, set in the console (issue 16): double opt-in and consent
 * lifetime per purpose and the workspace's SMS opt-out keywords, by an owner, audited, in three
 * languages. Then what double opt-in does to a person on a hosted page: the confirmation message
 * waits in the Outbox with an absolute link, and the button behind it confirms.
 */

test.describe.configure({ mode: "serial" });

let published: PublishedExperience;
let secret: string;
let ownerPage: Page;

const marketingRow = (page: Page, name = "Marketing messages") => page.getByTestId("purpose-row").filter({ hasText: name });

async function decision(page: Page, email: string): Promise<{ allow: boolean; reason: string }> {
  const response = await page.request.post("/api/v1/decisions", {
    headers: { authorization: `Bearer ${secret}` },
    data: { subject: { kind: "email", value: email }, purpose: "marketing", channel: "email" },
  });
  expect(response.status()).toBe(200);
  return (await response.json()) as { allow: boolean; reason: string };
}

test.beforeAll(async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL });
  ownerPage = await context.newPage();
  published = await publishTemplate(ownerPage, { name: "Ledger settings", template: "Marketing preference centre" });
  secret = await createSecretKey(ownerPage, published.workspaceId);
});

test.afterAll(async () => ownerPage?.context().close());

test("an owner sets double opt-in, consent lifetime and SMS keywords in the catalog; each change is audited", async () => {
  const page = ownerPage;
  await page.goto(`/en/w/${published.workspaceId}/catalog`);
  await marketingRow(page).getByText("Double opt-in and consent lifetime of Marketing messages").click();
  await marketingRow(page).getByRole("checkbox", { name: "Double opt-in" }).check();
  await marketingRow(page).getByLabel("Consent lasts (days)").fill("0");
  await marketingRow(page).getByRole("button", { name: "Save" }).click();
  await expect(marketingRow(page).getByRole("alert")).toBeVisible();
  // A refused save keeps what was ticked and typed.
  await expect(marketingRow(page).getByRole("checkbox", { name: "Double opt-in" })).toBeChecked();
  await expect(marketingRow(page).getByLabel("Consent lasts (days)")).toHaveValue("0");
  await marketingRow(page).getByLabel("Consent lasts (days)").fill("365");
  await marketingRow(page).getByRole("button", { name: "Save" }).click();
  await expect(marketingRow(page).getByRole("status")).toHaveText("Saved. New decisions follow these rules.");

  await page.reload();
  await expect(marketingRow(page).getByText("Double opt-in", { exact: true }).first()).toBeVisible();
  await expect(marketingRow(page).getByText("Lasts 365 days")).toBeVisible();
  await marketingRow(page).getByText("Double opt-in and consent lifetime of Marketing messages").click();
  await expect(marketingRow(page).getByRole("checkbox", { name: "Double opt-in" })).toBeChecked();
  await expect(marketingRow(page).getByLabel("Consent lasts (days)")).toHaveValue("365");

  // Keywords are stored as the gateway's text is matched: full-width letters and case folded.
  const keywords = page.getByRole("region", { name: "SMS opt-out keywords" });
  await expect(keywords.getByText("This workspace has added no keywords of its own.")).toBeVisible();
  await keywords.getByLabel("Keyword", { exact: true }).fill(" ＱＵＩＴ ");
  await keywords.getByRole("button", { name: "Add keyword" }).click();
  await expect(keywords.getByTestId("sms-keywords")).toContainText("quit");
  await keywords.getByLabel("Keyword", { exact: true }).fill("取消");
  await keywords.getByRole("button", { name: "Add keyword" }).click();
  await expect(keywords.getByTestId("sms-keywords")).toContainText("取消");
  await keywords.getByRole("button", { name: "Remove keyword quit" }).click();
  await expect(keywords.getByTestId("sms-keywords")).not.toContainText("quit");
  await expect(keywords.getByTestId("sms-keywords")).toContainText("取消");
  await expectNoSeriousA11yViolations(page, "catalog with ledger settings");
  await page.screenshot({ path: "/tmp/ledger-catalog-en.png", fullPage: true });

  await page.goto(`/en/w/${published.workspaceId}/audit`);
  const rows = page.getByTestId("audit-row");
  await expect(rows.filter({ hasText: "Purpose updated" }).first()).toBeVisible();
  await expect(rows.filter({ hasText: "SMS opt-out keyword added" })).toHaveCount(2);
  await expect(rows.filter({ hasText: "SMS opt-out keyword removed" })).toHaveCount(1);

  await page.goto(`/zh-CN/w/${published.workspaceId}/catalog`);
  await expect(page.getByRole("heading", { name: "短信退订关键词" })).toBeVisible();
  await expect(marketingRow(page, "营销信息").getByText("有效 365 天")).toBeVisible();
  await marketingRow(page, "营销信息").getByText("营销信息的双重确认与同意有效期").click();
  await expect(marketingRow(page, "营销信息").getByRole("checkbox", { name: "双重确认" })).toBeChecked();
  await page.screenshot({ path: "/tmp/ledger-catalog-zh-CN.png", fullPage: true });
  await page.goto(`/zh-TW/w/${published.workspaceId}/catalog`);
  await expect(page.getByRole("heading", { name: "簡訊退訂關鍵字" })).toBeVisible();
  await expect(page.getByRole("button", { name: "刪除關鍵字 取消" })).toBeVisible();
});

test("on a phone the settings stay usable", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ ...devices["Pixel 7"], baseURL, storageState: await ownerPage.context().storageState() });
  const page = await context.newPage();
  await page.goto(`/en/w/${published.workspaceId}/catalog`);
  await marketingRow(page).getByText("Double opt-in and consent lifetime of Marketing messages").click();
  await marketingRow(page).getByRole("button", { name: "Save" }).scrollIntoViewIfNeeded();
  await expect(marketingRow(page).getByLabel("Consent lasts (days)")).toBeVisible();
  await page.screenshot({ path: "/tmp/ledger-catalog-phone.png", fullPage: true });
  await context.close();
});

test("a double opt-in started on the hosted page: the Outbox has the message with an absolute link, whose button confirms", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, locale: "fr-FR", extraHTTPHeaders: { "x-vercel-ip-country": "DE" } });
  const person = await context.newPage();
  await person.goto(`/p/${published.publicId}`);
  const email = `confirm-${Date.now()}@example.test`;
  await person.getByLabel("Email address").fill(email);
  await person.getByRole("switch", { name: "Send me marketing communications" }).check();
  await person.getByRole("group", { name: "How may we contact you?" }).getByRole("checkbox", { name: "Email" }).check();
  await person.getByRole("button", { name: "Save my preferences" }).click();
  await expect(person.getByTestId("hosted-status")).toHaveText("Your choices have been saved.");
  expect(await decision(person, email)).toMatchObject({ allow: false, reason: "pending_double_opt_in" });

  await ownerPage.goto(`/en/w/${published.workspaceId}/outbox`);
  const masked = `${email[0]}***@example.test`;
  const message = ownerPage.getByTestId("outbox-message").filter({ has: ownerPage.getByTestId("outbox-recipient").getByText(masked, { exact: true }) });
  await expect(message).toHaveCount(1);
  const body = (await message.getByTestId("outbox-body").textContent()) ?? "";
  const link = /^(https?:\/\/\S+\/en\/double-opt-in\?token=doi_[0-9a-f]{64})$/m.exec(body)?.[1];
  expect(link, body).toBeTruthy();
  expect(link!.startsWith(`${baseURL}/`)).toBe(true);

  await person.goto(link!);
  await expect(person.getByRole("heading", { name: "Confirm your subscription", level: 1 })).toBeVisible();
  await expectNoSeriousA11yViolations(person, "double opt-in confirmation");
  await person.getByRole("button", { name: "Confirm" }).click();
  await expect(person.getByRole("main").getByRole("status")).toHaveText("Thank you: your subscription is confirmed.");
  await person.screenshot({ path: "/tmp/ledger-confirmed.png" });
  expect(await decision(person, email)).toMatchObject({ allow: true, reason: "consent_given" });

  // The link works once.
  await person.goto(link!);
  await person.getByRole("button", { name: "Confirm" }).click();
  await expect(person.getByRole("main").getByRole("alert")).toHaveText("This link has expired or was already used.");
  await person.goto(link!.replace("/en/", "/zh-CN/"));
  await expect(person.getByRole("heading", { name: "确认您的订阅", level: 1 })).toBeVisible();
  await context.close();
});
