"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { saveCentreChoicesAction, signOutOfCentreAction, withdrawAllAction, type ChangeOutcome } from "@/lib/actions/preference-centre";
import { ExperienceRenderer } from "@/components/renderer";
import type { ButtonAction, ConsentChoices, ContentLocale, ExperienceDocument, RendererCatalog, RendererNotice } from "@/components/renderer/types";
import { buttonClass } from "@/components/ui/button-class";
import type { ActionResult } from "@/lib/console/action-result";
import type { CentreChange } from "@/lib/preference-centre/types";
import { changeFromChoices } from "./centre-choices";
import { StatusList, type StatusEntry } from "./status-list";

export interface PreferenceCentreProps {
  publicId: string;
  /** The page's (UI) language, for links. */
  locale: string;
  identifierKind: "email" | "phone";
  document: ExperienceDocument;
  contentLocale: ContentLocale;
  catalog: RendererCatalog;
  notices: Record<string, RendererNotice>;
  initialChoices: ConsentChoices;
  statuses: StatusEntry[];
}

type Outcome = { kind: "saved" | "withdrawn"; result: ActionResult<ChangeOutcome> };

/**
 * The centre: what the person has agreed to (with when and how), "withdraw all" in one click,
 * and the live experience drawn by THE renderer with their choices filled in. Every change is
 * recorded at once and answered with a link to its receipt.
 */
export function PreferenceCentre(props: PreferenceCentreProps) {
  const { publicId, locale } = props;
  const t = useTranslations("preferenceCentre.centre");
  const router = useRouter();
  const [choices, setChoices] = useState<ConsentChoices>(props.initialChoices);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [pending, startTransition] = useTransition();
  const page = { publicId, locale };

  const run = (kind: Outcome["kind"], work: () => Promise<ActionResult<ChangeOutcome>>) =>
    startTransition(async () => {
      const result = await work();
      setOutcome({ kind, result });
      if (result.ok) router.refresh();
    });
  const save = (change: CentreChange) => run("saved", () => saveCentreChoicesAction(page, change));
  const withdrawAll = () => {
    // The switches follow at once: nothing optional stays on.
    setChoices((current) => ({ ...current, purposes: Object.fromEntries(Object.keys(current.purposes).map((id) => [id, false])), topics: [] }));
    run("withdrawn", () => withdrawAllAction(page));
  };
  const onAction = (action: ButtonAction, next: ConsentChoices) => {
    if (action === "reject_all") withdrawAll();
    else if (action === "save_choices" || action === "accept_all") save(changeFromChoices(props.document, next, action === "accept_all" ? "click_accept" : "save"));
  };

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-slate-700">
        <span>{t("confirmedBy", { kind: props.identifierKind })}</span>
        <form action={async () => (await signOutOfCentreAction(), router.refresh())}>
          <button type="submit" className="min-h-11 px-2 text-sky-800 underline underline-offset-2 focus-visible:outline-3 focus-visible:outline-sky-600">
            {t("signOut")}
          </button>
        </form>
      </div>

      <section aria-labelledby="current-choices" className="flex flex-col gap-3">
        <h2 id="current-choices" className="text-lg font-semibold">
          {t("current")}
        </h2>
        <StatusList
          entries={props.statuses}
          pending={pending}
          onWithdraw={(purposeId) => {
            setChoices((current) => ({ ...current, purposes: { ...current.purposes, [purposeId]: false } }));
            save({ method: "toggle", decisions: [{ purposeId, given: false }] });
          }}
        />
      </section>

      <div className="flex flex-col gap-2 rounded-lg border border-red-700 bg-white p-4">
        <button type="button" onClick={withdrawAll} disabled={pending} aria-busy={pending} className={`${buttonClass("danger")} min-h-12 w-full text-base`}>
          {t("withdrawAll")}
        </button>
        <p className="text-sm text-slate-700">{t("withdrawAllHint")}</p>
      </div>

      <OutcomeMessage outcome={outcome} pending={pending} />

      <section aria-labelledby="change-choices" className="flex flex-col gap-3">
        <h2 id="change-choices" className="text-lg font-semibold">
          {t("change")}
        </h2>
        <div className="rounded-lg border border-slate-300 bg-white">
          <ExperienceRenderer
            document={props.document}
            locale={props.contentLocale}
            mode="live"
            catalog={props.catalog}
            notices={props.notices}
            choices={choices}
            onChoicesChange={setChoices}
            onAction={onAction}
            inline
          />
        </div>
      </section>
    </div>
  );
}

function OutcomeMessage({ outcome, pending }: { outcome: Outcome | null; pending: boolean }) {
  const t = useTranslations("preferenceCentre.centre");
  const errors = useTranslations("errors");
  if (pending) return <p role="status" className="text-sm text-slate-700">{t("working")}</p>;
  if (!outcome) return <p role="status" className="sr-only" />;
  const { result } = outcome;
  if (!result.ok) {
    return (
      <p role="alert" className="rounded-md border border-red-700 bg-red-50 p-3 text-sm text-red-900">
        {result.error === "session_invalid" ? t("sessionExpired") : errors(result.error)}
      </p>
    );
  }
  const message = !result.data.changed ? t("unchanged") : outcome.kind === "withdrawn" ? t("withdrawn") : t("saved");
  return (
    <p role="status" className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border border-emerald-700 bg-emerald-50 p-3 text-sm text-emerald-950">
      <span>{message}</span>
      {result.data.receiptHref ? (
        <a href={result.data.receiptHref} className="inline-flex min-h-11 items-center font-medium text-sky-900 underline underline-offset-2 focus-visible:outline-3 focus-visible:outline-sky-600">
          {t("receipt")}
        </a>
      ) : null}
    </p>
  );
}
