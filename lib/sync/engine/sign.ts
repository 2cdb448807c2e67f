import { createPrivateKey, sign as edSign } from "node:crypto";
import { Webhook } from "standardwebhooks";
import type { DestinationSecrets } from "@/lib/sync/destinations/secrets";

/**
 * Standard Webhooks 1.0 headers for one message. `v1` is HMAC-SHA256 over `id.timestamp.body`
 * with the `whsec_` secret (the reference `standardwebhooks` library signs it); while a rotated-out
 * secret is still valid its `v1` signature is sent too, space-separated, so receivers holding
 * either secret verify. `v1a` is Ed25519 over the same content (the reference libraries do not
 * sign it yet; node:crypto does), verifiable with the destination's `whpk_` public key.
 */
export function signatureHeaders(messageId: string, at: Date, body: string, secrets: DestinationSecrets): Record<string, string> {
  const signatures: string[] = [];
  if (secrets.signingSecret) signatures.push(new Webhook(secrets.signingSecret).sign(messageId, at, body));
  const previous = secrets.previousSigningSecret;
  if (previous && Date.parse(previous.expiresAt) > at.getTime()) signatures.push(new Webhook(previous.secret).sign(messageId, at, body));
  if (secrets.ed25519PrivateKey) {
    const key = createPrivateKey({ key: Buffer.from(secrets.ed25519PrivateKey, "base64"), format: "der", type: "pkcs8" });
    const timestamp = Math.floor(at.getTime() / 1000);
    signatures.push(`v1a,${edSign(null, Buffer.from(`${messageId}.${timestamp}.${body}`, "utf8"), key).toString("base64")}`);
  }
  return {
    "webhook-id": messageId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": signatures.join(" "),
  };
}
