import { devices, expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./a11y-support";
import { verifyInCentre } from "./centre-support";
import { publishTemplate, type PublishedExperience } from "./live-support";
import { createApprovedNotice } from "./notice-support";
import { uniqueEmail } from "./support";

/**
 * The end-user preference centre on a phone: a person consents on the hosted page, comes back
 * and proves control of their email with a one-time code (which the operator reads in the
 * console's outbox: no SMTP here), changes a channel, withdraws everything in one click, reads
 * the receipt, asks for their data; the operator handles the request and finds the person in the
 * records explorer, with the notice text shown on the page they consented on. And a person's
 * session never opens another person's receipt or state.
 */

const NOTICE_EN = "Preference centre Co Ltd. (privacy@example.test) sends you offers and news on the channels you choose.";

test.describe.configure({ mode: "serial" });

let published: PublishedExperience;
let ownerPage: Page;

test.beforeAll(async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  ownerPage = await (await browser.newContext({ baseURL })).newPage();
  published = await publishTemplate(ownerPage, {
    name: "Preference centre",
    template: "Marketing preference centre",
    languages: ["English"],
    // The page shows the approved notice: its privacy link opens the notice's own page.
    privacyPolicy: null,
    // An approved notice in the experience's one language, shown under the introduction.
    design: async (page, workspaceId) => {
      const designer = page.url();
      await createApprovedNotice(page, browser, workspaceId, { name: "Marketing notice", texts: { English: NOTICE_EN }, purposes: ["Marketing messages"] });
      await page.goto(designer);
      await page.getByTestId("canvas").getByRole("button", { name: "Move or edit Rich text" }).click();
      await page.getByRole("button", { name: "Add Notice" }).click();
      await page.getByRole("combobox", { name: "Notice", exact: true }).selectOption({ label: "Marketing notice" });
      await expect(page.getByTestId("save-status")).toHaveText("All changes saved", { timeout: 15_000 });
    },
  });
});

test.afterAll(async () => ownerPage?.context().close());

async function phone(browser: Browser, baseURL: string | undefined): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...devices["Pixel 7"], baseURL });
  return { context, page: await context.newPage() };
}

async function verify(page: Page, email: string, checkA11y = false): Promise<void> {
  await verifyInCentre(page, { page: ownerPage, workspaceId: published.workspaceId }, published.publicId, email, checkA11y);
}

test("a person consents, returns with a code, changes a channel, withdraws all and reads the receipt", async ({ browser, baseURL }) => {
  const email = uniqueEmail("mei");
  const { context, page } = await phone(browser, baseURL);

  // First visit: consent on the hosted page.
  await page.goto(`/en/p/${published.publicId}`);
  await expect(page.getByText(NOTICE_EN)).toBeVisible();
  // The template's privacy link leads to a page that exists: the approved notice's own (no "/privacy" 404).
  await page.getByRole("link", { name: "Privacy policy" }).click();
  await expect(page.getByRole("heading", { name: "Marketing notice", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "Back to your privacy choices" }).click();
  await expect(page.getByText(NOTICE_EN)).toBeVisible();
  await page.getByRole("switch", { name: "Send me marketing communications" }).check();
  await page.getByRole("group", { name: "How may we contact you?" }).getByRole("checkbox", { name: "Email" }).check();
  await page.getByRole("button", { name: "Save my preferences" }).click();
  await expect(page.getByTestId("hosted-status")).toHaveText("Your choices have been saved.");

  // Later: back through a one-time code; what was chosen on this phone is there, with when and how.
  const started = Date.now();
  await verify(page, email, true);
  const marketing = page.getByTestId("consent-status").filter({ hasText: "Marketing" });
  await expect(marketing.getByTestId("consent-state")).toHaveText("Given");
  await expect(marketing).toContainText("saved choices, website");

  // Change a channel: SMS too.
  const channels = page.getByRole("group", { name: "How may we contact you?" });
  await expect(channels.getByRole("checkbox", { name: "Email" })).toBeChecked();
  await channels.getByRole("checkbox", { name: "SMS" }).check();
  await page.getByRole("button", { name: "Save my preferences" }).click();
  await expect(page.getByText("Your changes are saved.")).toBeVisible();

  // Withdraw all: one click.
  await page.getByRole("button", { name: "Withdraw all consent" }).click();
  await expect(page.getByText("All your consents are withdrawn.")).toBeVisible();
  await expect(marketing.getByTestId("consent-state")).toHaveText("Withdrawn");
  await expect(page.getByRole("switch", { name: "Send me marketing communications" })).not.toBeChecked();
  expect(Date.now() - started, "find, change and withdraw in under a minute").toBeLessThan(60_000);

  // The receipt: readable, and as JSON with the record fields.
  await page.getByRole("link", { name: "View your receipt" }).click();
  await expect(page.getByRole("heading", { name: "Consent receipt" })).toBeVisible();
  const record = page.getByTestId("receipt-record").first();
  await expect(record).toContainText("Withdrawn");
  await expect(record).toContainText("reject or withdraw all, website");
  await expectNoSeriousA11yViolations(page, "receipt page");
  const jsonHref = await page.getByRole("link", { name: "Download this receipt as JSON" }).getAttribute("href");
  const json = await context.request.get(jsonHref!);
  expect(json.status()).toBe(200);
  const receipt = (await json.json()) as { version: string; piiControllers: unknown[]; records: { state: string; expressedBy: string; channel: string; hash: string; prevHash: string }[]; withdrawUrl: string };
  expect(receipt.version).toBe("KI-CR-v1.1.0");
  expect(receipt.piiControllers).toHaveLength(1);
  expect(receipt.withdrawUrl).toContain(`/p/${published.publicId}/manage`);
  expect(receipt.records[0]).toMatchObject({ state: "withdrawn", expressedBy: "subject", channel: "web" });

  // A request for deletion, recorded and confirmed.
  await page.getByRole("link", { name: "Change or withdraw your consent" }).click();
  await page.getByRole("link", { name: "Request a copy or deletion of my data" }).click();
  await expect(page.getByRole("radio", { name: "Deletion of my data" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "data request form");
  await page.getByRole("radio", { name: "Deletion of my data" }).check();
  await page.getByLabel("Anything we should know (optional)").fill("Please delete my account.");
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByText(/Your request is recorded\. Reference/)).toBeVisible();
  await context.close();

  // The operator sees and handles the request.
  await ownerPage.goto(`/en/w/${published.workspaceId}`);
  await ownerPage.getByRole("navigation", { name: /workspace/i }).getByRole("link", { name: "Requests" }).click();
  const row = ownerPage.getByTestId("data-request-row").filter({ hasText: "Please delete my account." });
  await expect(row).toContainText("Deletion of my data");
  await expectNoSeriousA11yViolations(ownerPage, "console requests");
  await row.getByLabel("Status").selectOption("completed");
  await row.getByRole("button", { name: "Update" }).click();
  await expect(row.getByText("Request updated.")).toBeVisible();
  await expect(row.getByTestId("data-request-status")).toHaveText("Completed");

  // The operator finds the person by email: their timeline holds the centre's events, and the
  // consent given on the hosted page shows the notice text the person read there.
  await ownerPage.getByRole("navigation", { name: /workspace/i }).getByRole("link", { name: "Records" }).click();
  await ownerPage.getByLabel("Identifier type").selectOption("email");
  await ownerPage.getByLabel("Identifier", { exact: true }).fill(email);
  await ownerPage.getByRole("button", { name: "Find", exact: true }).click();
  await expect(ownerPage.getByRole("heading", { name: "Person's timeline" })).toBeVisible();
  await expect(ownerPage.getByTestId("timeline-event").first()).toBeVisible();
  const onHostedPage = ownerPage.getByTestId("timeline-event").filter({ hasText: "Saved choices · Website" }).filter({ hasText: "Device ID" });
  await expect(onHostedPage).toHaveCount(1);
  await expect(onHostedPage).toContainText("Marketing messages: Given");
  await expect(onHostedPage.getByTestId("notice-text")).toHaveText(NOTICE_EN);
  await expect(onHostedPage.getByTestId("event-version")).toContainText("Preference centre, version 1");
});

test("a person's session never opens another person's receipt or state", async ({ browser, baseURL }) => {
  const alice = await phone(browser, baseURL);
  const aliceEmail = uniqueEmail("alice");
  await verify(alice.page, aliceEmail);
  await alice.page.getByRole("switch", { name: "Send me marketing communications" }).check();
  await alice.page.getByRole("button", { name: "Save my preferences" }).click();
  const receiptLink = alice.page.getByRole("link", { name: "View your receipt" });
  await expect(receiptLink).toBeVisible();
  const href = (await receiptLink.getAttribute("href"))!;
  const receiptId = /\/receipts\/([0-9a-f-]{36})/.exec(href)![1]!;

  const bob = await phone(browser, baseURL);
  await verify(bob.page, uniqueEmail("bob"));
  await expect(bob.page.getByText("You have not made any choices with us yet.")).toBeVisible();

  // Alice's receipt by id, with Bob's session: the same "cannot be shown" as a made-up id.
  for (const path of [`/en/p/${published.publicId}/receipts/${receiptId}`, `/en/p/${published.publicId}/receipts/${receiptId}?token=rct_${"0".repeat(64)}`]) {
    const shown = await bob.page.goto(path);
    expect(shown?.status()).toBe(404);
    await expect(bob.page.getByText("This receipt cannot be shown.")).toBeVisible();
    await expect(bob.page.getByRole("link", { name: "Change or withdraw your consent", exact: true })).toHaveAttribute("href", `/en/p/${published.publicId}/manage`);
  }
  for (const query of ["", `?token=rct_${"0".repeat(64)}`]) {
    const response = await bob.context.request.get(`/api/v1/receipts/${receiptId}${query}`);
    expect(response.status()).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("not_found");
  }
  // A forged session cookie is no session at all.
  const stranger = await phone(browser, baseURL);
  await stranger.context.addCookies([{ name: "consentry_subject", value: `pcs_${"ab".repeat(32)}`, url: baseURL! }]);
  await stranger.page.goto(`/en/p/${published.publicId}/manage`);
  await expect(stranger.page.getByRole("button", { name: "Send code" })).toBeVisible();
  // Alice's own session opens it.
  await alice.page.goto(`/en/p/${published.publicId}/receipts/${receiptId}`);
  await expect(alice.page.getByTestId("receipt-record")).toHaveCount(1);
  for (const context of [alice.context, bob.context, stranger.context]) await context.close();
});
