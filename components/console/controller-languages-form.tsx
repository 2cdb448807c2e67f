"use client";

import { useLocale, useTranslations } from "next-intl";
import { useActionState } from "react";
import { updateControllerTextsAction } from "@/lib/actions/console/tenancy";
import { Field } from "@/components/ui/field";
import { FormAlert, submittedValue, useFieldError } from "@/components/ui/form-alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { languageName } from "@/lib/i18n/language-name";
import { CONTROLLER_LOCALES } from "@/lib/tenancy/controller";
import type { Workspace } from "@/lib/tenancy/schemas";

/**
 * The controller's legal name and privacy contact as each language's notices must give them
 * (艾克米茶（上海）有限公司 in Chinese notices). Blank: that language uses the main ones above.
 */
export function ControllerLanguagesForm({ locale, workspace }: { locale: string; workspace: Workspace }) {
  const t = useTranslations("settings.perLanguage");
  const uiLocale = useLocale();
  const [state, action] = useActionState(updateControllerTextsAction, null);
  const fieldError = useFieldError(state);
  return (
    <form action={action} className="flex flex-col gap-4" noValidate aria-labelledby="controller-languages-heading">
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="workspaceId" value={workspace.id} />
      <h2 id="controller-languages-heading" className="text-lg font-medium">{t("title")}</h2>
      <p className="text-sm text-slate-700">{t("intro", { entity: workspace.legalEntityName })}</p>
      <FormAlert state={state} success={t("saved")} />
      {CONTROLLER_LOCALES.map((code) => {
        const language = languageName(code, uiLocale);
        const name = `legalEntityName.${code}`;
        const contact = `contactAddress.${code}`;
        return (
          <fieldset key={code} className="flex flex-col gap-3 rounded-md border border-slate-300 p-4">
            <legend className="px-1 text-sm font-medium">{language}</legend>
            <Field
              label={t("legalEntityName", { language })}
              name={name}
              lang={code}
              maxLength={200}
              defaultValue={submittedValue(state, name) ?? workspace.legalEntityNames[code] ?? ""}
              error={fieldError(name)}
            />
            <Field
              label={t("contactAddress", { language })}
              name={contact}
              lang={code}
              maxLength={500}
              defaultValue={submittedValue(state, contact) ?? workspace.contactAddresses[code] ?? ""}
              error={fieldError(contact)}
            />
          </fieldset>
        );
      })}
      <SubmitButton pendingLabel={t("saving")}>{t("save")}</SubmitButton>
    </form>
  );
}
