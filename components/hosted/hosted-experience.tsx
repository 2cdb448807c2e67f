"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import { ExperienceRenderer, initialChoices, type ButtonAction, type ConsentChoices } from "@/components/renderer";
import type { ContentLocale } from "@/lib/experience";
import { hostedPathIn, uiLocaleFor, type HostedParams } from "@/lib/public/hosted-url";
import type { LiveExperience } from "@/lib/public/live-types";
import type { StoredChoice } from "@/lib/public/stored-choice";
import type { SubmissionAction } from "@/lib/public/submission";
import { GpcNotice } from "./gpc-notice";
import { ChoiceNotRecorded, newDeviceId, pendingChoice, recordHostedChoice, type PendingChoice } from "./record-consent";

export interface HostedExperienceProps {
  live: LiveExperience;
  params: HostedParams;
  /** The visitor's earlier choice on this experience, when it still stands (not stale). */
  stored: StoredChoice | null;
  /** The device id of an earlier choice on this site, if any: the same person keeps one subject. */
  deviceId: string | null;
}

type SaveStatus = "idle" | "saving" | "saved" | "failed";

/** Why the last attempt failed: the server's words, or null when it was not reached. */
interface Failure {
  reason: string | null;
  transient: boolean;
  attempts: number;
}

/** Waits before sending a transiently failed choice again by itself (the person may press "Try again" sooner). */
const RETRY_DELAYS_MS = [3_000, 10_000, 30_000];

const SUBMISSIONS: Partial<Record<ButtonAction, SubmissionAction>> = { accept_all: "accept_all", reject_all: "reject_all", save_choices: "save_choices" };

function withPurposes(choices: ConsentChoices, ids: readonly string[], given: boolean): ConsentChoices {
  return { ...choices, purposes: { ...choices.purposes, ...Object.fromEntries(ids.map((id) => [id, given])) } };
}

/** Where the page starts: the earlier choice if it stands, and a GPC opt-out the server already saw. */
function startingChoices(live: LiveExperience, stored: StoredChoice | null, gpcOptOut: readonly string[]): ConsentChoices {
  let choices = initialChoices(live.document);
  if (stored) choices = withPurposes(withPurposes(choices, stored.given, true), stored.refused, false);
  return withPurposes(choices, gpcOptOut, false);
}

/**
 * A live experience on its hosted page: drawn by THE renderer in live mode, each decision
 * recorded under a random device id kept in a first-party cookie, with a confirmation; a Global
 * Privacy Control signal (Sec-GPC on the server, navigator.globalPrivacyControl here) honoured
 * where the region's rule says so: recorded once per version as a refusal and shown.
 */
export function HostedExperience({ live, params, stored, deviceId: knownDeviceId }: HostedExperienceProps) {
  const t = useTranslations("hosted");
  const gpcApplies = live.rules.gpc === "opt_out_sale_sharing" && live.gpc.optOutPurposeIds.length > 0;
  const [gpcHonoured, setGpcHonoured] = useState(gpcApplies && live.gpc.requestSignal);
  const [choices, setChoices] = useState(() => startingChoices(live, stored, gpcHonoured ? live.gpc.optOutPurposeIds : []));
  const [status, setStatus] = useState<SaveStatus>("idle");
  // Banners and popups leave once the person has decided, as on a website; a preference page stays.
  const [open, setOpen] = useState(true);
  const latest = useRef<StoredChoice | null>(stored);
  const deviceId = useRef<string | null>(knownDeviceId);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const changeRef = useRef<HTMLButtonElement>(null);
  const gpcChecked = useRef(false);

  // The decision not yet recorded: kept as made, sent again (same idempotency key) until it is.
  const pending = useRef<PendingChoice | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [receipt, setReceipt] = useState<{ id: string; token: string } | null>(null);

  const send = useCallback(
    async (choice: PendingChoice): Promise<boolean> => {
      // A GPC signal is recorded without the person doing anything: its notice says enough.
      const announce = choice.action !== "gpc";
      if (announce) setStatus("saving");
      try {
        const recorded = await recordHostedChoice(live, params, choice);
        if (pending.current === choice) pending.current = null;
        if (recorded) latest.current = recorded.stored;
        if (announce) setReceipt(recorded?.receipt ?? null);
        setFailure(null);
        if (announce) setStatus("saved");
        else setStatus((current) => (current === "failed" ? "idle" : current));
        // Banners and popups leave once the decision is recorded; a preference page stays.
        if (announce && live.kind !== "preference_page") setOpen(false);
        return true;
      } catch (error) {
        console.error("[consentry] hosted page:", error);
        // A newer decision replaces an older one still waiting; this one is kept until recorded.
        if (pending.current === null || pending.current === choice) pending.current = choice;
        const known = error instanceof ChoiceNotRecorded ? error : new ChoiceNotRecorded(null, true);
        setFailure((before) => ({ reason: known.reason, transient: known.transient, attempts: (before?.attempts ?? 0) + 1 }));
        setStatus("failed");
        return false;
      }
    },
    [live, params],
  );

  const record = useCallback(
    (action: SubmissionAction, decided: ConsentChoices): Promise<boolean> => {
      deviceId.current ??= newDeviceId();
      const choice = pendingChoice({ action, choices: decided, deviceId: deviceId.current, previous: latest.current });
      pending.current = choice;
      return send(choice);
    },
    [send],
  );

  const retry = useCallback(() => {
    if (pending.current) void send(pending.current);
  }, [send]);

  // A choice that failed for want of a network or a working server is sent again by itself: when
  // the browser is back online, and after a growing wait (a few times, then "Try again" remains).
  useEffect(() => {
    if (!failure?.transient) return;
    window.addEventListener("online", retry);
    const delay = RETRY_DELAYS_MS[failure.attempts - 1];
    const timer = delay === undefined ? undefined : window.setTimeout(retry, delay);
    return () => {
      window.removeEventListener("online", retry);
      window.clearTimeout(timer);
    };
  }, [failure, retry]);

  useEffect(() => {
    const browserSignal = (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true;
    if (gpcChecked.current || !gpcApplies || !(live.gpc.requestSignal || browserSignal)) return;
    gpcChecked.current = true;
    setGpcHonoured(true);
    setChoices((current) => withPurposes(current, live.gpc.optOutPurposeIds, false));
    const previous = latest.current;
    const recordedForThisVersion = previous?.gpc === true && previous.experience === live.publicId && previous.versionNumber === live.versionNumber;
    if (!recordedForThisVersion) void record("gpc", initialChoices(live.document));
  }, [gpcApplies, live, record]);

  // Keyboard and screen-reader users are not left on a control that has gone: the confirmation if
  // there is one, else the way back to the choices.
  useEffect(() => {
    if (!open) (statusRef.current?.textContent ? statusRef.current : changeRef.current)?.focus();
  }, [open]);

  // In a popup, a failed save is said at its top, perhaps scrolled out of sight on a phone: focus
  // goes there, so it is seen and heard, with "Try again" the next stop.
  const failedInPopup = status === "failed" && open && live.kind === "popup";
  useEffect(() => {
    if (failedInPopup) statusRef.current?.focus();
  }, [failedInPopup, failure]);

  const onAction = (action: ButtonAction, decided: ConsentChoices) => {
    if (action === "close" && live.kind !== "preference_page") setOpen(false);
    const submission = SUBMISSIONS[action];
    if (!submission) return;
    setChoices(decided);
    void record(submission, decided);
  };

  const onLocaleChange = (locale: ContentLocale) => window.location.assign(hostedPathIn(live.publicId, params, locale));

  const statusBox = (
    <div className={status === "idle" ? "sr-only" : statusClass(status)}>
      <p ref={statusRef} tabIndex={-1} role="status" data-testid="hosted-status" className="focus:outline-3 focus:outline-sky-600">
        {status === "idle" ? "" : status === "failed" ? failedMessage(t, failure) : t(`status.${status}`)}
      </p>
      {status === "saved" ? <AfterSaving live={live} receipt={receipt} /> : null}
      {status === "failed" ? (
        <button type="button" onClick={retry} className="mt-2 min-h-11 rounded-md border border-red-800 bg-white px-4 py-2 font-medium text-red-900 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-sky-600">
          {t("retry")}
        </button>
      ) : null}
    </div>
  );
  // An open popup is modal and keeps focus inside: what it says about a save, and "Try again",
  // must be inside it too, or a keyboard can never reach them.
  const statusInDialog = open && live.kind === "popup";

  return (
    <div className="flex flex-1 flex-col">
      <div className="mx-auto flex w-full max-w-2xl flex-col gap-3 px-4 pt-2">
        {gpcHonoured ? <GpcNotice live={live} /> : null}
        {statusInDialog ? null : statusBox}
        {!open ? (
          <button ref={changeRef} type="button" onClick={() => setOpen(true)} className="self-start rounded-md border border-slate-400 bg-white px-4 py-2 font-medium focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-sky-600">
            {t("change")}
          </button>
        ) : null}
      </div>
      {open ? (
        <div className="relative flex-1" style={{ minHeight: live.kind === "preference_page" ? undefined : "60vh" }}>
          <ExperienceRenderer
            document={live.document}
            locale={live.locale}
            mode="live"
            catalog={live.catalog}
            notices={live.notices}
            choices={choices}
            onChoicesChange={setChoices}
            onAction={onAction}
            onLocaleChange={onLocaleChange}
            gpcOptOut={gpcHonoured ? live.gpc.optOutPurposeIds : undefined}
            status={statusInDialog ? statusBox : undefined}
            contained
          />
        </div>
      ) : null}
    </div>
  );
}

/**
 * After a save: the receipt of what was recorded, and the way back to one's choices later (the
 * preference centre), rather than one line that leaves the person nowhere to go.
 */
function AfterSaving({ live, receipt }: { live: LiveExperience; receipt: { id: string; token: string } | null }) {
  const t = useTranslations("hosted");
  const base = `/${uiLocaleFor(live.locale)}/p/${live.publicId}`;
  const link = "inline-flex min-h-11 items-center font-medium text-sky-900 underline underline-offset-2 focus-visible:outline-3 focus-visible:outline-sky-600";
  return (
    <ul className="mt-1 flex flex-wrap gap-x-4">
      {receipt ? (
        <li>
          <a href={`${base}/receipts/${receipt.id}?token=${encodeURIComponent(receipt.token)}`} className={link}>
            {t("receipt")}
          </a>
        </li>
      ) : null}
      <li>
        <a href={`${base}/manage`} className={link}>
          {t("manage")}
        </a>
      </li>
    </ul>
  );
}

function statusClass(status: SaveStatus): string {
  const tone = status === "failed" ? "border-red-700 bg-red-50 text-red-900" : "border-emerald-700 bg-emerald-50 text-emerald-950";
  return `rounded-md border px-4 py-2 ${tone}`;
}

/** "Not saved", why (the server's own words, or "not reached"), and that the choice is kept. */
function failedMessage(t: ReturnType<typeof useTranslations<"hosted">>, failure: Failure | null): string {
  const reason = failure?.reason ?? t("status.unreachable");
  return t(failure?.transient === false ? "status.refused" : "status.failed", { reason });
}
