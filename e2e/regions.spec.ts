import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./a11y-support";
import { E2E_PRIVACY_POLICY, givePrivacyPolicyAddress } from "./live-support";
import { createExperience, createWorkspace, signUp, uniqueEmail } from "./support";

const saved = (page: Page) => expect(page.getByTestId("save-status")).toHaveText("All changes saved", { timeout: 15_000 });

test("a marketer hides a block in mainland China only, and previews China and the EU", async ({ page }) => {
  await signUp(page, uniqueEmail("regional"));
  const workspaceId = await createWorkspace(page, "Regional Co");
  await createExperience(page, workspaceId, "Regional banner", "EU cookie banner (two layers)");
  const canvas = page.getByTestId("canvas");
  const heading = canvas.getByRole("heading", { name: "We value your privacy" });
  await expect(heading).toBeVisible();

  // Keyboard only: choose the region, select the heading with Enter on its handle (focus alone
  // does not select), tick "Hide in Mainland China".
  await page.getByLabel("Region", { exact: true }).selectOption({ label: "Mainland China" });
  await expect(page.getByTestId("region-preview-note")).toContainText("Previewing Mainland China");
  await canvas.getByRole("button", { name: "Move or edit Heading" }).press("Enter");
  await page.getByRole("checkbox", { name: "Hide in Mainland China" }).press("Space");
  await expect(heading).toHaveCount(0);
  await expect(canvas).toHaveAttribute("data-preview-region", "CN");

  // The EU still sees it; so does the shared design.
  await page.getByLabel("Region", { exact: true }).selectOption({ label: "European Union" });
  await expect(heading).toBeVisible();
  await page.getByLabel("Region", { exact: true }).selectOption({ label: "All regions (shared)" });
  await expect(heading).toBeVisible();

  // Undo and redo go through the same history; the variant is saved with the draft.
  await page.getByLabel("Region", { exact: true }).selectOption({ label: "Mainland China" });
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(heading).toBeVisible();
  await page.getByRole("button", { name: "Redo" }).click();
  await expect(heading).toHaveCount(0);
  await saved(page);
  await page.reload();
  await page.getByLabel("Region", { exact: true }).selectOption({ label: "Mainland China" });
  await expect(heading).toHaveCount(0);
  // The region panel lists what China hides, with a way to show it again.
  await expect(page.getByTestId("hidden-blocks")).toContainText("Heading: We value your privacy");
  await page.getByRole("button", { name: "Show Heading: We value your privacy in Mainland China again" }).click();
  await expect(heading).toBeVisible();
});

test("publishing names the regions a pre-ticked purpose breaks, and allows it once only California ticks it", async ({ page }) => {
  await signUp(page, uniqueEmail("regional-publisher"));
  const workspaceId = await createWorkspace(page, "Regional Publish Co");
  await createExperience(page, workspaceId, "Ticked banner", "EU cookie banner (two layers)");
  await givePrivacyPolicyAddress(page, E2E_PRIVACY_POLICY);
  const canvas = page.getByTestId("canvas");
  const analytics = canvas.getByTestId("canvas-block").filter({ hasText: "Analytics", hasNot: page.getByTestId("canvas-block") }).getByRole("button", { name: "Move or edit Purpose toggle" });

  // Ticked by default for every region.
  await analytics.click();
  await page.getByRole("checkbox", { name: "On by default" }).check();
  await saved(page);
  await page.getByRole("link", { name: "Publishing" }).click();
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  const problems = page.getByTestId("publish-problems");
  await expect(problems).toContainText("an optional purpose must not be pre-ticked");
  await expect(problems).toContainText("Mainland China");
  await expect(problems).toContainText("European Union");
  await expect(problems).toContainText("Hong Kong");
  await expect(problems).not.toContainText("California");
  await expect(page.getByTestId("published-version")).toHaveCount(0);

  // Not ticked for everyone; ticked only in California's variant (its opt-out model allows it).
  await page.getByRole("link", { name: "Open the designer" }).click();
  await analytics.click();
  await page.getByRole("checkbox", { name: "On by default" }).uncheck();
  await page.getByLabel("Region", { exact: true }).selectOption({ label: "California" });
  await analytics.click();
  await page.getByRole("checkbox", { name: "Ticked by default in California" }).check();
  await expect(canvas.getByRole("switch", { name: "Analytics" })).toBeChecked();
  await page.getByLabel("Region", { exact: true }).selectOption({ label: "European Union" });
  await expect(canvas.getByRole("switch", { name: "Analytics" })).not.toBeChecked();
  await saved(page);
  await page.getByRole("link", { name: "Publishing" }).click();
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByTestId("publish-result")).toHaveText("Published as version 1. It is live now.");
});

test("an admin adjusts a region's rules within the law, and a change below the law's floor is refused", async ({ page }) => {
  await signUp(page, uniqueEmail("regions-admin"));
  await createWorkspace(page, "Rules Co");
  await page.getByRole("link", { name: "Regions" }).click();
  await expect(page.getByRole("heading", { name: "Regions", level: 1 })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "regions");

  // The EU may not allow pre-ticked boxes.
  const eu = page.getByTestId("region-EU");
  await eu.getByText("Adjust European Union").click();
  await eu.getByRole("checkbox", { name: "Nothing optional ticked in advance" }).uncheck();
  await eu.getByRole("button", { name: "Save European Union" }).click();
  await expect(eu.getByRole("alert")).toHaveText("This adjustment goes below what the law requires in this region; see the marked rules.");
  await expect(eu.getByTestId("rule-error-noPreTicked")).toHaveText("The law does not allow this in European Union.");
  await expectNoSeriousA11yViolations(page, "regions: an adjustment open, with errors");
  await expect(eu.getByTestId("rule-set-status")).toHaveText("Preset");

  // Hong Kong asks again after 90 days instead of 730.
  const hk = page.getByTestId("region-HK");
  await hk.getByText("Adjust Hong Kong").click();
  await hk.getByLabel("Ask again after (days)").fill("90");
  await hk.getByRole("button", { name: "Save Hong Kong" }).click();
  await expect(hk.getByTestId("rule-set-status")).toHaveText("Adjusted");
  await expect(hk.getByTestId("rule-reaskAfterDays")).toContainText("90 (adjusted; preset: 730)");
  await page.reload();
  await expect(page.getByTestId("region-HK").getByTestId("rule-set-status")).toHaveText("Adjusted");

  // Back to the preset; and the default region for visitors nothing else places.
  await page.getByTestId("region-HK").getByRole("button", { name: "Reset Hong Kong to the preset" }).click();
  await expect(page.getByTestId("region-HK").getByTestId("rule-set-status")).toHaveText("Preset");
  await page.getByRole("combobox", { name: "Default region" }).selectOption({ label: "Mainland China" });
  await page.getByRole("button", { name: "Save default region" }).click();
  await expect(page.getByText("Default region saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("combobox", { name: "Default region" })).toHaveValue("CN");
});
