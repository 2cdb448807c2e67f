import "server-only";
import { getLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import { cache } from "react";
import { asOperator, currentClaims } from "@/lib/auth/session";
import type { Claims } from "@/lib/db/caller";
import type { Sql } from "@/lib/db/types";
import { ExpectedError } from "@/lib/errors";
import { redirect } from "@/lib/i18n/navigation";
import { workspaceIdSchema } from "@/lib/tenancy/schemas";
import { getWorkspace, listMyWorkspaces } from "@/lib/tenancy/workspaces";
import { settle, type ActionResult } from "./action-result";

/** The signed-in operator, or a redirect to sign-in (with the way back) for pages. */
export const requireOperator = cache(async (returnTo?: string): Promise<Claims> => {
  const claims = await currentClaims();
  if (!claims) {
    const locale = await getLocale();
    return redirect({ href: returnTo ? { pathname: "/sign-in", query: { next: returnTo } } : "/sign-in", locale });
  }
  return claims;
});

/** Runs page reads as the operator under RLS. */
export async function readAsOperator<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
  return asOperator(await requireOperator(), work);
}

export const myWorkspaces = cache(() => readAsOperator(listMyWorkspaces));

/** The workspace of a `/w/[workspaceId]` page; a 404 when it is not the caller's (RLS hides it). */
export const workspaceForPage = cache(async (workspaceId: string) => {
  if (!workspaceIdSchema.safeParse(workspaceId).success) notFound();
  const workspace = await readAsOperator((sql) => getWorkspace(sql, workspaceId));
  if (!workspace) notFound();
  return workspace;
});

/** Runs a Server Action's work as the operator; expected failures come back as codes. */
export async function actAsOperator<T>(label: string, work: (sql: Sql, claims: Claims) => Promise<T>): Promise<ActionResult<T>> {
  return settle(label, async () => {
    const claims = await currentClaims();
    if (!claims) throw new ExpectedError("not_signed_in");
    return asOperator(claims, (sql) => work(sql, claims));
  });
}
