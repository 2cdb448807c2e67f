import "server-only";
import { cookies } from "next/headers";
import { env } from "@/lib/env";
import { sessionTokenSchema } from "@/lib/preference-centre/types";

/**
 * The person's preference centre session: an opaque token (only its SHA-256 is stored) in an
 * httpOnly, SameSite=Lax cookie, Secure in production (serve it over HTTPS; browsers exempt
 * localhost), lasting as long as the session (30 minutes). Separate from the operator's cookie.
 */
export const SUBJECT_SESSION_COOKIE = "consentry_subject";

export async function readSubjectSession(): Promise<string | null> {
  const value = (await cookies()).get(SUBJECT_SESSION_COOKIE)?.value;
  return sessionTokenSchema.safeParse(value).success ? value! : null;
}

/** The same, from a Cookie header (route handlers of the public API). */
export function subjectSessionFromCookieHeader(header: string | null): string | null {
  for (const part of (header ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name !== SUBJECT_SESSION_COOKIE) continue;
    const value = rest.join("=");
    return sessionTokenSchema.safeParse(value).success ? value : null;
  }
  return null;
}

export async function keepSubjectSession(token: string, expiresAt: Date): Promise<void> {
  (await cookies()).set(SUBJECT_SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: env.NODE_ENV === "production",
    path: "/",
    expires: expiresAt,
  });
}

export async function forgetSubjectSession(): Promise<void> {
  (await cookies()).delete(SUBJECT_SESSION_COOKIE);
}
