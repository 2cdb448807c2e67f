import { describe, expect, it } from "vitest";
import { isSameOriginMutation } from "./same-origin";

const request = (method: string, headers: Record<string, string>) => ({
  method,
  headers: new Headers(headers),
  url: "http://localhost:3000/en/workspaces",
});

describe("isSameOriginMutation", () => {
  const direct = { trustForwardedHost: false };
  it.each([
    ["GET from anywhere", request("GET", { origin: "https://evil.example" }), true],
    ["POST from the same origin", request("POST", { origin: "http://localhost:3000", host: "localhost:3000" }), true],
    ["POST with only Sec-Fetch-Site same-origin", request("POST", { "sec-fetch-site": "same-origin", host: "localhost:3000" }), true],
    ["POST from another site", request("POST", { origin: "https://evil.example", host: "localhost:3000" }), false],
    ["POST from another port", request("POST", { origin: "http://localhost:4000", host: "localhost:3000" }), false],
    ["POST marked cross-site", request("POST", { "sec-fetch-site": "cross-site", origin: "http://localhost:3000", host: "localhost:3000" }), false],
    ["POST marked same-site (a sibling subdomain)", request("POST", { "sec-fetch-site": "same-site", host: "localhost:3000" }), false],
    ["POST with neither header", request("POST", { host: "localhost:3000" }), false],
    ["POST with a malformed Origin", request("POST", { origin: "null", host: "localhost:3000" }), false],
    ["DELETE from another site", request("DELETE", { origin: "https://evil.example", host: "localhost:3000" }), false],
  ])("%s → %s", (_case, input, expected) => {
    expect(isSameOriginMutation(input, direct)).toBe(expected);
  });

  it("honours X-Forwarded-Host only behind a trusted proxy", () => {
    const proxied = request("POST", { origin: "https://consent.example.com", host: "10.0.0.5:3000", "x-forwarded-host": "consent.example.com" });
    expect(isSameOriginMutation(proxied, { trustForwardedHost: true })).toBe(true);
    expect(isSameOriginMutation(proxied, direct)).toBe(false);
  });
});
