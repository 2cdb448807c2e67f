import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DATABASE_URL } from "@/lib/testing/test-env";
import { readMigrations } from "./migrations";
import {
  applyMigrations,
  applySchemaFiles,
  createScratchDatabase,
  dumpSchema,
  schemaDiff,
  type ScratchDatabase,
} from "./schema-comparison";
import { readSchemaFiles, type SchemaFile } from "./schema-files";

// The declarative schema (supabase/schemas) must describe exactly what the migrations build.
// PostgreSQL only: the comparison reads pg_dump, which PGlite has no server for.
const skip = !TEST_DATABASE_URL;
if (skip) console.warn("schema-vs-migrations check SKIPPED: TEST_DATABASE_URL is not set (it needs PostgreSQL and pg_dump).");

const HOW_TO_FIX = `
The database built from supabase/schemas differs from the one built from supabase/migrations
(- migrations, + schema files). Either:
  - you changed a schema file: run \`npm run db:diff -- <name>\` to generate its migration; or
  - a new migration changed the schema: make the same change in supabase/schemas (by hand, or
    by regenerating them from the migrations with the splitter that produced them).
`;

describe.skipIf(skip)("supabase/schemas against supabase/migrations", () => {
  const scratch: ScratchDatabase[] = [];
  let files: SchemaFile[];
  let fromMigrations: Map<string, string>;
  let fromSchemaFiles: Map<string, string>;

  async function build(label: string, apply: (url: string) => Promise<void>): Promise<Map<string, string>> {
    const db = await createScratchDatabase(TEST_DATABASE_URL!, label);
    scratch.push(db);
    await apply(db.url);
    return dumpSchema(db.url);
  }

  beforeAll(async () => {
    files = await readSchemaFiles();
    const migrations = await readMigrations();
    [fromMigrations, fromSchemaFiles] = await Promise.all([
      build("mig", (url) => applyMigrations(url, migrations)),
      build("schema", (url) => applySchemaFiles(url, files)),
    ]);
  });
  afterAll(async () => {
    await Promise.all(scratch.map((db) => db.drop()));
  });

  it("build the same schema", () => {
    // Not two empty dumps: the ledger's entry points are there.
    expect(fromMigrations.get("FUNCTION public.record_browser_consent(text, text, jsonb)")).toContain("consentry.");
    expect([...fromMigrations.keys()].filter((key) => key.startsWith("POLICY ")).length).toBeGreaterThan(50);
    const diff = schemaDiff(fromMigrations, fromSchemaFiles, "migrations", "schema files");
    if (diff) expect.fail(`${HOW_TO_FIX}\n${diff}`);
  });

  it("catches a one-line change in a schema file, naming the object", async () => {
    const altered = files.map((file) => {
      const header = "create or replace function public.record_browser_consent(";
      const at = file.sql.indexOf(header);
      if (at < 0) return file;
      const body = file.sql.indexOf("$$", at) + 2;
      return { ...file, sql: `${file.sql.slice(0, body)}\n  -- one line changed${file.sql.slice(body)}` };
    });
    expect(altered.filter((file, i) => file !== files[i])).toHaveLength(1);
    const fromAltered = await build("alt", (url) => applySchemaFiles(url, altered));
    // Against the unaltered files, so this holds whether or not they match the migrations today.
    const diff = schemaDiff(fromSchemaFiles, fromAltered, "schema files", "altered");
    expect(diff).not.toBeNull();
    expect(diff).toContain("1 object(s) differ:\n  differs: FUNCTION public.record_browser_consent(text, text, jsonb)\n");
    expect(diff).toContain("\n+  -- one line changed\n");
  });
});
