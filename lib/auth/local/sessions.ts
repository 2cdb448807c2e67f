import { runAsService } from "@/lib/db/caller";
import type { Claims } from "@/lib/db/caller";
import type { Database } from "@/lib/db/types";
import { newSecretToken, tokenDigest } from "../tokens";
import type { LocalAccount } from "./accounts";

export const SESSION_LIFETIME_SECONDS = 60 * 60 * 24 * 7;

/** Starts a session; the returned token goes into the cookie and nowhere else. */
export async function startLocalSession(db: Database, account: LocalAccount, userAgent?: string): Promise<string> {
  const token = newSecretToken();
  await runAsService(db, "local-accounts", async (sql) => {
    // Expired sessions of this account go as a new one starts: the table does not grow forever.
    await sql.query("delete from local_auth.sessions where account_id = $1 and expires_at < now()", [account.id]);
    await sql.query(
      `insert into local_auth.sessions (token_hash, account_id, expires_at, user_agent)
       values ($1, $2, now() + make_interval(secs => $3), $4)`,
      [tokenDigest(token), account.id, SESSION_LIFETIME_SECONDS, userAgent?.slice(0, 300) ?? null],
    );
  });
  return token;
}

/** The Supabase-shaped claims of a live session, or null when the token is unknown or expired. */
export async function resolveLocalSession(db: Database, token: string): Promise<Claims | null> {
  const [row] = await runAsService(db, "local-accounts", (sql) =>
    sql.query<{ id: string; email: string; expires_at: Date }>(
      `select a.id, a.email, s.expires_at from local_auth.sessions s
       join local_auth.accounts a on a.id = s.account_id
       where s.token_hash = $1 and s.expires_at > now()`,
      [tokenDigest(token)],
    ),
  );
  if (!row) return null;
  return {
    sub: row.id,
    email: row.email,
    role: "authenticated",
    aud: "authenticated",
    exp: Math.floor(new Date(row.expires_at).getTime() / 1000),
    amr: [{ method: "password" }],
  };
}

export async function endLocalSession(db: Database, token: string): Promise<void> {
  await runAsService(db, "local-accounts", (sql) =>
    sql.query("delete from local_auth.sessions where token_hash = $1", [tokenDigest(token)]),
  );
}
