import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { createExperience, createWorkspace, dragTo, signUp, uniqueEmail } from "./support";

// Tall enough that the canvas needs no scrolling: dnd-kit scrolls a list whose edge the pointer
// nears, which would move drop zones under a resting pointer at a speed that depends on the machine.
test.use({ viewport: { width: 1280, height: 1400 } });

test("with the mouse: build a preference page, reorder, nest, translate, undo/redo, reload", async ({ page }, testInfo) => {
  await signUp(page, uniqueEmail("marketer"));
  const workspaceId = await createWorkspace(page, "Mouse Co");
  await createExperience(page, workspaceId, "Preference centre", "Blank Preference page");

  const canvas = page.getByTestId("canvas");
  const blocks = canvas.getByTestId("canvas-block");
  const handle = (name: string) => canvas.getByRole("button", { name: `Move or edit ${name}` });
  const palette = (type: string) => page.getByTestId(`palette-${type}`).locator("span").first();

  // Drag five blocks and a container from the palette onto the canvas, each to the end.
  await dragTo(page, palette("heading"), canvas.getByText("Add a block from the list, or drag one here."));
  await expect(blocks).toHaveCount(1);
  for (const type of ["rich_text", "identity_field", "purpose_toggle", "button", "container"]) {
    const before = await blocks.count();
    await dragTo(page, palette(type), canvas.locator('[data-designer-drop="end:root"]'));
    await expect(blocks).toHaveCount(before + 1);
  }
  await expect(canvas.locator("[data-handle-for]")).toHaveText([/Heading/, /Rich text/, /Identity field/, /Purpose toggle/, /Button/, /Container/]);

  // Reorder: the button goes to the top.
  await dragTo(page, handle("Button"), handle("Heading"), { at: 0.1 });
  await expect(canvas.locator("[data-handle-for]").first()).toHaveText(/Button/);

  // Nest: the identity field goes into the container.
  await dragTo(page, handle("Identity field"), canvas.getByText("Drop blocks here"));
  const container = blocks.filter({ has: page.getByRole("button", { name: "Move or edit Container" }) });
  await expect(container.getByRole("button", { name: "Move or edit Identity field" })).toBeVisible();

  // Edit the heading in two languages.
  await handle("Heading").click();
  await page.getByLabel("Text (English)").fill("Your preferences");
  await page.getByLabel("Text (Chinese (China))").fill("您的偏好设置");
  await expect(canvas.getByRole("heading", { name: "Your preferences" })).toBeVisible();
  await page.getByLabel("Preview language").selectOption("zh-CN");
  await expect(canvas.getByRole("heading", { name: "您的偏好设置" })).toBeVisible();

  // Undo the Chinese text (one step for the whole typing), then redo it.
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(canvas.getByRole("heading", { name: "您的偏好设置" })).toHaveCount(0);
  await page.getByRole("button", { name: "Redo" }).click();
  await expect(canvas.getByRole("heading", { name: "您的偏好设置" })).toBeVisible();

  // Device preview, kept as artifacts.
  await page.getByText("Phone", { exact: true }).click();
  await expect(canvas).toHaveCSS("width", "375px");
  await testInfo.attach("designer-phone", { body: await page.screenshot({ path: testInfo.outputPath("designer-phone.png"), fullPage: true }), contentType: "image/png" });
  await page.getByText("Desktop", { exact: true }).click();
  await testInfo.attach("designer-desktop", { body: await page.screenshot({ path: testInfo.outputPath("designer-desktop.png"), fullPage: true }), contentType: "image/png" });

  // The draft survives a reload.
  await expect(page.getByTestId("save-status")).toHaveText("All changes saved", { timeout: 15_000 });
  await page.reload();
  await expect(canvas.locator("[data-handle-for]")).toHaveText([/Button/, /Heading/, /Rich text/, /Purpose toggle/, /Container/, /Identity field/]);
  await expect(canvas.getByRole("heading", { name: "Your preferences" })).toBeVisible();
  await expect(blocks.filter({ has: page.getByRole("button", { name: "Move or edit Container" }) }).getByRole("button", { name: "Move or edit Identity field" })).toBeVisible();

  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
});

test("the same draft open twice: the second save is refused, not silently overwriting", async ({ page, context }) => {
  await signUp(page, uniqueEmail("twotabs"));
  const workspaceId = await createWorkspace(page, "Two Tabs Co");
  await createExperience(page, workspaceId, "Shared banner", "EU cookie banner (two layers)");
  const second = await context.newPage();
  await second.goto(page.url());

  await page.getByRole("button", { name: "Move or edit Heading" }).click();
  await page.getByLabel("Text (English)").fill("Edited in tab one");
  await expect(page.getByTestId("save-status")).toHaveText("All changes saved", { timeout: 15_000 });

  await second.getByRole("button", { name: "Move or edit Heading" }).click();
  await second.getByLabel("Text (English)").fill("Edited in tab two");
  await expect(second.getByTestId("save-status")).toContainText("saved this draft at", { timeout: 15_000 });

  await page.reload();
  await expect(page.getByTestId("canvas").getByRole("heading", { name: "Edited in tab one" })).toBeVisible();
  // Replacing is an explicit choice.
  await second.getByRole("button", { name: "Replace it with mine" }).click();
  await expect(second.getByTestId("save-status")).toHaveText("All changes saved", { timeout: 15_000 });
  await page.reload();
  await expect(page.getByTestId("canvas").getByRole("heading", { name: "Edited in tab two" })).toBeVisible();
});

test("a draft preview link shows the experience full-screen to someone signed out", async ({ page, browser }) => {
  await signUp(page, uniqueEmail("preview"));
  const workspaceId = await createWorkspace(page, "Preview Co");
  await createExperience(page, workspaceId, "PIPL popup", "PIPL first-launch popup");
  await page.getByRole("button", { name: "Create preview link" }).click();
  const href = await page.getByTestId("preview-link").getAttribute("href");
  expect(href).toMatch(/^\/en\/preview\/[A-Za-z0-9_-]{43}$/);

  const stranger = await browser.newPage({ baseURL: page.url() });
  await stranger.goto(href!);
  await expect(stranger.getByRole("dialog")).toBeVisible();
  await expect(stranger.getByText(/link valid until/)).toBeVisible();
  expect((await stranger.goto(`${href}x`))?.status()).toBe(404);
  await expect(stranger.getByRole("main").getByRole("alert")).toHaveText("This preview link is not valid or has expired.");
  await stranger.close();
});
