import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishLedgerExperience, type LedgerFixture } from "@/lib/consent/test-support";
import { runAsService } from "@/lib/db/caller";
import { recordCentreChange } from "@/lib/preference-centre/centre";
import { listOutboundMessages } from "@/lib/preference-centre/outbox";
import type { CentreVisit } from "@/lib/preference-centre/types";
import { startVerification, verifyCode } from "@/lib/preference-centre/verification";
import { createTestDatabase, TEST_TARGETS, type TestDatabase } from "@/lib/testing/databases";
import { buildTenancyFixture, type TenancyFixture } from "@/lib/testing/tenancy-fixture";
import { createDestination } from "@/lib/sync/destinations";
import { SyncWorker } from "@/lib/sync/engine/worker";
import { keepChallengeIdentifierValue } from "@/lib/sync/identifiers";
import { startReceiver, type Receiver } from "@/lib/sync/testing/receiver";

/**
 * An identifier proven only in the preference centre (a one-time code, then a change of
 * choices there) has its value kept sealed, as the consents route keeps it, so a destination
 * whose policy asks for the plain address receives it. The value is parked on the challenge when
 * the verification starts and kept for the identifier only once the code is verified; a value
 * typed but never proven is cleared. Both engines.
 */
const VISIT: CentreVisit = { locale: "en", region: { code: "EU", resolvedBy: "parameter" }, context: { userAgent: "Vitest" } };

interface Message {
  subject: { identifiers: unknown[] };
  events: { purposeKey: string; state: string }[];
}

describe.each(TEST_TARGETS)("preference centre identifiers for sync on $target", ({ target, skip }) => {
  let t: TestDatabase;
  let fx: TenancyFixture;
  let ledger: LedgerFixture;
  let publicId: string;
  let receiver: Receiver;
  let worker: SyncWorker | null = null;
  beforeAll(async () => {
    if (skip) return;
    t = await createTestDatabase(target);
    fx = await buildTenancyFixture(t);
    ledger = await publishLedgerExperience(fx);
    const [row] = await t.superuser.query<{ public_id: string }>("select public_id from public.experiences where id = $1", [ledger.experienceId]);
    publicId = row!.public_id;
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await worker?.stop();
    await receiver?.close();
    await t?.close();
  });

  const keep = (challengeId: string, value: string) =>
    runAsService(fx.db, "preference-centre-identifier", (sql) => keepChallengeIdentifierValue(sql, challengeId, value));
  const start = (value: string) => fx.asAnon((sql) => startVerification(sql, publicId, { kind: "email", value }, { locale: "en" }));
  const codeFor = async (messageId: string) => {
    const messages = await fx.as("owner", (sql) => listOutboundMessages(sql, fx.workspaceA));
    return /is (\d{6})\b/.exec(messages.find((m) => m.id === messageId)!.body)![1]!;
  };
  const parked = async (challengeId: string) =>
    (await t.superuser.query<{ parked: boolean }>("select identifier_value_sealed is not null as parked from public.verification_challenges where id = $1", [challengeId]))[0]!.parked;

  it.skipIf(skip)("a destination with a plain policy receives the address after a preference-centre change", async () => {
    await fx.as("owner", (sql) =>
      createDestination(sql, fx.workspaceA, { kind: "webhook", name: "CRM", url: receiver.url, identifierPolicy: { email: "plain" } }, { allowPrivate: true }),
    );
    const tag = randomBytes(4).toString("hex");
    const typed = `  Centre.${tag}@Example.TEST `;
    const proven = `centre.${tag}@example.test`;
    const unproven = `centre.control.${tag}@example.test`;

    // The address being proven is parked, sealed, on its challenge; a value the challenge was not made for is not.
    const started = await start(typed);
    expect(await keep(started.challengeId, `someone.else.${tag}@example.test`)).toBe(false);
    expect(await keep(started.challengeId, typed)).toBe(true);
    expect(await parked(started.challengeId)).toBe(true);
    // A wrong code proves nothing: the value stays parked, not kept.
    const wrong = await fx.asAnon((sql) => verifyCode(sql, started.challengeId, "000000"));
    expect(wrong.status).toBe("invalid");
    expect(await parked(started.challengeId)).toBe(true);
    const code = await codeFor(started.messageId);
    const verified = await fx.asAnon((sql) => verifyCode(sql, started.challengeId, code));
    if (verified.status !== "verified") throw new Error(verified.status);
    // Verified: moved to the identifier, gone from the challenge.
    expect(await parked(started.challengeId)).toBe(false);

    // The control: proven the same way but without the value kept: hash only.
    const control = await start(unproven);
    const controlCode = await codeFor(control.messageId);
    const controlSession = await fx.asAnon((sql) => verifyCode(sql, control.challengeId, controlCode));
    if (controlSession.status !== "verified") throw new Error(controlSession.status);

    for (const session of [verified.sessionToken, controlSession.sessionToken]) {
      await fx.asAnon((sql) => recordCentreChange(sql, session, publicId, { method: "save", decisions: [{ purposeId: ledger.purposes.marketing!, given: false }] }, VISIT));
    }
    worker = new SyncWorker(fx.db, { policy: { allowPrivate: true }, pollMs: 200, onError: (e) => console.error("worker error", e) });
    await worker.start();
    await receiver.until(() => receiver.received.length >= 2);
    const identifiers = receiver.received.map((r) => (JSON.parse(r.body) as Message).subject.identifiers);
    expect(identifiers).toContainEqual([{ kind: "email", form: "plain", value: proven }]);
    expect(identifiers).toContainEqual([{ kind: "email", form: "plain", available: false, reason: "hash_only" }]);
  });

  it.skipIf(skip)("an address typed but never proven is not kept: its parked value is cleared once the challenge is spent", async () => {
    const tag = randomBytes(4).toString("hex");
    const abandoned = await start(`abandoned.${tag}@example.test`);
    expect(await keep(abandoned.challengeId, `abandoned.${tag}@example.test`)).toBe(true);
    // Its ten minutes are up (moved back rather than waited for).
    await t.superuser.query("update public.verification_challenges set expires_at = now() - interval '1 second' where id = $1", [abandoned.challengeId]);
    expect(await keep(abandoned.challengeId, `abandoned.${tag}@example.test`)).toBe(false);
    const next = await start(`next.${tag}@example.test`);
    expect(await keep(next.challengeId, `next.${tag}@example.test`)).toBe(true);
    expect(await parked(abandoned.challengeId)).toBe(false);
    expect(await parked(next.challengeId)).toBe(true);
  });
});
