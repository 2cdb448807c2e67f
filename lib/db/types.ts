/** The smallest surface both PGlite and node-postgres offer; all SQL goes through it. */
export interface Sql {
  /** One parameterised statement ($1, $2 …); returns its rows. */
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /** A script of several statements, no parameters (migrations, bootstrap). */
  exec(script: string): Promise<void>;
}

export interface Database extends Sql {
  readonly kind: "pglite" | "postgres";
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * PostgreSQL only: statements on connections that hold `role` and the `settings` for their
   * whole session, each statement its own transaction: one round trip where a transaction that
   * sets them takes five. For a caller whose every statement runs as the same role (the public
   * API, lib/api/service.ts); PGlite has one connection and no such sessions.
   */
  sessionAs?(role: SessionRole, settings: Readonly<Record<string, string>>): Sql;
  /**
   * LISTEN on `channel`: `onNotify` runs for each NOTIFY committed there (lib/sync wakes its
   * workers this way). Resolves to a function that stops listening. PostgreSQL holds one
   * dedicated connection for it; `onError` hears when that connection is lost (the caller falls
   * back to polling).
   */
  listen(channel: string, onNotify: (payload: string) => void, onError?: (error: Error) => void): Promise<() => Promise<void>>;
}

/** The roles a pinned session may hold (never the owner's, never authenticated: claims differ per person). */
export type SessionRole = "service_role" | "anon";
