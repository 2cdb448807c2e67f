import { expect, type Browser, type Page } from "@playwright/test";
import { inviteMember, typeRichText } from "./support";

/** The languages the new-notice form offers checked; any other is unchecked until asked for. */
const OFFERED_BY_DEFAULT = ["English", "Chinese (China)", "Chinese (Taiwan)"];

export interface ApprovedNoticeOptions {
  name: string;
  /** Notice text by console language name ("English", "Chinese (China)"…); the first is the source language. */
  texts: Record<string, string>;
  /** Catalog purposes the notice covers, by their checkbox label ("Personalisation", "Marketing messages"…). */
  purposes: string[];
}

/**
 * A notice with an approved version 1, four eyes: the owner (on `page`) creates it in the
 * languages of `texts`, writes them, ticks `purposes` and submits it for review; a legal member,
 * invited for the purpose in a browser context of their own, approves it. `page` ends on the
 * approved version's page.
 */
export async function createApprovedNotice(page: Page, browser: Browser, workspaceId: string, options: ApprovedNoticeOptions): Promise<void> {
  const languages = Object.keys(options.texts);
  if (languages.length === 0) throw new Error("a notice needs the text of at least one language");
  const legal = await inviteMember(page, browser, workspaceId, "legal", "notice-legal");

  await page.goto(`/en/w/${workspaceId}/notices`);
  await page.getByLabel("Name", { exact: true }).fill(options.name);
  for (const language of new Set([...OFFERED_BY_DEFAULT, ...languages])) {
    await page.getByRole("checkbox", { name: language, exact: true }).setChecked(languages.includes(language));
  }
  await page.getByLabel("Source language (translations follow it)").selectOption({ label: languages[0]! });
  await page.getByRole("button", { name: "Create notice" }).click();
  await page.getByRole("link", { name: "Version 1" }).click();
  for (const [language, text] of Object.entries(options.texts)) await typeRichText(page, `Notice text (${language})`, text);
  for (const purpose of options.purposes) await page.getByRole("checkbox", { name: purpose }).check();
  await page.getByLabel("Change summary").fill("First version");
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByTestId("notice-status")).toHaveText("In review");

  await legal.page.goto(new URL(page.url()).pathname);
  await legal.page.getByRole("button", { name: "Approve" }).click();
  await expect(legal.page.getByTestId("notice-status")).toHaveText("Approved");
  await legal.page.context().close();
}
