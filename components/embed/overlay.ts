import { trapTab } from "@/components/renderer/focus";
import { STYLESHEET } from "@/components/renderer/styles";
import type { ButtonAction } from "@/lib/renderer-model/types";
import type { EmbedExperience } from "@/lib/embed/payload";

// The notice that a GPC signal was honoured: fixed, so it pushes nothing on the host page, at
// the edge the experience does not use. Colours come from the experience's theme.
const NOTICE_STYLESHEET = `.csy-gpc{position:fixed;z-index:2147483001;top:1rem;right:1rem;display:flex;align-items:center;gap:.5rem;max-width:min(26rem,calc(100% - 2rem));padding:.5rem .5rem .5rem 1rem;border:1px solid var(--csy-border);border-radius:var(--csy-radius);background:var(--csy-bg);color:var(--csy-fg);font:15px/1.4 var(--csy-font);box-shadow:0 4px 24px rgb(0 0 0/.2)}
.csy-gpc[data-at=top]{top:auto;bottom:1rem}
.csy-gpc p{margin:0}
.csy-gpc button{flex:none;min-width:44px;min-height:44px;border:0;border-radius:var(--csy-radius);background:none;color:inherit;font:inherit;font-size:1.5rem;cursor:pointer}
.csy-gpc button:focus-visible{outline:3px solid currentColor;outline-offset:-3px}`;

export interface OverlayHandlers {
  onAction(action: ButtonAction): void;
  onLocaleChange(locale: string): void;
  onDismissNotice(): void;
}

/**
 * Everything the embed draws, in an open shadow root on a zero-sized fixed host: styles cannot
 * leak in or out and nothing on the host page moves. The experience is the server's markup;
 * buttons, the language switcher and a popup's keyboard handling are wired here by delegation.
 */
export function createOverlay(handlers: OverlayHandlers) {
  let shadow: ShadowRoot | null = null;
  let experience: HTMLElement | null = null;
  let notice: HTMLElement | null = null;
  /** Ends a popup's hold on focus and gives focus back where it was. */
  let releaseFocus: (() => void) | null = null;

  const root = (): ShadowRoot => {
    if (shadow) return shadow;
    const host = document.createElement("consentry-embed");
    // Inline, so host-page rules cannot undo it; zero-sized and fixed, so nothing moves.
    host.setAttribute("style", "all:initial;position:fixed;top:0;left:0;width:0;height:0;z-index:2147483000");
    document.body.appendChild(host);
    shadow = host.attachShadow({ mode: "open" });
    const style = document.createElement("style");
    style.textContent = STYLESHEET + NOTICE_STYLESHEET;
    shadow.appendChild(style);
    return shadow;
  };

  const modalDialog = () => experience?.querySelector<HTMLElement>('[role="dialog"][aria-modal="true"]') ?? null;

  /** A live popup takes focus, keeps it (Tab cycles inside, stray focus comes back) and returns it. */
  const holdFocus = (): void => {
    const dialog = modalDialog();
    if (!dialog) return;
    if (!releaseFocus) {
      const previous = document.activeElement as HTMLElement | null;
      // The composed path, not the target: the document only sees the shadow host as target.
      const keepInside = (event: FocusEvent) => {
        const current = modalDialog();
        if (current && !event.composedPath().includes(current)) current.focus();
      };
      document.addEventListener("focusin", keepInside);
      releaseFocus = () => {
        document.removeEventListener("focusin", keepInside);
        releaseFocus = null;
        if (previous && previous.isConnected) previous.focus();
      };
    }
    dialog.focus();
  };

  const wire = (element: HTMLElement): void => {
    element.addEventListener("click", (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>("button[data-action]");
      if (button) handlers.onAction(button.dataset.action as ButtonAction);
    });
    element.addEventListener("change", (event) => {
      const select = event.target as HTMLSelectElement;
      if (select.matches("select[data-csy-language]")) handlers.onLocaleChange(select.value);
    });
    element.addEventListener("keydown", (event) => {
      const dialog = modalDialog();
      if (!dialog) return;
      if (event.key === "Escape" && element.querySelector('button[data-action="close"]')) {
        event.preventDefault();
        handlers.onAction("close");
      } else trapTab(event, dialog);
    });
  };

  return {
    /** Draws the experience's markup (again, for a new language) and returns its element. */
    show(markup: string): HTMLElement {
      const next = document.createElement("div");
      next.innerHTML = markup;
      wire(next);
      if (experience) experience.replaceWith(next);
      else root().appendChild(next);
      experience = next;
      holdFocus();
      return next;
    },
    /** The experience's element while it is shown. */
    current: (): HTMLElement | null => experience,
    hide(): void {
      experience?.remove();
      experience = null;
      releaseFocus?.();
    },
    /** Opens the preferences layer and moves focus to its title, as a click on its button does. */
    openLayer(): void {
      if (!experience) return;
      for (const layer of experience.querySelectorAll<HTMLElement>("[data-csy-layer]")) layer.hidden = false;
      for (const button of experience.querySelectorAll('button[data-action="open_preferences"]')) button.setAttribute("aria-expanded", "true");
      experience.querySelector<HTMLElement>("[data-csy-layer] [tabindex='-1']")?.focus();
    },
    layerOpen: (): boolean => experience?.querySelector("[data-csy-layer]:not([hidden])") != null,
    /** The notice that a GPC signal was honoured, in the experience's language and theme. */
    showNotice(live: EmbedExperience): void {
      notice?.remove();
      const template = document.createElement("template");
      template.innerHTML = live.markup;
      notice = document.createElement("div");
      notice.className = "csy-gpc";
      notice.setAttribute("role", "status");
      notice.lang = live.locale;
      notice.setAttribute("style", template.content.querySelector(".csy-root")?.getAttribute("style") ?? "");
      if (live.document.theme.position === "top") notice.dataset.at = "top";
      const text = document.createElement("p");
      text.textContent = live.strings.gpcHonoured;
      const dismiss = document.createElement("button");
      dismiss.type = "button";
      dismiss.textContent = "×";
      dismiss.setAttribute("aria-label", live.strings.dismiss);
      dismiss.onclick = handlers.onDismissNotice;
      notice.append(text, dismiss);
      root().appendChild(notice);
    },
    noticeShown: (): boolean => notice !== null,
    hideNotice(): void {
      notice?.remove();
      notice = null;
    },
  };
}
