import { describe, expect, it } from "vitest";
import { ownOrigins, requestPublicOrigin } from "./client";
import { isOriginAllowed } from "./cors";

/** A request as Next hands it over: the URL names the address the server listens on, not the visitor's. */
function request(headers: Record<string, string>): Request {
  return new Request("http://localhost:3000/api/v1/consents", { method: "POST", headers });
}

describe("ownOrigins", () => {
  it("counts the address the visitor reached the app at, whatever it is", () => {
    for (const host of ["127.0.0.1:3000", "192.168.1.20:3000", "consent.example.com", "[::1]:3000"]) {
      const own = ownOrigins(request({ host }), { publicUrl: undefined, trustProxy: false });
      expect(isOriginAllowed(`http://${host}`, [], own), host).toBe(true);
      expect(isOriginAllowed(`https://${host}`, [], own), host).toBe(true);
    }
  });

  it("keeps the server's own URL and CONSENTRY_PUBLIC_URL", () => {
    const own = ownOrigins(request({ host: "127.0.0.1:3000" }), { publicUrl: "https://consent.example.com/", trustProxy: false });
    expect(own).toEqual(expect.arrayContaining(["http://localhost:3000", "https://consent.example.com"]));
  });

  it("never counts another site, a different port, or a malformed Host", () => {
    const own = ownOrigins(request({ host: "127.0.0.1:3000" }), { publicUrl: undefined, trustProxy: false });
    expect(isOriginAllowed("https://shop.example", [], own)).toBe(false);
    expect(isOriginAllowed("http://127.0.0.1:4000", [], own)).toBe(false);
    expect(isOriginAllowed("http://127.0.0.1", [], own)).toBe(false);
    const odd = ownOrigins(request({ host: "evil.example/path" }), { publicUrl: undefined, trustProxy: false });
    expect(isOriginAllowed("http://evil.example", [], odd)).toBe(false);
  });

  it("believes a proxy's X-Forwarded-Host only when the proxy is trusted", () => {
    const headers = { host: "app:3000", "x-forwarded-host": "consent.example.com, inner" };
    expect(isOriginAllowed("https://consent.example.com", [], ownOrigins(request(headers), { publicUrl: undefined, trustProxy: false }))).toBe(false);
    expect(isOriginAllowed("https://consent.example.com", [], ownOrigins(request(headers), { publicUrl: undefined, trustProxy: true }))).toBe(true);
  });
});

describe("requestPublicOrigin", () => {
  it("is CONSENTRY_PUBLIC_URL when set, whatever the request says", () => {
    expect(requestPublicOrigin(request({ host: "127.0.0.1:3000" }), { publicUrl: "https://consent.example.com/", trustProxy: false })).toBe("https://consent.example.com");
  });

  it("else the address the browser reached the app at, not the one the server listens on", () => {
    expect(requestPublicOrigin(request({ host: "192.168.1.20:3000" }), { publicUrl: undefined, trustProxy: false })).toBe("http://192.168.1.20:3000");
    expect(requestPublicOrigin(request({ host: "evil.example/path" }), { publicUrl: undefined, trustProxy: false })).toBe("http://localhost:3000");
    expect(requestPublicOrigin(request({}), { publicUrl: undefined, trustProxy: false })).toBe("http://localhost:3000");
  });

  it("believes a proxy's forwarded host and scheme only when the proxy is trusted", () => {
    const headers = { host: "app:3000", "x-forwarded-host": "consent.example.com, inner", "x-forwarded-proto": "https" };
    expect(requestPublicOrigin(request(headers), { publicUrl: undefined, trustProxy: false })).toBe("http://app:3000");
    expect(requestPublicOrigin(request(headers), { publicUrl: undefined, trustProxy: true })).toBe("https://consent.example.com");
  });
});
