import pg from "pg";
import type { Database, SessionRole, Sql } from "./types";

const INT8_OID = 20;
// int8 as a JavaScript number, as PGlite returns it: counts and sequence numbers stay far below 2^53.
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

const SESSION_ROLES: readonly SessionRole[] = ["service_role", "anon"];
const IDLE_TIMEOUT_MS = 5 * 60_000;

/** The Postgres and Supabase profiles: a pooled connection to `connectionString`. */
export function openPostgresDatabase(connectionString: string, options: { max?: number } = {}): Database {
  const max = options.max ?? 10;
  const openPool = () => {
    // Idle connections stay open for minutes, not pg's 10 seconds: a new connection is a new
    // server process that must compile and plan the ledger's functions again, which showed up
    // as tens of milliseconds on the first requests after every quiet spell (p99 at half load).
    const pool = new pg.Pool({ connectionString, max, types, idleTimeoutMillis: IDLE_TIMEOUT_MS });
    // An idle connection the server closes (restart, failover) must not crash the process;
    // the pool drops it and opens a new one on the next query.
    pool.on("error", (error) => console.error("[consentry] idle database connection lost:", error.message));
    return pool;
  };
  const pool = openPool();
  const listeners = new Set<pg.Client>();
  const wrap = (client: pg.Pool | pg.PoolClient): Sql => ({
    async query<Row>(text: string, params: readonly unknown[] = []) {
      const result = await client.query(text, params as unknown[]);
      return result.rows as Row[];
    },
    async exec(script: string) {
      await client.query(script);
    },
  });

  // Pinned sessions (Database.sessionAs): a pool of their own per role and settings, so no other
  // work ever runs on a connection that holds the role. A connection takes the role on its
  // first use; one whose set-up failed is destroyed, never used as the owner.
  const sessions = new Map<string, Sql>();
  const sessionPools: pg.Pool[] = [];
  function sessionAs(role: SessionRole, settings: Readonly<Record<string, string>>): Sql {
    const key = JSON.stringify([role, settings]);
    const known = sessions.get(key);
    if (known) return known;
    if (!SESSION_ROLES.includes(role)) throw new Error(`no pinned sessions for role ${String(role)}`);
    const sessionPool = openPool();
    sessionPools.push(sessionPool);
    const names = Object.keys(settings);
    const configure = `select ${names.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, false)`).join(", ")}`;
    const values = names.flatMap((name) => [name, settings[name]]);
    const ready = new WeakSet<pg.PoolClient>();
    const run = async (text: string, params: readonly unknown[] | undefined) => {
      const client = await sessionPool.connect();
      if (!ready.has(client)) {
        try {
          await client.query(`set role ${role}`);
          if (names.length > 0) await client.query(configure, values);
          ready.add(client);
        } catch (error) {
          client.release(error as Error);
          throw error;
        }
      }
      try {
        return await client.query(text, params as unknown[] | undefined);
      } finally {
        client.release();
      }
    };
    const sql: Sql = {
      async query<Row>(text: string, params: readonly unknown[] = []) {
        return (await run(text, params)).rows as Row[];
      },
      async exec(script: string) {
        await run(script, undefined);
      },
    };
    sessions.set(key, sql);
    return sql;
  }

  return {
    kind: "postgres",
    ...wrap(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query("begin");
        const result = await work(wrap(client));
        await client.query("commit");
        return result;
      } catch (error) {
        await client.query("rollback").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    sessionAs,
    async listen(channel, onNotify, onError) {
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
      const client = new pg.Client({ connectionString, types });
      listeners.add(client);
      client.on("notification", (message) => {
        if (message.channel === channel) onNotify(message.payload ?? "");
      });
      client.on("error", (error) => {
        listeners.delete(client);
        onError?.(error);
      });
      await client.connect();
      await client.query(`listen ${channel}`);
      return async () => {
        listeners.delete(client);
        await client.end().catch(() => undefined);
      };
    },
    async close() {
      await Promise.all([pool.end(), ...sessionPools.map((p) => p.end()), ...[...listeners].map((c) => c.end().catch(() => undefined))]);
    },
  };
}
