import { allBlocks, completeChoices } from "@/lib/renderer-model/choices";
import type { ConsentChoices } from "@/lib/renderer-model/types";
import type { LiveExperience } from "./live-types";

/*
 * Pure and tiny on purpose: the embed bundles it (no zod, no React), the hosted page calls it on
 * the server. Only types come from elsewhere, so nothing here runs at import time.
 */

export type SubmissionAction = "accept_all" | "reject_all" | "save_choices" | "gpc";
export type SubmissionIdentifierKind = "email" | "phone" | "member_id" | "device_id" | "wechat_openid" | "wechat_unionid";

export interface SubmissionInput {
  choices: ConsentChoices;
  action: SubmissionAction;
  subject: { kind: SubmissionIdentifierKind; value: string };
  channel?: "web" | "app" | "mini_program" | "store";
  pageUrl?: string;
  /** Only `userAgent` is kept (the ledger's context has no other field); `pageUrl` wins over `context.pageUrl`. */
  context?: Record<string, string>;
}

export interface SubmissionDecision {
  purposeId: string;
  state: "given" | "refused";
  /** Given through the purpose's own control although the action was "accept all". */
  separate?: true;
}

/** The body of POST /api/v1/consents (app/api/v1/consents/schema.ts), as a browser sends it. */
export interface ConsentSubmission {
  experience: string;
  experienceVersionId: string;
  subject: { kind: SubmissionIdentifierKind; value: string };
  channel: "web" | "app" | "mini_program" | "store";
  method: "click_accept" | "click_reject" | "save" | "gpc_signal";
  expressedBy: "subject";
  locale: string;
  region: { code: string; resolvedBy: string };
  consentType: "explicit" | "opt_out" | "notice_only";
  decisions: SubmissionDecision[];
  preferences?: {
    channels?: Record<string, string[]>;
    topics?: string[];
    frequencyCap?: ConsentChoices["frequencyCap"];
    quietHours?: ConsentChoices["quietHours"];
  };
  context?: { pageUrl?: string; userAgent?: string };
}

const METHODS = {
  accept_all: "click_accept",
  reject_all: "click_reject",
  save_choices: "save",
  gpc: "gpc_signal",
} as const;

const CONSENT_TYPES = { opt_in: "explicit", opt_out: "opt_out", notice_only: "notice_only" } as const;

/** Where the page is, without its query or fragment: those may carry tokens or personal data. */
function pageLocation(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const cut = url.search(/[?#]/);
  return (cut === -1 ? url : url.slice(0, cut)).slice(0, 2048);
}

/**
 * Preferences the document offers, and only those: the ledger merges channels by key and replaces
 * topics, limits and quiet hours when present, so a banner without a topic block must not send
 * an empty topic list that would wipe the subscriptions made on a preference page.
 */
function offeredPreferences(live: LiveExperience, choices: ConsentChoices): ConsentSubmission["preferences"] {
  const types = new Set(allBlocks(live.document.blocks).map((block) => block.type));
  const preferences: NonNullable<ConsentSubmission["preferences"]> = {};
  const channels: Record<string, string[]> = {};
  for (const [key, allowed] of Object.entries(choices.channels)) {
    if (key.startsWith("unbound:")) continue;
    channels[key === "global" ? "*" : key] = allowed;
  }
  if (Object.keys(channels).length > 0) preferences.channels = channels;
  if (types.has("topic_subscriptions")) preferences.topics = choices.topics;
  if (types.has("frequency_cap")) preferences.frequencyCap = choices.frequencyCap;
  if (types.has("quiet_hours")) preferences.quietHours = choices.quietHours;
  return Object.keys(preferences).length > 0 ? preferences : undefined;
}

function decisionsFor(live: LiveExperience, input: SubmissionInput): SubmissionDecision[] {
  if (input.action === "gpc") {
    return [...new Set(live.gpc.optOutPurposeIds)].map((purposeId) => ({ purposeId, state: "refused" }));
  }
  const choices = completeChoices(live.document, input.choices);
  const decisions = new Map<string, SubmissionDecision>();
  for (const block of allBlocks(live.document.blocks)) {
    if (block.type !== "purpose_toggle" || block.purposeId === null || decisions.has(block.purposeId)) continue;
    const given = block.required || choices.purposes[block.purposeId] === true;
    const decision: SubmissionDecision = { purposeId: block.purposeId, state: given ? "given" : "refused" };
    // The ledger counts every purpose given under "accept all" as bundled; a separate-consent
    // purpose can only have been given through its own toggle before the click.
    if (given && input.action === "accept_all" && live.catalog.purposes[block.purposeId]?.separateConsent) decision.separate = true;
    decisions.set(block.purposeId, decision);
  }
  return [...decisions.values()];
}

/**
 * The POST /api/v1/consents body for a visitor's decision on a live experience: one decision per
 * purpose the document shows (required purposes always given), or for a Global Privacy Control
 * signal one refusal per purpose the region's rule opts out of. Preferences come from the
 * choices, limited to what the document offers. An empty `decisions` list means there is
 * nothing to record (a GPC signal where no purpose is opted out); the API refuses it.
 */
export function consentSubmission(live: LiveExperience, input: SubmissionInput): ConsentSubmission {
  const gpc = input.action === "gpc";
  const submission: ConsentSubmission = {
    experience: live.publicId,
    experienceVersionId: live.versionId,
    subject: input.subject,
    channel: input.channel ?? "web",
    method: METHODS[input.action],
    expressedBy: "subject",
    locale: live.locale,
    region: { code: live.region.code, resolvedBy: live.region.resolvedBy },
    consentType: gpc ? "opt_out" : CONSENT_TYPES[live.rules.consentModel],
    decisions: decisionsFor(live, input),
  };
  const preferences = gpc ? undefined : offeredPreferences(live, completeChoices(live.document, input.choices));
  if (preferences) submission.preferences = preferences;
  const pageUrl = pageLocation(input.pageUrl ?? input.context?.pageUrl);
  const userAgent = input.context?.userAgent?.slice(0, 512);
  if (pageUrl || userAgent) submission.context = { ...(pageUrl ? { pageUrl } : {}), ...(userAgent ? { userAgent } : {}) };
  return submission;
}
