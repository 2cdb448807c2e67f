import { z } from "zod";
import { localizedTextSchema } from "../localized";
import { blockIdSchema, catalogIdSchema } from "./common";

export const CHANNELS = ["sms", "email", "phone", "wechat", "push"] as const;
export const channelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof channelSchema>;

/** Channel choices apply to every purpose, or to one (e.g. "marketing by SMS, not by phone"). */
export const channelScopeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("global") }),
  z.object({ kind: z.literal("purpose"), purposeId: catalogIdSchema.nullable() }),
]);

const isUnique = (values: readonly unknown[]) => new Set(values).size === values.length;

export const channelPreferencesBlockSchema = z.object({
  id: blockIdSchema,
  type: z.literal("channel_preferences"),
  scope: channelScopeSchema,
  channels: z.array(channelSchema).min(1).refine(isUnique, { message: "Each channel may appear once" }),
  label: localizedTextSchema,
});

export const topicSubscriptionsBlockSchema = z.object({
  id: blockIdSchema,
  type: z.literal("topic_subscriptions"),
  // Empty is a valid draft (topics not chosen yet); publishing reports it.
  topicIds: z.array(catalogIdSchema).max(50).refine(isUnique, { message: "Each topic may appear once" }),
  label: localizedTextSchema,
});

export const frequencyCapBlockSchema = z.object({
  id: blockIdSchema,
  type: z.literal("frequency_cap"),
  period: z.enum(["week", "month"]),
  choices: z
    .array(z.int().min(1).max(100))
    .max(10)
    .refine((choices) => choices.every((choice, i) => i === 0 || choice > (choices[i - 1] ?? 0)), {
      message: "Choices must be unique and in ascending order",
    }),
  label: localizedTextSchema,
});

const clockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: "Use HH:MM (24-hour)" });

/**
 * "subject" means the subject's own zone, known only when they answer; otherwise a fixed IANA
 * zone. The shape is checked here, whether the runtime knows the zone is checked at publish.
 */
export const quietHoursTimeZoneSchema = z.union([
  z.literal("subject"),
  z.string().regex(/^(UTC|[A-Za-z]+(\/[A-Za-z0-9_+-]+){1,2})$/, { message: "Use an IANA time zone such as Asia/Shanghai" }),
]);

export const quietHoursBlockSchema = z.object({
  id: blockIdSchema,
  type: z.literal("quiet_hours"),
  label: localizedTextSchema,
  // The window may cross midnight (21:00-09:00); start after end is intended, not an error.
  defaultStart: clockTimeSchema,
  defaultEnd: clockTimeSchema,
  timeZone: quietHoursTimeZoneSchema,
});

export const IDENTIFIER_KINDS = ["email", "phone", "member_id"] as const;

export const identityFieldBlockSchema = z.object({
  id: blockIdSchema,
  type: z.literal("identity_field"),
  identifier: z.enum(IDENTIFIER_KINDS),
  label: localizedTextSchema,
  required: z.boolean(),
});

