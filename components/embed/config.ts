/** What the host page says on the script element. */
export interface EmbedConfig {
  experience: string;
  /** Region code to use instead of the server's resolution (data-region). */
  region: string | null;
  /** Preferred language (data-lang); else the visitor's browser languages decide, on the server. */
  lang: string | null;
  /** Origin of the Consentry app (data-api); by default the origin the script came from. */
  api: string;
  /** data-consent-mode: send Google Consent Mode signals even if no gtag or dataLayer exists yet. */
  consentMode: boolean;
}

const PUBLIC_ID = /^x[0-9a-f]{20}$/;

/** The script element's configuration, or null (with the reason) when it is unusable. */
export function readConfig(script: Pick<HTMLScriptElement, "src" | "getAttribute" | "hasAttribute"> | null): EmbedConfig | string {
  if (!script) return "the script element was not found";
  const experience = script.getAttribute("data-experience") ?? "";
  if (!PUBLIC_ID.test(experience)) return `data-experience "${experience}" is not an experience's public id`;
  let api: string;
  try {
    api = new URL(script.getAttribute("data-api") || script.src).origin;
  } catch {
    return "data-api is not a URL";
  }
  return {
    experience,
    region: script.getAttribute("data-region") || null,
    lang: script.getAttribute("data-lang") || null,
    api,
    consentMode: script.hasAttribute("data-consent-mode"),
  };
}
