import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseSchemaPaths, readSchemaFiles } from "./schema-files";

const CONFIG = (paths: string) => `project_id = "x"

[db]
major_version = 15

[db.migrations]
# comment
schema_paths = [
${paths}
]

[db.seed]
sql_paths = ["./seed.sql"]
`;

describe("schema files", () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function project(paths: string, files: string[]): Promise<string> {
    dir = await mkdtemp(path.join(tmpdir(), "schema-files-"));
    await writeFile(path.join(dir, "config.toml"), CONFIG(paths));
    for (const file of files) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), `-- ${file}\n`);
    }
    return dir;
  }

  it("reads schema_paths from [db.migrations] only, comments ignored", () => {
    expect(parseSchemaPaths(CONFIG(`  "./schemas/a.sql", # "./schemas/not-this.sql"\n  "./schemas/b/*.sql",`))).toEqual([
      "./schemas/a.sql",
      "./schemas/b/*.sql",
    ]);
    expect(() => parseSchemaPaths(`[db]\nmajor_version = 15\n`)).toThrow(/no schema_paths/);
  });

  it("applies files in the listed order, a pattern's files alphabetically, each once", async () => {
    const root = await project(`"./schemas/z.sql",\n"./schemas/t/*.sql",\n"./schemas/t/a.sql",`, [
      "schemas/z.sql",
      "schemas/t/b.sql",
      "schemas/t/a.sql",
    ]);
    const files = await readSchemaFiles(root);
    expect(files.map((file) => file.path)).toEqual(["schemas/z.sql", "schemas/t/a.sql", "schemas/t/b.sql"]);
    expect(files[0]?.sql).toBe("-- schemas/z.sql\n");
  });

  it("refuses a schema file that schema_paths leaves out", async () => {
    const root = await project(`"./schemas/a.sql",`, ["schemas/a.sql", "schemas/tables/new.sql"]);
    await expect(readSchemaFiles(root)).rejects.toThrow("schema_paths does not list schemas/tables/new.sql");
  });
});
