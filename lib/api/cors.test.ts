import { describe, expect, it } from "vitest";
import { isOriginAllowed, normalizeOrigin } from "./cors";
import { toApiError } from "./map-error";

describe("origins", () => {
  it("normalizes http(s) origins and refuses the rest", () => {
    expect(normalizeOrigin("https://Shop.Example:443")).toBe("https://shop.example");
    expect(normalizeOrigin("http://localhost:3000/")).toBe("http://localhost:3000");
    expect(normalizeOrigin("null")).toBeNull();
    expect(normalizeOrigin("file:///etc/passwd")).toBeNull();
    expect(normalizeOrigin("not a url")).toBeNull();
  });

  it("matches exactly, never by prefix or suffix", () => {
    const allowed = ["https://shop.example"];
    expect(isOriginAllowed("https://shop.example", allowed)).toBe(true);
    expect(isOriginAllowed("https://shop.example.evil.test", allowed)).toBe(false);
    expect(isOriginAllowed("http://shop.example", allowed)).toBe(false);
    expect(isOriginAllowed("https://shop.example:8443", allowed)).toBe(false);
    expect(isOriginAllowed(null, allowed)).toBe(false);
    expect(isOriginAllowed("https://app.consentry.test", [], ["https://app.consentry.test"])).toBe(true);
  });
});

describe("toApiError", () => {
  it("maps the ledger's exceptions to API codes and keeps DETAIL", () => {
    const unknownPurpose = toApiError({ message: "consentry.unknown_purpose", code: "P0001", detail: "abc" });
    expect(unknownPurpose?.code).toBe("unknown_purpose");
    expect(unknownPurpose?.status).toBe(422);
    expect(unknownPurpose?.details).toEqual({ value: "abc" });
    expect(toApiError({ message: "consentry.idempotency_mismatch" })?.code).toBe("idempotency_key_reused");
    expect(toApiError({ message: "consentry.idempotency_in_flight" })?.status).toBe(409);
  });

  it("leaves anything unexpected to the 500 path", () => {
    expect(toApiError(new Error("connection refused"))).toBeNull();
    expect(toApiError({ message: "consentry.something_new" })).toBeNull();
    expect(toApiError("boom")).toBeNull();
  });
});
