"use client";

import { useTranslations } from "next-intl";
import { REGION_CODES, type RegionCode } from "@/lib/experience";
import { useDesigner } from "./designer-context";

/** Which region the canvas previews: "All regions (shared)" edits the shared design. */
export function RegionPicker() {
  const t = useTranslations("regions");
  const { state, dispatch, announce } = useDesigner();
  return (
    <div className="flex items-center gap-2">
      <label htmlFor="preview-region" className="text-sm">
        {t("designer.region")}
      </label>
      <select
        id="preview-region"
        className="min-h-10 rounded-md border border-slate-500 px-2 text-sm focus-visible:outline-3 focus-visible:outline-sky-600"
        value={state.previewRegion ?? ""}
        onChange={(event) => {
          const region = event.target.value === "" ? null : (event.target.value as RegionCode);
          dispatch({ type: "set_preview_region", region });
          announce(region ? t("designer.previewing", { region: t(`names.${region}`) }) : t("designer.allRegions"));
        }}
      >
        <option value="">{t("designer.allRegions")}</option>
        {REGION_CODES.map((code) => (
          <option key={code} value={code}>
            {t(`names.${code}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
