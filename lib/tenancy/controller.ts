import { z } from "zod";
import { LOCALES } from "@/lib/i18n/routing";

/**
 * The data controller as a text in one language must name it: that language's own legal name and
 * contact, else for zh-HK the zh-TW one and back (the same script), else the workspace's main
 * ones. The database decides completeness with private.controller_text; this mirrors it so the
 * console can say which name a notice text is missing.
 */
export interface ControllerTexts {
  legalEntityName: string;
  contactAddress: string;
  legalEntityNames: Record<string, string>;
  contactAddresses: Record<string, string>;
}

const SAME_SCRIPT: Record<string, string> = { "zh-HK": "zh-TW", "zh-TW": "zh-HK" };

export function controllerIn(workspace: ControllerTexts, locale: string): { entity: string; contact: string } {
  const pick = (texts: Record<string, string>, base: string) => texts[locale] ?? (SAME_SCRIPT[locale] ? texts[SAME_SCRIPT[locale]!] : undefined) ?? base;
  return { entity: pick(workspace.legalEntityNames, workspace.legalEntityName), contact: pick(workspace.contactAddresses, workspace.contactAddress) };
}

/** The languages the settings page offers a controller name in: the console's own. */
export const CONTROLLER_LOCALES = LOCALES;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((value) => value || undefined);

/** The settings form: `legalEntityName.<locale>` and `contactAddress.<locale>`, blank meaning "use the main one". */
type ControllerField = `legalEntityName.${(typeof CONTROLLER_LOCALES)[number]}` | `contactAddress.${(typeof CONTROLLER_LOCALES)[number]}`;
export const controllerTextsFormSchema = z.object(
  Object.fromEntries(
    CONTROLLER_LOCALES.flatMap((locale) => [
      [`legalEntityName.${locale}`, optionalText(200)],
      [`contactAddress.${locale}`, optionalText(500)],
    ]),
  ) as Record<ControllerField, ReturnType<typeof optionalText>>,
);

export function controllerTextsFromForm(data: Partial<Record<string, string | undefined>>): Pick<ControllerTexts, "legalEntityNames" | "contactAddresses"> {
  const legalEntityNames: Record<string, string> = {};
  const contactAddresses: Record<string, string> = {};
  for (const locale of CONTROLLER_LOCALES) {
    const name = data[`legalEntityName.${locale}`];
    const contact = data[`contactAddress.${locale}`];
    if (name) legalEntityNames[locale] = name;
    if (contact) contactAddresses[locale] = contact;
  }
  return { legalEntityNames, contactAddresses };
}
