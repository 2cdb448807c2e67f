import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { createWorkspace, signUp, uniqueEmail } from "./support";

async function expectNoSeriousViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), what).toEqual([]);
}

test("console pages have no serious or critical axe violations, in English and Chinese", async ({ page }) => {
  await page.goto("/en/sign-in");
  await expectNoSeriousViolations(page, "sign-in");
  await page.goto("/zh-CN/sign-up");
  await expectNoSeriousViolations(page, "sign-up zh-CN");

  await signUp(page, uniqueEmail("a11y"));
  await expectNoSeriousViolations(page, "empty workspace list");
  const id = await createWorkspace(page, "Accessible Co");
  for (const path of ["", "/members", "/audit", "/settings"]) {
    await page.goto(`/en/w/${id}${path}`);
    await expectNoSeriousViolations(page, `workspace${path}`);
  }
  await page.goto(`/zh-TW/w/${id}/members`);
  await expectNoSeriousViolations(page, "members zh-TW");
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
