import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${PORT}`;
// The default port keeps the default folders; another port gets its own build and database, so
// two runs on one checkout do not trample each other.
const DIST_DIR = PORT === 3100 ? ".next" : `.next-e2e-${PORT}`;
const DATA_DIR = `.data/e2e-${PORT}`;
// A second server from the same build, on its own port and database, WITH the demo seed: what
// `npm run dev` gives a newcomer (e2e/demo.spec.ts). Every other spec runs without it.
export const DEMO_PORT = PORT + 50;
const DEMO_DATA_DIR = `.data/e2e-${DEMO_PORT}`;
// Debian's Chromium here; elsewhere Playwright's own browser (`npx playwright install chromium`).
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "e2e",
  outputDir: PORT === 3100 ? "test-results" : `test-results-${PORT}`,
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: PORT === 3100 ? "playwright-report" : `playwright-report-${PORT}` }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [
    { name: "chromium", testIgnore: /demo\.spec\.ts$/, use: { ...devices["Desktop Chrome"] } },
    { name: "demo", testMatch: /demo\.spec\.ts$/, use: { ...devices["Desktop Chrome"], baseURL: `http://localhost:${DEMO_PORT}` } },
  ],
  // Production builds on fresh embedded databases, as `npm run build && npm start` serves them.
  // Playwright starts these in order, so the demo server reuses the build the first one made.
  webServer: [
    {
      command: `rm -rf ${DATA_DIR} && npm run build && node scripts/serve.mjs -p ${PORT}`,
      url: `${baseURL}/api/health`,
      timeout: 600_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: { CONSENTRY_DATA_DIR: DATA_DIR, CONSENTRY_DIST_DIR: DIST_DIR, CONSENTRY_SEED_DEMO: "false", NODE_ENV: "production" },
    },
    {
      command: `rm -rf ${DEMO_DATA_DIR} && node scripts/serve.mjs -p ${DEMO_PORT}`,
      url: `http://localhost:${DEMO_PORT}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: { CONSENTRY_DATA_DIR: DEMO_DATA_DIR, CONSENTRY_DIST_DIR: DIST_DIR, CONSENTRY_SEED_DEMO: "true", NODE_ENV: "production" },
    },
  ],
});
