import pg from "pg";
import { quoteIdentifier } from "@/lib/db/supabase-shim";
import { MIGRATOR_ROLE, TEST_DATABASE_URL } from "./test-env";

/** Once per run: check the PostgreSQL server, create the cluster-wide roles, clear stale databases. */
export default async function setup() {
  if (!TEST_DATABASE_URL) {
    console.warn(
      "\n⚠  TEST_DATABASE_URL is not set: database suites run on PGlite only and their PostgreSQL half is SKIPPED.\n" +
        "   Set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres (as .ci/run does) to run them on PostgreSQL.\n",
    );
    return;
  }
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`TEST_DATABASE_URL is set but PostgreSQL cannot be reached: ${(error as Error).message}`);
  }
  try {
    const [{ server_version_num }] = (await client.query("show server_version_num")).rows as [{ server_version_num: string }];
    if (Number(server_version_num) < 150000) throw new Error(`PostgreSQL 15+ required, found ${server_version_num}`);
    // Roles are shared by the whole cluster: made once here so parallel suites do not race.
    await client.query(`
      do $$ begin
        if not exists (select from pg_roles where rolname = 'anon') then create role anon nologin noinherit; end if;
        if not exists (select from pg_roles where rolname = 'authenticated') then create role authenticated nologin noinherit; end if;
        if not exists (select from pg_roles where rolname = 'service_role') then create role service_role nologin noinherit bypassrls; end if;
        if not exists (select from pg_roles where rolname = '${MIGRATOR_ROLE}') then
          create role ${quoteIdentifier(MIGRATOR_ROLE)} login nosuperuser createdb;
        end if;
      end $$;`);
    // Databases a crashed run left behind (older than an hour: a run in progress keeps its own).
    const leftovers = await client.query<{ datname: string }>("select datname from pg_database where datname like 'consentry\\_t\\_%'");
    const hourAgo = Date.now() / 1000 - 3600;
    for (const { datname } of leftovers.rows) {
      const createdAt = Number(datname.split("_")[2]);
      if (Number.isFinite(createdAt) && createdAt < hourAgo) await client.query(`drop database if exists ${quoteIdentifier(datname)} with (force)`);
    }
  } finally {
    await client.end();
  }
}
