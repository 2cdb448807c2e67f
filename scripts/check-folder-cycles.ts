// No cycles between folders: dependency-cruiser resolves every import of app/, components/ and
// lib/ (tsconfig paths included); this script folds the modules into their folders and fails
// when folders depend on each other in a circle, naming one import per step.
// A folder is a feature: lib/<name> or components/<name> with everything beneath it (lib/sync
// with lib/sync/engine is one), all of app/ (routes import their neighbours' schemas), and each
// file directly in lib/ (lib/env.ts). Tests and test support are left out: nothing imports them.
// Run by `npm run lint` (tsx scripts/check-folder-cycles.ts); `--json` prints the folder graph instead.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cruise } from "dependency-cruiser";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The folder a module belongs to, or null when it is not checked. */
export function folderOf(modulePath: string): string | null {
  if (/\.test\.tsx?$|(^|\/)(testing|test-support|test-fixtures)(\/|\.ts$)/.test(modulePath)) return null;
  const parts = modulePath.split("/");
  if (parts[0] === "app") return "app";
  if ((parts[0] === "lib" || parts[0] === "components") && parts.length >= 2) return parts.slice(0, 2).join("/");
  return null;
}

/** Folder → folders it imports from, each with one import that shows it. */
export type FolderGraph = Map<string, Map<string, string>>;

/** Strongly connected components with more than one folder (Tarjan). */
export function folderCycles(edges: FolderGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const visit = (node: string) => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const target of edges.get(node)?.keys() ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) low.set(node, Math.min(low.get(node)!, index.get(target)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

async function main() {
  process.chdir(root);
  const result = await cruise(
    ["app", "components", "lib"],
    {
      tsConfig: { fileName: "tsconfig.json" },
      tsPreCompilationDeps: true,
      doNotFollow: { path: "node_modules" },
      exclude: { path: "(^|/)(node_modules|lib/embed/dist)/" },
    },
  );
  const edges: FolderGraph = new Map();
  const unresolved: string[] = [];
  if (typeof result.output === "string") throw new Error("dependency-cruiser answered text, not a cruise result");
  for (const cruised of result.output.modules) {
    const from = folderOf(cruised.source);
    if (!from) continue;
    const targets = edges.get(from) ?? new Map<string, string>();
    edges.set(from, targets);
    for (const dependency of cruised.dependencies) {
      // An import of our own code that did not resolve would hide its edge: refuse to judge.
      if (dependency.couldNotResolve && /^(@\/|\.)/.test(dependency.module)) unresolved.push(`${cruised.source} → ${dependency.module}`);
      if (dependency.coreModule || dependency.couldNotResolve || dependency.resolved.includes("node_modules")) continue;
      const to = folderOf(dependency.resolved);
      if (!to || to === from) continue;
      if (!targets.has(to)) targets.set(to, `${cruised.source} → ${dependency.resolved}`);
    }
  }
  if (unresolved.length > 0) {
    console.error(`folder cycles: ${unresolved.length} imports did not resolve, so the graph is incomplete:\n  ${unresolved.slice(0, 20).join("\n  ")}`);
    process.exitCode = 1;
    return;
  }
  if (process.argv.includes("--json")) {
    console.log(JSON.stringify(Object.fromEntries([...edges].map(([from, targets]) => [from, [...targets.keys()].sort()])), null, 2));
    return;
  }
  const cycles = folderCycles(edges);
  if (cycles.length === 0) {
    console.log(`folder cycles: none among ${edges.size} folders`);
    return;
  }
  for (const cycle of cycles) {
    const members = new Set(cycle);
    console.error(`folder cycle: ${cycle.join(", ")}`);
    for (const from of cycle) {
      for (const [to, example] of edges.get(from) ?? []) if (members.has(to)) console.error(`  ${from} → ${to}  (${example})`);
    }
  }
  process.exitCode = 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
