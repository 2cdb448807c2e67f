"use client";

import { useEffect, useRef, useState } from "react";
import { saveDraftAction } from "@/lib/actions/console/experiences";
import type { ExperienceDocument } from "@/lib/experience";

export type SaveStatus =
  | { kind: "saved" }
  | { kind: "unsaved" }
  | { kind: "saving" }
  | { kind: "error" }
  | { kind: "conflict"; revision: number; updatedByEmail: string | null; updatedAt: Date };

const DEBOUNCE_MS = 800;
const RETRY_MS = 5000;

/**
 * Saves the draft a moment after each change, naming the revision it started from. When someone
 * else saved in between, saving stops and the conflict is shown: never a silent overwrite.
 * `overwrite()` is the person's explicit choice to replace the other version.
 */
export function useAutosave(input: { workspaceId: string; experienceId: string; name: string; document: ExperienceDocument; initialRevision: number; enabled: boolean }) {
  const { workspaceId, experienceId, name, document, enabled } = input;
  const [status, setStatus] = useState<SaveStatus>({ kind: "saved" });
  const revision = useRef(input.initialRevision);
  const saved = useRef({ name, document });
  const inFlight = useRef(false);
  const [retryTick, setRetryTick] = useState(0);

  const dirty = saved.current.document !== document || saved.current.name !== name;

  useEffect(() => {
    if (!enabled || !dirty || status.kind === "conflict" || inFlight.current) return;
    setStatus((current) => (current.kind === "error" ? current : { kind: "unsaved" }));
    const timer = setTimeout(async () => {
      inFlight.current = true;
      setStatus({ kind: "saving" });
      try {
        const result = await saveDraftAction({ workspaceId, experienceId, expectedRevision: revision.current, name, document });
        if (!result.ok) {
          setStatus({ kind: "error" });
          setTimeout(() => setRetryTick((tick) => tick + 1), RETRY_MS);
        } else if (result.data.saved) {
          revision.current = result.data.revision;
          saved.current = { name, document };
          setStatus({ kind: "saved" });
        } else {
          setStatus({ kind: "conflict", ...result.data.conflict, updatedAt: new Date(result.data.conflict.updatedAt) });
        }
      } catch {
        setStatus({ kind: "error" });
        setTimeout(() => setRetryTick((tick) => tick + 1), RETRY_MS);
      } finally {
        inFlight.current = false;
      }
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [enabled, dirty, document, name, workspaceId, experienceId, status.kind, retryTick]);

  // Leaving with unsaved changes asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  return {
    // Derived from whether the draft differs from what was saved, so it never lags: "All changes
    // saved" is never shown for a draft that differs (right after an edit, or after a save that
    // finished while the person kept editing), and an undo-then-redo back to the saved draft
    // before the save was due is saved, not "unsaved" forever.
    status: dirty
      ? status.kind === "saved"
        ? ({ kind: "unsaved" } as const)
        : status
      : status.kind === "unsaved"
        ? ({ kind: "saved" } as const)
        : status,
    overwrite() {
      if (status.kind !== "conflict") return;
      revision.current = status.revision;
      setStatus({ kind: "unsaved" });
    },
  };
}
