/**
 * Preloaded into every server process (`node --import ./scripts/socket-address.mjs`, which
 * `npm start`, `npm run serve` and `npm run dev` do): tells the app which address each request's
 * connection comes from. A Next route handler sees only headers, and Next's own
 * `X-Forwarded-For` keeps whatever a client sent, so this sets its own header from the socket on
 * every request, replacing any value a client put there, and marks the process so the app knows
 * the header can be believed. Without this preload the app ignores the header (lib/http/client-address.ts).
 */
import http from "node:http";
import https from "node:https";

export const SOCKET_ADDRESS_HEADER = "x-consentry-socket-address";
const MARK = Symbol.for("consentry.socket-address");

function stamp(request) {
  // Node keeps the last value of a repeated header in `headers`; assigning replaces it outright.
  request.headers[SOCKET_ADDRESS_HEADER] = request.socket?.remoteAddress ?? "";
}

for (const Server of [http.Server, https.Server]) {
  const emit = Server.prototype.emit;
  if (emit[MARK]) continue;
  const patched = function (event, request, ...rest) {
    if (event === "request" && request && typeof request === "object" && request.headers) stamp(request);
    return emit.call(this, event, request, ...rest);
  };
  patched[MARK] = true;
  Server.prototype.emit = patched;
}

globalThis[MARK] = true;
