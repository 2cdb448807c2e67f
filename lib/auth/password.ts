import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

// scrypt with N = 2^15, r = 8, p = 1 (OWASP's minimum is N = 2^17 with p = 1 at 64 MiB, or
// equivalent cost; 2^15 keeps sign-in near 50 ms on these 2-core machines). Parameters are
// stored with each hash so they can be raised later without breaking old accounts.
const LOG2_N = 15;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_LENGTH = 32;

function deriveKey(password: string, salt: Buffer, log2N: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, { N: 2 ** log2N, r, p, maxmem: 256 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await deriveKey(password, salt, LOG2_N, BLOCK_SIZE, PARALLELISM);
  return ["scrypt", LOG2_N, BLOCK_SIZE, PARALLELISM, salt.toString("base64"), key.toString("base64")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, log2N, r, p, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !log2N || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, "base64");
  const actual = await deriveKey(password, Buffer.from(salt, "base64"), Number(log2N), Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash of a random password, checked when an email has no account so timing does not tell. */
export const DECOY_PASSWORD_HASH = hashPassword(randomBytes(16).toString("hex"));
