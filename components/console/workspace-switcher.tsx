"use client";

import { useTranslations } from "next-intl";
import { useParams } from "next/navigation";
import { useRouter } from "@/lib/i18n/navigation";

/** Moves between the operator's workspaces; "all workspaces" leads to the list and the create button. */
export function WorkspaceSwitcher({ workspaces }: { workspaces: { id: string; name: string }[] }) {
  const t = useTranslations("console");
  const router = useRouter();
  const { workspaceId } = useParams<{ workspaceId?: string }>();
  if (workspaces.length === 0) return null;
  return (
    <div className="flex items-center gap-2">
      <label htmlFor="workspace-switcher" className="text-sm text-slate-700">
        {t("workspace")}
      </label>
      <select
        id="workspace-switcher"
        value={workspaceId ?? ""}
        onChange={(event) => router.push(event.target.value ? `/w/${event.target.value}` : "/workspaces")}
        className="min-h-10 max-w-56 rounded-md border border-slate-500 bg-white px-2 py-1 text-sm focus-visible:outline-3 focus-visible:outline-sky-600"
      >
        <option value="">{t("allWorkspaces")}</option>
        {workspaces.map((workspace) => (
          <option key={workspace.id} value={workspace.id}>
            {workspace.name}
          </option>
        ))}
      </select>
    </div>
  );
}
