import type { Claims } from "@/lib/db/caller";
import type { Sql } from "@/lib/db/types";
import type { Locale } from "@/lib/i18n/routing";

/**
 * Keeps the caller's profile (id and email from their verified claims) in step with their account,
 * and remembers `locale`, the console language they signed in with, when given: messages to them
 * (dead-letter alerts) are written in it.
 */
export async function syncMyProfile(sql: Sql, claims: Claims, locale?: Locale): Promise<void> {
  await sql.query(
    `insert into public.profiles (id, email, locale) values (auth.uid(), $1, $2)
     on conflict (id) do update set email = excluded.email, locale = coalesce(excluded.locale, profiles.locale)
     where profiles.email is distinct from excluded.email or profiles.locale is distinct from coalesce(excluded.locale, profiles.locale)`,
    [claims.email ?? "", locale ?? null],
  );
}
