import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { decodeStoredChoice, type StoredChoice } from "../lib/public/stored-choice";
import { createSecretKey, openPublishing, publishTemplate, subjectHistory, type PublishedExperience } from "./live-support";

/*
 * The embed on a page of another origin: a static page served here on its own port (127.0.0.1,
 * so not even the cookie jar is shared with the app on localhost) loads /embed/v1.js from the app.
 */

const APP = `http://localhost:${Number(process.env.E2E_PORT ?? 3100)}`;
const HOST_PAGE = readFileSync(new URL("./fixtures/embed-host.html", import.meta.url), "utf8");

let server: Server;
let host = "";

function hostUrl(experience: string, attributes: Record<string, string> = {}): string {
  return `${host}/?${new URLSearchParams({ experience, ...attributes })}`;
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  server = createServer((request, response) => {
    const query = new URL(request.url ?? "/", "http://host").searchParams;
    const data = [...query].map(([name, value]) => ` data-${name.replace(/[^a-z-]/g, "")}="${value.replace(/[^A-Za-z0-9-]/g, "")}"`).join("");
    response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    response.end(HOST_PAGE.replace("<!--EMBED-->", `<script src="${APP}/embed/v1.js"${data} async></script>`));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const shadow = (page: Page) => page.locator("consentry-embed");
const layoutShift = (page: Page) => page.evaluate(() => (window as unknown as { __layoutShift: number }).__layoutShift);
const hostEvents = (page: Page) =>
  page.evaluate(() => (window as unknown as { __consentryEvents: { type: string; detail: unknown }[] }).__consentryEvents);

async function storedChoice(context: BrowserContext): Promise<StoredChoice | null> {
  const cookie = (await context.cookies(host)).find((c) => c.name === "csy_consent");
  return cookie ? decodeStoredChoice(cookie.value) : null;
}

async function waitForReady(page: Page): Promise<void> {
  await expect.poll(async () => (await hostEvents(page)).some((event) => event.type === "consentry:ready")).toBe(true);
}

let owner: Page;
let experience: PublishedExperience;
let secret: string;
let visitor: BrowserContext;

async function newOwner(browser: Browser): Promise<Page> {
  return (await browser.newContext({ baseURL: APP })).newPage();
}

test("a banner on another origin: shown without moving the page, accepted, recorded, remembered", async ({ browser, request }) => {
  owner = await newOwner(browser);
  experience = await publishTemplate(owner, { name: "Embed banner", allowedOrigins: [host] });
  secret = await createSecretKey(owner, experience.workspaceId);

  visitor = await browser.newContext();
  const page = await visitor.newPage();
  await page.goto(hostUrl(experience.publicId));
  const accept = page.getByRole("button", { name: "Accept all" });
  await expect(accept).toBeVisible();
  await expect(page.getByRole("heading", { name: "We value your privacy" })).toBeVisible();
  await waitForReady(page);
  expect((await hostEvents(page)).find((event) => event.type === "consentry:ready")?.detail).toBeNull();
  expect(await page.evaluate(() => window.Consentry?.getConsent())).toBeNull();
  // Only the fixed overlay appeared: nothing of the host page moved (benchmarks.md P2).
  expect(await layoutShift(page)).toBe(0);

  await accept.click();
  await expect(accept).toBeHidden();
  // The cookie is written once the decision is recorded: wait for it rather than race it.
  await expect.poll(() => storedChoice(visitor)).toMatchObject({ experience: experience.publicId, versionNumber: 1, decided: true, gpc: false });
  const stored = await storedChoice(visitor);
  expect(stored!.given.length).toBeGreaterThan(1);

  const consent = await page.evaluate(() => window.Consentry?.getConsent());
  expect(consent).toMatchObject({ experience: experience.publicId, version: 1, gpc: false, decided: true });
  for (const id of stored!.given) expect(consent!.purposes[id]).toBe(true);
  const change = (await hostEvents(page)).find((event) => event.type === "consentry:change");
  expect(change?.detail).toEqual(consent);
  expect(await layoutShift(page)).toBe(0);

  // Recorded in the ledger under the device id the cookie keeps, from this page, by a click.
  const subject = { kind: "device_id", value: stored!.deviceId };
  await expect.poll(async () => (await subjectHistory(request, secret, subject)).length).toBe(stored!.given.length + stored!.refused.length);
  const events = await subjectHistory(request, secret, subject);
  for (const event of events) {
    expect(event).toMatchObject({ method: "click_accept", channel: "web", state: "given" });
    // The ledger keeps the context in snake case (page_url).
    expect(event.context.page_url).toBe(`${host}/`);
  }

  // The next page knows the choice without asking again.
  await page.reload();
  await waitForReady(page);
  await expect.poll(async () => (await hostEvents(page)).find((event) => event.type === "consentry:ready")?.detail).toEqual(consent);
  await expect(page.getByRole("button", { name: "Accept all" })).toBeHidden();
  await expect(shadow(page)).toHaveCount(0);
  expect(await layoutShift(page)).toBe(0);

  // The host page can reopen the choices; the preferences layer opens with the choice made.
  await page.evaluate(() => window.Consentry?.openPreferences());
  const analytics = page.getByRole("switch", { name: "Analytics" });
  await expect(analytics).toBeChecked();
  await analytics.uncheck();
  await page.getByRole("button", { name: "Save my choices" }).click();
  await expect(analytics).toBeHidden();
  const after = await page.evaluate(() => window.Consentry?.getConsent());
  expect(Object.values(after!.purposes).filter((given) => !given)).toHaveLength(1);
});

test("Global Privacy Control in California: recorded as an opt-out and shown to the visitor", async ({ browser, request }) => {
  const context = await browser.newContext({ extraHTTPHeaders: { "Sec-GPC": "1" } });
  await context.addInitScript(() => Object.defineProperty(Navigator.prototype, "globalPrivacyControl", { get: () => true }));
  const page = await context.newPage();
  await page.goto(hostUrl(experience.publicId, { region: "US-CA" }));
  await expect(page.getByRole("status")).toContainText("Global Privacy Control");
  await waitForReady(page);

  await expect.poll(() => storedChoice(context)).toMatchObject({ gpc: true, decided: false, given: [] });
  const stored = await storedChoice(context);
  expect(stored!.refused.length).toBeGreaterThan(0);
  const subject = { kind: "device_id", value: stored!.deviceId };
  await expect.poll(async () => (await subjectHistory(request, secret, subject)).length).toBe(stored!.refused.length);
  for (const event of await subjectHistory(request, secret, subject)) {
    expect(event).toMatchObject({ method: "gpc_signal", state: "refused", regionCode: "US-CA" });
  }
  const consent = await page.evaluate(() => window.Consentry?.getConsent());
  expect(consent).toMatchObject({ gpc: true, decided: false });

  // Accept all leaves what the signal opted out of refused.
  await page.getByRole("button", { name: "Accept all" }).click();
  await expect.poll(() => storedChoice(context)).toMatchObject({ gpc: true, decided: true });
  const decided = await storedChoice(context);
  for (const id of stored!.refused) expect(decided!.refused).toContain(id);
  // …and the ledger says so: the click records them refused, everything else given.
  await expect.poll(async () => (await subjectHistory(request, secret, subject)).filter((e) => e.method === "click_accept").length).toBeGreaterThan(0);
  const accepted = (await subjectHistory(request, secret, subject)).filter((e) => e.method === "click_accept");
  for (const event of accepted) expect(event.state).toBe(stored!.refused.includes(event.purposeId) ? "refused" : "given");
  expect(accepted.filter((e) => stored!.refused.includes(e.purposeId))).toHaveLength(stored!.refused.length);

  // Once per version: the next page records nothing more. The embed sends a recording before it
  // announces ready, so by the time ready is seen any recording would have been requested.
  const count = (await subjectHistory(request, secret, subject)).length;
  const recordings: string[] = [];
  page.on("request", (sent) => {
    if (sent.method() === "POST" && sent.url().includes("/api/v1/consents")) recordings.push(sent.url());
  });
  await page.reload();
  await waitForReady(page);
  expect(recordings).toEqual([]);
  expect((await subjectHistory(request, secret, subject)).length).toBe(count);
  await context.close();
});

test("a material change makes the stored choice stale: the banner asks again", async ({ browser }) => {
  await openPublishing(owner, experience.workspaceId);
  await owner.getByRole("checkbox", { name: /Material change/ }).check();
  await owner.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(owner.getByTestId("publish-result")).toContainText("It is live now.");
  // The live experience is cached for a minute; the same visitor (same cookie) after that.
  const later = await browser.newContext();
  await later.addCookies(await visitor.cookies());
  expect(await storedChoice(later)).toMatchObject({ versionNumber: 1, decided: true });
  const page = await later.newPage();
  await page.goto(hostUrl(experience.publicId));
  await expect(page.getByRole("button", { name: "Accept all" })).toBeVisible();
  await waitForReady(page);
  expect((await hostEvents(page)).find((event) => event.type === "consentry:ready")?.detail).toBeNull();
  await page.getByRole("button", { name: "Reject all" }).click();
  await expect.poll(() => storedChoice(later)).toMatchObject({ versionNumber: 2, decided: true });
  await later.close();
});

test("a popup keeps keyboard focus inside, Escape closes it and focus returns", async ({ browser }) => {
  const popupOwner = await newOwner(browser);
  const popup = await publishTemplate(popupOwner, {
    name: "Embed popup",
    languages: ["English"],
    allowedOrigins: [host],
    async design(page) {
      await page.getByLabel("Kind", { exact: true }).selectOption({ label: "Popup" });
      await page.getByRole("button", { name: "Add Button" }).click();
      await page.getByLabel("Action", { exact: true }).selectOption({ label: "Close" });
      await page.getByLabel("Label (English)").fill("Close");
      await expect(page.getByTestId("save-status")).toHaveText("All changes saved", { timeout: 15_000 });
    },
  });
  const page = await (await browser.newContext()).newPage();
  await page.goto(hostUrl(popup.publicId));
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  const focusInDialog = () =>
    page.evaluate(() => {
      const active = document.querySelector("consentry-embed")?.shadowRoot?.activeElement;
      return active?.closest('[role="dialog"]') !== null && active !== undefined && active !== null;
    });
  await expect.poll(focusInDialog).toBe(true);
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press(i % 4 === 3 ? "Shift+Tab" : "Tab");
    expect(await focusInDialog()).toBe(true);
  }
  expect(await layoutShift(page)).toBe(0);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  // Closing is not a choice: nothing is stored, and the host page has its focus back.
  expect((await page.context().cookies(host)).find((c) => c.name === "csy_consent")).toBeUndefined();
  expect(await page.evaluate(() => document.activeElement === document.body || document.activeElement?.tagName !== "CONSENTRY-EMBED")).toBe(true);
});
