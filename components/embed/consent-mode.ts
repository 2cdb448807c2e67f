import type { LiveExperience } from "@/lib/public/live-types";

/** Google Consent Mode v2 signals, as lib/experience/consent-mode.ts names them (a test keeps them in step). */
export const CONSENT_MODE_SIGNALS = ["ad_storage", "analytics_storage", "ad_user_data", "ad_personalization"] as const;
export type ConsentModeSignal = (typeof CONSENT_MODE_SIGNALS)[number];
export type ConsentModeState = Record<ConsentModeSignal, "granted" | "denied">;

/**
 * Each signal granted when every purpose mapped to it is given; a signal mapped to nothing stays
 * denied (nothing was consented to that would grant it).
 */
export function consentModeState(mapping: LiveExperience["consentMode"], given: readonly string[]): ConsentModeState {
  const state = {} as ConsentModeState;
  for (const signal of CONSENT_MODE_SIGNALS) {
    const purposes = mapping[signal] ?? [];
    state[signal] = purposes.length > 0 && purposes.every((id) => given.includes(id)) ? "granted" : "denied";
  }
  return state;
}

type Gtag = (...args: unknown[]) => void;
interface GtagWindow {
  gtag?: Gtag;
  dataLayer?: unknown[];
}

/**
 * The page's gtag, or one that queues on dataLayer as Google's snippet defines it, when the page
 * uses Google tags (gtag or dataLayer present) or asked for Consent Mode (data-consent-mode).
 */
export function pageGtag(page: GtagWindow, requested: boolean): Gtag | null {
  if (typeof page.gtag === "function") return page.gtag;
  if (!requested && !Array.isArray(page.dataLayer)) return null;
  const dataLayer = (page.dataLayer ??= []);
  // gtag.js reads Arguments objects from dataLayer, not arrays.
  return function gtag() {
    // eslint-disable-next-line prefer-rest-params
    dataLayer.push(arguments);
  };
}

/** Everything denied until the visitor chooses; Google tags wait briefly for the update. */
export function sendConsentDefault(gtag: Gtag): void {
  const denied = consentModeState({}, []);
  gtag("consent", "default", { ...denied, wait_for_update: 500 });
}
