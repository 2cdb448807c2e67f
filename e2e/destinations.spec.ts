import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./a11y-support";
import { E2E_PRIVACY_POLICY, givePrivacyPolicyAddress } from "./live-support";
import { createExperience, createWorkspace, signUp, uniqueEmail } from "./support";

/**
 * Sync destinations in the console, end to end: an owner adds a webhook (the form refuses a
 * filter that would drop withdrawals and keeps what was typed), sees its signing secret once,
 * records a consent, and finds the change as "pending at CRM" on the person's timeline and in
 * the destination's delivery log; pauses, resumes, sends a test event, replays, rotates the
 * secret, edits and deletes it; in English, in Chinese and on a phone. The receiver's address
 * does not resolve, so the engine (in process) can only keep retrying: the change stays open
 * (pending, sending or retrying). What is delivered or failed is proven in
 * lib/sync/console/console.db.test.ts.
 */

test("an owner adds a webhook destination and follows a consent change to it", async ({ page, request }) => {
  test.setTimeout(180_000);
  await signUp(page, uniqueEmail("sync-owner"));
  const workspaceId = await createWorkspace(page, "Sync Co");
  await createExperience(page, workspaceId, "Site banner", "EU cookie banner (two layers)");
  await givePrivacyPolicyAddress(page, E2E_PRIVACY_POLICY);
  await page.goto(`/en/w/${workspaceId}/catalog`);
  const analytics = (await page.getByTestId("purpose-row").filter({ hasText: "analytics" }).getByTestId("purpose-id").textContent())!.trim();
  await page.goto(`/en/w/${workspaceId}/experiences`);
  await page.getByTestId("experience-card").click();
  await page.getByLabel("Websites allowed to record consent (one origin per line)").fill("https://shop.example.test");
  await page.getByRole("button", { name: "Save origins" }).click();
  await expect(page.getByText("Allowed origins saved.")).toBeVisible();
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByTestId("publish-result")).toBeVisible();
  const publicKey = (await page.getByTestId("public-key").textContent())!.trim();

  // The Destinations tab, empty.
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Destinations" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Destinations" })).toBeVisible();
  await expect(page.getByText("No destinations yet")).toBeVisible();

  // A filter that lets consents through without their withdrawals is refused, and nothing typed is lost.
  const form = page.getByRole("form", { name: "New destination" });
  await form.getByLabel("Name").fill("CRM");
  await form.getByLabel("Webhook URL").fill("https://crm.example.test/hooks/consent");
  await form.getByRole("group", { name: "States" }).getByRole("checkbox", { name: "Given", exact: true }).check();
  await form.getByRole("combobox", { name: "Phone" }).selectOption({ label: "SHA-256 hash" });
  await form.getByRole("button", { name: "Create destination" }).click();
  await expect(form.getByRole("alert")).toHaveText("A destination that receives a purpose's consents must also receive its withdrawals, refusals and expiries.");
  await expect(form.getByLabel("Name")).toHaveValue("CRM");
  for (const state of ["Withdrawn", "Refused", "Expired"]) await form.getByRole("group", { name: "States" }).getByRole("checkbox", { name: state, exact: true }).check();
  await form.getByRole("button", { name: "Create destination" }).click();
  const secret = form.getByLabel("Signing secret (shown only now; copy it into the receiver)");
  await expect(secret).toHaveValue(/^whsec_[A-Za-z0-9+/]{43}=$/);
  const secretValue = await secret.inputValue();
  await expect(page.getByTestId("destination-row")).toHaveCount(1);
  await expect(page.getByTestId("destination-row")).toContainText("Active");
  await expectNoSeriousA11yViolations(page, "destinations list");
  await form.getByRole("link", { name: "Open the new destination" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "CRM" })).toBeVisible();
  await expect(page.getByText("Phone: SHA-256 hash")).toBeVisible();
  // The secret is not on the page any more: only its hint.
  await expect(page.locator("main")).not.toContainText(secretValue.slice(10));

  // A person consents on the shop's site: the change is due at CRM.
  const email = uniqueEmail("shopper");
  const recorded = await request.post("/api/v1/consents", {
    headers: { origin: "https://shop.example.test", "x-consentry-key": publicKey },
    data: { subject: { kind: "email", value: email }, channel: "web", method: "save", locale: "en", region: { code: "EU", resolvedBy: "parameter" }, decisions: [{ purposeId: analytics, state: "given" }] },
  });
  expect(recorded.status()).toBe(201);
  const [eventId] = (await recorded.json()).eventIds as string[];

  await page.reload();
  const log = page.getByRole("list", { name: "Deliveries" });
  await expect(log.getByTestId("delivery-row")).toHaveCount(1);
  await expect(log.getByTestId("delivery-row")).toContainText(/Pending|Sending|Retrying/);
  await expect(page.getByTestId("destination-backlog")).toHaveText("1");
  await log.getByText("Payload and attempts").click();
  await expect(log.getByTestId("delivery-payload")).toContainText(eventId!);

  // Filter the log: nothing has failed.
  await page.getByLabel("Status", { exact: true }).selectOption({ label: "Failed" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByText("No deliveries match.")).toBeVisible();
  await page.getByLabel("Status", { exact: true }).selectOption({ label: "Any" });
  await page.getByRole("button", { name: "Apply filters" }).click();

  // The person's timeline says where the change is.
  await page.getByRole("link", { name: "Person, change #1" }).click();
  await expect(page.getByRole("heading", { name: "Person's timeline" })).toBeVisible();
  const personUrl = page.url();
  await expect(page.getByTestId("timeline-event").getByTestId("propagation-summary")).toHaveText("Pending at CRM");
  await expect(page.getByTestId("timeline-event").getByTestId("event-propagation")).toContainText(/CRM: (Pending|Sending|Retrying)/);
  await page.goBack();

  // Pause and resume, send a test event, replay the last hour, rotate the secret.
  const manage = page.getByRole("region", { name: "Manage" });
  await manage.getByRole("button", { name: "Pause" }).click();
  await expect(page.getByTestId("destination-status").first()).toHaveText("Paused");
  await manage.getByRole("button", { name: "Resume" }).click();
  await expect(page.getByTestId("destination-status").first()).toHaveText("Active");
  await manage.getByRole("button", { name: "Send a test event" }).click();
  await expect(manage.getByText("Test event queued: it appears in the delivery log below.")).toBeVisible();
  await expect(log.getByTestId("delivery-row")).toHaveCount(2);
  await manage.getByRole("form", { name: "Replay changes" }).getByRole("button", { name: "Replay" }).click();
  await expect(manage.getByText("1 change queued again.")).toBeVisible();
  await expect(log.getByTestId("delivery-row")).toHaveCount(3);
  await expect(log.getByText("replayed")).toHaveCount(2);
  await manage.getByRole("button", { name: "Rotate signing secret" }).click();
  const rotated = await manage.getByLabel("New signing secret (shown only now)").inputValue();
  expect(rotated).toMatch(/^whsec_/);
  expect(rotated).not.toBe(secretValue);

  // Edit the name.
  const edit = manage.getByRole("form", { name: "Edit destination" });
  await edit.getByLabel("Name").fill("CRM China");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit.getByText("Saved.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "CRM China" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "destination page");
  await page.screenshot({ path: "/tmp/destinations-detail-en.png", fullPage: true });

  // In Chinese: the page, and the timeline's proof of propagation.
  await page.goto(`/zh-CN/w/${workspaceId}/destinations`);
  await expect(page.getByRole("heading", { level: 1, name: "同步目标" })).toBeVisible();
  await expect(page.getByTestId("destination-row")).toContainText("运行中");
  await expect(page.getByTestId("destination-row")).toContainText("待发送");
  await page.screenshot({ path: "/tmp/destinations-list-zh.png", fullPage: true });
  await page.goto(personUrl.replace("/en/", "/zh-CN/"));
  await expect(page.getByTestId("propagation-summary")).toHaveText("在 CRM China 待发送");

  // On a phone.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/en/w/${workspaceId}/destinations`);
  await expect(page.getByTestId("destination-row")).toBeVisible();
  await page.screenshot({ path: "/tmp/destinations-phone.png", fullPage: true });
  await page.getByRole("link", { name: "CRM China" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "CRM China" })).toBeVisible();
  await page.screenshot({ path: "/tmp/destination-detail-phone.png", fullPage: true });

  // Delete: back to an empty list; the timeline still shows where the change was due.
  await page.getByRole("button", { name: "Delete CRM China" }).click();
  await expect(page.getByText("No destinations yet")).toBeVisible();
  await page.goto(personUrl);
  await expect(page.getByTestId("event-propagation")).toContainText("CRM China (deleted)");
});
