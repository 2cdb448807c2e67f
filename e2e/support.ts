import { randomBytes } from "node:crypto";
import { expect, type Page } from "@playwright/test";

export const PASSWORD = "e2e-password-1234";

/** A unique address per test run, so specs never share accounts. */
export function uniqueEmail(name: string): string {
  return `${name}-${randomBytes(4).toString("hex")}@example.test`;
}

export async function signUp(page: Page, email: string, path = "/en/sign-up"): Promise<void> {
  await page.goto(path);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  if (path.includes("next=")) await expect(page).not.toHaveURL(/sign-up/);
  else await expect(page.getByTestId("signed-in-as")).toHaveText(email);
}

export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto("/en/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
}

/** Creates a workspace from the list page and returns its id (from the URL it lands on). */
export async function createWorkspace(page: Page, name: string): Promise<string> {
  await page.goto("/en/workspaces/new");
  await page.getByLabel("Workspace name").fill(name);
  await page.getByLabel("Legal entity name").fill(`${name} Ltd.`);
  await page.getByLabel("Privacy contact").fill("privacy@example.test");
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page.getByTestId("workspace-name")).toHaveText(name);
  const id = /\/w\/([0-9a-f-]{36})/.exec(page.url())?.[1];
  if (!id) throw new Error(`no workspace id in ${page.url()}`);
  return id;
}

/** Creates an experience from the experiences page and lands in its designer. */
export async function createExperience(page: Page, workspaceId: string, name: string, start: string, languages: string[] = ["English", "Chinese (China)"]): Promise<void> {
  await page.goto(`/en/w/${workspaceId}/experiences`);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("radio", { name: start }).check();
  for (const language of ["English", "Chinese (China)", "Chinese (Taiwan)"]) {
    await page.getByRole("checkbox", { name: language, exact: true }).setChecked(languages.includes(language));
  }
  await page.getByRole("button", { name: "Create and open the designer" }).click();
  await expect(page.getByTestId("experience-name")).toHaveText(name);
}

/**
 * Drags with a real pointer: press, move (dnd-kit waits for 4 px of travel), come to rest on
 * `target` at `at` of its height (0 = its top edge, 1 = its bottom; default the middle), wait for
 * the designer's insertion line, release. Nothing on the canvas moves while a drag is in
 * progress, so where the pointer rests is where the drop lands: no waiting on animations.
 */
export async function dragTo(page: Page, source: import("@playwright/test").Locator, target: import("@playwright/test").Locator, options: { at?: number } = {}): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  await source.scrollIntoViewIfNeeded();
  const from = (await source.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 10, { steps: 3 });
  const to = (await target.boundingBox())!;
  await page.mouse.move(to.x + to.width / 2, to.y + to.height * (options.at ?? 0.5), { steps: 6 });
  await expect(page.getByTestId("drop-indicator")).toBeVisible();
  await page.mouse.up();
}

/** Presses Tab until `target` has focus (keyboard-only specs never click). */
export async function tabTo(page: Page, target: import("@playwright/test").Locator, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`could not reach ${target} with Tab`);
}

/**
 * The owner (on `page`) invites `role`; the invitee signs up in a browser context of their own
 * and accepts. Returns the invitee's page, signed in and inside the workspace.
 */
export async function inviteMember(page: Page, browser: import("@playwright/test").Browser, workspaceId: string, role: string, name: string): Promise<{ page: Page; email: string }> {
  const email = uniqueEmail(name);
  await page.goto(`/en/w/${workspaceId}/members`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption(role);
  await page.getByRole("button", { name: "Create invitation link" }).click();
  const link = await page.getByLabel("Invitation link").inputValue();
  const context = await browser.newContext({ baseURL: new URL(page.url()).origin });
  const invitee = await context.newPage();
  await signUp(invitee, email, `/en/sign-up?next=${encodeURIComponent(new URL(link).pathname.replace(/^\/en/, ""))}`);
  await invitee.getByRole("button", { name: /^Join / }).click();
  await expect(invitee.getByTestId("workspace-name")).toBeVisible();
  return { page: invitee, email };
}

/** Types into a tiptap editor labelled `label` (a contenteditable with role textbox). */
export async function typeRichText(page: Page, label: string, text: string): Promise<void> {
  const editor = page.getByRole("textbox", { name: label });
  await editor.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.type(text);
}
