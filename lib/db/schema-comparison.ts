import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { createTwoFilesPatch } from "diff";
import { runMigrations, type Migration } from "./migrations";
import { openPostgresDatabase } from "./postgres";
import type { SchemaFile } from "./schema-files";
import { bootstrapSupabaseShim, quoteIdentifier } from "./supabase-shim";

/**
 * Scratch PostgreSQL databases built from the migrations or from the declarative schema, and
 * their schemas compared: the tooling behind `npm run db:diff` and the schema-vs-migrations check.
 * Needs a PostgreSQL 15+ server reached as a superuser and pg_dump on the PATH.
 */

const run = promisify(execFile);

export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * What Supabase grants on everything its migrating role creates in `public` (so a table or function
 * the schema files make without revoking these is exposed, and the generated migration says so).
 */
const SUPABASE_DEFAULT_PRIVILEGES = `
  alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
  alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
  alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
`;

/**
 * An empty database as Supabase starts one: its roles and auth functions (the shim) and its
 * default privileges. Dropped by `drop()`.
 */
export async function createScratchDatabase(serverUrl: string, label: string): Promise<ScratchDatabase> {
  // The creation time in the name lets a later run clear what a crashed one left (global-setup.ts).
  const name = `consentry_t_${Math.floor(Date.now() / 1000)}_${label}_${randomBytes(3).toString("hex")}`;
  const admin = openPostgresDatabase(serverUrl, { max: 1 });
  try {
    await admin.exec(`create database ${quoteIdentifier(name)}`);
  } finally {
    await admin.close();
  }
  const url = withDatabase(serverUrl, name);
  const db = openPostgresDatabase(url, { max: 1 });
  try {
    await bootstrapSupabaseShim(db);
    await db.exec(SUPABASE_DEFAULT_PRIVILEGES);
  } finally {
    await db.close();
  }
  return {
    name,
    url,
    async drop() {
      const dropper = openPostgresDatabase(serverUrl, { max: 1 });
      try {
        await dropper.exec(`drop database if exists ${quoteIdentifier(name)} with (force)`);
      } finally {
        await dropper.close();
      }
    },
  };
}

/** Applies the migrations, in one transaction (lib/db/migrations.ts). */
export async function applyMigrations(url: string, migrations?: Migration[]): Promise<void> {
  const db = openPostgresDatabase(url, { max: 1 });
  try {
    await runMigrations(db, migrations);
  } finally {
    await db.close();
  }
}

/** Applies the schema files in their order, in one transaction; a failure names the file. */
export async function applySchemaFiles(url: string, files: SchemaFile[]): Promise<void> {
  const db = openPostgresDatabase(url, { max: 1 });
  try {
    await db.transaction(async (tx) => {
      for (const file of files) {
        try {
          await tx.exec(file.sql);
        } catch (error) {
          throw new Error(`supabase/${file.path} failed: ${(error as Error).message}`, { cause: error });
        }
      }
    });
  } finally {
    await db.close();
  }
}

/** Applies one script (a generated migration) in one transaction. */
export async function applySql(url: string, sql: string): Promise<void> {
  const db = openPostgresDatabase(url, { max: 1 });
  try {
    await db.transaction((tx) => tx.exec(sql));
  } finally {
    await db.close();
  }
}

/**
 * `pg_dump --schema-only` of what the project defines (not Supabase's auth schema nor the
 * migration history), as one entry per object ("FUNCTION public.f(text)" → its statements):
 * equal maps mean equal schemas, whatever order the objects were made in. Owners are left out
 * (the migrator owns them on Supabase); privileges are kept, as a set per object.
 */
export async function dumpSchema(url: string): Promise<Map<string, string>> {
  const { stdout } = await run(
    "pg_dump",
    ["--schema-only", "--no-owner", "--exclude-schema=auth", "--exclude-schema=supabase_migrations", `--dbname=${url}`],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const text = stdout
    .split("\n")
    .filter((line) => !line.startsWith("\\restrict") && !line.startsWith("\\unrestrict")) // a random key per dump
    .join("\n");
  const header = /^--\n-- Name: (.*?); Type: (.*?); Schema: (.*?); Owner: .*\n--\n/gm;
  const starts = [...text.matchAll(header)];
  const end = text.indexOf("--\n-- PostgreSQL database dump complete");
  const objects = new Map<string, string>();
  starts.forEach((match, i) => {
    const bodyEnd = i + 1 < starts.length ? starts[i + 1]!.index : end;
    const key = `${match[2]} ${match[3] === "-" ? "" : `${match[3]}.`}${match[1]}`;
    let body = `${text.slice(match.index + match[0].length, bodyEnd).trim()}\n`;
    // One statement per role and object, in the order the grants were made: the set is what counts.
    if (match[2]!.endsWith("ACL")) body = `${body.trim().split("\n").sort().join("\n")}\n`;
    objects.set(key, objects.has(key) ? objects.get(key) + body : body);
  });
  return objects;
}

/**
 * What differs between two dumps, or null when nothing does: the list of objects, then a
 * unified diff of each one's statements.
 */
export function schemaDiff(
  expected: Map<string, string>,
  actual: Map<string, string>,
  expectedName: string,
  actualName: string,
): string | null {
  const keys = [...new Set([...expected.keys(), ...actual.keys()])].sort();
  const differing = keys.filter((key) => expected.get(key) !== actual.get(key));
  if (differing.length === 0) return null;
  const list = differing.map((key) =>
    !actual.has(key) ? `  only in ${expectedName}: ${key}` : !expected.has(key) ? `  only in ${actualName}: ${key}` : `  differs: ${key}`,
  );
  const patches = differing.map((key) =>
    createTwoFilesPatch(`${expectedName}: ${key}`, `${actualName}: ${key}`, expected.get(key) ?? "", actual.get(key) ?? "", undefined, undefined, {
      context: 3,
    }).replace(/^=+\n/, ""),
  );
  return `${differing.length} object(s) differ:\n${list.join("\n")}\n\n${patches.join("\n")}`;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
