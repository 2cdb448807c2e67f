import { renderToStaticMarkup } from "react-dom/server";
import { ExperienceRenderer } from "@/components/renderer/experience-renderer";
import type { EmbedExperience } from "@/lib/embed/payload";
import { embedStrings } from "@/lib/embed/strings";
import type { LiveExperience } from "@/lib/public/live-types";

/*
 * Server only. The embed's markup, drawn by THE renderer, so banners and popups look and read
 * the same in the designer, on hosted pages and on customers' sites; the script only adds
 * behaviour (components/embed/index.ts). Route handlers run in Next's react-server layer, where the renderer's
 * hooks do not exist, so scripts/build-embed.mjs bundles this module with React into
 * lib/embed/dist/live-markup.cjs and lib/embed/embed-endpoint.ts loads that at run time.
 */

/** The experience as static HTML: live mode, closed layers hidden, no <style> element. */
export function liveMarkup(live: LiveExperience): string {
  return renderToStaticMarkup(
    <ExperienceRenderer
      document={live.document}
      locale={live.locale}
      mode="live"
      catalog={live.catalog}
      notices={live.notices}
      stylesheet={false}
    />,
  );
}

export function embedExperience(live: LiveExperience): EmbedExperience {
  return { ...live, markup: liveMarkup(live), strings: embedStrings(live.locale) };
}
