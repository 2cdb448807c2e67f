import { getFormatter, getTranslations } from "next-intl/server";
import { allowRefusedOriginAction } from "@/lib/actions/console/integrations";
import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/submit-button";
import type { RefusedOrigin } from "@/lib/experiences/refused-origins";

/**
 * Websites whose embed was refused lately (not allowed yet): the usual reason an embed "does
 * nothing" on a new site. Each can be allowed in one click, by those who may change the origins.
 */
export async function RefusedOrigins({ workspaceId, experienceId, refused, canAllow }: { workspaceId: string; experienceId: string; refused: RefusedOrigin[]; canAllow: boolean }) {
  const [t, format] = await Promise.all([getTranslations("integration.refused"), getFormatter()]);
  return (
    <section aria-labelledby="refused-origins-heading" className="flex flex-col gap-2" data-testid="refused-origins">
      <h3 id="refused-origins-heading" className="font-medium">
        {t("title")}
      </h3>
      {refused.length === 0 ? (
        <p className="text-sm text-slate-700">{t("none")}</p>
      ) : (
        <>
          <p className="text-sm text-slate-700">{t("intro")}</p>
          <ul className="flex flex-col divide-y divide-slate-200 rounded-md border border-slate-300">
            {refused.map((row) => (
              <li key={row.origin} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm" data-testid="refused-origin">
                <span className="flex flex-col">
                  <code className="break-all">{row.origin}</code>
                  <span className="text-slate-700">
                    {t("seen", { count: row.refusals, date: format.dateTime(row.lastRefusedAt, { dateStyle: "medium", timeStyle: "short" }) })}
                  </span>
                </span>
                {canAllow ? (
                  <ActionForm action={allowRefusedOriginAction} hidden={{ workspaceId, experienceId, origin: row.origin }}>
                    <SubmitButton tone="secondary" pendingLabel={t("allowing")}>
                      {t("allow")}
                      {/* Which site, for a screen reader listing the buttons. */}
                      <span className="sr-only"> {row.origin}</span>
                    </SubmitButton>
                  </ActionForm>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
