import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as confirmDoubleOptIn } from "@/app/api/v1/double-opt-in/confirm/route";
import { GET as receipt } from "@/app/api/v1/receipts/[receiptId]/route";
import { SOCKET_ADDRESS_HEADER } from "@/lib/http/client-address";
import { createTestDatabase, TEST_TARGETS, type TestDatabase } from "@/lib/testing/databases";
import { useApiDatabaseForTests } from "./context";
import { flushRequestCounts } from "./rate-limit";

/**
 * Issue 15, item 3: without a trusted proxy, anonymous callers are counted per connection
 * address, so one stranger using up a route's limit blocks only themselves — not every person's
 * double opt-in confirmation or receipt.
 */

// What scripts/socket-address.mjs does in the server: the connection's address in its header.
await import("../../scripts/socket-address.mjs");

const STRANGER = "203.0.113.9";
const PERSON = "198.51.100.20";

function confirm(address: string, extra: Record<string, string> = {}) {
  return confirmDoubleOptIn(
    new Request("http://localhost:3000/api/v1/double-opt-in/confirm", {
      method: "POST",
      headers: { "content-type": "application/json", [SOCKET_ADDRESS_HEADER]: address, ...extra },
      body: JSON.stringify({ token: `dt_${"a".repeat(40)}` }),
    }),
  );
}

describe.each(TEST_TARGETS)("anonymous rate limits on $target", ({ target, skip }) => {
  let t: TestDatabase;

  beforeAll(async () => {
    if (skip) return;
    t = await createTestDatabase(target);
    useApiDatabaseForTests(t.db);
    // A small limit for the stranger's network keeps the test short; everybody else has the route's 30.
    await t.superuser.query("insert into private.api_rate_limit_overrides (subject, max_hits) values ('ip:203.0.113.0', 2)");
  }, 120_000);

  afterAll(async () => {
    if (skip) return;
    await flushRequestCounts(t.db);
    useApiDatabaseForTests(null);
    await t.close();
  });

  it.skipIf(skip)("a stranger who uses up the limit blocks only their own address", async () => {
    const stranger = [];
    for (let i = 0; i < 3; i++) stranger.push((await confirm(STRANGER)).status);
    expect(stranger).toEqual([404, 404, 429]);
    // Another person confirming their own link is not refused for it.
    const person = await confirm(PERSON);
    expect(person.status).toBe(404);
    expect(((await person.json()) as { error: { code: string } }).error.code).toBe("confirmation_invalid");
    // Nor does the stranger escape by claiming another address in X-Forwarded-For (no trusted proxy).
    expect((await confirm(STRANGER, { "x-forwarded-for": "192.0.2.1" })).status).toBe(429);
  });

  it.skipIf(skip)("receipts are counted per address too", async () => {
    await t.superuser.query("insert into private.api_rate_limit_overrides (subject, max_hits) values ('ip:192.0.2.0', 1)");
    const read = (address: string) =>
      receipt(new Request("http://localhost:3000/api/v1/receipts/00000000-0000-4000-8000-000000000000", { headers: { [SOCKET_ADDRESS_HEADER]: address } }));
    expect((await read("192.0.2.7")).status).toBe(404);
    expect((await read("192.0.2.7")).status).toBe(429);
    expect((await read("198.51.100.30")).status).toBe(404);
  });
});
