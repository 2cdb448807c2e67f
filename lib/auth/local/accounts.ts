import { z } from "zod";
import { runAsService } from "@/lib/db/caller";
import type { Database } from "@/lib/db/types";
import { ExpectedError } from "@/lib/errors";
import { DECOY_PASSWORD_HASH, hashPassword, verifyPassword } from "../password";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email().max(320)),
  password: z.string().min(10, "password_too_short").max(200),
});
export type Credentials = z.infer<typeof credentialsSchema>;

/** Signing in checks only the shape: a password rule raised later must not lock old accounts out. */
export const signInSchema = credentialsSchema.extend({ password: z.string().min(1).max(200) });

export interface LocalAccount {
  id: string;
  email: string;
}

/**
 * Sign-in throttling, decided in the database (local_auth.sign_in_gate, migration
 * 20261208030000): a client (address) is locked after `perClient` failures on any accounts; an
 * account is only slowed after `freePerAccount` failures (5 s, doubling, at most
 * `maxAccountDelaySeconds` between attempts), so a stranger cannot lock its owner out. A client
 * quiet for `quietMinutes` starts afresh. Sign-up: `signUpsPerClientPerHour` accounts per client
 * (an office behind one address signs up a team; a script enumerating addresses is slowed).
 */
export const SIGN_IN_THROTTLE = { quietMinutes: 15, perClient: 30, freePerAccount: 5, maxAccountDelaySeconds: 30, signUpsPerClientPerHour: 50 } as const;

export async function createLocalAccount(db: Database, credentials: Credentials, clientAddress?: string): Promise<LocalAccount> {
  const [gate] = await runAsService(db, "local-accounts", (sql) =>
    sql.query<{ allowed: boolean }>("select local_auth.sign_up_gate($1, $2) as allowed", [clientAddress ?? null, SIGN_IN_THROTTLE.signUpsPerClientPerHour]),
  );
  if (!gate?.allowed) throw new ExpectedError("too_many_attempts");
  const passwordHash = await hashPassword(credentials.password);
  return runAsService(db, "local-accounts", async (sql) => {
    const [account] = await sql.query<LocalAccount>(
      `insert into local_auth.accounts (email, password_hash) values ($1, $2)
       on conflict (email) do nothing returning id, email`,
      [credentials.email, passwordHash],
    );
    if (!account) throw new ExpectedError("email_taken");
    return account;
  });
}

/**
 * Checks email and password. The gate decides first, in one statement under row locks, and
 * counts the attempt as a failure before the password is checked, so concurrent attempts cannot
 * all pass a count taken before any of them failed; a success takes its count back. An unknown
 * email costs the same work as a wrong password.
 */
export async function authenticateLocalAccount(
  db: Database,
  credentials: Credentials,
  clientAddress: string | undefined,
): Promise<LocalAccount> {
  const found = await runAsService(db, "local-accounts", async (sql) => {
    const [gate] = await sql.query<{ verdict: "go" | "client_locked" | "account_slowed"; retry_after: number }>(
      "select * from local_auth.sign_in_gate($1, $2)",
      [credentials.email, clientAddress ?? null],
    );
    if (gate?.verdict !== "go") return { refused: gate?.retry_after ?? 1 } as const;
    const [account] = await sql.query<LocalAccount & { password_hash: string }>(
      "select id, email, password_hash from local_auth.accounts where email = $1",
      [credentials.email],
    );
    return { account } as const;
  });
  // Committed before the slow part: the next attempt already sees this one counted.
  if ("refused" in found) throw new ExpectedError("too_many_attempts", "too_many_attempts", { retryAfterSeconds: found.refused });
  const valid = await verifyPassword(credentials.password, found.account?.password_hash ?? (await DECOY_PASSWORD_HASH));
  const succeeded = Boolean(found.account && valid);
  await runAsService(db, "local-accounts", (sql) =>
    sql.query("select local_auth.sign_in_result($1, $2, $3)", [credentials.email, clientAddress ?? null, succeeded]),
  );
  if (!succeeded) throw new ExpectedError("invalid_credentials");
  return { id: found.account!.id, email: found.account!.email };
}
