import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { createSecretKey, publishTemplate, subjectHistory, type PublishedExperience } from "./live-support";
import { expectNoSeriousA11yViolations } from "./a11y-support";

/**
 * Hosted pages: a published experience is live on its stable URL and shows each visitor the
 * variant of their region (geo headers as a CDN sets them), records their decision under a
 * first-party device id, honours Global Privacy Control where the region's rule says so, and
 * has QR codes for offline stores.
 */

test.describe.configure({ mode: "serial" });

let published: PublishedExperience;
let secret: string;
let ownerPage: Page;

/** A visitor in a browser of their own; "fr" is offered by no experience here, so the region decides the language. */
async function visitor(browser: Browser, baseURL: string, headers: Record<string, string>): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, locale: "fr-FR", extraHTTPHeaders: headers });
  return { context, page: await context.newPage() };
}

/** In the designer: the mainland China variant leaves out the privacy-policy link. */
async function hidePrivacyLinkInChina(page: Page): Promise<void> {
  const canvas = page.getByTestId("canvas");
  await page.getByLabel("Region", { exact: true }).selectOption({ label: "Mainland China" });
  await canvas.getByRole("button", { name: "Move or edit Link" }).click();
  await page.getByRole("checkbox", { name: "Hide in Mainland China" }).check();
  await expect(canvas.getByRole("link", { name: "Privacy policy" })).toHaveCount(0);
  await expect(page.getByTestId("save-status")).toHaveText("All changes saved", { timeout: 15_000 });
}

async function deviceIdOf(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((c) => c.name === "csy_consent");
  expect(cookie, "the first-party consent cookie").toBeTruthy();
  return cookie!.value.split(".")[6]!;
}

test.beforeAll(async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL });
  ownerPage = await context.newPage();
  published = await publishTemplate(ownerPage, { name: "Hosted banner", design: hidePrivacyLinkInChina });
  secret = await createSecretKey(ownerPage, published.workspaceId);
});

test.afterAll(async () => ownerPage?.context().close());

test("the publishing page shows the hosted URL, QR code links and the embed snippet", async () => {
  await ownerPage.goto(`/en/w/${published.workspaceId}/experiences/${published.experienceId}`);
  const links = ownerPage.getByTestId("live-links");
  await expect(links.getByLabel("Hosted page address", { exact: true })).toHaveValue(new RegExp(`/p/${published.publicId}$`));
  await expect(links.getByLabel("Embed on a website", { exact: true })).toHaveValue(new RegExp(`<script src="http://[^"]+/embed/v1.js" data-experience="${published.publicId}" async></script>`));
  await links.getByLabel("Store code (optional)").fill("SH-001");
  await expect(links.getByTestId("qr-target")).toContainText(`/p/${published.publicId}?channel=store&store=SH-001`);
  await expect(links.getByTestId("qr-png")).toHaveAttribute("href", `/api/v1/experiences/${published.publicId}/qr?format=png&channel=store&store=SH-001`);
  await links.getByLabel("Store code (optional)").fill("shop one");
  await expect(links.getByText("Use 1 to 64 letters, digits, _ . or -, starting with a letter or digit.")).toBeVisible();
  await expect(links.getByTestId("qr-png")).toHaveCount(0);
});

test("the QR endpoints return a PNG and an SVG of the hosted URL; bad parameters are refused", async ({ request }) => {
  const png = await request.get(`/api/v1/experiences/${published.publicId}/qr?format=png&channel=store&store=SH-001`);
  expect(png.status()).toBe(200);
  expect(png.headers()["content-type"]).toBe("image/png");
  expect([...(await png.body()).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  expect(png.headers()["x-consentry-url"]).toMatch(new RegExp(`/p/${published.publicId}\\?channel=store&store=SH-001$`));
  const svg = await request.get(`/api/v1/experiences/${published.publicId}/qr?format=svg`);
  expect(svg.status()).toBe(200);
  expect(await svg.text()).toContain("<svg");
  const bad = await request.get(`/api/v1/experiences/${published.publicId}/qr?format=gif`);
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.code).toBe("invalid_query");
});

test("a mainland China visitor and an EU visitor each see their region's variant", async ({ browser, baseURL }) => {
  const cn = await visitor(browser, baseURL!, { "x-vercel-ip-country": "CN" });
  await cn.page.goto(`/p/${published.publicId}`);
  // Mainland China: the region's default language (PIPL pages in Chinese), under the zh-CN page locale.
  await expect(cn.page).toHaveURL(new RegExp(`/zh-CN/p/${published.publicId}$`));
  await expect(cn.page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(cn.page.getByRole("heading", { name: "我们重视您的隐私" })).toBeVisible();
  await expect(cn.page.getByRole("button", { name: "全部接受" })).toBeVisible();
  // The variant made in the designer: no privacy-policy link in mainland China.
  await expect(cn.page.getByRole("link", { name: "隐私政策" })).toHaveCount(0);
  await expectNoSeriousA11yViolations(cn.page, "hosted page, mainland China");

  const eu = await visitor(browser, baseURL!, { "x-vercel-ip-country": "DE" });
  const origins = new Set<string>();
  eu.page.on("request", (request) => origins.add(new URL(request.url()).origin));
  await eu.page.goto(`/p/${published.publicId}`);
  await expect(eu.page).toHaveURL(new RegExp(`/en/p/${published.publicId}$`));
  await expect(eu.page.getByRole("heading", { name: "We value your privacy" })).toBeVisible();
  await expect(eu.page.getByRole("link", { name: "Privacy policy" })).toBeVisible();
  await expectNoSeriousA11yViolations(eu.page, "hosted page, EU");
  // No third party: every request the page makes goes to the app itself.
  expect([...origins]).toEqual([new URL(baseURL!).origin]);

  // The language switch keeps the visitor's region and parameters and changes only the language.
  await cn.page.getByRole("link", { name: "English" }).click();
  await expect(cn.page).toHaveURL(new RegExp(`/en/p/${published.publicId}\\?lang=en$`));
  await expect(cn.page.getByRole("heading", { name: "We value your privacy" })).toBeVisible();
  await expect(cn.page.getByRole("link", { name: "Privacy policy" })).toHaveCount(0);

  // The EU visitor accepts; the decision is recorded with the region and how it was resolved.
  await eu.page.getByRole("button", { name: "Accept all" }).click();
  await expect(eu.page.getByTestId("hosted-status")).toHaveText("Your choices have been saved.");
  await expect(eu.page.getByRole("button", { name: "Change your choices" })).toBeVisible();
  const events = await subjectHistory(eu.page.request, secret, { kind: "device_id", value: await deviceIdOf(eu.context) });
  expect(events.length).toBeGreaterThanOrEqual(4);
  for (const event of events) {
    expect(event).toMatchObject({ method: "click_accept", channel: "web", regionCode: "EU", language: "en" });
    expect(event.regionResolution).toMatchObject({ method: "geo_header" });
  }
  expect(events.map((event) => event.state)).toEqual(expect.arrayContaining(["given"]));

  // Coming back: the choice stands, the banner opens with it.
  await eu.page.reload();
  await expect(eu.page.getByRole("heading", { name: "We value your privacy" })).toBeVisible();
  await cn.context.close();
  await eu.context.close();
});

test("a QR code scanned in a store records the store channel and the store code", async ({ browser, baseURL }) => {
  const shopper = await visitor(browser, baseURL!, { "x-vercel-ip-country": "CN" });
  await shopper.page.goto(`/p/${published.publicId}?channel=store&store=SH-001&lang=zh-CN`);
  await shopper.page.getByRole("button", { name: "全部拒绝" }).click();
  await expect(shopper.page.getByTestId("hosted-status")).toHaveText("您的选择已保存。");
  const events = await subjectHistory(shopper.page.request, secret, { kind: "device_id", value: await deviceIdOf(shopper.context) });
  expect(events.length).toBeGreaterThan(0);
  for (const event of events) {
    expect(event).toMatchObject({ method: "click_reject", channel: "store", regionCode: "CN", language: "zh-CN" });
    expect(event.context.page_url).toMatch(/\/p\/x[0-9a-f]{20}\?channel=store&store=SH-001&lang=zh-CN$/);
  }
  await shopper.context.close();
});

test("California with Global Privacy Control: the signal is honoured, shown and recorded once", async ({ browser, baseURL }) => {
  const californian = await visitor(browser, baseURL!, { "x-vercel-ip-country": "US", "x-vercel-ip-country-region": "CA", "sec-gpc": "1" });
  await californian.page.goto(`/p/${published.publicId}`);
  await expect(californian.page.getByTestId("gpc-honoured")).toHaveText(
    "Your browser's Global Privacy Control signal was honoured: we do not sell or share your personal information for Advertising.",
  );
  await expect.poll(async () => (await californian.context.cookies()).some((c) => c.name === "csy_consent")).toBe(true);
  const events = await subjectHistory(californian.page.request, secret, { kind: "device_id", value: await deviceIdOf(californian.context) });
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({ method: "gpc_signal", state: "refused", regionCode: "US-CA", consentType: "opt_out" });
  expect(events[0]!.purpose).toMatchObject({ key: "advertising" });

  // Once per version: a second visit shows the message again but records nothing new.
  await californian.page.reload();
  await expect(californian.page.getByTestId("gpc-honoured")).toBeVisible();
  await californian.page.waitForLoadState("networkidle");
  expect(await subjectHistory(californian.page.request, secret, { kind: "device_id", value: await deviceIdOf(californian.context) })).toHaveLength(1);
  await californian.context.close();
});

test("GPC seen only by the browser (navigator.globalPrivacyControl) is honoured as well", async ({ browser, baseURL }) => {
  const californian = await visitor(browser, baseURL!, {});
  await californian.context.addInitScript(() => Object.defineProperty(Navigator.prototype, "globalPrivacyControl", { get: () => true }));
  await californian.page.goto(`/p/${published.publicId}?region=US-CA`);
  await expect(californian.page.getByTestId("gpc-honoured")).toContainText("Global Privacy Control signal was honoured");
  await expect.poll(async () => (await californian.context.cookies()).some((c) => c.name === "csy_consent")).toBe(true);
  const events = await subjectHistory(californian.page.request, secret, { kind: "device_id", value: await deviceIdOf(californian.context) });
  expect(events.map((event) => [event.method, event.state, event.regionCode])).toEqual([["gpc_signal", "refused", "US-CA"]]);
  await californian.context.close();
});

test("California with GPC: \"Accept all\" on the hosted page gives everything else and leaves the opted-out purpose refused", async ({ browser, baseURL }) => {
  const californian = await visitor(browser, baseURL!, { "x-vercel-ip-country": "US", "x-vercel-ip-country-region": "CA", "sec-gpc": "1" });
  const { page, context } = californian;
  await page.goto(`/p/${published.publicId}`);
  await expect(page.getByTestId("gpc-honoured")).toBeVisible();
  await expect.poll(async () => (await context.cookies()).some((c) => c.name === "csy_consent")).toBe(true);
  await page.getByRole("button", { name: "Accept all" }).click();
  await expect(page.getByTestId("hosted-status")).toHaveText("Your choices have been saved.");
  const events = await subjectHistory(page.request, secret, { kind: "device_id", value: await deviceIdOf(context) });
  const accepted = events.filter((event) => event.method === "click_accept");
  expect(accepted.length).toBeGreaterThan(1);
  expect(accepted.filter((event) => event.purpose.key === "advertising").map((event) => event.state)).toEqual(["refused"]);
  expect(accepted.filter((event) => event.purpose.key !== "advertising").every((event) => event.state === "given")).toBe(true);
  await context.close();
});

test("a preference page stays open and records under the address the person gives", async ({ browser, baseURL }) => {
  const ownerContext = await browser.newContext({ baseURL });
  const owner = await ownerContext.newPage();
  const centre = await publishTemplate(owner, { name: "Preference centre", template: "Marketing preference centre" });
  const key = await createSecretKey(owner, centre.workspaceId);
  const person = await visitor(browser, baseURL!, { "x-vercel-ip-country": "DE" });
  await person.page.goto(`/p/${centre.publicId}`);
  // The template's own title is the page's one h1 (no hidden duplicate).
  await expect(person.page.locator("h1")).toHaveCount(1);
  const email = `reader-${Date.now()}@example.test`;
  await person.page.getByLabel("Email address").fill(email);
  await person.page.getByRole("switch", { name: "Send me marketing communications" }).check();
  await person.page.getByRole("group", { name: "How may we contact you?" }).getByRole("checkbox", { name: "Email" }).check();
  await person.page.getByRole("button", { name: "Save my preferences" }).click();
  await expect(person.page.getByTestId("hosted-status")).toHaveText("Your choices have been saved.");
  await expect(person.page.getByRole("button", { name: "Save my preferences" })).toBeVisible();
  const events = await subjectHistory(person.page.request, key, { kind: "email", value: email });
  expect(events.map((event) => [event.method, event.purpose.key, event.regionCode])).toEqual([["save", "marketing", "EU"]]);
  await person.context.close();
  await ownerContext.close();
});

test("an unknown or unpublished experience gives a localized 404 page", async ({ page }) => {
  const response = await page.goto("/zh-TW/p/x00000000000000000000");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "此頁面無法使用" })).toBeVisible();
});
