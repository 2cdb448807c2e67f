"use client";

import { useLocale, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { buttonClass } from "@/components/ui/button-class";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import type { ContentLocale } from "@/lib/experience";
import { languageName } from "@/lib/i18n/language-name";
import { HOSTED_CHANNELS, hostedUrl, type HostedChannel } from "@/lib/public/hosted-url";
import { CopyField } from "./copy-field";

const STORE_CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export interface LiveLinksFormProps {
  publicId: string;
  live: boolean;
  locales: ContentLocale[];
  /** The app's public origin (no trailing slash). */
  origin: string;
}

/** The hosted URL (copy), QR code downloads for a channel and store, and the embed snippet (copy). */
export function LiveLinksForm({ publicId, live, locales, origin }: LiveLinksFormProps) {
  const t = useTranslations("liveLinks");
  const uiLocale = useLocale();
  const headingId = useId();
  const [channel, setChannel] = useState<HostedChannel>("store");
  const [store, setStore] = useState("");
  const [lang, setLang] = useState<ContentLocale | "">("");
  const storeValid = store === "" || STORE_CODE.test(store);
  const params = { channel, ...(store && storeValid ? { store } : {}), ...(lang ? { lang } : {}) };
  const qr = (format: "svg" | "png") => `/api/v1/experiences/${publicId}/qr?${new URLSearchParams({ format, ...params })}`;
  const snippet = `<script src="${origin}/embed/v1.js" data-experience="${publicId}" async></script>`;

  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-4 rounded-lg border border-slate-300 bg-white p-6" data-testid="live-links">
      <h2 id={headingId} className="text-lg font-medium">{t("title")}</h2>
      {!live ? <p className="text-sm text-amber-900">{t("notLive")}</p> : null}
      <CopyField label={t("hostedUrl")} value={hostedUrl(origin, publicId)} testId="hosted-url" />
      <fieldset className="flex flex-col gap-3 rounded-md border border-slate-300 p-4">
        <legend className="px-1 text-sm font-medium">{t("qrTitle")}</legend>
        <p className="text-sm text-slate-700">{t("qrIntro")}</p>
        <div className="grid gap-3 sm:grid-cols-3">
          <SelectField label={t("channel")} value={channel} onChange={(event) => setChannel(event.currentTarget.value as HostedChannel)} options={HOSTED_CHANNELS.map((value) => ({ value, label: t(`channels.${value}`) }))} />
          <Field label={t("store")} name="store" value={store} onChange={(event) => setStore(event.currentTarget.value.trim())} maxLength={64} autoComplete="off" hint={t("storeHint")} error={storeValid ? undefined : t("storeInvalid")} />
          <SelectField label={t("language")} value={lang} onChange={(event) => setLang(event.currentTarget.value as ContentLocale | "")} options={[{ value: "", label: t("visitorLanguage") }, ...locales.map((value) => ({ value, label: languageName(value, uiLocale) }))]} />
        </div>
        <p className="break-all text-xs text-slate-700" data-testid="qr-target">{t("encodes", { url: hostedUrl(origin, publicId, params) })}</p>
        {live && storeValid ? (
          <div className="flex flex-wrap gap-3">
            <a href={qr("svg")} download className={buttonClass("secondary")} data-testid="qr-svg">{t("downloadSvg")}</a>
            <a href={qr("png")} download className={buttonClass("secondary")} data-testid="qr-png">{t("downloadPng")}</a>
          </div>
        ) : null}
      </fieldset>
      <CopyField label={t("embed")} value={snippet} hint={t("embedHint")} multiline testId="embed-snippet" />
    </section>
  );
}
