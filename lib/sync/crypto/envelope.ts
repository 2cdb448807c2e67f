import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * AES-256-GCM in one self-contained blob: iv (12 bytes) || tag (16) || ciphertext. `context`
 * is bound as additional data, so a blob moved to another row (another destination, another
 * workspace) no longer opens.
 */
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function seal(key: Buffer, plaintext: Buffer, context: string): Buffer {
  if (key.length !== 32) throw new Error("AES-256-GCM needs a 32-byte key");
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
}

/** Opens a blob made by seal with the same key and context; throws when either differs or it was altered. */
export function open(key: Buffer, sealed: Buffer, context: string): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new Error("sealed blob too short");
  const decipher = createDecipheriv("aes-256-gcm", key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}

/** Names a master key without revealing it: the first 16 hex digits of its SHA-256. */
export function masterKeyId(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 16);
}

/** A 32-byte key from its base64 (or base64url) text; throws on anything else. */
export function parseKey(text: string): Buffer {
  const key = Buffer.from(text.trim(), text.includes("-") || text.includes("_") ? "base64url" : "base64");
  if (key.length !== 32) throw new Error("a master key is 32 random bytes in base64 (openssl rand -base64 32)");
  return key;
}
