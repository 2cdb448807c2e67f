"use client";

import { useState } from "react";
import { ExperienceRenderer } from "@/components/renderer";
import type { ExperienceDocument, Locale } from "@/lib/experience";

/** The renderer in preview mode: everything works (layers, language switch) but nothing is recorded. */
export function PreviewExperience({ document, initialLocale }: { document: ExperienceDocument; initialLocale: Locale }) {
  const [locale, setLocale] = useState(initialLocale);
  return <ExperienceRenderer document={document} locale={locale} mode="preview" onLocaleChange={setLocale} />;
}
