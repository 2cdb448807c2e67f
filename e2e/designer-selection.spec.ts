import { expect, test } from "@playwright/test";
import { createExperience, createWorkspace, signUp, tabTo, uniqueEmail } from "./support";

/**
 * The experience's own settings (kind, languages, theme, Consent Mode) live in the inspector when
 * no block is selected. Every way out of a block must bring them back, and walking past blocks
 * with Tab must not take them away.
 */
test("the experience settings come back after a block: Escape, Back to canvas, a click beside the blocks; Tab alone never selects", async ({ page }) => {
  await signUp(page, uniqueEmail("selection"));
  const workspaceId = await createWorkspace(page, "Selection Co");
  await createExperience(page, workspaceId, "Settings banner", "EU cookie banner (two layers)");
  const canvas = page.getByTestId("canvas");
  const inspector = page.getByRole("complementary", { name: /./ }).filter({ has: page.locator("#inspector-heading") });
  const settingsShown = async () => {
    await expect(inspector.getByRole("heading", { name: "Experience settings" })).toBeVisible();
    await expect(inspector.getByLabel("Kind")).toBeVisible();
    await expect(inspector.getByRole("group", { name: "Languages" })).toBeVisible();
  };
  const headingHandle = canvas.getByRole("button", { name: "Move or edit Heading" });
  const headingShown = () => expect(inspector.getByRole("heading", { name: "Heading", exact: true })).toBeVisible();
  await settingsShown();

  // Escape, from a field of the block.
  await headingHandle.click();
  await headingShown();
  await expect(inspector.getByLabel("Kind")).toHaveCount(0);
  await inspector.getByLabel("Text (English)").click();
  await page.keyboard.press("Escape");
  await settingsShown();
  await expect(headingHandle).toBeFocused();
  await expect(headingHandle).toHaveAttribute("aria-pressed", "false");

  // Back to canvas.
  await headingHandle.click();
  await headingShown();
  await inspector.getByRole("button", { name: "Back to canvas" }).click();
  await settingsShown();
  await expect(headingHandle).toBeFocused();

  // A click on the canvas beside every block.
  await headingHandle.click();
  await headingShown();
  await page.getByTestId("canvas-backdrop").click({ position: { x: 4, y: 4 } });
  await settingsShown();
  // …and the settings work: the kind can be changed.
  await inspector.getByLabel("Kind").selectOption({ label: "Popup" });
  await expect(inspector.getByLabel("Kind")).toHaveValue("popup");

  // Keyboard: Tab walks past the handles without selecting; Enter selects, Escape leaves.
  await tabTo(page, canvas.locator("[data-handle-for]").last());
  await settingsShown();
  await expect(canvas.locator('[data-handle-for][aria-pressed="true"]')).toHaveCount(0);
  await tabTo(page, headingHandle);
  await settingsShown();
  await page.keyboard.press("Enter");
  await headingShown();
  await expect(headingHandle).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("Escape");
  await settingsShown();

  // Space picks the block up (and selects it); Escape first cancels the move, then leaves the block.
  await expect(headingHandle).toBeFocused();
  await page.keyboard.press("Space");
  await expect(page.locator('[id^="DndLiveRegion"]')).toHaveText(/^Heading is over position 1 of \d+\.$/);
  await page.keyboard.press("Escape");
  await expect(page.locator('[id^="DndLiveRegion"]')).toHaveText("Moving Heading was cancelled.");
  await headingShown();
  await page.keyboard.press("Escape");
  await settingsShown();
});
