"use client";

import { useTranslations } from "next-intl";
import type { LiveExperience } from "@/lib/public/live-types";

/** "Your browser's Global Privacy Control signal was honoured: …" naming the purposes turned off (11 CCR 7025). */
export function GpcNotice({ live }: { live: LiveExperience }) {
  const t = useTranslations("hosted");
  const names = live.gpc.optOutPurposeIds.map((id) => {
    const name = live.catalog.purposes[id]?.name;
    return name?.[live.locale] || name?.[live.document.defaultLocale] || id;
  });
  const purposes = new Intl.ListFormat(live.locale, { type: "conjunction" }).format(names);
  return (
    <p role="status" data-testid="gpc-honoured" className="rounded-md border border-sky-700 bg-sky-50 px-4 py-2 text-sky-950">
      {t("gpcHonoured", { purposes })}
    </p>
  );
}
