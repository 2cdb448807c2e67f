/** A key press as both React and the DOM describe it: trapTab serves the renderer and the embed. */
type TabKeyEvent = Pick<KeyboardEvent, "key" | "shiftKey" | "preventDefault">;

const FOCUSABLE =
  'a[href],button:not([disabled]),input:not([disabled]),select:not([disabled]),textarea:not([disabled]),[tabindex]:not([tabindex="-1"])';

/** Elements Tab can reach inside `root`, in order; hidden ones (display:none, [hidden]) left out. */
export function focusableWithin(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (element) => element.tabIndex >= 0 && element.getClientRects().length > 0,
  );
}

/**
 * Keeps Tab and Shift+Tab inside a modal dialog: from the last control to the first and back.
 * Radio groups count as one stop in browsers but as several here, which only matters when a
 * radio group is first or last, and then Tab still stays inside.
 */
export function trapTab(event: TabKeyEvent, root: HTMLElement): void {
  if (event.key !== "Tab") return;
  const focusable = focusableWithin(root);
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (first === undefined || last === undefined) {
    event.preventDefault();
    root.focus();
    return;
  }
  // getRootNode: inside the embed's shadow root, document.activeElement is only the host.
  const active = (root.getRootNode() as Document | ShadowRoot).activeElement;
  if (event.shiftKey && (active === first || active === root)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}
