"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { settle, type ActionState } from "@/lib/console/action-result";
import { confirmDoubleOptIn } from "@/lib/consent/record";
import { ExpectedError } from "@/lib/errors";
import { asVisitor } from "@/lib/public/visitor";

const tokenSchema = z.string().regex(/^doi_[0-9a-f]{64}$/);

export type ConfirmationAnswer = { status: "confirmed" | "invalid" };

/** The person presses "Confirm" on the link from the message: as anon, the token is the secret. */
export async function confirmDoubleOptInAction(_previous: ActionState<ConfirmationAnswer>, form: FormData): Promise<ActionState<ConfirmationAnswer>> {
  const token = tokenSchema.safeParse(form.get("token"));
  if (!token.success) return { ok: true, data: { status: "invalid" } };
  return settle("double-opt-in-confirm", async (): Promise<ConfirmationAnswer> => {
    const userAgent = (await headers()).get("user-agent")?.slice(0, 512) ?? undefined;
    try {
      await asVisitor((sql) => confirmDoubleOptIn(sql, token.data, { userAgent }));
      return { status: "confirmed" };
    } catch (error) {
      // Unknown, used or lapsed: the same answer, nothing said about which.
      if (error instanceof ExpectedError && error.code === "confirmation_invalid") return { status: "invalid" };
      throw error;
    }
  });
}
