import { z } from "zod";
import { localizedTextSchema } from "../localized";
import { blockIdSchema, catalogIdSchema } from "./common";

/**
 * One control per purpose (GDPR Recital 32, PIPL art. 23/29 separate consent). `required`
 * shows a locked, ticked control and is only legitimate for purposes the catalog marks
 * necessary; publishing checks that against the catalog.
 */
export const purposeToggleBlockSchema = z.object({
  id: blockIdSchema,
  type: z.literal("purpose_toggle"),
  purposeId: catalogIdSchema.nullable(),
  required: z.boolean(),
  defaultOn: z.boolean(),
  label: localizedTextSchema,
  description: localizedTextSchema,
});

export const BUTTON_ACTIONS = ["accept_all", "reject_all", "save_choices", "open_preferences", "close"] as const;
export type ButtonAction = (typeof BUTTON_ACTIONS)[number];

/** Actions that record a decision; `open_preferences` and `close` do not. */
export const DECISION_ACTIONS: readonly ButtonAction[] = ["accept_all", "reject_all", "save_choices"];

export const buttonBlockSchema = z.object({
  id: blockIdSchema,
  type: z.literal("button"),
  action: z.enum(BUTTON_ACTIONS),
  label: localizedTextSchema,
  emphasis: z.enum(["primary", "secondary"]),
});

export type ButtonBlock = z.infer<typeof buttonBlockSchema>;
