import type { StoredChoice } from "@/lib/public/stored-choice";

/** What window.Consentry.getConsent() returns and consentry:change / consentry:ready carry. */
export interface EmbedConsent {
  experience: string;
  /** Number of the published version the choice was made on. */
  version: number;
  /** ISO time of the choice. */
  decidedAt: string;
  /** Purpose id → given (true) or refused (false). Purposes not listed were not asked about. */
  purposes: Record<string, boolean>;
  /** A Global Privacy Control signal was honoured: the purposes it opts out of are refused. */
  gpc: boolean;
  /** False while only a GPC signal was recorded and the visitor has not chosen yet. */
  decided: boolean;
}

export function consentOf(stored: StoredChoice): EmbedConsent {
  const purposes: Record<string, boolean> = {};
  for (const id of stored.given) purposes[id] = true;
  for (const id of stored.refused) purposes[id] = false;
  return {
    experience: stored.experience,
    version: stored.versionNumber,
    decidedAt: stored.at.toISOString(),
    purposes,
    gpc: stored.gpc,
    decided: stored.decided !== false,
  };
}

type Listener = (consent: EmbedConsent | null) => void;

/**
 * The visitor's current consent, shared with the host page: window.Consentry and DOM events on
 * document. Listeners' errors are the host's own and never stop the others.
 */
export function consentHub(initial: EmbedConsent | null) {
  let current = initial;
  const listeners = new Set<Listener>();
  const emit = (type: "ready" | "change") => {
    document.dispatchEvent(new CustomEvent(`consentry:${type}`, { detail: current }));
    if (type === "change") {
      for (const listener of [...listeners]) {
        try {
          listener(current);
        } catch (error) {
          console.error("[consentry] onChange listener failed", error);
        }
      }
    }
  };
  return {
    get: () => current,
    set(next: EmbedConsent | null, type: "ready" | "change") {
      current = next;
      emit(type);
    },
    subscribe(listener: Listener): () => void {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
