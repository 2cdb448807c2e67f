import { describe, expect, it } from "vitest";
import { SUPPORTED_CONTENT_LOCALES } from "@/lib/experience";
import { languageName } from "./language-name";
import { routing } from "./routing";

describe("languageName", () => {
  it("names every supported content language in every console language, without platform data", () => {
    for (const ui of routing.locales) {
      for (const code of SUPPORTED_CONTENT_LOCALES) {
        const name = languageName(code, ui);
        expect(name, `${code} in ${ui}`).not.toBe(code);
        if (ui !== "en") expect(name, `${code} in ${ui}`).toMatch(/\p{Script=Han}/u);
      }
    }
    expect(languageName("zh-HK", "en")).toBe("Chinese (Hong Kong)");
  });

  it("falls back to CLDR for languages outside the fixed list", () => {
    expect(languageName("it", "en")).toBe("Italian");
  });
});
