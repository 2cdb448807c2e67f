import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./a11y-support";
import { createApprovedNotice } from "./notice-support";
import { createExperience, createWorkspace, inviteMember, signUp, uniqueEmail } from "./support";

/**
 * The records explorer end to end: a person's consent arrives through the public API on a
 * published popup that pins an approved notice; the owner finds the person by email, reads the
 * notice text they were shown, records a withdrawal they phoned in, downloads a CSV export and
 * finds the export in the audit log.
 */

const NOTICE_EN = "Records Co Ltd. (privacy@example.test) recommends products based on your purchases.";
const NOTICE_ZH = "Records Co Ltd.（privacy@example.test）会根据您的购买记录为您推荐商品。";

test("find a person by email, read the notice they saw, record on their behalf, export and audit", async ({ page, browser, request }) => {
  test.setTimeout(180_000);
  await signUp(page, uniqueEmail("records-owner"));
  const workspaceId = await createWorkspace(page, "Records Co");

  // An approved bilingual notice: written by the owner, approved by legal (four eyes).
  await createApprovedNotice(page, browser, workspaceId, {
    name: "Recommendations notice",
    texts: { English: NOTICE_EN, "Chinese (China)": NOTICE_ZH },
    purposes: ["Personalisation"],
  });

  // A PIPL popup showing that notice, published and allowed on the shop's site.
  await createExperience(page, workspaceId, "First-launch popup", "PIPL first-launch popup");
  await page.getByRole("button", { name: "Move or edit Notice" }).click();
  await page.getByRole("combobox", { name: "Notice", exact: true }).selectOption({ label: "Recommendations notice" });
  await expect(page.getByTestId("save-status")).toHaveText("All changes saved", { timeout: 15_000 });
  await page.goto(`/en/w/${workspaceId}/experiences`);
  await page.getByTestId("experience-card").click();
  await page.getByLabel("Websites allowed to record consent (one origin per line)").fill("https://shop.example.test");
  await page.getByRole("button", { name: "Save origins" }).click();
  await expect(page.getByText("Allowed origins saved.")).toBeVisible();
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByTestId("publish-result")).toBeVisible();
  const publicKey = (await page.getByTestId("public-key").textContent())!.trim();

  await page.goto(`/en/w/${workspaceId}/catalog`);
  const personalisation = (await page.getByTestId("purpose-row").filter({ hasText: "personalisation" }).getByTestId("purpose-id").textContent())!.trim();

  // The person consents in the shop's app web view, in Simplified Chinese.
  const email = uniqueEmail("shopper");
  const recorded = await request.post("/api/v1/consents", {
    headers: { origin: "https://shop.example.test", "x-consentry-key": publicKey },
    data: {
      subject: { kind: "email", value: email },
      channel: "app",
      method: "save",
      locale: "zh-CN",
      region: { code: "CN", resolvedBy: "parameter" },
      decisions: [{ purposeId: personalisation, state: "given" }],
    },
  });
  expect(recorded.status()).toBe(201);

  // Find them by email (in another case: identifiers are normalised before hashing).
  await page.getByRole("navigation", { name: /workspace/i }).getByRole("link", { name: "Records" }).click();
  await expect(page.getByTestId("records-count")).toHaveText("1 record matches.");
  await page.getByLabel("Identifier type").selectOption("email");
  await page.getByLabel("Identifier", { exact: true }).fill(email.toUpperCase());
  await page.getByRole("button", { name: "Find", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Person's timeline" })).toBeVisible();
  expect(page.url()).not.toContain(encodeURIComponent(email));
  const event = page.getByTestId("timeline-event");
  await expect(event).toHaveCount(1);
  await expect(event.getByTestId("notice-text")).toContainText("会根据您的购买记录为您推荐商品");
  await expect(event.getByTestId("event-version")).toContainText("First-launch popup, version 1");
  await expect(event).toContainText("Verified (event #1)");
  await expect(event).toContainText("Experience published");
  await expectNoSeriousA11yViolations(page, "person's timeline");

  // The person phones in to withdraw; the owner records it for them.
  const form = page.getByRole("form", { name: "Record consent on the person's behalf" });
  await form.getByRole("checkbox", { name: "Personalisation" }).check();
  await form.getByRole("radio", { name: "Withdrawn" }).check();
  await form.getByLabel("Where").selectOption("call_centre");
  await form.getByLabel("Reference (ticket or receipt number)").fill("CALL-7");
  await form.getByRole("button", { name: "Record decision" }).click();
  await expect(form.getByRole("status")).toHaveText("Recorded: 1 event.");
  await page.reload();
  await expect(page.getByTestId("timeline-event")).toHaveCount(2);
  const entered = page.getByTestId("timeline-event").nth(1);
  await expect(entered).toContainText("Entered by an operator");
  await expect(entered).toContainText("CALL-7");
  await expect(entered).toContainText("Consent recorded by an operator");
  const subjectId = (await page.getByTestId("subject-id").textContent())!.trim();

  // Export the person's records as CSV.
  await page.getByRole("link", { name: "Back to records" }).click();
  await expect(page.getByTestId("record-row")).toHaveCount(2);
  await expectNoSeriousA11yViolations(page, "records list with results");
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export", exact: true }).click();
  const download = await downloading;
  await expect(page.getByTestId("export-status")).toHaveText("Export complete: 2 records.");
  const csv = (await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "").trimEnd().split("\r\n");
  expect(download.suggestedFilename()).toMatch(/^consent-records-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(csv[0]).toMatch(/^id,received_at,occurred_at,subject_id,seq,identifier_kind,identifier_hash,expressed_by,purpose_id,purpose_key,state,/);
  expect(csv).toHaveLength(3);
  expect(csv.slice(1).every((row) => row.includes(subjectId) && row.includes(personalisation))).toBe(true);
  expect(csv.some((row) => row.includes(",withdrawn,") && row.includes(",operator_entry,call_centre,"))).toBe(true);
  expect(csv.join("\n")).not.toContain(email);

  // The audit log shows the export, started and completed.
  await page.goto(`/en/w/${workspaceId}/audit`);
  await expect(page.getByTestId("audit-row").filter({ hasText: "Records export completed" })).toHaveCount(1);
  await expect(page.getByTestId("audit-row").filter({ hasText: "Records export started" })).toHaveCount(1);
});

test("a viewer reads records but cannot export them or record on a person's behalf; an outsider gets nothing", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signUp(page, uniqueEmail("records-owner2"));
  const workspaceId = await createWorkspace(page, "Records Two");
  const viewer = await inviteMember(page, browser, workspaceId, "viewer", "records-viewer");
  await viewer.page.goto(`/en/w/${workspaceId}/records`);
  await expect(viewer.page.getByTestId("records-count")).toHaveText("0 records match.");
  await expect(viewer.page.getByRole("button", { name: "Export", exact: true })).toHaveCount(0);
  const refused = await viewer.page.request.get(`/en/w/${workspaceId}/records/export?format=csv`);
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe("forbidden");

  const outsider = await (await browser.newContext({ baseURL: new URL(page.url()).origin })).newPage();
  await signUp(outsider, uniqueEmail("records-outsider"));
  expect((await outsider.request.get(`/en/w/${workspaceId}/records/export?format=csv`)).status()).toBe(403);
  const response = await outsider.goto(`/en/w/${workspaceId}/records`);
  expect(response?.status()).toBe(404);
});
