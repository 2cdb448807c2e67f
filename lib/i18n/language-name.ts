/**
 * A content language's name in the operator's language, from the platform's CLDR data
 * (Intl.DisplayNames), so the list of content languages can grow without message-file edits.
 */
export function languageName(code: string, displayLocale: string): string {
  try {
    return new Intl.DisplayNames([displayLocale], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}
