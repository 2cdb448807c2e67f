/**
 * `npm run db:diff -- <name> [--allow-drops]`: writes supabase/migrations/<UTC timestamp>_<name>.sql,
 * the migration from what supabase/migrations builds to what supabase/schemas declares.
 *
 * Builds both in scratch databases on the PostgreSQL server at DATABASE_URL, else
 * TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres (a superuser: it creates
 * and drops them), diffs them with @pgkit/migra, and checks the result: the migration is applied
 * to the migrations' database and the two are compared again (pg_dump). What migra leaves out is
 * written by lib/db/schema-migration.ts (see there); anything still different is printed and the
 * command fails, leaving the file for you to complete.
 *   --allow-drops  let the migration drop objects (migra refuses destructive statements otherwise)
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { readMigrations } from "@/lib/db/migrations";
import {
  applyMigrations,
  applySchemaFiles,
  createScratchDatabase,
  dumpSchema,
  schemaDiff,
  type ScratchDatabase,
} from "@/lib/db/schema-comparison";
import { readSchemaFiles } from "@/lib/db/schema-files";
import { generateMigration, migrationFileName } from "@/lib/db/schema-migration";

const DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres";

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const allowDrops = args.includes("--allow-drops");
  const names = args.filter((arg) => !arg.startsWith("--"));
  if (names.length !== 1 || !/^[a-z0-9_]{1,80}$/.test(names[0]!)) {
    console.error("Usage: npm run db:diff -- <name> [--allow-drops]   (name: lower-case letters, digits and _, e.g. add_purpose_icon)");
    return 2;
  }
  const server = process.env.DATABASE_URL?.trim() || process.env.TEST_DATABASE_URL?.trim() || DEFAULT_SERVER;
  const [migrations, files] = await Promise.all([readMigrations(), readSchemaFiles()]);
  const scratch: ScratchDatabase[] = [];
  try {
    const [current, declared] = await Promise.all([
      createScratchDatabase(server, "diff_mig"),
      createScratchDatabase(server, "diff_schema"),
    ]);
    scratch.push(current, declared);
    await Promise.all([applyMigrations(current.url, migrations), applySchemaFiles(declared.url, files)]);
    const [before, target] = await Promise.all([dumpSchema(current.url), dumpSchema(declared.url)]);
    if (!schemaDiff(before, target, "migrations", "schema files")) {
      console.error("supabase/schemas and supabase/migrations build the same schema: no migration to write. Edit a file in supabase/schemas first.");
      return 1;
    }

    const { sql, remaining } = await generateMigration({ from: current.url, to: declared.url, target, allowDrops });
    const file = path.join(process.cwd(), "supabase", "migrations", migrationFileName(new Date(), names[0]!, migrations));
    await writeFile(file, sql);
    console.info(`Wrote ${path.relative(process.cwd(), file)}`);
    // The proof, made while generating: the migrations plus this one build what the schema files declare.
    if (remaining) {
      const columnHint = remaining.includes("differs: TABLE ")
        ? "\nA column declared anywhere but last cannot be put there by a migration (PostgreSQL adds columns at the end): declare new columns last.\n"
        : "";
      console.error(`The migration does not reach the declared schema yet; complete it by hand:\n${columnHint}\n${remaining}`);
      return 1;
    }
    console.info("Checked: the migrations plus this one build exactly what supabase/schemas declares. Review it, then commit both.");
    return 0;
  } finally {
    await Promise.all(scratch.map((db) => db.drop()));
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
