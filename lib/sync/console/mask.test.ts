import { describe, expect, it } from "vitest";
import { maskedExcerpt } from "./mask";

describe("maskedExcerpt", () => {
  it("masks signing secrets, credentials and secret-named values, and keeps the rest", () => {
    const echoed = '{"ok":true,"headers":{"authorization":"Bearer receiver-token","webhook-signature":"v1,abc="},"secret":"whsec_QUJDREVGR0g="}';
    const shown = maskedExcerpt(echoed)!;
    expect(shown).not.toContain("receiver-token");
    expect(shown).not.toContain("QUJDREVGR0g");
    expect(shown).not.toContain("v1,abc=");
    expect(shown).toContain('"ok":true');
    expect(maskedExcerpt("Authorization: Basic dXNlcjpwYXNz")).not.toContain("dXNlcjpwYXNz");
    expect(maskedExcerpt("token=abc123&x=1")).toBe('token="••••"&x=1');
  });

  it("cuts long text and leaves nothing as nothing", () => {
    expect(maskedExcerpt("x".repeat(700))).toHaveLength(601);
    expect(maskedExcerpt("")).toBeNull();
    expect(maskedExcerpt(null)).toBeNull();
  });
});
