// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { choicesForAction, initialChoices } from "@/lib/renderer-model/choices";
import { CATALOG, PURPOSE, TOPIC, fullDocument } from "@/lib/renderer-model/test-fixtures";
import type { ExperienceDocument } from "@/lib/experience";
import type { ButtonAction } from "@/lib/renderer-model/types";
import type { LiveExperience } from "@/lib/public/live-types";
import { embedExperience } from "@/components/embed/live-markup";
import { readChoices, showChoices } from "./choices-dom";
import { createOverlay } from "./overlay";

function live(document: ExperienceDocument): LiveExperience {
  return {
    publicId: "x0123456789abcdef0123",
    publicKey: "pk_test",
    kind: document.kind,
    versionId: "00000000-0000-4000-8000-0000000000f1",
    versionNumber: 1,
    reconsentFromVersion: 1,
    region: { code: "EU", resolvedBy: "parameter", evidence: null },
    rules: { consentModel: "opt_in", gpc: "not_applicable", reaskAfterDays: 365 },
    gpc: { requestSignal: false, optOutPurposeIds: [] },
    consentMode: {},
    locale: "en",
    document,
    catalog: CATALOG,
    notices: {},
    noticeVersions: {},
  };
}

function setUp(kind: ExperienceDocument["kind"] = "banner") {
  const actions: ButtonAction[] = [];
  const locales: string[] = [];
  const overlay = createOverlay({ onAction: (a) => void actions.push(a), onLocaleChange: (l) => void locales.push(l), onDismissNotice() {} });
  const experience = embedExperience(live(fullDocument(kind)));
  return { actions, locales, overlay, experience };
}

afterEach(() => {
  document.body.innerHTML = "";
});

describe("the server's markup", () => {
  it("is the renderer's, without its stylesheet, with the embed's words in the visitor's language", () => {
    const { experience } = setUp();
    expect(experience.markup).toContain('class="csy-root"');
    expect(experience.markup).not.toContain("<style");
    expect(experience.markup).toMatch(/<section [^>]*data-csy-layer="" hidden=""/);
    expect(experience.strings.gpcHonoured).toMatch(/Global Privacy Control/);
    const zh = embedExperience({ ...live(fullDocument()), locale: "zh-CN" });
    expect(zh.markup).toContain("您的隐私");
    expect(zh.strings.dismiss).toBe("关闭");
  });
});

describe("the overlay", () => {
  it("draws the markup in a shadow root on a zero-sized fixed host, with the stylesheet", () => {
    const { overlay, experience } = setUp();
    overlay.show(experience.markup);
    const host = document.querySelector("consentry-embed")!;
    expect(host.getAttribute("style")).toContain("width:0;height:0");
    const shadow = host.shadowRoot!;
    expect(shadow.querySelector("style")?.textContent).toContain(".csy-root");
    expect(shadow.querySelector('button[data-action="accept_all"]')).not.toBeNull();
  });

  it("hands button clicks and language changes to the behaviour", () => {
    const { overlay, experience, actions, locales } = setUp();
    const shown = overlay.show(experience.markup);
    shown.querySelector<HTMLButtonElement>('button[data-action="reject_all"]')!.click();
    const select = shown.querySelector<HTMLSelectElement>("select[data-csy-language]")!;
    select.value = "zh-CN";
    select.dispatchEvent(new Event("change", { bubbles: true }));
    expect(actions).toEqual(["reject_all"]);
    expect(locales).toEqual(["zh-CN"]);
  });

  it("opens the preferences layer as its button says", () => {
    const { overlay, experience } = setUp();
    const shown = overlay.show(experience.markup);
    expect(overlay.layerOpen()).toBe(false);
    overlay.openLayer();
    expect(overlay.layerOpen()).toBe(true);
    expect(shown.querySelector('button[data-action="open_preferences"]')?.getAttribute("aria-expanded")).toBe("true");
    overlay.hide();
    expect(overlay.current()).toBeNull();
  });

  it("keeps a popup's focus, closes it on Escape and gives focus back", () => {
    const hostButton = document.createElement("button");
    document.body.appendChild(hostButton);
    hostButton.focus();
    const { overlay, experience, actions } = setUp("popup");
    const shown = overlay.show(experience.markup);
    const dialog = shown.querySelector<HTMLElement>('[role="dialog"]')!;
    expect(dialog.getAttribute("aria-modal")).toBe("true");
    expect(document.querySelector("consentry-embed")!.shadowRoot!.activeElement).toBe(dialog);
    dialog.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    expect(actions).toEqual(["close"]);
    overlay.hide();
    expect(document.activeElement).toBe(hostButton);
  });
});

describe("choices in the DOM", () => {
  it("reads what the inputs show and shows what the shared logic decides", () => {
    const { overlay, experience } = setUp();
    const shown = overlay.show(experience.markup);
    const document = experience.document;
    expect(readChoices(shown, document)).toEqual(initialChoices(document));

    const accepted = choicesForAction(document, "accept_all", readChoices(shown, document), CATALOG);
    showChoices(shown, accepted);
    const read = readChoices(shown, document);
    expect(read.purposes).toEqual(accepted.purposes);
    // Separate consent stays as it was; channels and topics all on.
    expect(read.purposes[PURPOSE.crossBorder]).toBe(false);
    expect(read.channels.global?.sort()).toEqual(["email", "sms"]);
    expect(read.topics.sort()).toEqual([TOPIC.offers, TOPIC.news].sort());

    showChoices(shown, choicesForAction(document, "reject_all", read, CATALOG));
    const rejected = readChoices(shown, document);
    expect(rejected.purposes[PURPOSE.necessary]).toBe(true);
    expect(rejected.purposes[PURPOSE.analytics]).toBe(false);
    expect(rejected.topics).toEqual([]);
  });
});
