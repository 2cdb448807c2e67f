import type { Claims } from "@/lib/db/caller";
import type { Sql } from "@/lib/db/types";

/** Keeps the caller's profile (id and email from their verified claims) in step with their account. */
export async function syncMyProfile(sql: Sql, claims: Claims): Promise<void> {
  await sql.query(
    `insert into public.profiles (id, email) values (auth.uid(), $1)
     on conflict (id) do update set email = excluded.email where profiles.email is distinct from excluded.email`,
    [claims.email ?? ""],
  );
}
