import { expect, test } from "@playwright/test";
import { E2E_PRIVACY_POLICY, givePrivacyPolicyAddress } from "./live-support";
import { createExperience, createWorkspace, signUp, uniqueEmail } from "./support";

/**
 * Changing one language of a text marks its other languages as possibly out of date: in the
 * inspector (until that language is edited or marked current) and on the publishing page, as a
 * warning that does not stop publishing.
 */
test("editing one language marks the others as possibly out of date, until checked; publishing warns but publishes", async ({ page }) => {
  await signUp(page, uniqueEmail("drift"));
  const workspaceId = await createWorkspace(page, "Drift Co");
  await createExperience(page, workspaceId, "Drift banner", "EU cookie banner (two layers)");
  await givePrivacyPolicyAddress(page, E2E_PRIVACY_POLICY);
  const canvas = page.getByTestId("canvas");
  const saved = () => expect(page.getByTestId("save-status")).toHaveText("All changes saved", { timeout: 15_000 });
  const english = page.getByLabel("Text (English)");
  const chinese = page.getByLabel("Text (Chinese (China))");
  const markChinese = page.getByRole("button", { name: "Mark Chinese (China) as up to date" });

  await canvas.getByRole("button", { name: "Move or edit Heading" }).click();
  await expect(page.getByText("May be out of date")).toHaveCount(0);
  await english.fill("Cookies and your privacy");
  await expect(chinese).toHaveAccessibleDescription(/May be out of date: another language of this text changed after it\./);
  await expect(english).not.toHaveAccessibleDescription(/May be out of date/);
  await expect(markChinese).toBeVisible();

  // The mark is kept with the draft.
  await saved();
  await page.reload();
  await canvas.getByRole("button", { name: "Move or edit Heading" }).click();
  await expect(chinese).toHaveAccessibleDescription(/May be out of date/);

  // Publishing says so, and publishes anyway.
  await page.getByRole("link", { name: "Publishing" }).click();
  const warnings = page.getByTestId("publish-warnings");
  await expect(warnings).toContainText("One translation may be out of date. You can publish anyway");
  await expect(warnings.getByRole("listitem")).toHaveText(["Heading, Text: Chinese (China)"]);
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByTestId("publish-result")).toBeVisible();
  await expect(page.getByTestId("publish-problems")).toHaveCount(0);

  // Checked and found current: the mark goes, and the warning with it.
  await page.getByRole("link", { name: "Open the designer" }).click();
  await canvas.getByRole("button", { name: "Move or edit Heading" }).click();
  await markChinese.click();
  await expect(chinese).not.toHaveAccessibleDescription(/May be out of date/);
  await expect(markChinese).toHaveCount(0);

  // Editing the marked language clears its mark, and marks nothing else.
  await canvas.getByRole("button", { name: "Move or edit Button" }).first().click();
  const englishLabel = page.getByLabel("Label (English)");
  const chineseLabel = page.getByLabel("Label (Chinese (China))");
  await englishLabel.fill("Accept everything");
  await expect(chineseLabel).toHaveAccessibleDescription(/May be out of date/);
  await chineseLabel.fill("全部接受并继续");
  await expect(chineseLabel).not.toHaveAccessibleDescription(/May be out of date/);
  await expect(englishLabel).not.toHaveAccessibleDescription(/May be out of date/);
  await saved();
  await page.getByRole("link", { name: "Publishing" }).click();
  await expect(page.getByRole("button", { name: "Publish", exact: true })).toBeVisible();
  await expect(page.getByTestId("publish-warnings")).toHaveCount(0);
});
