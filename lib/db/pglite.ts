import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import type { Database, Sql } from "./types";

/** The embedded profile: PostgreSQL in WebAssembly, persisted in `dataDir` (or in memory). */
export async function openPgliteDatabase(dataDir?: string): Promise<Database> {
  if (dataDir) await mkdir(/*turbopackIgnore: true*/ dataDir, { recursive: true }); // PGlite creates only the last folder
  const pglite = await PGlite.create(dataDir ? { dataDir } : {});
  const wrap = (target: Pick<PGlite, "query" | "exec">): Sql => ({
    async query<Row>(text: string, params: readonly unknown[] = []) {
      const result = await target.query<Row>(text, params as unknown[]);
      return result.rows;
    },
    async exec(script: string) {
      await target.exec(script);
    },
  });
  return {
    kind: "pglite",
    ...wrap(pglite),
    transaction: (work) => pglite.transaction((tx) => work(wrap(tx))),
    async listen(channel, onNotify) {
      const stop = await pglite.listen(channel, onNotify);
      return () => stop();
    },
    close: () => pglite.close(),
  };
}
