"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { parseForm, type ActionState } from "@/lib/console/action-result";
import { redirect } from "@/lib/i18n/navigation";
import { isLocale } from "@/lib/i18n/routing";
import { actAsOperator } from "@/lib/console/operator";
import { replayDeliveries, retryDelivery, sendTestDelivery } from "@/lib/sync/console/actions";
import { createInputFromForm, updateInputFromForm } from "@/lib/sync/console/form";
import { createDestination, deleteDestination, getDestination, rotateDestinationSecret, setDestinationPaused, updateDestination } from "@/lib/sync/destinations";
import { workspaceIdSchema } from "@/lib/tenancy/schemas";

const target = z.object({ workspaceId: workspaceIdSchema, destinationId: z.guid() });
const revalidate = () => revalidatePath("/[locale]/w/[workspaceId]/destinations", "layout");

/** Creates a destination; a webhook's signing secret comes back once, to be shown once. */
export async function createDestinationAction(_previous: ActionState<{ id: string; signingSecret: string | null }>, form: FormData): Promise<ActionState<{ id: string; signingSecret: string | null }>> {
  const parsed = parseForm(z.object({ workspaceId: workspaceIdSchema }), form);
  if (!parsed.ok) return parsed;
  const result = await actAsOperator("create-destination", (sql) => createDestination(sql, parsed.data.workspaceId, createInputFromForm(form)));
  if (!result.ok) return result;
  revalidate();
  return { ok: true, data: { id: result.data.destination.id, signingSecret: result.data.signingSecret } };
}

export async function updateDestinationAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(target, form);
  if (!parsed.ok) return parsed;
  const { workspaceId, destinationId } = parsed.data;
  const result = await actAsOperator("update-destination", async (sql) => {
    const existing = await getDestination(sql, workspaceId, destinationId);
    await updateDestination(sql, workspaceId, destinationId, updateInputFromForm(form, existing.kind));
  });
  if (result.ok) revalidate();
  return result;
}

export async function setDestinationPausedAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(target.extend({ paused: z.enum(["true", "false"]) }), form);
  if (!parsed.ok) return parsed;
  const { workspaceId, destinationId, paused } = parsed.data;
  const result = await actAsOperator("pause-destination", async (sql) => {
    await setDestinationPaused(sql, workspaceId, destinationId, paused === "true");
  });
  if (result.ok) revalidate();
  return result;
}

export async function deleteDestinationAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(target, form);
  if (!parsed.ok) return parsed;
  const result = await actAsOperator("delete-destination", (sql) => deleteDestination(sql, parsed.data.workspaceId, parsed.data.destinationId));
  if (!result.ok) return result;
  revalidate();
  const locale = String(form.get("locale") ?? "");
  return redirect({ href: `/w/${parsed.data.workspaceId}/destinations`, locale: isLocale(locale) ? locale : "en" });
}

/** A new signing secret, shown once; the old one keeps signing for 24 hours. */
export async function rotateDestinationSecretAction(_previous: ActionState<{ signingSecret: string }>, form: FormData): Promise<ActionState<{ signingSecret: string }>> {
  const parsed = parseForm(target, form);
  if (!parsed.ok) return parsed;
  const result = await actAsOperator("rotate-destination-secret", (sql) => rotateDestinationSecret(sql, parsed.data.workspaceId, parsed.data.destinationId));
  if (!result.ok) return result;
  revalidate();
  return { ok: true, data: { signingSecret: result.data.signingSecret ?? "" } };
}

export async function sendTestDeliveryAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(target, form);
  if (!parsed.ok) return parsed;
  const result = await actAsOperator("test-destination", async (sql) => {
    await sendTestDelivery(sql, parsed.data.destinationId);
  });
  if (result.ok) revalidate();
  return result;
}

export async function retryDeliveryAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(z.object({ workspaceId: workspaceIdSchema, deliveryId: z.guid() }), form);
  if (!parsed.ok) return parsed;
  const result = await actAsOperator("retry-delivery", (sql) => retryDelivery(sql, parsed.data.deliveryId));
  if (result.ok) revalidate();
  return result;
}

const localTime = z.iso.datetime({ local: true });

/** Replays the destination's changes in a time range (UTC, as the form says), optionally of one person. */
export async function replayDeliveriesAction(_previous: ActionState<{ made: number }>, form: FormData): Promise<ActionState<{ made: number }>> {
  const parsed = parseForm(target.extend({ from: localTime, to: localTime, person: z.union([z.literal(""), z.guid()]).optional() }), form);
  if (!parsed.ok) return parsed;
  const { destinationId, from, to, person } = parsed.data;
  const utc = (value: string) => new Date(`${value.length === 16 ? `${value}:00` : value}Z`);
  const result = await actAsOperator("replay-deliveries", (sql) => replayDeliveries(sql, destinationId, { from: utc(from), to: utc(to), subjectId: person || null }));
  if (!result.ok) return result;
  revalidate();
  return { ok: true, data: { made: result.data } };
}
