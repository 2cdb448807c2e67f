import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./a11y-support";
import { createWorkspace, signUp, uniqueEmail } from "./support";

test("console pages have no serious or critical axe violations, in English and Chinese", async ({ page }) => {
  await page.goto("/en/sign-in");
  await expectNoSeriousA11yViolations(page, "sign-in");
  await page.goto("/zh-CN/sign-up");
  await expectNoSeriousA11yViolations(page, "sign-up zh-CN");

  await signUp(page, uniqueEmail("a11y"));
  await expectNoSeriousA11yViolations(page, "empty workspace list");
  const id = await createWorkspace(page, "Accessible Co");
  for (const path of ["", "/members", "/audit", "/settings"]) {
    await page.goto(`/en/w/${id}${path}`);
    await expectNoSeriousA11yViolations(page, `workspace${path}`);
  }
  await page.goto(`/zh-TW/w/${id}/members`);
  await expectNoSeriousA11yViolations(page, "members zh-TW");
});

test("the sign-in form works with the keyboard alone and shows where focus is", async ({ page }) => {
  await page.goto("/en/sign-in");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Enter");
  const email = page.getByLabel("Email");
  await email.focus();
  const outline = await email.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe("none");
  await page.keyboard.type("nobody@example.test");
  await page.keyboard.press("Tab");
  await page.keyboard.type("wrong-password");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("That email and password do not match an account.");
});
