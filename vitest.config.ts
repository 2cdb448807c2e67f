import path from "node:path";
import { defineConfig } from "vitest/config";

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
