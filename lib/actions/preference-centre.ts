"use server";

import { cookies, headers } from "next/headers";
import { z } from "zod";
import { parseForm, settle, type ActionState } from "@/lib/console/action-result";
import { runAsService } from "@/lib/db/caller";
import { getDatabase } from "@/lib/db/connection";
import { ExpectedError } from "@/lib/errors";
import { clientAddress } from "@/lib/http/request-context";
import { truncateAddress } from "@/lib/http/client-address";
import { isLocale } from "@/lib/i18n/routing";
import { deliverOutboundMessage } from "@/lib/mail/outbound-mail";
import {
  CENTRE_IDENTIFIER_KINDS,
  centreChangeSchema,
  challengeIdSchema,
  dataRequestSchema,
  magicLinkTokenSchema,
  publicIdSchema,
  type CentreChange,
  type CentreVisit,
  type VerificationOutcome,
} from "@/lib/preference-centre/types";
import { endSubjectSession, startVerification, verifyCode, verifyLink } from "@/lib/preference-centre/verification";
import { recordCentreChange, withdrawAllConsent } from "@/lib/preference-centre/centre";
import { requestSubjectData } from "@/lib/preference-centre/requests";
import { loadLiveExperience } from "@/lib/public/live";
import { readStoredChoice } from "@/lib/public/stored-choice";
import { asVisitor } from "@/lib/public/visitor";
import { forgetSubjectSession, keepSubjectSession, readSubjectSession } from "@/lib/preference-centre/subject-session";
import { keepChallengeIdentifierValue } from "@/lib/sync/identifiers";

/*
 * The preference centre's Server Actions. The person acts as anon: every step goes through the
 * narrow functions of the preference centre migration, with the session token from the cookie.
 */

const pageSchema = z.object({ publicId: publicIdSchema, locale: z.string().refine(isLocale) });

/** The page an action was called from: anything a caller could send instead is invalid_input, not a crash. */
function pageOf(page: unknown): z.infer<typeof pageSchema> {
  const parsed = pageSchema.safeParse(page);
  if (!parsed.success) throw new ExpectedError("invalid_input");
  return parsed.data;
}

async function requestOrigin(): Promise<string> {
  const h = await headers();
  return h.get("origin") ?? `http://${h.get("host") ?? "localhost"}`;
}

/** Where the person is: the live experience's language and region, and the request's context. */
async function visitFor(publicId: string, locale: string): Promise<CentreVisit> {
  const h = await headers();
  const live = await asVisitor((sql) => loadLiveExperience(sql, publicId, { headers: h, lang: locale }));
  if (!live) throw new ExpectedError("not_found");
  const ipTruncated = truncateAddress(clientAddress(h));
  return {
    locale: live.locale,
    region: { code: live.region.code, resolvedBy: live.region.resolvedBy },
    context: {
      userAgent: h.get("user-agent")?.slice(0, 512) ?? undefined,
      pageUrl: `/${locale}/p/${publicId}/manage`,
      ...(ipTruncated ? { ipTruncated } : {}),
    },
  };
}

async function sessionOrFail(): Promise<string> {
  const token = await readSubjectSession();
  if (!token) throw new ExpectedError("session_invalid");
  return token;
}

export type StartedVerification = { challengeId: string; channel: "email" | "sms"; recipientMasked: string };

/** Step 1: an email address or phone number → a code (and for email a link) in a message. */
export async function startVerificationAction(_previous: ActionState<StartedVerification>, form: FormData): Promise<ActionState<StartedVerification>> {
  const parsed = parseForm(pageSchema.extend({ kind: z.enum(CENTRE_IDENTIFIER_KINDS), value: z.string().trim().min(3).max(320) }), form);
  if (!parsed.ok) return parsed;
  const { publicId, locale, kind, value } = parsed.data;
  return settle("preference-centre-start", async () => {
    const network = truncateAddress(clientAddress(await headers()));
    const started = await asVisitor((sql) => startVerification(sql, publicId, { kind, value }, { locale, ...(network ? { network } : {}) }));
    const db = await getDatabase();
    // The value, sealed, for sync destinations once the person proves it (the identifier then
    // has a value, not only a keyed hash). A failure here costs the sign-in nothing.
    await runAsService(db, "preference-centre-identifier", (sql) => keepChallengeIdentifierValue(sql, started.challengeId, value)).catch((error: unknown) =>
      console.error("[consentry] identifier value not kept:", (error as Error).message),
    );
    await deliverOutboundMessage(db, started.messageId, await requestOrigin());
    return { challengeId: started.challengeId, channel: started.channel, recipientMasked: started.recipientMasked };
  });
}

/** The device id hosted pages keep in this browser: what the person chose there joins their record. */
async function deviceIdOfBrowser(): Promise<string | null> {
  return readStoredChoice((await cookies()).toString())?.deviceId ?? null;
}

export type VerificationAnswer = Exclude<VerificationOutcome, { status: "verified" }> | { status: "verified" };

async function answer(outcome: VerificationOutcome): Promise<VerificationAnswer> {
  if (outcome.status !== "verified") return outcome;
  await keepSubjectSession(outcome.sessionToken, outcome.expiresAt);
  return { status: "verified" };
}

/** Step 2: the code. A wrong one is counted in its own committed transaction (5 lock it). */
export async function verifyCodeAction(_previous: ActionState<VerificationAnswer>, form: FormData): Promise<ActionState<VerificationAnswer>> {
  const parsed = parseForm(pageSchema.extend({ challengeId: challengeIdSchema, code: z.string().trim().max(20) }), form);
  if (!parsed.ok) return parsed;
  const { challengeId, code } = parsed.data;
  return settle("preference-centre-verify-code", async () => {
    const deviceId = await deviceIdOfBrowser();
    return answer(await asVisitor((sql) => verifyCode(sql, challengeId, code.replace(/\s+/g, ""), { deviceId })));
  });
}

/** The emailed link's page posts its token here (a link scanner's GET never uses it up). */
export async function verifyLinkAction(_previous: ActionState<VerificationAnswer>, form: FormData): Promise<ActionState<VerificationAnswer>> {
  const parsed = parseForm(pageSchema.extend({ token: magicLinkTokenSchema }), form);
  if (!parsed.ok) return { ok: true, data: { status: "expired" } };
  return settle("preference-centre-verify-link", async () => {
    const deviceId = await deviceIdOfBrowser();
    return answer(await asVisitor((sql) => verifyLink(sql, parsed.data.token, { deviceId })));
  });
}

export type ChangeOutcome = { changed: boolean; receiptHref: string | null };

function receiptHref(locale: string, publicId: string, receipt: { id: string; token: string } | undefined): string | null {
  return receipt ? `/${locale}/p/${publicId}/receipts/${receipt.id}?token=${receipt.token}` : null;
}

/** Save (or accept all, or one toggle): one ledger event per purpose whose state changes. */
export async function saveCentreChoicesAction(page: { publicId: string; locale: string }, change: CentreChange) {
  return settle("preference-centre-save", async (): Promise<ChangeOutcome> => {
    const { publicId, locale } = pageOf(page);
    const parsed = centreChangeSchema.safeParse(change);
    if (!parsed.success) throw new ExpectedError("invalid_input");
    const session = await sessionOrFail();
    const visit = await visitFor(publicId, locale);
    const result = await asVisitor((sql) => recordCentreChange(sql, session, publicId, parsed.data, visit));
    return { changed: result.changed, receiptHref: receiptHref(locale, publicId, result.receipt) };
  });
}

/** Withdraw all: one click, every consent given is withdrawn. */
export async function withdrawAllAction(page: { publicId: string; locale: string }) {
  return settle("preference-centre-withdraw-all", async (): Promise<ChangeOutcome> => {
    const { publicId, locale } = pageOf(page);
    const session = await sessionOrFail();
    const visit = await visitFor(publicId, locale);
    const result = await asVisitor((sql) => withdrawAllConsent(sql, session, publicId, visit));
    return { changed: result.changed, receiptHref: receiptHref(locale, publicId, result.receipt) };
  });
}

/** A request for a copy, the deletion or the correction of the person's data. */
export async function requestDataAction(_previous: ActionState<{ requestId: string }>, form: FormData): Promise<ActionState<{ requestId: string }>> {
  const parsed = parseForm(pageSchema.extend(dataRequestSchema.shape), form);
  if (!parsed.ok) return parsed;
  const { publicId, kind, note } = parsed.data;
  return settle("preference-centre-request", async () => {
    const session = await sessionOrFail();
    return asVisitor((sql) => requestSubjectData(sql, session, publicId, { kind, ...(note ? { note } : {}) }));
  });
}

export async function signOutOfCentreAction(): Promise<void> {
  const session = await readSubjectSession();
  if (session) await asVisitor((sql) => endSubjectSession(sql, session));
  await forgetSubjectSession();
}
