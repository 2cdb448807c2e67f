import type { LiveExperience } from "@/lib/public/live-types";

/**
 * Whether a Global Privacy Control signal must be honoured here: the browser sends it (the
 * navigator property, or Sec-GPC: 1 as the server saw it) and the region's rule makes it an
 * opt-out of sale and sharing (CCPA, 11 CCR 7025) for at least one purpose.
 */
export function gpcApplies(live: Pick<LiveExperience, "gpc" | "rules">, navigatorSignal: unknown): boolean {
  return (
    (navigatorSignal === true || live.gpc.requestSignal) &&
    live.rules.gpc === "opt_out_sale_sharing" &&
    live.gpc.optOutPurposeIds.length > 0
  );
}
