import { readFile } from "node:fs/promises";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { DEMO_ACCOUNT } from "../lib/demo/content";
import { decodeStoredChoice, type StoredChoice } from "../lib/public/stored-choice";
import { expectNoSeriousA11yViolations } from "./a11y-support";

/*
 * The embedded default as a newcomer meets it (project "demo": a server started WITH the demo
 * seed on an empty database). The demo shop shows the live banner through the real embed; a
 * choice made there is recorded, and the demo owner finds it on the person's timeline, with the
 * approved notice they were shown, and exports it. In English and in Chinese.
 */

async function storedChoice(context: BrowserContext, origin: string): Promise<StoredChoice | null> {
  const cookie = (await context.cookies(origin)).find((c) => c.name === "csy_consent");
  return cookie ? decodeStoredChoice(cookie.value) : null;
}

async function signInAsDemo(page: Page): Promise<void> {
  await page.goto("/en/sign-in");
  await page.getByLabel("Email").fill(DEMO_ACCOUNT.email);
  await page.getByLabel("Password").fill(DEMO_ACCOUNT.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // A ceiling, not a wait: two specs sign in at once, each hashing the password (scrypt).
  await expect(page.getByTestId("signed-in-as")).toHaveText(DEMO_ACCOUNT.email, { timeout: 30_000 });
}

/** The console's records of the demo workspace, as the shop's "Open the console" link names it. */
async function recordsLink(page: Page): Promise<string> {
  const href = await page.getByRole("link", { name: /Open the console|打开控制台/ }).getAttribute("href");
  expect(href).toMatch(/\/w\/[0-9a-f-]{36}\/records$/);
  return href!.replace(/^\/(en|zh-CN|zh-TW)\//, "/en/");
}

test("the demo shop's banner records a choice that the demo owner finds on the timeline and exports", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const visitor = await browser.newContext();
  const shop = await visitor.newPage();
  await shop.goto("/demo");
  await expect(shop).toHaveURL(/\/en\/demo$/);
  await expect(shop.getByRole("heading", { name: "Tea, picked this spring", level: 1 })).toBeVisible();
  const accept = shop.getByRole("button", { name: "Accept all" });
  await expect(accept).toBeVisible();
  await expect(shop.getByRole("heading", { name: "We value your privacy" })).toBeVisible();
  await expectNoSeriousA11yViolations(shop, "demo shop with its banner");
  await shop.screenshot({ path: "test-results/demo-shop-en.png", fullPage: false });

  await accept.click();
  await expect(accept).toBeHidden();
  await expect.poll(() => storedChoice(visitor, baseURL!)).toMatchObject({ decided: true });
  const choice = (await storedChoice(visitor, baseURL!))!;
  expect(choice.given.length).toBe(4); // strictly necessary, analytics, advertising, personalisation
  const records = await recordsLink(shop);

  // The footer reopens the choices through the embed's API, with what was chosen.
  await shop.getByRole("button", { name: "Privacy choices" }).click();
  await expect(shop.getByRole("switch", { name: "Analytics" })).toBeChecked();
  await expect(shop.getByText("Acme Tea (Shanghai) Co., Ltd.").first()).toBeVisible();

  // The owner signs in with the printed credentials and finds the person by their device id.
  const owner = await (await browser.newContext()).newPage();
  await signInAsDemo(owner);
  await owner.goto(records);
  await expect(owner.getByTestId("records-count")).toContainText(/\d{3,} records match/);
  await owner.getByLabel("Identifier type").selectOption("device_id");
  await owner.getByLabel("Identifier", { exact: true }).fill(choice.deviceId);
  await owner.getByRole("button", { name: "Find", exact: true }).click();
  await expect(owner.getByRole("heading", { name: "Person's timeline" })).toBeVisible();
  const events = owner.getByTestId("timeline-event");
  // One event per purpose of the banner, each pinning the approved notice it showed.
  await expect(events).toHaveCount(4);
  await expect(events.first()).toContainText("Acme Tea cookie banner, version 1");
  await expect(events.first().getByTestId("notice-text")).toContainText("Acme Tea (Shanghai) Co., Ltd.");
  await expect(events.first()).toContainText("Verified");
  const subjectId = (await owner.getByTestId("subject-id").textContent())!.trim();

  // Export this person's records.
  await owner.goto(`${records}?subject=${subjectId}`);
  await expect(owner.getByTestId("record-row")).toHaveCount(4);
  const downloading = owner.waitForEvent("download");
  await owner.getByRole("button", { name: "Export", exact: true }).click();
  const download = await downloading;
  await expect(owner.getByTestId("export-status")).toHaveText("Export complete: 4 records.");
  const csv = (await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "").trimEnd().split("\r\n");
  expect(csv).toHaveLength(5);
  expect(csv.slice(1).every((row) => row.includes(subjectId) && row.includes(",given,") && row.includes(",click_accept,web,"))).toBe(true);
  await visitor.close();
});

test("in Chinese: the shop, its banner and the refusal, recorded in zh-CN", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const visitor = await browser.newContext({ locale: "zh-CN" });
  const shop = await visitor.newPage();
  await shop.goto("/zh-CN/demo");
  await expect(shop.getByRole("heading", { name: "今春新茶", level: 1 })).toBeVisible();
  await expect(shop.getByRole("heading", { name: "我们重视您的隐私" })).toBeVisible();
  await shop.screenshot({ path: "test-results/demo-shop-zh.png" });
  await shop.getByRole("button", { name: "全部拒绝" }).click();
  await expect.poll(() => storedChoice(visitor, baseURL!)).toMatchObject({ decided: true });
  const choice = (await storedChoice(visitor, baseURL!))!;
  expect(choice.given.length).toBe(1); // strictly necessary only
  expect(choice.refused.length).toBe(3);
  const records = await recordsLink(shop);

  const owner = await (await browser.newContext()).newPage();
  await signInAsDemo(owner);
  await owner.goto(records.replace("/en/", "/zh-CN/"));
  await owner.getByLabel("标识类型").selectOption("device_id");
  await owner.getByLabel("标识", { exact: true }).fill(choice.deviceId);
  await owner.getByRole("button", { name: "查找", exact: true }).click();
  await expect(owner.getByTestId("timeline-event")).toHaveCount(4);
  // The notice as the person saw it: in Simplified Chinese, naming the controller.
  await expect(owner.getByTestId("notice-text").first()).toContainText("艾克米茶（上海）有限公司");
  await visitor.close();
});

test("the banner's privacy link opens the hosted preference centre, which shows the approved notice", async ({ page }) => {
  await page.goto("/en/demo");
  const preferences = await page.getByRole("link", { name: "Communication preferences" }).getAttribute("href");
  await page.getByRole("link", { name: "Privacy policy" }).click();
  await expect(page).toHaveURL(/\/en\/p\/x[0-9a-f]{20}$/);
  expect(preferences).toBe(`${new URL(page.url()).pathname}?lang=en`);
  await expect(page.getByRole("heading", { name: "Your communication preferences", level: 1 })).toBeVisible();
  await expect(page.getByText(/Acme Tea \(Shanghai\) Co\., Ltd\. \("Acme Tea", privacy@acme-tea\.example\)/)).toBeVisible();
  await expect(page.getByRole("img", { name: "Company logo" })).toBeVisible();
  await page.screenshot({ path: "test-results/demo-hosted-en.png", fullPage: true });

  // On a phone, in Traditional Chinese: the shop and its banner in that language.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/zh-TW/demo");
  await expect(page.getByRole("heading", { name: "今春新茶", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "我們重視您的隱私" })).toBeVisible();
  await expect(page.getByRole("button", { name: "全部拒絕" })).toBeVisible();
  await page.screenshot({ path: "test-results/demo-shop-zh-tw-phone.png" });
});

test("without the demo seed there is no demo shop", async ({ request }) => {
  const plain = `http://localhost:${Number(process.env.E2E_PORT ?? 3100)}`;
  const response = await request.get(`${plain}/en/demo`);
  expect(response.status()).toBe(404);
});
