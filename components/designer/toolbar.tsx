"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { createPreviewLinkAction } from "@/lib/actions/console/experiences";
import { buttonClass } from "@/components/ui/button-class";
import { languageName } from "@/lib/i18n/language-name";
import { applyVariant } from "@/lib/experience";
import { useDesigner } from "./designer-context";
import { RegionPicker } from "./region-picker";
import { DEVICES, type Device } from "./devices";
import type { SaveStatus } from "./use-autosave";

export function Toolbar({ device, onDevice, status, onOverwrite }: { device: Device; onDevice: (device: Device) => void; status: SaveStatus; onOverwrite: () => void }) {
  const t = useTranslations("designer");
  const format = useFormatter();
  const uiLocale = useLocale();
  const { state, dispatch, announce, canEdit, workspaceId, experienceId } = useDesigner();
  const [previewPath, setPreviewPath] = useState<string | null>(null);
  // A previewed region offers its own languages (its variant's).
  const previewed = state.previewRegion ? applyVariant(state.document, state.previewRegion) : state.document;
  const previewLocale = previewed.locales.includes(state.previewLocale) ? state.previewLocale : previewed.defaultLocale;

  const undo = () => {
    if (state.past.length === 0) return;
    dispatch({ type: "undo" });
    announce(t("announce.undone"));
  };
  const redo = () => {
    if (state.future.length === 0) return;
    dispatch({ type: "redo" });
    announce(t("announce.redone"));
  };

  // Ctrl/Cmd+Z and Shift+Ctrl/Cmd+Z anywhere in the designer; the rich-text editor keeps its own.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== "z") return;
      if ((event.target as HTMLElement | null)?.closest?.("[contenteditable=true]")) return;
      event.preventDefault();
      if (event.shiftKey) redo();
      else undo();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  return (
    <div role="toolbar" aria-label={t("toolbar")} className="flex flex-wrap items-center gap-3 border-b border-slate-300 bg-white px-4 py-2">
      <button type="button" className={buttonClass("secondary")} onClick={undo} disabled={!canEdit || state.past.length === 0} aria-keyshortcuts="Control+Z Meta+Z">
        {t("undo")}
      </button>
      <button type="button" className={buttonClass("secondary")} onClick={redo} disabled={!canEdit || state.future.length === 0} aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z">
        {t("redo")}
      </button>
      <fieldset className="flex items-center gap-1">
        <legend className="sr-only">{t("device")}</legend>
        {(Object.keys(DEVICES) as Device[]).map((option) => (
          <label key={option} className={`cursor-pointer rounded-md border px-3 py-2 text-sm has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-sky-600 ${device === option ? "border-sky-800 bg-sky-100" : "border-slate-400"}`}>
            <input type="radio" name="device" value={option} checked={device === option} onChange={() => onDevice(option)} className="sr-only" />
            {t(`devices.${option}`)}
          </label>
        ))}
      </fieldset>
      <div className="flex items-center gap-2">
        <label htmlFor="preview-locale" className="text-sm">
          {t("previewLanguage")}
        </label>
        <select
          id="preview-locale"
          className="min-h-10 rounded-md border border-slate-500 px-2 text-sm focus-visible:outline-3 focus-visible:outline-sky-600"
          value={previewLocale}
          onChange={(event) => dispatch({ type: "set_preview_locale", locale: event.target.value as typeof state.previewLocale })}
        >
          {previewed.locales.map((locale) => (
            <option key={locale} value={locale}>
              {languageName(locale, uiLocale)}
            </option>
          ))}
        </select>
      </div>
      <RegionPicker />
      <button
        type="button"
        className={buttonClass("secondary")}
        onClick={async () => {
          const result = await createPreviewLinkAction({ workspaceId, experienceId });
          if (result.ok) setPreviewPath(`/${uiLocale}${result.data.path}`);
        }}
      >
        {t("previewLink")}
      </button>
      {previewPath ? (
        <a href={previewPath} target="_blank" rel="noopener" className="text-sm font-medium text-sky-800 underline" data-testid="preview-link">
          {t("openPreview")}
        </a>
      ) : null}
      {/* A fixed width, wide enough for every status but a conflict: autosave changing "Saving…" to
          "All changes saved" must not rewrap the toolbar and move the canvas under a pointer mid-drag. */}
      <p className="ms-auto min-w-56 whitespace-nowrap text-end text-sm" role="status" aria-live="polite" data-testid="save-status">
        {!canEdit
          ? t("status.readOnly")
          : status.kind === "conflict"
            ? t("conflict", { who: status.updatedByEmail ?? "—", time: format.dateTime(status.updatedAt, { timeStyle: "short" }) })
            : t(`status.${status.kind}`)}
      </p>
      {status.kind === "conflict" ? (
        <div className="flex gap-2">
          <button type="button" className={buttonClass("secondary")} onClick={() => window.location.reload()}>
            {t("conflictReload")}
          </button>
          <button type="button" className={buttonClass("danger")} onClick={onOverwrite}>
            {t("conflictOverwrite")}
          </button>
        </div>
      ) : null}
    </div>
  );
}
