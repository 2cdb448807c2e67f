import type { z } from "zod";
import { toExpectedError, type ExpectedErrorCode } from "@/lib/errors";

/** What a console form action hands back to its form: an error code to translate, or data. */
export type ActionResult<T = void> =
  | { ok: true; data: T }
  | { ok: false; error: ExpectedErrorCode | "unexpected"; fields?: Record<string, string>; values?: Record<string, string> };

export type ActionState<T = void> = ActionResult<T> | null;

/**
 * The submitted text fields minus secrets, handed back with a failure: React resets a form after
 * its action, and the person should not have to type everything again.
 */
export function echoFields(form: FormData, secret: readonly string[] = ["password"]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of form) if (typeof value === "string" && !secret.includes(name)) values[name] = value.slice(0, 1000);
  return values;
}

/**
 * Parses a form with zod; field messages are error-code keys (`errors.fields.*`). Fields named
 * in `multiValued` (checkbox groups) arrive as arrays.
 */
export function parseForm<S extends z.ZodType>(
  schema: S,
  form: FormData,
  multiValued: readonly string[] = [],
): { ok: true; data: z.infer<S> } | { ok: false; error: "invalid_input"; fields: Record<string, string>; values: Record<string, string> } {
  const input: Record<string, unknown> = Object.fromEntries(form);
  for (const name of multiValued) input[name] = form.getAll(name);
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "form");
    fields[field] ??= issue.message === "password_too_short" ? "password_too_short" : issue.code;
  }
  return { ok: false, error: "invalid_input", fields, values: echoFields(form) };
}

/** Runs the action's work, turning expected failures into codes and logging the rest. */
export async function settle<T>(label: string, work: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    const expected = toExpectedError(error);
    if (expected) return { ok: false, error: expected.code };
    console.error(`[consentry] ${label} failed`, error);
    return { ok: false, error: "unexpected" };
  }
}
