"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { saveNoticeDraftAction, submitNoticeAction } from "@/lib/actions/console/notices";
import { RichTextEditor } from "@/components/rich-text/rich-text-editor";
import { buttonClass } from "@/components/ui/button-class";
import type { Locale, LocalizedText } from "@/lib/experience";
import { languageName } from "@/lib/i18n/language-name";
import { JURISDICTIONS, type NoticeDraftInput } from "@/lib/notices/schemas";

export interface EditorPurpose {
  id: string;
  name: string;
  /** Sensitive or flagged for separate consent: it needs its own statement (PIPL 23/25/29/39). */
  needsOwnStatement: boolean;
}

/** Edits a draft (or rejected) notice version: its text per language and what it declares. */
export function NoticeVersionEditor({
  workspaceId,
  noticeId,
  versionId,
  locales,
  initial,
  purposes,
}: {
  workspaceId: string;
  noticeId: string;
  versionId: string;
  locales: Locale[];
  initial: NoticeDraftInput;
  purposes: EditorPurpose[];
}) {
  const t = useTranslations("notices");
  const errors = useTranslations("errors");
  const uiLocale = useLocale();
  const router = useRouter();
  const [draft, setDraft] = useState<NoticeDraftInput>(initial);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const id = useId();
  const set = <K extends keyof NoticeDraftInput>(key: K, value: NoticeDraftInput[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const language = (locale: Locale) => languageName(locale, uiLocale);

  // Problems left after the last save; while there are any, submitting asks for a second click.
  const [incomplete, setIncomplete] = useState<number | null>(null);
  const save = async (): Promise<number | null> => {
    const result = await saveNoticeDraftAction({ workspaceId, versionId, draft });
    setMessage(result.ok ? { kind: "ok", text: t("saved") } : { kind: "error", text: errors(result.error) });
    return result.ok ? result.data.problems : null;
  };
  // After a save that stays on the draft, the page's completeness list follows the saved text.
  const saveDraft = async () => {
    if ((await save()) !== null) router.refresh();
  };
  const submit = async (anyway: boolean) => {
    const problems = await save();
    if (problems === null) return;
    if (problems > 0 && !anyway) {
      setMessage(null);
      setIncomplete(problems);
      router.refresh();
      return;
    }
    setIncomplete(null);
    const form = new FormData();
    for (const [key, value] of Object.entries({ workspaceId, noticeId, versionId })) form.set(key, value);
    const result = await submitNoticeAction(null, form);
    if (!result?.ok) setMessage({ kind: "error", text: errors(result?.ok === false ? result.error : "unexpected") });
    else router.refresh();
  };

  const statementNeeded = purposes.filter((purpose) => purpose.needsOwnStatement && draft.purposeIds.includes(purpose.id));
  return (
    <form className="flex flex-col gap-6" onSubmit={(event) => event.preventDefault()} aria-describedby={`${id}-status`}>
      <section aria-labelledby={`${id}-text`} className="flex flex-col gap-4">
        <h2 id={`${id}-text`} className="text-lg font-medium">{t("text")}</h2>
        {locales.map((locale) => (
          <RichTextEditor
            key={locale}
            label={t("textIn", { language: language(locale) })}
            lang={locale}
            minHeight="min-h-40"
            value={draft.content[locale]}
            onChange={(doc) => set("content", { ...draft.content, [locale]: doc })}
          />
        ))}
      </section>
      <section aria-labelledby={`${id}-meta`} className="flex flex-col gap-4">
        <h2 id={`${id}-meta`} className="text-lg font-medium">{t("declarations")}</h2>
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t("changeSummary")}
          <textarea className="min-h-16 rounded-md border border-slate-500 p-2 font-normal" value={draft.changeSummary} maxLength={1000} onChange={(e) => set("changeSummary", e.target.value)} />
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" className="size-5" checked={draft.materialChange} onChange={(e) => set("materialChange", e.target.checked)} />
          {t("materialChange")}
        </label>
        <fieldset className="flex flex-col gap-1">
          <legend className="text-sm font-medium">{t("purposesCovered")}</legend>
          {purposes.map((purpose) => (
            <label key={purpose.id} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                className="size-5"
                checked={draft.purposeIds.includes(purpose.id)}
                onChange={(e) => set("purposeIds", e.target.checked ? [...draft.purposeIds, purpose.id] : draft.purposeIds.filter((p) => p !== purpose.id))}
              />
              {purpose.name}
            </label>
          ))}
        </fieldset>
        <fieldset className="flex flex-col gap-1">
          <legend className="text-sm font-medium">{t("jurisdictions")}</legend>
          {JURISDICTIONS.map((jurisdiction) => (
            <label key={jurisdiction} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                className="size-5"
                checked={draft.jurisdictions.includes(jurisdiction)}
                onChange={(e) => set("jurisdictions", e.target.checked ? [...draft.jurisdictions, jurisdiction] : draft.jurisdictions.filter((j) => j !== jurisdiction))}
              />
              {t(`jurisdictionNames.${jurisdiction}`)}
            </label>
          ))}
        </fieldset>
        <LocalizedTextareas legend={t("rightsStatement")} hint={t("rightsHint")} locales={locales} language={language} value={draft.rightsStatement} onChange={(value) => set("rightsStatement", value)} />
        {statementNeeded.map((purpose) => (
          <LocalizedTextareas
            key={purpose.id}
            legend={t("purposeStatement", { purpose: purpose.name })}
            hint={t("purposeStatementHint")}
            locales={locales}
            language={language}
            value={draft.purposeStatements[purpose.id] ?? {}}
            onChange={(value) => set("purposeStatements", { ...draft.purposeStatements, [purpose.id]: value })}
          />
        ))}
      </section>
      <div className="flex flex-wrap items-center gap-3">
        <button type="button" className={buttonClass("secondary")} disabled={pending} onClick={() => startTransition(saveDraft)}>
          {t("saveDraft")}
        </button>
        <button type="button" className={buttonClass()} disabled={pending} onClick={() => startTransition(() => submit(false))}>
          {t("submit")}
        </button>
        <p id={`${id}-status`} role="status" className={message?.kind === "error" ? "text-sm text-red-800" : "text-sm text-emerald-900"}>
          {message?.text}
        </p>
      </div>
      {incomplete !== null ? (
        <div role="alert" className="flex flex-col gap-3 rounded-md border border-amber-700 bg-amber-50 p-4" data-testid="incomplete-warning">
          <p className="text-sm">{t("incompleteWarning", { count: incomplete })}</p>
          <div className="flex flex-wrap gap-3">
            <button type="button" className={buttonClass("secondary")} disabled={pending} onClick={() => startTransition(() => submit(true))}>
              {t("submitAnyway")}
            </button>
            <button type="button" className={buttonClass()} onClick={() => setIncomplete(null)}>
              {t("keepEditing")}
            </button>
          </div>
        </div>
      ) : null}
    </form>
  );
}

function LocalizedTextareas({ legend, hint, locales, language, value, onChange }: { legend: string; hint: string; locales: Locale[]; language: (locale: Locale) => string; value: LocalizedText; onChange: (value: LocalizedText) => void }) {
  const id = useId();
  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={`${id}-hint`}>
      <legend className="text-sm font-medium">{legend}</legend>
      <p id={`${id}-hint`} className="text-xs text-slate-700">{hint}</p>
      {locales.map((locale) => (
        <label key={locale} className="flex flex-col gap-1 text-xs text-slate-700">
          {`${legend} (${language(locale)})`}
          <textarea lang={locale} className="min-h-16 rounded-md border border-slate-500 p-2 text-sm text-slate-900" value={value[locale] ?? ""} maxLength={2000} onChange={(e) => onChange({ ...value, [locale]: e.target.value })} />
        </label>
      ))}
    </fieldset>
  );
}
