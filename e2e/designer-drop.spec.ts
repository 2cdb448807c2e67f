import { expect, test, type Locator, type Page } from "@playwright/test";
import { createExperience, createWorkspace, signUp, uniqueEmail } from "./support";

// Tall enough that the canvas needs no scrolling: dnd-kit scrolls a list whose edge the pointer
// nears, which would move blocks under a resting pointer at a speed that depends on the machine.
test.use({ viewport: { width: 1280, height: 1400 } });

/** Presses on `source` and rests the pointer on `target` at `at` of its height, without releasing. */
async function holdOver(page: Page, source: Locator, target: Locator, at: number): Promise<void> {
  await source.scrollIntoViewIfNeeded();
  const from = (await source.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 10, { steps: 3 });
  const to = (await target.boundingBox())!;
  await page.mouse.move(to.x + to.width / 2, to.y + to.height * at, { steps: 6 });
}

/**
 * The one insertion line lies in the gap from `above`'s bottom edge to `below`'s top edge (or just
 * above `below` alone). Retried: the line follows the pointer's last move one render later, so a
 * single reading can still show where the pointer passed a moment before.
 */
async function expectLineBetween(line: Locator, above: Locator | null, below: Locator): Promise<void> {
  await expect(line).toHaveCount(1);
  await expect(async () => {
    const centre = await line.boundingBox().then((box) => box!.y + box!.height / 2);
    const top = above ? await above.boundingBox().then((box) => box!.y + box!.height) : await below.boundingBox().then((box) => box!.y - 10);
    const bottom = await below.boundingBox().then((box) => box!.y);
    expect(centre).toBeGreaterThanOrEqual(top - 4);
    expect(centre).toBeLessThanOrEqual(bottom + 4);
  }).toPass({ timeout: 10_000 });
  await expect(line).toBeVisible();
}

test("while dragging, a line shows where the block will land, and it lands there: lower half below, upper half above", async ({ page }) => {
  await signUp(page, uniqueEmail("dropline"));
  const workspaceId = await createWorkspace(page, "Drop Line Co");
  await createExperience(page, workspaceId, "Drop page", "Blank Preference page");
  for (const type of ["Heading", "Button"]) await page.getByRole("button", { name: `Add ${type}` }).click();

  const canvas = page.getByTestId("canvas");
  const handles = canvas.locator("[data-handle-for]");
  const frame = (name: string) => canvas.getByTestId("canvas-block").filter({ has: page.getByRole("button", { name: `Move or edit ${name}` }) });
  const palette = (type: string) => page.getByTestId(`palette-${type}`).locator("span").first();
  const line = page.getByTestId("drop-indicator");
  await expect(handles).toHaveText([/Heading/, /Button/]);
  await expect(line).toHaveCount(0);

  // Lower half of the heading: the line sits between heading and button, and the block lands there.
  await holdOver(page, palette("rich_text"), frame("Heading"), 0.8);
  await expectLineBetween(line, frame("Heading"), frame("Button"));
  await page.mouse.up();
  await expect(handles).toHaveText([/Heading/, /Rich text/, /Button/]);
  await expect(line).toHaveCount(0);

  // Upper half of the button: above it.
  await holdOver(page, palette("divider"), frame("Button"), 0.25);
  await expectLineBetween(line, frame("Rich text"), frame("Button"));
  await page.mouse.up();
  await expect(handles).toHaveText([/Heading/, /Rich text/, /Divider/, /Button/]);

  // Upper half of the first block: the very top.
  await holdOver(page, palette("image"), frame("Heading"), 0.2);
  await expectLineBetween(line, null, frame("Heading"));
  await page.mouse.up();
  await expect(handles).toHaveText([/Image/, /Heading/, /Rich text/, /Divider/, /Button/]);

  // Moving a block down onto the lower half of a later one puts it right after that one.
  await holdOver(page, canvas.getByRole("button", { name: "Move or edit Heading" }), frame("Divider"), 0.75);
  await expectLineBetween(line, frame("Divider"), frame("Button"));
  await page.mouse.up();
  await expect(handles).toHaveText([/Image/, /Rich text/, /Divider/, /Heading/, /Button/]);
  await expect(page.getByTestId("save-status")).toHaveText("All changes saved", { timeout: 15_000 });
});
