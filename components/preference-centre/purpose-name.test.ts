import { describe, expect, it } from "vitest";
import { counterIds, STANDARD_CATALOG } from "@/lib/experience/test-support";
import { purposeIdByKey } from "@/lib/experience/catalog";
import { piplFirstLaunchPopup } from "@/lib/experience/templates";
import { experienceLabels, purposeName } from "./purpose-name";

describe("experienceLabels", () => {
  const document = piplFirstLaunchPopup.create({ ids: counterIds(), locales: ["en", "zh-CN"], defaultLocale: "en", catalog: STANDARD_CATALOG });
  const personalisation = purposeIdByKey(STANDARD_CATALOG, "personalisation")!;

  it("names a purpose as its toggle in the experience did, in the person's language", () => {
    expect(experienceLabels(document, ["en"]).get(personalisation)).toEqual({ text: "Personalised recommendations", lang: "en" });
    expect(experienceLabels(document, ["zh-CN", "en"]).get(personalisation)).toEqual({ text: "个性化推荐", lang: "zh-CN" });
  });

  it("leaves purposes the experience does not label to the catalog's name", () => {
    const unlabelled = {
      ...document,
      blocks: document.blocks.map((block) => (block.type === "purpose_toggle" ? { ...block, label: { en: " " } } : block)),
    };
    expect(experienceLabels(unlabelled, ["en"]).has(personalisation)).toBe(false);
    expect(purposeName({ en: "Personalisation" }, ["en"]).text).toBe("Personalisation");
  });
});
