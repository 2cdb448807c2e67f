import { describe, expect, it } from "vitest";
import { safeNextPath } from "./next-path";

describe("safeNextPath", () => {
  it.each([
    ["/workspaces", "/workspaces"],
    ["/invitations/abc?x=1", "/invitations/abc?x=1"],
    ["//evil.example/x", null],
    ["/\\evil.example", null],
    ["https://evil.example", null],
    ["javascript:alert(1)", null],
    ["/ok\nLocation: x", null],
    [42, null],
    [null, null],
  ])("%s → %s", (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });
});
