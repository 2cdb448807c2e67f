import type { Database } from "@/lib/db/types";
import { env, listeningPort } from "@/lib/env";
import { demoGuide } from "./guide";
import { seedDemo } from "./seed";
import { findDemoSite } from "./site";

/** Where this server is reached: CONSENTRY_PUBLIC_URL, else localhost on the port it listens on. */
export function demoBaseUrl(): string {
  return (env.CONSENTRY_PUBLIC_URL ?? `http://localhost:${listeningPort()}`).replace(/\/+$/, "");
}

/**
 * The demo shop (/demo) runs on the app's own origin. Hosted pages count as their own origin,
 * but the embed on /demo records like any site's, so the banner allows the addresses a
 * newcomer opens it at.
 */
export function demoAllowedOrigins(): string[] {
  const port = listeningPort();
  return [...new Set([demoBaseUrl(), `http://localhost:${port}`, `http://127.0.0.1:${port}`])];
}

/**
 * Embedded profile start-up: seeds the demo into an empty database, then says where to look.
 * A failed seed is reported, not fatal: the app itself works without the demo.
 */
export async function startDemo(db: Database): Promise<void> {
  try {
    const seeded = await seedDemo(db, { allowedOrigins: demoAllowedOrigins() });
    const site = seeded?.site ?? (await findDemoSite(db));
    if (site) console.info(demoGuide(site, demoBaseUrl(), seeded ?? undefined));
  } catch (error) {
    console.error(
      `[consentry] The demo could not be seeded; the app works without it. Remove ${env.CONSENTRY_DATA_DIR} to start over, or set CONSENTRY_SEED_DEMO=false.`,
      error,
    );
  }
}
