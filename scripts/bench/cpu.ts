/**
 * Where the machine's CPU went during a measurement, from /proc (Linux): the app server's
 * processes, PostgreSQL's, the load generator (this process: autocannon runs in it) or pgbench,
 * and everything else: the machine's busy time not used by those (other people's builds on a
 * shared machine, processes that came and went). Printed beside each figure so a ceiling can be
 * told from noise.
 */
import { readdirSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

type CpuGroup = "app" | "postgres" | "load" | "other";

interface ProcessTicks {
  comm: string;
  pgrp: number;
  used: number;
  /** PostgreSQL's process title ("postgres: user database …" for a connection). */
  title?: string;
}

function processTicks(): Map<number, ProcessTicks> {
  const processes = new Map<number, ProcessTicks>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    const close = stat.lastIndexOf(")");
    const fields = stat.slice(close + 2).split(" "); // fields[0] is the state (field 3)
    const comm = stat.slice(stat.indexOf("(") + 1, close);
    let title: string | undefined;
    if (comm === "postgres") {
      try {
        title = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      } catch {
        continue;
      }
    }
    processes.set(Number(entry), { comm, pgrp: Number(fields[2]), used: Number(fields[11]) + Number(fields[12]), title }); // utime + stime
  }
  return processes;
}

function machineTicks(): { idle: number; total: number } {
  const [line] = readFileSync("/proc/stat", "utf8").split("\n");
  const values = line!.trim().split(/\s+/).slice(1).map(Number);
  const idle = values[3]! + (values[4] ?? 0); // idle + iowait
  return { idle, total: values.reduce((a, b) => a + b, 0) };
}

/**
 * Starts measuring; the returned function ends it and describes the CPU used meanwhile. Samples
 * every 500 ms and adds up each process's growth between samples, so processes that start or
 * exit during the measurement (pgbench's connections, pooled connections closed when idle) count
 * for the time they ran. PostgreSQL counts as ours for connections to `database` and for the
 * server's own processes (WAL writer, checkpointer …); connections to other databases (other
 * people's tests) are everything else.
 */
export function measureCpu(appGroup: number | undefined, database: string): () => CpuUse {
  // "postgres: 15/main: user database 127.0.0.1(5432) idle" for a connection.
  const connection = /^postgres: (?:\S+: )?\S+ (\S+) (?:\S+\(\d+\)|\[local\])/;
  const isOurPostgres = (title: string) => {
    const match = connection.exec(title.replace(/\0/g, " "));
    return !match || match[1] === database;
  };
  const groupOf = (pid: number, p: ProcessTicks): CpuGroup => {
    if (appGroup !== undefined && p.pgrp === appGroup) return "app";
    if (p.comm === "postgres") return isOurPostgres(p.title ?? "") ? "postgres" : "other";
    return pid === process.pid || p.comm === "pgbench" ? "load" : "other";
  };
  const used: Record<CpuGroup, number> = { app: 0, postgres: 0, load: 0, other: 0 };
  let previous = processTicks();
  const sample = () => {
    const current = processTicks();
    for (const [pid, p] of current) {
      const before = previous.get(pid);
      // A process new since the last sample started within it: all its time is in the window.
      used[groupOf(pid, p)] += before && before.comm === p.comm ? p.used - before.used : p.used;
    }
    previous = current;
  };
  const startedAt = performance.now();
  const machineAtStart = machineTicks();
  const timer = setInterval(sample, 500);
  return () => {
    clearInterval(timer);
    sample();
    const machineAtEnd = machineTicks();
    const busy = 1 - (machineAtEnd.idle - machineAtStart.idle) / Math.max(1, machineAtEnd.total - machineAtStart.total);
    const seconds = (performance.now() - startedAt) / 1000;
    const coreSeconds = (group: CpuGroup) => Math.max(0, used[group]) / TICKS_PER_SECOND;
    return { seconds, busyCoreSeconds: busy * availableParallelism() * seconds, app: coreSeconds("app"), postgres: coreSeconds("postgres"), load: coreSeconds("load") };
  };
}

/** CPU time (core-seconds) over a measurement's wall-clock seconds. */
export interface CpuUse {
  seconds: number;
  busyCoreSeconds: number;
  app: number;
  postgres: number;
  load: number;
}

/** One line for one or more measurements (interleaved slices of the same figure add up). */
export function describeCpu(uses: readonly CpuUse[]): string {
  const sum = (pick: (use: CpuUse) => number) => uses.reduce((total, use) => total + pick(use), 0);
  const seconds = sum((u) => u.seconds);
  const cores = (pick: (use: CpuUse) => number) => sum(pick) / seconds;
  const ours = cores((u) => u.app + u.postgres + u.load);
  const machine = availableParallelism();
  const busy = cores((u) => u.busyCoreSeconds);
  const f = (n: number) => n.toFixed(2);
  return `CPU ${Math.round((busy / machine) * 100)}% busy of ${machine} cores: app ${f(cores((u) => u.app))}, postgres ${f(cores((u) => u.postgres))}, load generator ${f(cores((u) => u.load))}, everything else ${f(Math.max(0, busy - ours))} cores`;
}
