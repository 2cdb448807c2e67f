import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { openPublishing, publishTemplate } from "./live-support";

/*
 * An embed on a site that is not allowed yet (issue 12, item 13): instead of failing silently
 * with a CORS error, the embed says in the site's console which origin to allow; the publishing
 * page lists the refused origin with a one-click "Allow", after which the banner shows.
 */

const APP = `http://localhost:${Number(process.env.E2E_PORT ?? 3100)}`;
const HOST_PAGE = readFileSync(new URL("./fixtures/embed-host.html", import.meta.url), "utf8");

let server: Server;
let host = "";

test.beforeAll(async () => {
  server = createServer((request, response) => {
    const experience = (new URL(request.url ?? "/", "http://host").searchParams.get("experience") ?? "").replace(/[^a-z0-9]/g, "");
    response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    response.end(HOST_PAGE.replace("<!--EMBED-->", `<script src="${APP}/embed/v1.js" data-experience="${experience}" async></script>`));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

test("a site not yet allowed is told which origin to allow; the owner allows it in one click", async ({ browser }) => {
  test.setTimeout(300_000);
  const owner = await (await browser.newContext({ baseURL: APP })).newPage();
  const experience = await publishTemplate(owner, { name: "Refused embed" });

  const visitor = await browser.newContext();
  const page = await visitor.newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto(`${host}/?experience=${experience.publicId}`);
  await expect
    .poll(() => errors.find((text) => text.startsWith("[consentry]")))
    .toBe(
      `[consentry] this website (${host}) is not allowed to show experience ${experience.publicId}. ` +
        `In the Consentry console, open the experience's publishing page and allow ${host} ` +
        `(under "Recently refused websites", or in "Websites allowed to record consent").`,
    );
  await expect(page.getByRole("button", { name: "Accept all" })).toHaveCount(0);

  // The owner sees the refused site and allows it.
  await openPublishing(owner, experience.workspaceId);
  const refused = owner.getByRole("region", { name: "Recently refused websites" });
  await expect(refused.getByTestId("refused-origin")).toContainText(host);
  await refused.getByRole("button", { name: `Allow ${host}` }).click();
  await expect(owner.getByLabel("Websites allowed to record consent (one origin per line)")).toHaveValue(host);
  await expect(refused.getByText("No website has been refused lately.")).toBeVisible();

  // The site shows the banner now.
  await page.reload();
  await expect(page.getByRole("button", { name: "Accept all" })).toBeVisible();
  await visitor.close();
  await owner.context().close();
});
