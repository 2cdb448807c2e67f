import { useEffect, useRef, type ReactNode } from "react";
import { trapTab } from "./focus";
import type { ExperienceDocument, RendererMode } from "./types";

export interface SurfaceProps {
  kind: ExperienceDocument["kind"];
  position: ExperienceDocument["theme"]["position"];
  mode: RendererMode;
  contained: boolean;
  /** In the page's flow, whatever the kind (the preference centre): a labelled section, never an overlay. */
  inline: boolean;
  /** Id of the first heading, else `label` names the banner or dialog. */
  labelledBy: string | null;
  label: string;
  /** Escape in a live popup: only when the experience offers a close button itself. */
  onEscape: (() => void) | null;
  children: ReactNode;
}

/** Where a kind appears: banners at an edge or corner; popups anywhere but the edges' full width. */
function placement(kind: SurfaceProps["kind"], position: SurfaceProps["position"]): string {
  if (kind === "banner" && position === "center") return "bottom";
  return position;
}

/** The outer shape of each kind: a banner bar, a modal dialog, or a page column. */
export function Surface({ kind, position, mode, contained, inline, labelledBy, label, onEscape, children }: SurfaceProps) {
  const dialogRef = useRef<HTMLDivElement>(null);
  const modal = kind === "popup" && mode === "live" && !inline;

  useEffect(() => {
    // A live popup takes focus, so screen readers announce it and Tab starts inside; focus goes
    // back where it was when the popup leaves. The designer canvas keeps its own focus.
    if (!modal) return;
    const dialog = dialogRef.current;
    if (dialog === null) return;
    const page = dialog.ownerDocument;
    const previous = page.activeElement as HTMLElement | null;
    dialog.focus();
    // Focus that escapes anyway (a click on the backdrop, then Tab) is brought back. The
    // composed path, not the target, because inside the embed's shadow root the document only
    // sees the shadow host as target.
    const keepInside = (event: FocusEvent) => {
      if (!event.composedPath().includes(dialog)) dialog.focus();
    };
    page.addEventListener("focusin", keepInside);
    return () => {
      page.removeEventListener("focusin", keepInside);
      if (previous && previous.isConnected) previous.focus();
    };
  }, [modal]);

  const naming = labelledBy ? { "aria-labelledby": labelledBy } : { "aria-label": label };
  const positioning = contained ? "csy-contained" : "csy-fixed";
  const at = `csy-at-${placement(kind, position)}`;
  const body = <div className="csy-body">{children}</div>;

  if (inline) {
    return (
      <section className="csy-surface csy-page" {...naming}>
        {body}
      </section>
    );
  }
  if (kind === "banner") {
    return (
      <section className={`csy-surface csy-banner ${at} ${positioning}`} {...naming}>
        {body}
      </section>
    );
  }
  if (kind === "popup") {
    return (
      <div className={`csy-backdrop ${at} ${positioning}`}>
        <div
          ref={dialogRef}
          className="csy-surface csy-dialog"
          role="dialog"
          aria-modal={modal || undefined}
          tabIndex={-1}
          {...naming}
          onKeyDown={(event) => {
            if (!modal) return;
            if (event.key === "Escape" && onEscape) {
              event.preventDefault();
              onEscape();
              return;
            }
            if (dialogRef.current) trapTab(event, dialogRef.current);
          }}
        >
          {body}
        </div>
      </div>
    );
  }
  return <div className="csy-surface csy-page">{body}</div>;
}
