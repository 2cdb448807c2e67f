import { createHash, randomBytes } from "node:crypto";

/** A random bearer secret for a cookie or a link: 256 bits, URL-safe. */
export function newSecretToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What the database stores instead of a token (the same digest SQL computes with sha256()). */
export function tokenDigest(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
