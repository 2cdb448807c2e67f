import { hostedUrl } from "@/lib/public/hosted-url";
import { DEMO_ACCOUNT, DEMO_CUSTOMER, DEMO_LEGAL_ACCOUNT } from "./content";
import type { DemoSeedResult } from "./seed";
import type { DemoSite } from "./site";

/** The start-up message of the embedded profile: where to look, and how long the seed took. */
export function demoGuide(site: DemoSite, baseUrl: string, seeded?: Pick<DemoSeedResult, "events" | "millis">): string {
  const base = baseUrl.replace(/\/+$/, "");
  const lines = [
    "",
    seeded
      ? `[consentry] Demo seeded in ${seeded.millis.total} ms (${seeded.events} consent events recorded in ${seeded.millis.records} ms).`
      : "[consentry] Demo workspace ready.",
    `  Console:            ${base}/en/w/${site.workspaceId}`,
    `    owner:            ${DEMO_ACCOUNT.email} / ${DEMO_ACCOUNT.password}`,
    `    legal reviewer:   ${DEMO_LEGAL_ACCOUNT.email} / ${DEMO_LEGAL_ACCOUNT.password}`,
    `  Demo shop:          ${base}/demo  (the live banner, embedded with /embed/v1.js)`,
    `  Hosted page:        ${hostedUrl(base, site.preferencePagePublicId)}`,
    `  Preference centre:  ${base}/p/${site.preferencePagePublicId}/manage`,
    `  Records:            ${base}/en/w/${site.workspaceId}/records  (try ${DEMO_CUSTOMER.value})`,
    "",
  ];
  return lines.join("\n");
}
