import type { ContentLocale, RegionCode } from "@/lib/experience";
import type { Locale as UiLocale } from "@/lib/i18n/routing";

/*
 * Hosted page addresses. No zod and no server code: the hosted page's client code and the
 * console build the same links. Parameters are validated in hosted-params.ts.
 */

/** Collection channels a hosted URL may name (`?channel=`): where the person met the page. */
export const HOSTED_CHANNELS = ["web", "app", "mini_program", "store"] as const;
export type HostedChannel = (typeof HOSTED_CHANNELS)[number];

export interface HostedParams {
  channel?: HostedChannel;
  /** A shop's own code, for QR codes printed for one store. */
  store?: string;
  region?: RegionCode;
  lang?: ContentLocale;
}

/** The query string of a hosted URL, in a fixed order ("" when there is nothing to say). */
export function hostedQuery(params: HostedParams): string {
  const query = new URLSearchParams();
  for (const key of ["channel", "store", "region", "lang"] as const) {
    const value = params[key];
    if (value) query.set(key, value);
  }
  const text = query.toString();
  return text ? `?${text}` : "";
}

/**
 * The stable public address of an experience: no language prefix, so the visitor's browser
 * picks the page language; `base` is the app's public origin.
 */
export function hostedUrl(base: string, publicId: string, params: HostedParams = {}): string {
  return `${base.replace(/\/+$/, "")}/p/${publicId}${hostedQuery(params)}`;
}

/** The console language that best carries a content language (the page's own words, <html lang>). */
export function uiLocaleFor(locale: ContentLocale): UiLocale {
  if (locale === "zh-CN") return "zh-CN";
  if (locale === "zh-TW" || locale === "zh-HK") return "zh-TW";
  return "en";
}

/** The same page in another language: its own language prefix, every other parameter kept. */
export function hostedPathIn(publicId: string, params: HostedParams, lang: ContentLocale): string {
  return `/${uiLocaleFor(lang)}/p/${publicId}${hostedQuery({ ...params, lang })}`;
}
