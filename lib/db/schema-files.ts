import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/**
 * The declarative schema (supabase/schemas): the schema's current definition, applied in the
 * order `[db.migrations] schema_paths` of supabase/config.toml gives, as the Supabase CLI does.
 * Development tooling only (npm run db:diff, the schema-vs-migrations check); the app applies
 * supabase/migrations (lib/db/migrations.ts).
 */
export const SUPABASE_DIR = path.join(process.cwd(), "supabase");

export interface SchemaFile {
  /** Relative to supabase/, e.g. `schemas/tables/public.profiles.sql`. */
  path: string;
  sql: string;
}

/** The `schema_paths` entries of `[db.migrations]`, as written (relative to supabase/). */
export function parseSchemaPaths(configToml: string): string[] {
  const section = /^\[db\.migrations\][^\S\n]*$([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(configToml)?.[1];
  const list = section && /^schema_paths\s*=\s*\[([\s\S]*?)\]/m.exec(section)?.[1];
  if (list === undefined || list === null) throw new Error("supabase/config.toml: no schema_paths under [db.migrations]");
  const withoutComments = list.replace(/#[^\n]*/g, "");
  return [...withoutComments.matchAll(/"([^"]+)"/g)].map((match) => match[1]!);
}

/**
 * Every schema file in `schema_paths` order. An entry may end in a `*.sql` pattern (its folder's
 * files, alphabetically); a file named twice is applied once, where it first appears. A .sql file
 * under schemas/ that no entry names is an error: it would silently be left out.
 */
export async function readSchemaFiles(supabaseDir: string = SUPABASE_DIR): Promise<SchemaFile[]> {
  const entries = parseSchemaPaths(await readFile(path.join(supabaseDir, "config.toml"), "utf8"));
  const ordered: string[] = [];
  for (const entry of entries) {
    const relative = path.posix.normalize(entry);
    const base = path.posix.basename(relative);
    const names = base.includes("*")
      ? (await readdir(path.join(supabaseDir, path.posix.dirname(relative))))
          .filter((name) => globToRegExp(base).test(name))
          .sort()
          .map((name) => path.posix.join(path.posix.dirname(relative), name))
      : [relative];
    for (const name of names) if (!ordered.includes(name)) ordered.push(name);
  }
  const onDisk = (await listSqlFiles(path.join(supabaseDir, "schemas"))).map((file) =>
    path.posix.join("schemas", path.relative(path.join(supabaseDir, "schemas"), file).split(path.sep).join("/")),
  );
  const unlisted = onDisk.filter((file) => !ordered.includes(file));
  if (unlisted.length > 0) {
    throw new Error(`supabase/config.toml: schema_paths does not list ${unlisted.join(", ")} (add each where its dependencies are met)`);
  }
  return Promise.all(ordered.map(async (file) => ({ path: file, sql: await readFile(path.join(supabaseDir, file), "utf8") })));
}

async function listSqlFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await listSqlFiles(full)));
    else if (entry.name.endsWith(".sql")) found.push(full);
  }
  return found;
}

function globToRegExp(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replaceAll("*", "[^/]*")}$`);
}
