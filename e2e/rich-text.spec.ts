import { expect, test } from "@playwright/test";
import { createWorkspace, signUp, uniqueEmail } from "./support";

/**
 * Formatting while typing, as a person does: type, click Bold, keep typing (spaces included),
 * click Bold again, keep typing. Nothing typed may be lost and Space must type a space, never
 * press the Bold button a second time.
 */
test("keys typed right after clicking Bold land in the text, in bold", async ({ page }) => {
  await signUp(page, uniqueEmail("richtext"));
  const workspaceId = await createWorkspace(page, "Rich Text Co");
  await page.goto(`/en/w/${workspaceId}/notices`);
  await page.getByLabel("Name", { exact: true }).fill("Privacy notice");
  await page.getByRole("button", { name: "Create notice" }).click();
  await page.getByRole("link", { name: "Version 1" }).click();

  const editor = page.getByRole("textbox", { name: "Notice text (English)" });
  const toolbar = page.getByRole("toolbar", { name: "Text formatting" }).first();
  const bold = toolbar.getByRole("button", { name: "Bold" });
  await editor.click();
  await page.keyboard.type("We use ");
  await bold.click();
  await page.keyboard.type("your email address");
  await expect(bold).toHaveAttribute("aria-pressed", "true");
  await bold.click();
  await page.keyboard.type(" only to write to you.");

  await expect(editor).toHaveText("We use your email address only to write to you.");
  await expect(editor.locator("strong")).toHaveText(["your email address"]);
  await expect(bold).toHaveAttribute("aria-pressed", "false");
  await expect(editor).toBeFocused();

  // From the keyboard: Tab onto Bold, press Space, and the next keys go to the text, in bold.
  await page.keyboard.press("Enter");
  for (let i = 0; i < 10 && !(await bold.evaluate((element) => element === document.activeElement)); i++) await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Space");
  await expect(editor).toBeFocused();
  await page.keyboard.type("Contact us");
  await expect(editor.locator("strong")).toHaveText(["your email address", "Contact us"]);
  await expect(editor.locator("p")).toHaveText(["We use your email address only to write to you.", "Contact us"]);

  // What was typed is what is saved.
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Draft saved." })).toBeVisible();
  await page.reload();
  await expect(editor.locator("strong")).toHaveText(["your email address", "Contact us"]);
});
