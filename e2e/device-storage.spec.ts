import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { publishTemplate, type PublishedExperience } from "./live-support";

/*
 * ePrivacy art. 5(3): before a person chooses, nothing but the consent cookie may be stored on or
 * read from their device. In Chromium, on the embed (a page of another origin) and on the hosted
 * page: no cookie but csy_consent, nothing in localStorage, sessionStorage or IndexedDB — before
 * the choice, and still only the consent cookie after it (so a write made while the page started
 * is seen too). And a Hong Kong visitor's hosted page is in Traditional Chinese by default, with
 * English beside it (PDPO; regulations.md).
 */

const APP = `http://localhost:${Number(process.env.E2E_PORT ?? 3100)}`;
const HOST_PAGE = readFileSync(new URL("./fixtures/embed-host.html", import.meta.url), "utf8");
const CONSENT_COOKIE = "csy_consent";

let server: Server;
let host = "";
let experience: PublishedExperience;

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    response.end(HOST_PAGE.replace("<!--EMBED-->", `<script src="${APP}/embed/v1.js" data-experience="${experience.publicId}" async></script>`));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const owner = await (await browser.newContext({ baseURL: APP })).newPage();
  experience = await publishTemplate(owner, {
    name: "Storage banner",
    languages: ["English", "Chinese (China)", "Chinese (Taiwan)"],
    allowedOrigins: [host],
  });
  await owner.context().close();
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

interface DeviceStorage {
  cookies: string[];
  localStorage: string[];
  sessionStorage: string[];
  indexedDB: string[];
}

/** Everything stored for the visitor: every cookie of the browser context, and the page origin's web storage and databases. */
async function deviceStorage(context: BrowserContext, page: Page): Promise<DeviceStorage> {
  const cookies = (await context.cookies()).map((cookie) => cookie.name).sort();
  const web = await page.evaluate(async () => ({
    localStorage: Object.keys(window.localStorage).sort(),
    sessionStorage: Object.keys(window.sessionStorage).sort(),
    indexedDB: (await indexedDB.databases()).map((database) => database.name ?? "").sort(),
  }));
  return { cookies, ...web };
}

const NOTHING: DeviceStorage = { cookies: [], localStorage: [], sessionStorage: [], indexedDB: [] };
const CONSENT_ONLY: DeviceStorage = { ...NOTHING, cookies: [CONSENT_COOKIE] };

test("the embed stores nothing on the device before a choice, then only its consent cookie", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${host}/`);
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __consentryEvents: { type: string }[] }).__consentryEvents.some((event) => event.type === "consentry:ready")))
    .toBe(true);
  await expect(page.getByRole("button", { name: "Accept all" })).toBeVisible();
  expect(await deviceStorage(context, page)).toEqual(NOTHING);

  // The measurement sees what is there: the choice leaves exactly the consent cookie.
  await page.getByRole("button", { name: "Reject all" }).click();
  await expect.poll(async () => (await deviceStorage(context, page)).cookies).toEqual([CONSENT_COOKIE]);
  expect(await deviceStorage(context, page)).toEqual(CONSENT_ONLY);
  await context.close();
});

test("the hosted page stores nothing on the device before a choice, then only its consent cookie", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: APP, extraHTTPHeaders: { "x-vercel-ip-country": "DE" } });
  const page = await context.newPage();
  await page.goto(`/p/${experience.publicId}`);
  await expect(page.getByRole("heading", { name: "We value your privacy" })).toBeVisible();
  expect(await deviceStorage(context, page)).toEqual(NOTHING);

  await page.getByRole("button", { name: "Reject all" }).click();
  await expect(page.getByTestId("hosted-status")).toHaveText("Your choices have been saved.");
  expect(await deviceStorage(context, page)).toEqual(CONSENT_ONLY);
  await context.close();
});

test("a Hong Kong visitor's hosted page is in Traditional Chinese by default, with English beside it", async ({ browser }) => {
  // The browser asks for French, which no experience offers: the region decides the language.
  const context = await browser.newContext({ baseURL: APP, locale: "fr-FR", extraHTTPHeaders: { "x-vercel-ip-country": "HK" } });
  const page = await context.newPage();
  await page.goto(`/p/${experience.publicId}`);
  await expect(page).toHaveURL(new RegExp(`/zh-TW/p/${experience.publicId}$`));
  await expect(page.getByRole("heading", { name: "我們重視您的隱私" })).toBeVisible();
  await expect(page.getByRole("button", { name: "全部接受" })).toBeVisible();
  await expect(page.getByRole("link", { name: "English" })).toBeVisible();
  await context.close();
});
