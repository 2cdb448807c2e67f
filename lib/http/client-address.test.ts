import { describe, expect, it } from "vitest";
import { truncateAddress } from "./client-address";

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
