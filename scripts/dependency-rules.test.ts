import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";
import { folderCycles, folderOf, type FolderGraph } from "./check-folder-cycles";

const root = path.resolve(import.meta.dirname, "..");

/** The rule ids ESLint reports for `source` as if it were the file at `filePath` (never written). */
let layerErrors: (filePath: string, source: string) => Promise<string[]>;

beforeAll(async () => {
  const eslint = new ESLint({ cwd: root });
  layerErrors = async (filePath, source) => {
    const [result] = await eslint.lintText(source, { filePath: path.join(root, filePath) });
    return (result?.messages ?? []).filter((message) => message.ruleId === "boundaries/dependencies").map((message) => message.message);
  };
  // Loading the config and its plugins is the slow part: once, here, under the hook's timeout.
  await layerErrors("lib/probe.ts", "export const probe = 1;\n");
});

const importing = (specifier: string, name: string) => `import { ${name} } from "${specifier}";\n\nexport const probe = ${name};\n`;

describe("layer rules (eslint.config.mjs)", () => {
  it("refuses lib importing components, and allows lib importing the renderer's model", async () => {
    expect(await layerErrors("lib/public/probe.ts", importing("@/components/renderer/experience-renderer", "ExperienceRenderer"))).toEqual([
      expect.stringContaining("lib must not import renderer"),
    ]);
    expect(await layerErrors("lib/public/probe.ts", importing("@/lib/renderer-model/choices", "initialChoices"))).toEqual([]);
  });

  it("refuses components importing app, and allows app importing components", async () => {
    expect(await layerErrors("components/ui/probe.ts", importing("@/app/api/v1/consents/schema", "recordConsentBody"))).toEqual([
      expect.stringContaining("components must not import app"),
    ]);
    expect(await layerErrors("app/api/v1/probe.ts", importing("@/components/ui/field", "Field"))).toEqual([]);
  });

  it("keeps the experience document and the renderer free of anything above them", async () => {
    expect(await layerErrors("lib/experience/probe.ts", importing("@/lib/env", "env"))).toEqual([expect.stringContaining("experience must not import lib")]);
    expect(await layerErrors("components/renderer/probe.ts", importing("@/components/ui/field", "Field"))).toEqual([
      expect.stringContaining("renderer must not import components"),
    ]);
    expect(await layerErrors("components/renderer/probe.ts", importing("@/lib/i18n/routing", "routing"))).toEqual([
      expect.stringContaining("renderer must not import lib"),
    ]);
    expect(await layerErrors("components/renderer/probe.ts", importing("@/lib/renderer-model/choices", "initialChoices"))).toEqual([]);
  });

  it("reads relative imports as the folders they reach", async () => {
    expect(await layerErrors("lib/public/probe.ts", importing("../../components/renderer/focus", "trapTab"))).toEqual([
      expect.stringContaining("lib must not import renderer"),
    ]);
  });
});

describe("folder cycles (scripts/check-folder-cycles.ts)", () => {
  const graph = (edges: [string, string][]): FolderGraph => {
    const result: FolderGraph = new Map();
    for (const [from, to] of edges) result.set(from, (result.get(from) ?? new Map()).set(to, `${from}/a.ts → ${to}/b.ts`));
    return result;
  };

  it("finds folders that import each other, however long the way round", () => {
    expect(folderCycles(graph([["lib/db", "lib/demo"], ["lib/demo", "lib/tenancy"], ["lib/tenancy", "lib/db"], ["lib/api", "lib/db"]]))).toEqual([
      ["lib/db", "lib/demo", "lib/tenancy"],
    ]);
    expect(folderCycles(graph([["app", "components/ui"], ["components/ui", "lib/env.ts"], ["app", "lib/env.ts"]]))).toEqual([]);
  });

  it("folds a feature's subfolders into it and leaves tests out", () => {
    expect(folderOf("lib/sync/engine/deliver.ts")).toBe("lib/sync");
    expect(folderOf("lib/env.ts")).toBe("lib/env.ts");
    expect(folderOf("app/[locale]/p/[publicId]/page.tsx")).toBe("app");
    expect(folderOf("components/designer/inspector/inspector.tsx")).toBe("components/designer");
    expect(folderOf("lib/db/caller.db.test.ts")).toBeNull();
    expect(folderOf("lib/testing/databases.ts")).toBeNull();
    expect(folderOf("lib/api/testing/api-fixture.ts")).toBeNull();
    expect(folderOf("lib/renderer-model/test-fixtures.ts")).toBeNull();
  });
});
