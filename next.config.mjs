import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM and must be loaded by Node at run time, not bundled.
  // The NATS client opens raw sockets; loaded by Node as well.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "@nats-io/transport-node", "@nats-io/jetstream"],
  poweredByHeader: false,
  // Lets several builds live side by side (parallel e2e runs on one checkout use their own).
  distDir: process.env.CONSENTRY_DIST_DIR || ".next",
  // The embedded profile applies the migrations at start-up, so they ship with the server.
  outputFileTracingIncludes: { "/**": ["./supabase/migrations/*.sql"] },
};

export default withNextIntl(nextConfig);
