/**
 * `npm run serve`: the production server, `next start` in CONSENTRY_WORKERS processes that share
 * one port (node:cluster; the primary hands connections to the workers in turn). One Next
 * process runs its JavaScript on one core; on a machine with more, the public API's throughput
 * grows with the workers (see README, Benchmarks). Arguments go to `next start` (-p, -H).
 *
 *   CONSENTRY_WORKERS  1 (default): a plain `next start`, nothing around it;
 *                      N: N workers, each restarted if it dies; "auto": one per core.
 *
 * Several workers need the Postgres or Supabase profile (DATABASE_URL): the embedded PGlite
 * database lives inside one process and must never be opened by two. Workers share nothing in
 * memory that another needs: rate-limit counts are added to the database every 50 ms, and
 * verified keys are remembered per process for a few seconds (lib/api).
 *
 * Each process preloads scripts/socket-address.mjs, so the app knows every request's own
 * address without a proxy (rate limits per caller, sign-in throttling, audit context).
 *
 * Plain JavaScript, so production needs no TypeScript runner; it reads only its own variable and
 * DATABASE_URL (the app validates the rest in lib/env.ts).
 */
import cluster from "node:cluster";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
// Every request carries its connection's address, which a client cannot forge (see the file).
import "./socket-address.mjs";

const socketAddressPreload = fileURLToPath(new URL("./socket-address.mjs", import.meta.url));

const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const startArgs = ["start", ...process.argv.slice(2)];

function workerCount() {
  const raw = (process.env.CONSENTRY_WORKERS ?? "1").trim();
  const count = raw === "auto" ? availableParallelism() : Number(raw);
  if (!Number.isInteger(count) || count < 1 || count > 64) {
    throw new Error(`CONSENTRY_WORKERS must be a whole number from 1 to 64, or "auto" (got "${raw}")`);
  }
  if (count > 1 && !process.env.DATABASE_URL?.trim()) {
    throw new Error("CONSENTRY_WORKERS above 1 needs DATABASE_URL: the embedded database belongs to one process");
  }
  return count;
}

let workers;
try {
  workers = workerCount();
} catch (error) {
  console.error(`[consentry] ${error.message}`);
  process.exit(1);
}

if (workers === 1) {
  // Exactly `next start`, in this process.
  process.argv = [process.argv[0], nextBin, ...startArgs];
  await import(nextBin);
} else {
  cluster.setupPrimary({ exec: nextBin, args: startArgs, execArgv: [...process.execArgv, "--import", socketAddressPreload] });
  let stopping = false;
  const restarts = [];
  const fork = () => cluster.fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    // A worker that keeps dying at start is a configuration problem: stop instead of looping.
    const now = Date.now();
    restarts.push(now);
    while (restarts.length > 0 && restarts[0] < now - 60_000) restarts.shift();
    if (restarts.length > 3 * workers) {
      console.error("[consentry] workers keep exiting; stopping");
      process.exit(1);
    }
    console.error(`[consentry] worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    fork();
  });
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  console.info(`[consentry] starting ${workers} workers`);
  for (let i = 0; i < workers; i++) fork();
}
