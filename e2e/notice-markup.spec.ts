import { createRequire } from "node:module";
import { expect, test, type Page } from "@playwright/test";
import { richTextFromParagraphs, type RichTextDoc } from "../lib/experience/rich-text";
import { BENIGN_HTML, EXPECTED_ALLOWED_MARKUP, EXPECTED_LINK_SCHEMES, HOSTILE_DOCS, HOSTILE_HTML, SENTINEL_WORD } from "../lib/notices/hostile-fixtures";
import { sanitizeNoticeHtml } from "../lib/notices/sanitize";

/*
 * Benchmark R4: script payloads in notices never execute in a browser. Each payload is rendered
 * and sanitized here, in Node, as the server does when a notice version is approved; the result
 * is put into a real Chromium page the way NoticeView does (innerHTML of a container), and the
 * page is watched for any sign of script: a dialog, the `window.__pwned` canary, a page error or
 * console error, a request to a "pwned" URL. Then the notice is hovered, focused and every link
 * in it clicked. The first test proves the watchers see a payload that does run.
 */

// render.ts begins with `import "server-only"`, whose plain-Node entry throws (Next.js resolves
// it to an empty module on the server; vitest aliases it). This test process is server-side, so
// the marker is registered as already loaded before render.ts is imported.
const nodeRequire = createRequire(import.meta.url);
const serverOnlyPath = nodeRequire.resolve("server-only");
nodeRequire.cache[serverOnlyPath] ??= { id: serverOnlyPath, filename: serverOnlyPath, loaded: true, exports: {} } as unknown as NodeJS.Module;
const { renderNoticeHtml } = await import("../lib/notices/render");

type Watch = { events: string[] };

/** Starts watching `page` for any sign of script running; no request leaves the machine. */
async function watch(page: Page): Promise<Watch> {
  const events: string[] = [];
  page.on("dialog", (dialog) => {
    events.push(`dialog: ${dialog.type()} ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  page.on("pageerror", (error) => events.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    // Chromium logs the (refused) hand-off of mailto:/tel: links to the OS: not script.
    if (message.type() === "error" && !/Failed to launch '(mailto|tel):/.test(message.text())) events.push(`console error: ${message.text()}`);
  });
  await page.context().route("**/*", async (route) => {
    const url = route.request().url();
    if (url.toLowerCase().includes(SENTINEL_WORD)) events.push(`request: ${url}`);
    await route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>elsewhere</title><p>elsewhere</p>" });
  });
  return { events };
}

/** Shows `html` as NoticeView does: the innerHTML of a container inside a region. */
async function showNotice(page: Page, html: string): Promise<void> {
  await page.setContent(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Notice</title></head>` +
      `<body><main><div class="csy-notice" role="region" aria-label="Notice" tabindex="0" style="min-height:4rem;padding:1rem">` +
      `<div id="notice">${html}</div></div></main></body></html>`,
  );
}

/** Hovers, focuses and clicks through the notice the way a reader might. */
async function exercise(page: Page): Promise<string[]> {
  const notice = page.locator("#notice");
  await page.locator(".csy-notice").hover({ timeout: 5_000 });
  for (const element of (await notice.locator("*").all()).slice(0, 40)) {
    if (await element.isVisible()) await element.hover({ timeout: 2_000 }).catch(() => undefined);
  }
  await page.locator(".csy-notice").focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press("Tab");
  const opened: string[] = [];
  for (const link of await notice.locator("a").all()) {
    if ((await link.getAttribute("target")) === "_blank") {
      const [popup] = await Promise.all([page.waitForEvent("popup", { timeout: 5_000 }), link.click()]);
      await popup.waitForLoadState().catch(() => undefined);
      opened.push(popup.url());
      await popup.close();
    } else {
      await link.click();
    }
  }
  // Handlers that fire late (timers, load/error events of anything that got through).
  await page.waitForTimeout(150);
  return opened;
}

/** In the browser: every element and attribute of the notice is allowed, every link safe. */
async function domProblems(page: Page): Promise<string[]> {
  return page.evaluate(
    ({ allowed, schemes }) => {
      const problems: string[] = [];
      const notice = document.getElementById("notice");
      if (!notice) return ["notice container missing"];
      for (const element of Array.from(notice.querySelectorAll("*"))) {
        const names = allowed[element.localName];
        if (names === undefined) problems.push(`element <${element.localName}>`);
        else for (const attribute of Array.from(element.attributes)) if (!names.includes(attribute.name)) problems.push(`${attribute.name} on <${element.localName}>`);
        if (element instanceof HTMLAnchorElement && !schemes.includes(element.protocol)) problems.push(`link to ${element.protocol}`);
        if (element.shadowRoot) problems.push(`shadow root on <${element.localName}>`);
      }
      const active = document.querySelectorAll("script, iframe, frame, object, embed, img, svg, math, style, link, base, meta[http-equiv], form, input, button, template, video, audio");
      if (active.length > 0) problems.push(`${active.length} active element(s) in the page`);
      return problems;
    },
    { allowed: EXPECTED_ALLOWED_MARKUP as Record<string, readonly string[]>, schemes: EXPECTED_LINK_SCHEMES as readonly string[] },
  );
}

async function expectHarmless(page: Page, watcher: Watch, html: string): Promise<void> {
  await showNotice(page, html);
  const opened = await exercise(page);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), "window.__pwned canary").toBeUndefined();
  expect(watcher.events, "dialogs, errors and sentinel requests").toEqual([]);
  expect(await domProblems(page)).toEqual([]);
  expect(page.url(), "the notice page did not navigate").toBe("about:blank");
  for (const url of opened) expect(EXPECTED_LINK_SCHEMES.some((scheme) => url.startsWith(scheme)), url).toBe(true);
}

test("the watchers notice a payload that does run (control: unsanitized HTML)", async ({ page }) => {
  const watcher = await watch(page);
  await showNotice(page, `<img src="x:" onerror="window.__pwned=1"><img src="https://attacker.example/${SENTINEL_WORD}.png"><a id="js" href="javascript:window.__pwned=2">js</a>`);
  await expect.poll(() => page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBe(1);
  await page.locator("#js").click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBe(2);
  await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "alert('ran'); throw new Error('from payload')";
    document.body.append(script);
  });
  await expect.poll(() => watcher.events.join("\n")).toContain("dialog: alert ran");
  expect(watcher.events.join("\n")).toContain("page error: ");
  expect(watcher.events.join("\n")).toContain(`request: https://attacker.example/${SENTINEL_WORD}.png`);
  expect(await domProblems(page)).not.toEqual([]);
});

for (const payload of HOSTILE_HTML) {
  test(`sanitized HTML never runs: ${payload.name}`, async ({ page }) => {
    const watcher = await watch(page);
    await expectHarmless(page, watcher, sanitizeNoticeHtml(payload.html));
  });
}

for (const payload of HOSTILE_DOCS) {
  test(`rendered document never runs: ${payload.name}`, async ({ page }) => {
    const watcher = await watch(page);
    await expectHarmless(page, watcher, renderNoticeHtml(payload.doc as RichTextDoc));
  });
}

test("every payload typed into the editor as text shows as text and never runs", async ({ page }) => {
  const watcher = await watch(page);
  const paragraphs = HOSTILE_HTML.map((payload) => payload.html);
  await expectHarmless(page, watcher, renderNoticeHtml(richTextFromParagraphs(paragraphs)));
  const shown = await page.locator("#notice > p").allTextContents();
  expect(shown).toHaveLength(paragraphs.length);
  // The HTML parser drops NUL characters in text; everything else reads exactly as typed.
  expect(shown).toEqual(paragraphs.map((text) => text.replace(/\u0000/g, "")));
});

test("a benign notice renders visibly: headings, lists, marks and safe links", async ({ page }) => {
  const watcher = await watch(page);
  const doc: RichTextDoc = {
    type: "doc",
    content: [
      { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Privacy notice" }] },
      {
        type: "paragraph",
        content: [
          { type: "text", text: "We process your " },
          { type: "text", text: "email address", marks: [{ type: "bold" }] },
          { type: "text", text: ". Read " },
          { type: "text", text: "our policy", marks: [{ type: "link", attrs: { href: "https://example.com/privacy" } }] },
          { type: "text", text: " or " },
          { type: "text", text: "write to us", marks: [{ type: "link", attrs: { href: "mailto:dpo@example.com" } }] },
          { type: "text", text: "." },
        ],
      },
      { type: "heading", attrs: { level: 3 }, content: [{ type: "text", text: "Your rights" }] },
      {
        type: "bulletList",
        content: ["Access", "Erasure", "Objection"].map((text) => ({ type: "listItem" as const, content: [{ type: "paragraph" as const, content: [{ type: "text" as const, text }] }] })),
      },
    ],
  };
  await expectHarmless(page, watcher, renderNoticeHtml(doc));
  const notice = page.locator("#notice");
  await expect(notice.getByRole("heading", { level: 2, name: "Privacy notice" })).toBeVisible();
  await expect(notice.getByRole("heading", { level: 3, name: "Your rights" })).toBeVisible();
  await expect(notice.getByRole("listitem")).toHaveText(["Access", "Erasure", "Objection"]);
  await expect(notice.locator("strong")).toHaveText("email address");
  const policy = notice.getByRole("link", { name: "our policy" });
  await expect(policy).toBeVisible();
  await expect(policy).toHaveAttribute("href", "https://example.com/privacy");
  await expect(policy).toHaveAttribute("rel", "noopener noreferrer nofollow");
  await expect(policy).toHaveAttribute("target", "_blank");
  const mail = notice.getByRole("link", { name: "write to us" });
  await expect(mail).toHaveAttribute("href", "mailto:dpo@example.com");
  await expect(mail).not.toHaveAttribute("target", /.*/);
});

test("benign pasted HTML, tables included, renders visibly after sanitizing", async ({ page }) => {
  const watcher = await watch(page);
  await expectHarmless(page, watcher, BENIGN_HTML.map((notice) => sanitizeNoticeHtml(notice.html)).join(""));
  const notice = page.locator("#notice");
  await expect(notice.getByRole("heading", { name: "隐私声明" })).toBeVisible();
  await expect(notice.getByRole("table")).toBeVisible();
  await expect(notice.getByRole("columnheader", { name: "Kept for" })).toBeVisible();
  await expect(notice.getByRole("link", { name: "+86 10 1234 5678" })).toHaveAttribute("href", "tel:+861012345678");
  await expect(notice).toContainText("Terms & conditions — <b> is text, 5 > 3");
});
