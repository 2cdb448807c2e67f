/**
 * A path on its own line (the magic link) becomes an absolute URL on `baseUrl`: the database
 * writes messages without knowing where the app is reached, and a relative link opens nothing in
 * a mail client or an SMS. Used when mail is sent and when the console's outbox shows a message.
 */
export function absoluteLinks(body: string, baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, "");
  return body.replace(/^\/\S*$/gm, (path) => `${base}${path}`);
}
