"use client";

import { useTranslations } from "next-intl";
import { startTransition, useActionState, useEffect, useRef, useState } from "react";
import { createDestinationAction, updateDestinationAction } from "@/lib/actions/console/destinations";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { SelectField } from "@/components/ui/select-field";
import { buttonClass } from "@/components/ui/button-class";
import { Link } from "@/lib/i18n/navigation";
import type { Destination } from "@/lib/sync/destinations";
import { COLLECTION_CHANNELS, CONSENT_STATES, IDENTIFIER_FORMS, IDENTIFIER_KINDS, TOPICS } from "@/lib/sync/destinations/schemas";
import { SecretOnce } from "./secret-once";

const inputClass =
  "min-h-10 rounded-md border border-slate-500 bg-white px-3 py-2 text-slate-900 focus-visible:outline-3 focus-visible:outline-offset-1 focus-visible:outline-sky-600";

/** Checkboxes of one filter; none checked means "all". */
function Choices({ legend, hint, name, options, checked }: { legend: string; hint: string; name: string; options: { value: string; label: string }[]; checked: readonly string[] }) {
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="text-sm font-medium">{legend}</legend>
      <p className="text-sm text-slate-700">{hint}</p>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {options.map((option) => (
          <label key={option.value} className="flex min-h-10 items-center gap-2 text-sm">
            <input type="checkbox" name={name} value={option.value} defaultChecked={checked.includes(option.value)} className="size-5" />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * Creates a destination (webhook or NATS) or edits one: where it goes, which changes (filters:
 * nothing checked means all), and which identifiers leave in what form. Secrets are never shown:
 * on an edit, empty secret fields keep what is stored.
 */
export function DestinationForm({ workspaceId, purposes, destination }: { workspaceId: string; purposes: { key: string; label: string }[]; destination?: Destination }) {
  const t = useTranslations("destinations");
  const records = useTranslations("records");
  const editing = destination !== undefined;
  const [kind, setKind] = useState<"webhook" | "nats">(destination?.kind ?? "webhook");
  const [created, createAction, creating] = useActionState(createDestinationAction, null);
  const [updated, updateAction, updating] = useActionState(updateDestinationAction, null);
  const state = editing ? updated : created;
  const pending = editing ? updating : creating;
  const filters = destination?.filters ?? {};
  const formRef = useRef<HTMLFormElement>(null);
  // Submitted without the form's `action` prop, so a refusal (a filter that would drop
  // withdrawals, an unsafe URL) leaves every field as typed; a created destination clears it.
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => (editing ? updateAction(data) : createAction(data)));
  };
  useEffect(() => {
    if (!editing && created?.ok) formRef.current?.reset();
  }, [editing, created]);
  return (
    <form ref={formRef} onSubmit={submit} className="flex flex-col gap-4" noValidate aria-label={editing ? t("form.editLabel") : t("form.createLabel")}>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      {editing ? <input type="hidden" name="destinationId" value={destination.id} /> : null}
      <Field label={t("form.name")} name="name" required maxLength={120} defaultValue={destination?.name} />
      {editing ? null : (
        <fieldset className="flex flex-col gap-1">
          <legend className="text-sm font-medium">{t("form.kind")}</legend>
          {(["webhook", "nats"] as const).map((value) => (
            <label key={value} className="flex min-h-10 items-center gap-2 text-sm">
              <input type="radio" name="kind" value={value} checked={kind === value} onChange={() => setKind(value)} className="size-5" />
              {t(`kinds.${value}`)}
            </label>
          ))}
        </fieldset>
      )}
      {kind === "webhook" ? (
        <>
          <Field label={t("form.url")} name="url" type="url" required maxLength={2048} defaultValue={destination?.url ?? ""} hint={t("form.urlHint")} />
          <div className="flex flex-col gap-1">
            <label htmlFor="destination-headers" className="text-sm font-medium">{editing ? t("form.headersReplace") : t("form.headers")}</label>
            <textarea id="destination-headers" name="headers" rows={2} className={`${inputClass} font-mono text-sm`} aria-describedby="destination-headers-hint" autoComplete="off" />
            <p id="destination-headers-hint" className="text-sm text-slate-700">
              {editing && destination.headerNames.length > 0 ? t("form.headersCurrent", { names: destination.headerNames.join(", ") }) : t("form.headersHint")}
            </p>
            {editing && destination.headerNames.length > 0 ? (
              <label className="flex min-h-10 items-center gap-2 text-sm">
                <input type="checkbox" name="clearHeaders" className="size-5" />
                {t("form.clearHeaders")}
              </label>
            ) : null}
          </div>
        </>
      ) : (
        <>
          <div className="flex flex-col gap-1">
            <label htmlFor="destination-nats-servers" className="text-sm font-medium">{t("form.natsServers")}</label>
            <textarea id="destination-nats-servers" name="natsServers" rows={2} required className={`${inputClass} font-mono text-sm`} defaultValue={destination?.nats?.servers.join("\n") ?? ""} aria-describedby="destination-nats-servers-hint" />
            <p id="destination-nats-servers-hint" className="text-sm text-slate-700">{t("form.natsServersHint")}</p>
          </div>
          <Field label={t("form.natsSubject")} name="natsSubject" required maxLength={200} defaultValue={destination?.nats?.subject ?? ""} hint={t("form.natsSubjectHint")} />
          <Field label={editing ? t("form.natsTokenReplace") : t("form.natsToken")} name="natsToken" type="password" autoComplete="off" maxLength={1000} />
          {editing ? (
            <label className="flex min-h-10 items-center gap-2 text-sm">
              <input type="checkbox" name="clearCredentials" className="size-5" />
              {t("form.clearCredentials")}
            </label>
          ) : null}
        </>
      )}
      <Choices legend={t("form.topics")} hint={t("form.allWhenNone")} name="topics" options={TOPICS.map((value) => ({ value, label: value }))} checked={filters.topics ?? []} />
      <Choices legend={t("form.states")} hint={t("form.statesHint")} name="states" options={CONSENT_STATES.map((value) => ({ value, label: records(`states.${value}`) }))} checked={filters.states ?? []} />
      <Choices legend={t("form.purposes")} hint={t("form.allWhenNone")} name="purposes" options={purposes.map((p) => ({ value: p.key, label: p.label }))} checked={filters.purposes ?? []} />
      <Choices legend={t("form.channels")} hint={t("form.narrowsGrants")} name="channels" options={COLLECTION_CHANNELS.map((value) => ({ value, label: records(`channels.${value}`) }))} checked={filters.channels ?? []} />
      <Field label={t("form.regions")} name="regions" maxLength={500} defaultValue={filters.regions?.join(", ") ?? ""} hint={t("form.regionsHint")} />
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium">{t("form.policy")}</legend>
        <p className="text-sm text-slate-700">{t("form.policyHint")}</p>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
          {IDENTIFIER_KINDS.map((identifierKind) => (
            <SelectField
              key={identifierKind}
              label={records(`identifierKinds.${identifierKind}`)}
              name={`policy_${identifierKind}`}
              defaultValue={destination?.identifierPolicy[identifierKind] ?? "none"}
              options={[{ value: "none", label: t("forms.none") }, ...IDENTIFIER_FORMS.map((value) => ({ value, label: t(`forms.${value}`) }))]}
            />
          ))}
        </div>
      </fieldset>
      <div>
        <button type="submit" className={buttonClass()} disabled={pending} aria-busy={pending}>
          {pending ? t("working") : editing ? t("form.save") : t("form.create")}
        </button>
      </div>
      <FormAlert state={state} success={editing ? t("form.saved") : undefined} />
      {!editing && created?.ok ? (
        <div role="status" className="flex flex-col gap-2 rounded-md border border-emerald-700 bg-emerald-50 p-3">
          <p className="text-sm font-medium">{t("form.created")}</p>
          {created.data.signingSecret ? <SecretOnce id="new-destination-secret" label={t("secretOnce")} value={created.data.signingSecret} /> : null}
          <Link href={`/w/${workspaceId}/destinations/${created.data.id}`} className="text-sm text-sky-800 underline focus-visible:outline-3 focus-visible:outline-sky-600">
            {t("openCreated")}
          </Link>
        </div>
      ) : null}
    </form>
  );
}
