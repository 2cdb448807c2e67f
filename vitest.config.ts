import path from "node:path";
import { defineConfig } from "vitest/config";

// Vitest 5 prints failures with Map.groupBy (Node 21+). On Node 20 the reporter itself would
// crash and hide the failure, so the main process gets the standard method here.
if (typeof (Map as { groupBy?: unknown }).groupBy !== "function") {
  Object.defineProperty(Map, "groupBy", {
    value<K, V>(items: Iterable<V>, keyOf: (item: V, index: number) => K): Map<K, V[]> {
      const groups = new Map<K, V[]>();
      let index = 0;
      for (const item of items) {
        const key = keyOf(item, index++);
        const group = groups.get(key);
        if (group) group.push(item);
        else groups.set(key, [item]);
      }
      return groups;
    },
  });
}

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname), "server-only": path.resolve(import.meta.dirname, "lib/testing/server-only-stub.ts") } },
  test: {
    include: ["{lib,components,app,scripts}/**/*.test.{ts,tsx}"],
    environment: "node",
    // Database suites open PGlite (≈ 2 s to initdb) and create PostgreSQL databases.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ["lib/testing/global-setup.ts"],
  },
});
