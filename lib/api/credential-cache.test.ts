import { afterEach, describe, expect, it, vi } from "vitest";
import type { Database } from "@/lib/db/types";
import { cachedCredential } from "./credential-cache";

const db = {} as Database; // the cache only uses the object's identity

describe("cachedCredential", () => {
  afterEach(() => vi.useRealTimers());

  it("asks once within the lifetime, shares a load in flight, asks again after it", async () => {
    // The clock is moved by hand: no waiting, whatever the machine is doing.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-07T12:00:00Z"));
    let loads = 0;
    const load = async () => ({ n: ++loads });
    const [a, b] = await Promise.all([cachedCredential(db, "k1", load, { ttlSeconds: 0.05 }), cachedCredential(db, "k1", load, { ttlSeconds: 0.05 })]);
    expect(a).toEqual({ n: 1 });
    expect(b).toBe(a);
    vi.setSystemTime(new Date("2026-12-07T12:00:00.049Z"));
    expect(await cachedCredential(db, "k1", load, { ttlSeconds: 0.05 })).toEqual({ n: 1 });
    vi.setSystemTime(new Date("2026-12-07T12:00:00.050Z"));
    expect(await cachedCredential(db, "k1", load, { ttlSeconds: 0.05 })).toEqual({ n: 2 });
  });

  it("never remembers an unknown credential or a failed lookup", async () => {
    let loads = 0;
    expect(await cachedCredential(db, "k2", async () => (++loads, null))).toBeNull();
    await expect(cachedCredential(db, "k2", async () => Promise.reject(new Error(`down ${++loads}`)))).rejects.toThrow("down 2");
    expect(await cachedCredential(db, "k2", async () => ({ n: ++loads }))).toEqual({ n: 3 });
  });

  it("asks again when told to, and keeps the new answer", async () => {
    let loads = 0;
    const load = async () => ({ n: ++loads });
    expect(await cachedCredential(db, "k4", load)).toEqual({ n: 1 });
    expect(await cachedCredential(db, "k4", load, { fresh: true })).toEqual({ n: 2 });
    expect(await cachedCredential(db, "k4", load)).toEqual({ n: 2 });
  });

  it("keeps one cache per database", async () => {
    const other = {} as Database;
    await cachedCredential(db, "k3", async () => "first");
    expect(await cachedCredential(other, "k3", async () => "second")).toBe("second");
  });
});
