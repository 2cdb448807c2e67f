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
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);
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
