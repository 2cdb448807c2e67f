import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { verifyInCentre } from "./centre-support";
import { publishTemplate, type PublishedExperience } from "./live-support";
import { createApprovedNotice } from "./notice-support";
import { tabTo, uniqueEmail } from "./support";

/**
 * The end user's first hour (issue 12): the hosted page records at whatever address the app is
 * reached at, says why when a save fails and sends the kept choice again; the preference centre
 * of a popup draws it inline, so withdrawing is as reachable by keyboard as consenting was.
 */

/** A customer's site embedding the popup: a page the test serves itself, on an origin of its own. */
let shop: Server;
let SHOP = "";

const NOTICE_EN = "First Hour Co Ltd. (privacy@example.test) recommends products based on your purchases.";
const NOTICE_ZH = "First Hour Co Ltd.（privacy@example.test）会根据您的购买记录为您推荐商品。";

test.describe.configure({ mode: "serial" });

let published: PublishedExperience;
let ownerPage: Page;

test.beforeAll(async ({ browser, baseURL }) => {
  test.setTimeout(360_000);
  shop = createServer((request, response) => {
    const experience = (new URL(request.url ?? "/", "http://shop").searchParams.get("experience") ?? "").replace(/[^a-z0-9]/g, "");
    response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    response.end(
      `<!doctype html><html lang="en"><head><title>Shop</title><script src="${baseURL}/embed/v1.js" data-experience="${experience}" data-region="CN" data-lang="en" async></script></head><body><h1>Shop</h1></body></html>`,
    );
  });
  await new Promise<void>((resolve) => shop.listen(0, "127.0.0.1", resolve));
  SHOP = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;
  ownerPage = await (await browser.newContext({ baseURL })).newPage();
  published = await publishTemplate(ownerPage, {
    name: "First hour",
    template: "PIPL first-launch popup",
    // The popup shows the approved notice: its privacy link opens the notice's own page.
    privacyPolicy: null,
    allowedOrigins: [SHOP],
    design: async (page, workspaceId) => {
      const designer = page.url();
      await createApprovedNotice(page, browser, workspaceId, {
        name: "Protection policy",
        texts: { English: NOTICE_EN, "Chinese (China)": NOTICE_ZH },
        purposes: ["Personalisation"],
      });
      await page.goto(designer);
      await page.getByTestId("canvas").getByRole("button", { name: "Move or edit Notice" }).click();
      await page.getByRole("combobox", { name: "Notice", exact: true }).selectOption({ label: "Protection policy" });
      await expect(page.getByTestId("save-status")).toHaveText("All changes saved", { timeout: 15_000 });
    },
  });
});

test.afterAll(async () => {
  await ownerPage?.context().close();
  await new Promise((resolve) => shop?.close(resolve));
});

/** The app at 127.0.0.1 rather than the suite's `localhost`: another address of the same server. */
function loopbackAddress(baseURL: string): string {
  const url = new URL(baseURL);
  url.hostname = "127.0.0.1";
  return url.origin;
}

async function visitorAt(browser: Browser, origin: string, locale: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: origin, locale });
  return { context, page: await context.newPage() };
}

test("the hosted page records at 127.0.0.1 as well as at localhost, and leaves a receipt in words and a way back", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const origin = loopbackAddress(baseURL!);
  const { context, page } = await visitorAt(browser, origin, "en-GB");
  await page.goto(`/p/${published.publicId}?region=CN&lang=en`);
  await expect(page).toHaveURL(`${origin}/en/p/${published.publicId}?region=CN&lang=en`);
  const popup = page.getByRole("dialog", { name: "How we protect your personal information" });
  await expect(popup.getByText(NOTICE_EN)).toBeVisible();
  // The template's "Read the full … policy" leads to a page that exists: the approved notice's own.
  await popup.getByRole("link", { name: "Read the full personal information protection policy" }).click();
  await expect(page.getByRole("heading", { name: "Protection policy", level: 1 })).toBeVisible();
  await expect(page.getByText("Version 1, approved")).toBeVisible();
  await expect(page.getByTestId("notice-page-text")).toHaveText(NOTICE_EN);
  await page.getByRole("link", { name: "Back to your privacy choices" }).click();

  await popup.getByRole("switch", { name: "Personalised recommendations" }).check();
  await popup.getByRole("button", { name: "Agree", exact: true }).click();
  await expect(page.getByTestId("hosted-status")).toHaveText("Your choices have been saved.");
  await expect(popup).toHaveCount(0);

  // Not one line: the receipt, and the way back to the choices later.
  await expect(page.getByRole("link", { name: "Change or withdraw your consent later" })).toHaveAttribute("href", `/en/p/${published.publicId}/manage`);
  await page.getByRole("link", { name: "View your receipt" }).click();
  await expect(page.getByRole("heading", { name: "Consent receipt" })).toBeVisible();
  // Words, not codes: the purpose as the popup named it, the region, the language, the notice and its version.
  const record = page.getByTestId("receipt-record").filter({ hasText: "Personalised recommendations" });
  await expect(record).toContainText("Given");
  await expect(record).toContainText("Legal basisYour consent");
  await expect(record).toContainText("DataNone declared");
  await expect(record).toContainText("Mainland China");
  await expect(record).toContainText("English");
  await expect(record).toContainText("Protection policy, version 1");
  await expect(record).toContainText("this browser");
  await page.getByRole("link", { name: "Change or withdraw your consent" }).click();
  await expect(page.getByRole("heading", { name: "Your privacy choices", level: 1 })).toBeVisible();
  await context.close();
});

test("a refused save says why in the visitor's language, keeps the choice and sends it again, all by keyboard on a phone", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const origin = loopbackAddress(baseURL!);
  const context = await browser.newContext({ baseURL: origin, locale: "zh-CN", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  // The first save reaches the real server as if from a site nobody allowed: it refuses, in Chinese.
  await page.route("**/api/v1/consents", async (route) => {
    const refused = await route.fetch({ headers: { ...route.request().headers(), origin: "https://not-allowed.example" } });
    await route.fulfill({ response: refused });
  }, { times: 1 });
  await page.goto(`/p/${published.publicId}?lang=zh-CN`);
  const popup = page.getByRole("dialog", { name: "个人信息保护提示" });
  const toggle = popup.getByRole("switch", { name: "个性化推荐" });
  await tabTo(page, toggle);
  await page.keyboard.press("Space");
  await expect(toggle).toBeChecked();
  await tabTo(page, popup.getByRole("button", { name: "同意", exact: true }));
  await page.keyboard.press("Enter");
  // Said inside the popup: it is modal and keeps focus, so "Try again" must be in it to be reached.
  await expect(popup.getByTestId("hosted-status")).toHaveText("无法保存您的选择。此体验不允许来自该来源的请求。它们保留在本页：请重试，或告知网站所有者。");
  // Focus goes to what it says (at the popup's top, out of sight on a phone), "Try again" next.
  await expect(popup.getByTestId("hosted-status")).toBeFocused();
  // Nothing is lost: the popup is still there with the choice as made.
  await expect(toggle).toBeChecked();
  await page.screenshot({ path: test.info().outputPath("refused-save-phone-zh-CN.png") });
  await page.keyboard.press("Tab");
  await expect(popup.getByRole("button", { name: "重试" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("hosted-status")).toHaveText("您的选择已保存。");
  await expect(popup).toHaveCount(0);

  // The receipt says on what legal basis and about which data, in words of the person's language.
  await page.getByRole("link", { name: "查看您的回执" }).click();
  const record = page.getByTestId("receipt-record").filter({ hasText: "个性化推荐" });
  await expect(record).toContainText("法律依据您的同意");
  await expect(record).not.toContainText("consent");
  await page.screenshot({ path: test.info().outputPath("receipt-phone-zh-CN.png"), fullPage: true });
  await context.close();
});

test("the embedded popup's link to the full policy opens the notice's page on the app, not a path on the shop", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ locale: "en-GB" });
  const page = await context.newPage();
  await page.goto(`${SHOP}/?experience=${published.publicId}`);
  const popup = page.getByRole("dialog", { name: "How we protect your personal information" });
  const link = popup.getByRole("link", { name: /Read the full personal information protection policy/ });
  await expect(link).toHaveAttribute("href", new RegExp(`^${baseURL}/en/p/${published.publicId}/notices/[0-9a-f-]{36}\\?region=CN&lang=en$`));
  const [noticePage] = await Promise.all([context.waitForEvent("page"), link.click()]);
  await expect(noticePage.getByRole("heading", { name: "Protection policy", level: 1 })).toBeVisible();
  await expect(noticePage.getByTestId("notice-page-text")).toHaveText(NOTICE_EN);
  await context.close();
});

test("the preference centre of a popup draws it inline: withdrawing is reachable by keyboard", async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await verifyInCentre(page, { page: ownerPage, workspaceId: published.workspaceId }, published.publicId, uniqueEmail("centre-popup"));
  // No overlay: the experience sits in the page, nothing is modal.
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "How we protect your personal information" })).toBeVisible();

  // Give consent inline, with the keyboard only.
  await page.getByRole("heading", { name: "Your current choices" }).click();
  const toggle = page.getByRole("switch", { name: "Personalised recommendations" });
  await tabTo(page, toggle);
  await page.keyboard.press("Space");
  await expect(toggle).toBeChecked();
  await tabTo(page, page.getByRole("button", { name: "Agree", exact: true }));
  await page.keyboard.press("Enter");
  await expect(page.getByText("Your changes are saved.")).toBeVisible();
  // The current choices name the purpose as the popup did, not by its catalog name ("Personalisation").
  const current = page.getByTestId("consent-status").filter({ hasText: "Personalised recommendations" });
  await expect(current.getByTestId("consent-state")).toHaveText("Given");

  // Withdraw everything, by keyboard, from wherever focus is.
  const withdraw = page.getByRole("button", { name: "Withdraw all consent" });
  await tabTo(page, withdraw);
  await page.keyboard.press("Enter");
  await expect(page.getByText("All your consents are withdrawn.")).toBeVisible();
  await expect(toggle).not.toBeChecked();

  // The receipt link and the current choices are reachable too.
  const receipt = page.getByRole("link", { name: "View your receipt" });
  await tabTo(page, receipt);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Consent receipt" })).toBeVisible();
  await context.close();
});

test("the owner finds the Outbox in the workspace navigation, with links that open outside the console", async ({ baseURL }) => {
  await ownerPage.goto(`/en/w/${published.workspaceId}`);
  await ownerPage.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Outbox" }).click();
  await expect(ownerPage.getByRole("heading", { name: "Outbox", level: 1 })).toBeVisible();
  // The magic link as the person receives it: absolute, on the address the app is reached at.
  await expect(ownerPage.getByTestId("outbox-body").first()).toContainText(`${baseURL}/en/p/${published.publicId}/manage/link?token=`);
});
