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

/** Throttle: this many failures in the window lock sign-in for that email or that address. */
export const SIGN_IN_THROTTLE = { window: "15 minutes", perEmail: 5, perAddress: 30 } as const;

export async function createLocalAccount(db: Database, credentials: Credentials): Promise<LocalAccount> {
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
 * Checks email and password. Failures are recorded and, past the throttle, refused before the
 * password is even checked. An unknown email costs the same work as a wrong password.
 */
export async function authenticateLocalAccount(
  db: Database,
  credentials: Credentials,
  clientAddress: string | undefined,
): Promise<LocalAccount> {
  const found = await runAsService(db, "local-accounts", async (sql) => {
    const [recent] = await sql.query<{ by_email: number; by_address: number }>(
      `select count(*) filter (where email = $1) as by_email,
              count(*) filter (where client_address = $2) as by_address
       from local_auth.sign_in_failures
       where failed_at > now() - $3::interval and (email = $1 or client_address = $2)`,
      [credentials.email, clientAddress ?? null, SIGN_IN_THROTTLE.window],
    );
    if (recent && (recent.by_email >= SIGN_IN_THROTTLE.perEmail || recent.by_address >= SIGN_IN_THROTTLE.perAddress)) {
      throw new ExpectedError("too_many_attempts");
    }
    const [account] = await sql.query<LocalAccount & { password_hash: string }>(
      "select id, email, password_hash from local_auth.accounts where email = $1",
      [credentials.email],
    );
    return account;
  });
  const valid = await verifyPassword(credentials.password, found?.password_hash ?? (await DECOY_PASSWORD_HASH));
  if (!found || !valid) {
    await runAsService(db, "local-accounts", (sql) =>
      sql.query("insert into local_auth.sign_in_failures (email, client_address) values ($1, $2)", [
        credentials.email,
        clientAddress ?? null,
      ]),
    );
    throw new ExpectedError("invalid_credentials");
  }
  return { id: found.id, email: found.email };
}
