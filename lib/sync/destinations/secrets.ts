import { generateKeyPairSync, randomBytes } from "node:crypto";
import type { Sql } from "@/lib/db/types";
import { open, seal } from "@/lib/sync/crypto/envelope";
import { workspaceDataKey } from "@/lib/sync/crypto/data-keys";

/**
 * Everything secret about a destination, sealed as one blob with the workspace's data key and
 * bound to the destination (AES-GCM additional data), so it cannot be moved to another row.
 */
export interface DestinationSecrets {
  /** Webhooks: the Standard Webhooks `v1` secret (`whsec_` + base64 of 32 bytes). */
  signingSecret?: string;
  /** The secret it replaced, still signed with until `expiresAt` (24 hours after the rotation). */
  previousSigningSecret?: { secret: string; expiresAt: string };
  /** Webhooks: the `v1a` Ed25519 private key, PKCS#8 DER in base64. */
  ed25519PrivateKey?: string;
  /** Webhooks: extra headers sent with every message (a receiver's own token). */
  headers?: Record<string, string>;
  /** NATS: credentials. */
  natsCredentials?: { user: string; pass: string } | { token: string };
}

const context = (workspaceId: string, destinationId: string) => `consentry.destination:${workspaceId}:${destinationId}`;

export async function sealSecrets(sql: Sql, workspaceId: string, destinationId: string, secrets: DestinationSecrets): Promise<Buffer> {
  const key = await workspaceDataKey(sql, workspaceId);
  return seal(key, Buffer.from(JSON.stringify(secrets), "utf8"), context(workspaceId, destinationId));
}

export async function openSecrets(sql: Sql, workspaceId: string, destinationId: string, sealed: Uint8Array): Promise<DestinationSecrets> {
  const key = await workspaceDataKey(sql, workspaceId);
  return JSON.parse(open(key, Buffer.from(sealed), context(workspaceId, destinationId)).toString("utf8")) as DestinationSecrets;
}

export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

/** What the console shows of a secret: its prefix and four characters. */
export function secretHint(secret: string): string {
  return `${secret.slice(0, 10)}…`;
}

/** A fresh Ed25519 pair: the private key for the blob, the public one as `whpk_` + base64 of its 32 raw bytes. */
export function newEd25519Pair(): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const spki = publicKey.export({ format: "der", type: "spki" });
  return {
    privateKey: privateKey.export({ format: "der", type: "pkcs8" }).toString("base64"),
    publicKey: `whpk_${spki.subarray(spki.length - 32).toString("base64")}`,
  };
}
