import { expect, test } from "@playwright/test";
import { createWorkspace, signIn, signOut, signUp, uniqueEmail } from "./support";

test("a member of workspace A cannot reach workspace B's pages or change its data", async ({ page }) => {
  const ownerB = uniqueEmail("owner-b");
  await signUp(page, ownerB);
  const workspaceB = await createWorkspace(page, "Brand B");
  await signOut(page);

  await signUp(page, uniqueEmail("owner-a"));
  const workspaceA = await createWorkspace(page, "Brand A");

  for (const path of ["", "/members", "/audit", "/settings"]) {
    const response = await page.goto(`/en/w/${workspaceB}${path}`);
    expect(response?.status(), `/w/B${path}`).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByText("Brand B")).toHaveCount(0);
  }
  // B is not offered in the switcher either.
  await page.goto(`/en/w/${workspaceA}`);
  await expect(page.getByLabel("Workspace").locator("option")).toHaveText(["All workspaces", "Brand A"]);

  // Tamper with a form: point A's invite form at B. The database refuses; nothing reaches B.
  await page.goto(`/en/w/${workspaceA}/members`);
  await page.locator('input[name="workspaceId"]').last().evaluate((input, id) => ((input as HTMLInputElement).value = id), workspaceB);
  await page.getByLabel("Email address").fill(uniqueEmail("intruder"));
  await page.getByRole("button", { name: "Create invitation link" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("You do not have permission to do that.");

  await signOut(page);
  await signIn(page, ownerB);
  await page.goto(`/en/w/${workspaceB}/members`);
  await expect(page.getByText("No invitations yet.")).toBeVisible();
});

test("state-changing requests from another origin are refused", async ({ request }) => {
  const response = await request.post("/en/sign-in", {
    headers: { origin: "https://attacker.example", "content-type": "application/x-www-form-urlencoded" },
    data: "email=a%40b.c&password=whatever",
  });
  expect(response.status()).toBe(403);
  expect((await response.json()).error.code).toBe("cross_origin_request");
});

test("signed-out visitors are sent to sign in", async ({ page }) => {
  await page.goto("/zh-TW/workspaces");
  await expect(page).toHaveURL(/\/zh-TW\/sign-in$/);
  await expect(page.getByRole("heading", { name: "登入" })).toBeVisible();
});
