import { describe, expect, it } from "vitest";
import { normaliseOrigin } from "./allowed-origins";

describe("normaliseOrigin", () => {
  it.each([
    ["https://shop.example.com", "https://shop.example.com"],
    ["https://shop.example.com/", "https://shop.example.com"],
    ["http://localhost:4100", "http://localhost:4100"],
    ["HTTPS://Shop.Example.com:443", "https://shop.example.com"],
    ["https://shop.example.com/path", null],
    ["https://*.example.com", null],
    ["javascript:alert(1)", null],
    ["ftp://example.com", null],
    ["https://user:pw@example.com", null],
    ["example.com", null],
  ])("%s → %s", (input, expected) => {
    expect(normaliseOrigin(input)).toBe(expected);
  });
});
