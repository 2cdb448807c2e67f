import { choicesForAction, initialChoices } from "@/lib/renderer-model/choices";
import type { ButtonAction, ConsentChoices } from "@/lib/renderer-model/types";
import { isStale, readStoredChoice, storedChoiceCookie, type StoredChoice } from "@/lib/public/stored-choice";
import { consentSubmission, type SubmissionAction } from "@/lib/public/submission";
import { readChoices, showChoices } from "./choices-dom";
import { readConfig, type EmbedConfig } from "./config";
import { consentHub, consentOf, type EmbedConsent } from "./consent";
import { consentModeState, pageGtag, sendConsentDefault } from "./consent-mode";
import { gpcApplies } from "./gpc";
import { createOverlay } from "./overlay";
import type { EmbedExperience } from "@/lib/embed/payload";

/*
 * The embeddable script: <script src=".../embed/v1.js" data-experience="x…" async></script>.
 * Fetches the live experience with its markup (drawn by the renderer on the server), shows it
 * unless a current choice is stored, records the visitor's decision, keeps it in the
 * first-party cookie csy_consent, and tells the host page (window.Consentry, consentry:* events,
 * Google Consent Mode). No UI framework: the markup is the renderer's, the behaviour is here.
 */

declare global {
  interface Window {
    Consentry?: {
      getConsent(): EmbedConsent | null;
      onChange(listener: (consent: EmbedConsent | null) => void): () => void;
      openPreferences(): void;
    };
  }
  interface Navigator {
    globalPrivacyControl?: boolean;
  }
}

const warn = (message: string, detail?: unknown) => console.warn(`[consentry] ${message}`, detail ?? "");

/** Now, in the whole seconds the cookie keeps, so the page reads the same time before and after a reload. */
const now = () => new Date(Math.floor(Date.now() / 1000) * 1000);

function newDeviceId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

class NotAllowed extends Error {}

function notAllowed(experience: string): string {
  return (
    `this website (${location.origin}) is not allowed to show experience ${experience}. ` +
    `In the Consentry console, open the experience's publishing page and allow ${location.origin} ` +
    `(under "Recently refused websites", or in "Websites allowed to record consent").`
  );
}

async function fetchExperience(config: EmbedConfig, lang: string | null): Promise<EmbedExperience> {
  const query = new URLSearchParams();
  if (config.region) query.set("region", config.region);
  if (lang) query.set("lang", lang);
  const search = query.toString();
  const response = await fetch(`${config.api}/api/v1/experiences/${config.experience}/embed${search ? `?${search}` : ""}`, { credentials: "omit" });
  if (response.status === 403) {
    const code = ((await response.json().catch(() => null)) as { error?: { code?: string } } | null)?.error?.code;
    // The usual first-day mistake: say exactly what to do, for the developer reading the console.
    if (code === "origin_not_allowed") throw new NotAllowed(notAllowed(config.experience));
  }
  if (!response.ok) throw new Error(`live experience: HTTP ${response.status}`);
  return (await response.json()) as EmbedExperience;
}

function start(script: HTMLScriptElement | null): void {
  const found = readConfig(script);
  if (typeof found === "string") return warn(found);
  const config: EmbedConfig = found;
  const gtag = pageGtag(window as Parameters<typeof pageGtag>[0], config.consentMode);
  if (gtag) sendConsentDefault(gtag);

  const cookieChoice = readStoredChoice(document.cookie);
  const hub = consentHub(cookieChoice ? consentOf(cookieChoice) : null);
  const deviceId = cookieChoice?.deviceId ?? newDeviceId();
  let live: EmbedExperience | null = null;
  /** The choice in force: the cookie's unless stale, or the one made now. */
  let stored: StoredChoice | null = null;
  let gpc = false;
  let pendingOpen = false;

  const keep = (choice: StoredChoice, experience: EmbedExperience) => {
    stored = choice;
    document.cookie = storedChoiceCookie(choice, { reaskAfterDays: experience.rules.reaskAfterDays, secure: location.protocol === "https:" });
  };

  const record = (experience: EmbedExperience, action: SubmissionAction, choices: ConsentChoices) => {
    const body = consentSubmission(experience, { choices, action, subject: { kind: "device_id", value: deviceId }, pageUrl: location.href });
    // Nothing to record (no purpose asked about): the choice is still kept on the device.
    if (body.decisions.length > 0) {
      fetch(`${config.api}/api/v1/consents`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-consentry-key": experience.publicKey },
        body: JSON.stringify(body),
        credentials: "omit",
        keepalive: true,
      })
        .then((response) => {
          if (!response.ok) warn(`recording the choice failed: HTTP ${response.status}`);
        })
        .catch((error: unknown) => warn("recording the choice failed", error));
    }
    return body.decisions;
  };

  /** What the experience shows when it opens: the choice in force, GPC opt-outs off. */
  const choicesInForce = (experience: EmbedExperience): ConsentChoices => {
    const choices = initialChoices(experience.document);
    const off = [...(stored?.refused ?? []), ...(gpc ? experience.gpc.optOutPurposeIds : [])];
    for (const id of stored?.given ?? []) if (id in choices.purposes) choices.purposes[id] = true;
    for (const id of off) if (id in choices.purposes) choices.purposes[id] = false;
    return choices;
  };

  const decide = (experience: EmbedExperience, action: SubmissionAction, choices: ConsentChoices): void => {
    const decisions = record(experience, action, choices);
    const choice: StoredChoice = {
      experience: experience.publicId,
      versionNumber: experience.versionNumber,
      at: now(),
      given: decisions.filter((d) => d.state === "given").map((d) => d.purposeId),
      refused: decisions.filter((d) => d.state === "refused").map((d) => d.purposeId),
      deviceId,
      gpc,
      decided: true,
    };
    keep(choice, experience);
    overlay.hide();
    overlay.hideNotice();
    if (gtag) gtag("consent", "update", consentModeState(experience.consentMode, choice.given));
    hub.set(consentOf(choice), "change");
  };

  const act = (action: ButtonAction): void => {
    const experience = live;
    const shown = overlay.current();
    if (!experience || !shown) return;
    if (action === "open_preferences") return overlay.openLayer();
    // Closing decides nothing: the visitor is asked again on the next page.
    if (action === "close") return overlay.hide();
    let choices = readChoices(shown, experience.document);
    if (action === "accept_all" || action === "reject_all") {
      // "Accept all" bundles, so it overrides no honoured GPC opt-out (the renderer's shared rule).
      choices = choicesForAction(experience.document, action, choices, experience.catalog, { gpcOptOut: gpc ? experience.gpc.optOutPurposeIds : [] });
      showChoices(shown, choices);
    }
    decide(experience, action, choices);
  };

  const present = (experience: EmbedExperience, choices: ConsentChoices, openLayer: boolean): void => {
    showChoices(overlay.show(experience.markup), choices);
    if (openLayer) overlay.openLayer();
  };

  const changeLocale = (locale: string): void => {
    fetchExperience(config, locale).then(
      (next) => {
        const shown = overlay.current();
        if (!shown || !live) return;
        const choices = readChoices(shown, live.document);
        const layerOpen = overlay.layerOpen();
        live = next;
        present(next, choices, layerOpen);
        if (overlay.noticeShown()) overlay.showNotice(next);
      },
      (error: unknown) => warn("switching the language failed", error),
    );
  };

  const overlay = createOverlay({ onAction: act, onLocaleChange: changeLocale, onDismissNotice: () => overlay.hideNotice() });

  const openPreferences = (): void => {
    pendingOpen = !live;
    if (live) present(live, choicesInForce(live), true);
  };

  window.Consentry = { getConsent: () => hub.get(), onChange: (listener) => hub.subscribe(listener), openPreferences };

  fetchExperience(config, config.lang)
    .then((experience) => {
      if (experience.kind === "preference_page") return warn("a preference page is shown by its hosted link, not by the embed");
      live = experience;
      stored = cookieChoice && !isStale(cookieChoice, experience, new Date()) ? cookieChoice : null;
      gpc = gpcApplies(experience, navigator.globalPrivacyControl);
      const current: StoredChoice | null = stored;
      // Recorded once per version, as an opt-out of the purposes the region's rule names.
      const newSignal = gpc && !(current?.gpc && current.versionNumber === experience.versionNumber);
      if (newSignal) {
        const optOut = new Set(record(experience, "gpc", initialChoices(experience.document)).map((d) => d.purposeId));
        keep(
          {
            experience: experience.publicId,
            versionNumber: experience.versionNumber,
            at: current?.at ?? now(),
            given: (current?.given ?? []).filter((id) => !optOut.has(id)),
            refused: [...new Set([...(current?.refused ?? []), ...optOut])],
            deviceId,
            gpc: true,
            decided: current ? current.decided !== false : false,
          },
          experience,
        );
      }
      const inForce: StoredChoice | null = stored;
      if (gtag && inForce) gtag("consent", "update", consentModeState(experience.consentMode, inForce.given));
      hub.set(inForce ? consentOf(inForce) : null, "ready");
      const show = !inForce || inForce.decided === false || pendingOpen;
      // The visitor is told whenever the signal changes what they see.
      if (gpc && (newSignal || show)) overlay.showNotice(experience);
      if (show) present(experience, choicesInForce(experience), pendingOpen);
    })
    .catch((error: unknown) =>
      error instanceof NotAllowed ? console.error(`[consentry] ${error.message}`) : warn("the experience could not be loaded", error),
    );
}

const script = document.currentScript as HTMLScriptElement | null;
const begin = () => start(script ?? document.querySelector<HTMLScriptElement>("script[data-experience][src*='/embed/v1']"));
if (document.body) begin();
else document.addEventListener("DOMContentLoaded", begin);
