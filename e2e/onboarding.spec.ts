import { expect, test } from "@playwright/test";
import { createWorkspace, signOut, signUp, uniqueEmail } from "./support";

test("an owner signs up, creates a workspace, invites a member who creates an account from the link and accepts, reads the audit log in Chinese", async ({ page }) => {
  test.setTimeout(120_000);
  const owner = uniqueEmail("owner");
  const member = uniqueEmail("member");

  await signUp(page, owner);
  await expect(page.getByRole("heading", { name: "You are not in a workspace yet" })).toBeVisible();
  const workspaceId = await createWorkspace(page, "Acme China");

  // Invite a legal member; the link is shown once.
  await page.getByRole("link", { name: "Invite members" }).click();
  await page.getByLabel("Email address").fill(member);
  await page.getByLabel("Role", { exact: true }).selectOption("legal");
  await page.getByRole("button", { name: "Create invitation link" }).click();
  const link = await page.getByLabel("Invitation link").inputValue();
  expect(link).toMatch(/\/en\/invitations\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByTestId("invitation-row")).toContainText(member);
  await signOut(page);

  // The invitee opens the link signed out: it says who invited whom, where and as what, and offers
  // to create the account right there (issue 12: it used to land on a bare sign-in page).
  await page.goto(link);
  await expect(page.getByText(`${owner} invited ${member} to join Acme China as Legal.`)).toBeVisible();
  await expect(page.getByRole("heading", { name: "New here? Create your account first" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in to accept" })).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(member);
  await page.getByLabel("Password").fill("e2e-password-1234");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText(`${owner} invited ${member} to join Acme China as Legal.`)).toBeVisible();
  await page.getByRole("button", { name: "Join Acme China" }).click();
  await expect(page).toHaveURL(new RegExp(`/en/w/${workspaceId}$`));
  await expect(page.getByTestId("workspace-name")).toHaveText("Acme China");

  // Legal reads the audit log; switching to Simplified Chinese translates the console.
  await page.getByLabel("Language").selectOption("zh-CN");
  await expect(page).toHaveURL(new RegExp(`/zh-CN/w/${workspaceId}$`));
  await page.getByRole("link", { name: "审计日志" }).click();
  await expect(page.getByRole("heading", { name: "审计日志", level: 1 })).toBeVisible();
  const rows = page.getByTestId("audit-row");
  await expect(rows.filter({ hasText: "创建工作区" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "添加成员" })).toHaveCount(2);
  await expect(rows.filter({ hasText: "创建邀请" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "接受或撤销邀请" })).toHaveCount(1);
  await expect(rows.filter({ hasText: member }).first()).toBeVisible();
  // Words, not codes: no action code and no raw column name anywhere in the log (issue 12).
  const workspaceRow = rows.filter({ hasText: "创建工作区" });
  await expect(workspaceRow.getByRole("term").filter({ hasText: /^法律实体名称$/ })).toBeVisible();
  await expect(workspaceRow.getByRole("term").filter({ hasText: /^隐私联系方式$/ })).toBeVisible();
  await expect(page.getByRole("table")).not.toContainText("workspace.created");
  await expect(page.getByRole("table")).not.toContainText("legal_entity_name");
  await expect(rows.filter({ hasText: "创建邀请" }).getByRole("definition").filter({ hasText: /^法务$/ })).toBeVisible();
  // Every entry on the page (the workspace's standard catalog included) is checked by the verifier.
  const entries = await rows.count();
  await page.getByRole("button", { name: "校验哈希链" }).click();
  await expect(page.getByTestId("chain-report")).toHaveText(`哈希链完整：已校验 ${entries} 条记录。`);
});

test("the last owner cannot leave or be demoted", async ({ page }) => {
  await signUp(page, uniqueEmail("solo"));
  const workspaceId = await createWorkspace(page, "Solo Shop");
  await page.goto(`/en/w/${workspaceId}/members`);
  const row = page.getByTestId("member-row");
  await row.getByRole("combobox").selectOption("viewer");
  await row.getByRole("button", { name: "Change role" }).click();
  await expect(row.getByRole("alert")).toHaveText("A workspace must keep at least one owner. Make someone else owner first.");
  await row.getByRole("button", { name: "Leave workspace" }).click();
  await expect(row.getByRole("alert").last()).toHaveText("A workspace must keep at least one owner. Make someone else owner first.");
  await page.reload();
  await expect(page.getByTestId("member-row")).toContainText("Owner");
});
