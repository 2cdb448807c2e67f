import { expect, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./a11y-support";

/**
 * The preference centre's way in, as a person walks it: the one-time code is read by the owner
 * from the console's outbox (no SMTP in the embedded profile).
 */

/** The owner (on `ownerPage`) reads the newest code sent to `email` from the console's outbox. */
export async function codeFromOutbox(ownerPage: Page, workspaceId: string, email: string, checkA11y = false): Promise<string> {
  const masked = `${email[0]}***@${email.split("@")[1]}`;
  await ownerPage.goto(`/en/w/${workspaceId}/outbox`);
  const message = ownerPage.getByTestId("outbox-message").filter({ has: ownerPage.getByTestId("outbox-recipient").getByText(masked, { exact: true }) }).first();
  const body = await message.getByTestId("outbox-body").textContent();
  if (checkA11y) await expectNoSeriousA11yViolations(ownerPage, "console outbox");
  const code = /(?:is|是) (\d{6})\b/.exec(body ?? "")?.[1];
  if (!code) throw new Error(`no code in the outbox for ${masked}: ${body}`);
  return code;
}

/**
 * Opens the centre of `publicId` on `page` and proves control of `email` with the code from the
 * outbox; with `checkA11y`, axe checks each page on the way (identify form, code entry, outbox, the centre).
 */
export async function verifyInCentre(page: Page, owner: { page: Page; workspaceId: string }, publicId: string, email: string, checkA11y = false): Promise<void> {
  await page.goto(`/en/p/${publicId}/manage`);
  await expect(page.getByRole("heading", { name: "Your privacy choices", level: 1 })).toBeVisible();
  if (checkA11y) await expectNoSeriousA11yViolations(page, "centre: identify form");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Send code" }).click();
  await expect(page.getByText(/We sent a 6-digit code to/)).toBeVisible();
  if (checkA11y) await expectNoSeriousA11yViolations(page, "centre: code entry");
  await page.getByLabel("6-digit code").fill(await codeFromOutbox(owner.page, owner.workspaceId, email, checkA11y));
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("heading", { name: "Your current choices" })).toBeVisible();
  if (checkA11y) await expectNoSeriousA11yViolations(page, "centre: current choices (phone)");
}
