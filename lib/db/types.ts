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
}
