import { describe, expect, it } from "vitest";
import { controllerIn, controllerTextsFormSchema, controllerTextsFromForm } from "./controller";

const workspace = {
  legalEntityName: "Acme Tea (Shanghai) Co., Ltd.",
  contactAddress: "privacy@acme.example",
  legalEntityNames: { "zh-CN": "艾克米茶（上海）有限公司", "zh-TW": "艾克米茶（上海）有限公司" },
  contactAddresses: { "zh-CN": "上海市静安区 privacy@acme.example" },
};

describe("controllerIn (mirrors private.controller_text)", () => {
  it("uses the language's own name, zh-HK falls back to zh-TW, others to the main name", () => {
    expect(controllerIn(workspace, "zh-CN")).toEqual({ entity: "艾克米茶（上海）有限公司", contact: "上海市静安区 privacy@acme.example" });
    expect(controllerIn(workspace, "zh-HK")).toEqual({ entity: "艾克米茶（上海）有限公司", contact: "privacy@acme.example" });
    expect(controllerIn(workspace, "en")).toEqual({ entity: "Acme Tea (Shanghai) Co., Ltd.", contact: "privacy@acme.example" });
    expect(controllerIn(workspace, "ja").entity).toBe("Acme Tea (Shanghai) Co., Ltd.");
  });
});

describe("the settings form", () => {
  it("keeps what was given and drops blanks", () => {
    const parsed = controllerTextsFormSchema.parse({ "legalEntityName.zh-CN": " 艾克米茶（上海）有限公司 ", "legalEntityName.en": "  ", "contactAddress.zh-TW": "台北" });
    expect(controllerTextsFromForm(parsed)).toEqual({ legalEntityNames: { "zh-CN": "艾克米茶（上海）有限公司" }, contactAddresses: { "zh-TW": "台北" } });
  });
  it("refuses an over-long name", () => {
    expect(controllerTextsFormSchema.safeParse({ "legalEntityName.zh-CN": "x".repeat(201) }).success).toBe(false);
  });
});
