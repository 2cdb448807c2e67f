import { expect, test } from "@playwright/test";
import { createExperience, createWorkspace, signUp, tabTo, uniqueEmail } from "./support";

test("with the keyboard only: build a banner and reorder it", async ({ page }) => {
  await signUp(page, uniqueEmail("keyboard"));
  const workspaceId = await createWorkspace(page, "Keyboard Co");
  await createExperience(page, workspaceId, "Keyboard banner", "Blank Banner");
  const canvas = page.getByTestId("canvas");
  const handles = canvas.locator("[data-handle-for]");

  // Add a heading: focus lands in the inspector, ready to type.
  await tabTo(page, page.getByRole("button", { name: "Add Heading" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Heading", level: 2 })).toBeFocused();
  await tabTo(page, page.getByLabel("Text (English)"));
  await page.keyboard.type("Cookies on this site");

  // Add two buttons, label them.
  for (const label of ["Accept all", "Reject all"]) {
    await tabTo(page, page.getByRole("button", { name: "Add Button" }));
    await page.keyboard.press("Enter");
    await tabTo(page, page.getByLabel("Label (English)"));
    await page.keyboard.press("Control+A");
    await page.keyboard.type(label);
  }
  await expect(handles).toHaveText([/Heading/, /Button/, /Button/]);
  await expect(canvas.getByRole("button", { name: "Reject all" })).toBeVisible();

  // Reorder with dnd-kit's keyboard sensor: pick up the heading, move it down twice, drop.
  await tabTo(page, handles.first());
  await page.keyboard.press("Space");
  await expect(page.locator('[id^="DndLiveRegion"]')).toHaveText("Heading is over position 1 of 3.");
  const live = page.locator('[id^="DndLiveRegion"]');
  await page.keyboard.press("ArrowDown");
  await expect(live).toHaveText("Heading is over position 2 of 3.");
  await page.keyboard.press("ArrowDown");
  await expect(live).toHaveText("Heading is over position 3 of 3.");
  await page.keyboard.press("Space");
  await expect(live).toHaveText("Heading dropped at position 3 of 3.");
  await expect(handles.last()).toHaveText(/Heading/);

  // And with the non-drag alternative: Move up from the inspector.
  await tabTo(page, handles.last());
  await page.keyboard.press("Enter");
  await tabTo(page, page.getByRole("button", { name: "Move up" }));
  await page.keyboard.press("Enter");
  await expect(handles.nth(1)).toHaveText(/Heading/);
  await expect(page.getByTestId("designer-announcement")).toHaveText("Heading moved to position 2 of 3.");

  // Undo with the shortcut restores the dragged order.
  await page.keyboard.press("Control+Z");
  await expect(handles.last()).toHaveText(/Heading/);

  await expect(page.getByTestId("save-status")).toHaveText("All changes saved", { timeout: 15_000 });
  await page.reload();
  await expect(handles).toHaveText([/Button/, /Button/, /Heading/]);
  await expect(canvas.getByRole("heading", { name: "Cookies on this site" })).toBeVisible();
});
