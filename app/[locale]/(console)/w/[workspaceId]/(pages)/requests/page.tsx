import { getFormatter, getTranslations } from "next-intl/server";
import { setDataRequestStatusAction } from "@/lib/actions/console/preference-centre";
import { ActionForm } from "@/components/ui/action-form";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { readAsOperator, workspaceForPage } from "@/lib/console/operator";
import { Link } from "@/lib/i18n/navigation";
import { listDataSubjectRequests } from "@/lib/preference-centre/requests";
import { DATA_REQUEST_STATUSES } from "@/lib/preference-centre/types";
import { CAN } from "@/lib/tenancy/schemas";

type Props = { params: Promise<{ locale: string; workspaceId: string }> };

export async function generateMetadata({ params }: Props) {
  const t = await getTranslations({ locale: (await params).locale, namespace: "dataRequests" });
  return { title: t("title") };
}

/** Requests for access, deletion or correction made in the preference centre. Owners, admins and legal. */
export default async function DataRequestsPage({ params }: Props) {
  const { workspaceId } = await params;
  const workspace = await workspaceForPage(workspaceId);
  const [t, kinds, statuses] = await Promise.all([
    getTranslations("dataRequests"),
    getTranslations("preferenceCentre.requestKinds"),
    getTranslations("preferenceCentre.requestStatuses"),
  ]);
  if (!CAN.readAudit(workspace.myRole)) return <p className="rounded-md border border-slate-300 bg-white p-4">{t("rolesOnly")}</p>;
  const [requests, format] = await Promise.all([readAsOperator((sql) => listDataSubjectRequests(sql, workspace.id)), getFormatter()]);
  const when = (date: Date) => format.dateTime(new Date(date), { dateStyle: "medium", timeStyle: "short" });
  return (
    <>
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        {CAN.manageMembers(workspace.myRole) ? (
          <Link href={`/w/${workspace.id}/outbox`} className="text-sky-800 underline underline-offset-2 focus-visible:outline-3 focus-visible:outline-sky-600">
            {t("outboxLink")}
          </Link>
        ) : null}
      </div>
      <p className="text-slate-700">{t("intro")}</p>
      {requests.length === 0 ? (
        <p className="text-slate-700">{t("empty")}</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {requests.map((request) => (
            <li key={request.id} className="flex flex-col gap-2 rounded-lg border border-slate-300 bg-white p-4" data-testid="data-request-row">
              <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
                <span className="font-medium">{kinds(request.kind)}</span>
                <span className="rounded-full border border-slate-500 px-2 py-0.5 text-sm" data-testid="data-request-status">
                  {statuses(request.status)}
                </span>
                <span className="text-sm text-slate-700">{t("received", { date: when(request.createdAt) })}</span>
              </div>
              <p className="text-sm text-slate-700">
                {t("subject", { kind: request.identifierKind })} <code className="break-all">{request.subjectId}</code>
              </p>
              {request.note ? <p className="whitespace-pre-wrap rounded-md bg-slate-50 p-2 text-sm">{request.note}</p> : null}
              {request.handledAt || request.handledByEmail ? (
                <p className="text-sm text-slate-700">
                  {t("handled", { who: request.handledByEmail ?? "—", date: when(request.handledAt ?? request.updatedAt) })}
                </p>
              ) : null}
              <ActionForm action={setDataRequestStatusAction} hidden={{ workspaceId: workspace.id, requestId: request.id }} className="flex flex-wrap items-end gap-3" success={t("saved")} label={t("updateLabel", { kind: kinds(request.kind) })}>
                <SelectField label={t("status")} name="status" defaultValue={request.status} options={DATA_REQUEST_STATUSES.map((status) => ({ value: status, label: statuses(status) }))} />
                <div className="flex min-w-48 flex-1 flex-col gap-1">
                  <label htmlFor={`note-${request.id}`} className="text-sm font-medium">
                    {t("responseNote")}
                  </label>
                  <input id={`note-${request.id}`} name="responseNote" defaultValue={request.responseNote ?? ""} maxLength={2000} className="min-h-10 rounded-md border border-slate-500 bg-white px-3 py-2 focus-visible:outline-3 focus-visible:outline-sky-600" />
                </div>
                <SubmitButton pendingLabel={t("working")}>{t("update")}</SubmitButton>
              </ActionForm>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
