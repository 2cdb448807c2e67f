import { z } from "zod";

/**
 * The one place the environment is read and validated. Everything else imports `env`.
 * Tests have their own variables (see `lib/db/testing/`), read there.
 */
const optionalUrl = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .pipe(z.url().optional());

/** A comma-separated list of HTTP header names, lower-cased; "" means none. */
const headerList = z
  .string()
  .transform((value) => value.split(",").map((name) => name.trim().toLowerCase()).filter((name) => name !== ""))
  .pipe(z.array(z.string().regex(/^[a-z0-9-]{1,100}$/, "an HTTP header name")).max(10));

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** PostgreSQL 15+ (plain or Supabase). Unset: the embedded PGlite database. */
  DATABASE_URL: optionalUrl.optional(),
  /** Where the embedded profile keeps its PGlite files. */
  CONSENTRY_DATA_DIR: z.string().trim().min(1).default(".data/pglite"),
  /** Embedded profile only: seed the demo (people, approved notice, live banner and preference centre, consent history, /demo) into an empty database. */
  CONSENTRY_SEED_DEMO: z.enum(["true", "false"]).default("true").transform((v) => v === "true"),
  /** Public base URL used in links shown to operators (invitations). Unset: taken from the request. */
  CONSENTRY_PUBLIC_URL: optionalUrl.optional(),
  /** Trust X-Forwarded-For / X-Real-IP (set only behind a proxy you control). */
  CONSENTRY_TRUST_PROXY: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
  /** Geo headers a visitor's country is read from, in order (set only those your CDN or proxy writes). */
  CONSENTRY_GEO_HEADERS: headerList.default(["x-vercel-ip-country", "cf-ipcountry"]),
  /** Subdivision headers paired with the country (California is US + CA). */
  CONSENTRY_GEO_SUBDIVISION_HEADERS: headerList.default(["x-vercel-ip-country-region"]),
  /** Supabase profile: both set switch sign-in to Supabase Auth. */
  NEXT_PUBLIC_SUPABASE_URL: optionalUrl.optional(),
  NEXT_PUBLIC_SUPABASE_ANON_KEY: z.string().trim().min(1).optional(),
  /** Legacy HS256 JWT secret of the Supabase project; unset: tokens are checked against the project's JWKS. */
  SUPABASE_JWT_SECRET: z.string().trim().min(16).optional(),
  /** How often expired consents get their `expired` event (in-process in the embedded profile, `npm run expiry` elsewhere). */
  CONSENTRY_EXPIRY_INTERVAL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(300),
  /** Preference centre mail: smtp(s)://user:pass@host:port. Unset: codes only land in the console's outbox. */
  SMTP_URL: z.string().trim().regex(/^smtps?:\/\/\S+$/, "Use smtp://… or smtps://…").optional(),
  /** Sender of preference centre mail, e.g. "Privacy <privacy@example.com>"; required with SMTP_URL. */
  SMTP_FROM: z.string().trim().min(3).max(200).optional(),
  /** Wraps every workspace's data key (32 random bytes, base64). Required with DATABASE_URL; embedded: made in the data folder. */
  CONSENTRY_MASTER_KEY: z.string().trim().min(1).optional(),
  /** During a master key rotation: the key being replaced, until `npm run sync:rotate-master-key` has re-wrapped the data keys. */
  CONSENTRY_MASTER_KEY_PREVIOUS: z.string().trim().min(1).optional(),
  /** Let sync destinations be plain-http loopback addresses (tests, a receiver on this machine). Never in production. */
  CONSENTRY_ALLOW_PRIVATE_DESTINATIONS: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
  /** Run the sync worker inside the app (default in the embedded and dev profiles); "false" when `npm run worker` processes deliver. */
  CONSENTRY_SYNC_IN_PROCESS: z.enum(["true", "false"]).optional().transform((v) => (v === undefined ? undefined : v === "true")),
});

export type Env = z.infer<typeof envSchema>;

function readEnv(): Env {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment configuration:\n${problems}`);
  }
  return parsed.data;
}

export const env = readEnv();

export type DeploymentProfile = "embedded" | "postgres" | "supabase";

export function deploymentProfile(e: Env = env): DeploymentProfile {
  if (e.NEXT_PUBLIC_SUPABASE_URL && e.NEXT_PUBLIC_SUPABASE_ANON_KEY) return "supabase";
  return e.DATABASE_URL ? "postgres" : "embedded";
}

/**
 * The port this server listens on, as Next.js sets it once listening (`next dev`/`next start -p`);
 * read when asked, not at import. Used for the addresses the start-up message prints.
 */
export function listeningPort(): string {
  return process.env.PORT ?? "3000";
}
