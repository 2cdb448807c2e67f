import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { createExperience, createWorkspace, signUp, uniqueEmail } from "./support";

/**
 * Helpers for specs that need a LIVE experience (hosted pages, the embed): a signed-up owner, a
 * workspace, an experience made from a template and published through the console, as an
 * operator would. Everything goes through the product's own pages.
 */

export interface PublishedExperience {
  workspaceId: string;
  experienceId: string;
  publicId: string;
  publicKey: string;
}

export interface PublishOptions {
  /** The template's radio label on the experiences page. */
  template?: string;
  name?: string;
  /** Console names of the content languages (see createExperience). */
  languages?: string[];
  /** Origins allowed to record consent with the public key (the embed's host pages). */
  allowedOrigins?: string[];
  /** Called in the designer before publishing, to make region variants or other edits. */
  design?: (page: Page, workspaceId: string) => Promise<void>;
  /**
   * The address given to the template's privacy-policy link, which templates leave empty (only
   * the brand knows where its policy is); null leaves it empty, for an experience showing a
   * notice, whose page the link then opens.
   */
  privacyPolicy?: string | null;
}

/** The address e2e brands keep their privacy policy at. */
export const E2E_PRIVACY_POLICY = "https://brand.example/privacy";

/** In the designer: the privacy-policy link given an address, as a marketer does before publishing. */
export async function givePrivacyPolicyAddress(page: Page, href: string): Promise<void> {
  await page.getByTestId("canvas").getByRole("button", { name: "Move or edit Link" }).click();
  await page.getByLabel("Address (URL)").fill(href);
  await expect(page.getByTestId("save-status")).toHaveText("All changes saved", { timeout: 15_000 });
}

/** The publishing page of the only experience of the workspace. */
export async function openPublishing(page: Page, workspaceId: string): Promise<void> {
  await page.goto(`/en/w/${workspaceId}/experiences`);
  await page.getByTestId("experience-card").first().click();
  await expect(page.getByTestId("live-status")).toBeVisible();
}

/** Publishes the current draft from its publishing page; fails with the problems shown if refused. */
export async function publishFromConsole(page: Page, workspaceId: string, options: { materialChange?: boolean } = {}): Promise<void> {
  await openPublishing(page, workspaceId);
  if (options.materialChange) await page.getByRole("checkbox", { name: /This is a material change/ }).check();
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByTestId("publish-result")).toContainText("It is live now.");
}

/**
 * Signs up a new owner on `page`, creates a workspace and an experience from `template`
 * (default: the EU two-layer cookie banner in English and Simplified Chinese), sets the allowed
 * origins and publishes it. Returns the ids the hosted URL and the embed need.
 */
export async function publishTemplate(page: Page, options: PublishOptions = {}): Promise<PublishedExperience> {
  await signUp(page, uniqueEmail("live-owner"));
  const workspaceId = await createWorkspace(page, options.name ? `${options.name} Co` : "Live Co");
  await createExperience(page, workspaceId, options.name ?? "Live banner", options.template ?? "EU cookie banner (two layers)", options.languages);
  const experienceId = /\/design\/([0-9a-f-]{36})/.exec(page.url())?.[1];
  if (!experienceId) throw new Error(`no experience id in ${page.url()}`);
  const designer = page.url();
  if (options.design) await options.design(page, workspaceId);
  const privacyPolicy = options.privacyPolicy === undefined ? E2E_PRIVACY_POLICY : options.privacyPolicy;
  if (privacyPolicy !== null) {
    await page.goto(designer);
    await givePrivacyPolicyAddress(page, privacyPolicy);
  }
  await openPublishing(page, workspaceId);
  if (options.allowedOrigins?.length) {
    await page.getByLabel("Websites allowed to record consent (one origin per line)").fill(options.allowedOrigins.join("\n"));
    await page.getByRole("button", { name: "Save origins" }).click();
    await expect(page.getByText("Allowed origins saved.")).toBeVisible();
  }
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByTestId("publish-result")).toContainText("It is live now.");
  const publicId = (await page.getByTestId("public-id").textContent())!.trim();
  const publicKey = (await page.getByTestId("public-key").textContent())!.trim();
  return { workspaceId, experienceId, publicId, publicKey };
}

/** A secret API key made on the console's API keys page (shown once); `page` is signed in as an owner or admin. */
export async function createSecretKey(page: Page, workspaceId: string, name = "E2E reader"): Promise<string> {
  await page.goto(`/en/w/${workspaceId}/api-keys`);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Create key" }).click();
  const secret = await page.getByLabel("Your new key. Copy it now: it is shown only once.").inputValue();
  expect(secret).toMatch(/^csk_/);
  return secret;
}

/** A consent event as the history endpoint returns it (lib/consent/types.ts ConsentEvent, as JSON). */
export interface RecordedEvent {
  purposeId: string;
  purpose: { key?: string; [field: string]: unknown };
  state: string;
  method: string;
  channel: string;
  regionCode: string;
  /** How the region was decided, as the ledger stores it ({ method: "geo_header" | … }). */
  regionResolution: { method?: string; [field: string]: unknown };
  language: string;
  experienceVersionId: string | null;
  noticeVersions: Record<string, string>;
  context: { page_url?: string; user_agent?: string; [field: string]: unknown };
  [column: string]: unknown;
}

/** A subject's ledger events through GET /api/v1/subjects/history (a secret key with consent:read). */
export async function subjectHistory(request: APIRequestContext, secret: string, subject: { kind: string; value: string }): Promise<RecordedEvent[]> {
  const response = await request.get(`/api/v1/subjects/history?kind=${encodeURIComponent(subject.kind)}&value=${encodeURIComponent(subject.value)}`, {
    headers: { authorization: `Bearer ${secret}` },
  });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { events: RecordedEvent[] }).events;
}
