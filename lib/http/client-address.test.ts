import { createServer, request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveClientAddress, SOCKET_ADDRESS_HEADER, truncateAddress } from "./client-address";

describe("truncateAddress", () => {
  it.each([
    ["203.0.113.57", "203.0.113.0"],
    ["2001:db8:85a3:8d3:1319:8a2e:370:7348", "2001:db8:85a3::"],
    ["2001:db8::1", "2001:db8::"],
    [" 198.51.100.7 ", "198.51.100.0"],
    ["not-an-address", undefined],
    [undefined, undefined],
  ])("%s → %s", (input, expected) => {
    expect(truncateAddress(input)).toBe(expected);
  });
});

describe("resolveClientAddress", () => {
  const headers = (values: Record<string, string>) => new Headers(values);

  it("without a trusted proxy: the connection's address, never what the client forwarded", () => {
    const h = headers({ [SOCKET_ADDRESS_HEADER]: "::ffff:203.0.113.9", "x-forwarded-for": "198.51.100.1", "x-real-ip": "198.51.100.2" });
    expect(resolveClientAddress(h, { trustProxy: false, socketKnown: true })).toBe("203.0.113.9");
  });

  it("without the preload the socket header is not believed (a client could have sent it)", () => {
    const h = headers({ [SOCKET_ADDRESS_HEADER]: "203.0.113.9" });
    expect(resolveClientAddress(h, { trustProxy: false, socketKnown: false })).toBeUndefined();
  });

  it("behind a trusted proxy: the address it appended (the last entry), not one the client put first", () => {
    const h = headers({ [SOCKET_ADDRESS_HEADER]: "10.0.0.5", "x-forwarded-for": "198.51.100.1, 203.0.113.77" });
    expect(resolveClientAddress(h, { trustProxy: true, socketKnown: true })).toBe("203.0.113.77");
    expect(resolveClientAddress(headers({ "x-real-ip": "203.0.113.8" }), { trustProxy: true })).toBe("203.0.113.8");
  });

  it("anything that is not an address is no address", () => {
    for (const value of ["evil", "1.2.3.4; drop", "", "::ffff:zz"]) {
      expect(resolveClientAddress(headers({ [SOCKET_ADDRESS_HEADER]: value }), { trustProxy: false, socketKnown: true })).toBeUndefined();
    }
    expect(resolveClientAddress(headers({ [SOCKET_ADDRESS_HEADER]: "2001:DB8::1" }), { trustProxy: false, socketKnown: true })).toBe("2001:db8::1");
  });
});

describe("scripts/socket-address.mjs", () => {
  let server: ReturnType<typeof createServer>;
  let port = 0;

  beforeAll(async () => {
    await import("../../scripts/socket-address.mjs");
    server = createServer((req, res) => res.end(JSON.stringify(req.headers[SOCKET_ADDRESS_HEADER] ?? null)));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function get(spoof: string | string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: "127.0.0.1", port, path: "/", headers: { [SOCKET_ADDRESS_HEADER]: spoof } }, (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () => resolve(JSON.parse(body) as string));
      });
      req.on("error", reject);
      req.end();
    });
  }

  it("replaces whatever the client sent with the connection's address, and marks the process", async () => {
    expect(await get("203.0.113.9")).toBe("127.0.0.1");
    expect(await get(["203.0.113.9", "198.51.100.1"])).toBe("127.0.0.1");
    expect((globalThis as Record<symbol, unknown>)[Symbol.for("consentry.socket-address")]).toBe(true);
  });
});
