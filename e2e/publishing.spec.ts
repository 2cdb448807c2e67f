import { expect, test } from "@playwright/test";
import { givePrivacyPolicyAddress } from "./live-support";
import { createExperience, createWorkspace, signUp, uniqueEmail } from "./support";

test("publish a compliant banner, refuse a non-compliant draft with the reasons, roll back and unpublish", async ({ page }) => {
  await signUp(page, uniqueEmail("publisher"));
  const workspaceId = await createWorkspace(page, "Publish Co");
  await createExperience(page, workspaceId, "EU banner", "EU cookie banner (two layers)");

  // The template cannot know where the brand's privacy policy is (a guessed "/privacy" would be a
  // 404 on the hosted page): publishing asks for it, and says the other way out.
  await page.getByRole("link", { name: "Publishing" }).click();
  await expect(page.getByTestId("live-status")).toHaveText("Not live: nothing is published.");
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByTestId("publish-problems")).toContainText(
    "Link: give the address of your privacy policy, or add an approved notice to this experience: the link then opens the notice's own page.",
  );
  await page.getByRole("link", { name: "Open the designer" }).click();
  await givePrivacyPolicyAddress(page, "https://publish-co.example/privacy");
  await page.getByRole("link", { name: "Publishing" }).click();
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByTestId("publish-result")).toHaveText("Published as version 1. It is live now.");
  const publicId = (await page.getByTestId("public-id").textContent())!.trim();
  const visitor = await page.context().browser()!.newPage({ baseURL: new URL(page.url()).origin });
  await visitor.goto(`/en/p/${publicId}`);
  await expect(visitor.getByRole("link", { name: "Privacy policy" })).toHaveAttribute("href", "https://publish-co.example/privacy");
  await visitor.close();
  await page.reload();
  await expect(page.getByTestId("live-status")).toHaveText("Live: version 1");
  await expect(page.getByTestId("published-version")).toHaveCount(1);

  // Remove the reject button from the first layer: EDPB wants reject beside accept.
  await page.getByRole("link", { name: "Open the designer" }).click();
  const firstLayer = page.getByTestId("canvas-block").filter({ has: page.getByRole("button", { name: "Move or edit Container" }) });
  const rejectFrame = firstLayer.getByTestId("canvas-block").filter({ hasText: "Reject all" });
  await rejectFrame.getByRole("button", { name: "Move or edit Button" }).click();
  await page.getByRole("button", { name: "Delete" }).click();
  await expect(firstLayer.getByText("Reject all")).toHaveCount(0);
  await expect(page.getByTestId("save-status")).toHaveText("All changes saved", { timeout: 15_000 });

  await page.getByRole("link", { name: "Publishing" }).click();
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  const problems = page.getByTestId("publish-problems");
  await expect(problems).toContainText("Not published");
  await expect(problems).toContainText("Reject must be offered on the same screen as accept.");
  await expect(page.getByTestId("published-version")).toHaveCount(1);

  // Unpublish, then roll back to version 1.
  await page.getByRole("button", { name: "Unpublish" }).click();
  await expect(page.getByTestId("live-status")).toHaveText("Not live: nothing is published.");
  await page.getByRole("button", { name: "Make version 1 live (roll back)" }).click();
  await expect(page.getByTestId("live-status")).toHaveText("Live: version 1");
});
