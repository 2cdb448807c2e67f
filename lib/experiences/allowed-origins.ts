import type { Sql } from "@/lib/db/types";
import { ExpectedError } from "@/lib/errors";

/** An origin as browsers send it: scheme, host and port, nothing else (no path, no wildcard). */
export function normaliseOrigin(value: string): string | null {
  try {
    const url = new URL(value.trim());
    if (url.protocol !== "https:" && url.protocol !== "http:") return null;
    if (url.username || url.password || (url.pathname !== "/" && url.pathname !== "") || url.search || url.hash) return null;
    // URL accepts "*" in a host; an origin names one site, so wildcards and oddities are refused.
    if (!/^([a-z0-9-]+\.)*[a-z0-9-]+$|^\[[0-9a-f:.]+\]$/.test(url.hostname)) return null;
    return url.origin;
  } catch {
    return null;
  }
}

export interface ExperienceKeys {
  publicId: string;
  publicKey: string;
  allowedOrigins: string[];
}

export async function experienceKeys(sql: Sql, workspaceId: string, experienceId: string): Promise<ExperienceKeys | null> {
  const [row] = await sql.query<ExperienceKeys>(
    `select public_id as "publicId", public_key as "publicKey", allowed_origins as "allowedOrigins"
     from public.experiences where workspace_id = $1 and id = $2`,
    [workspaceId, experienceId],
  );
  return row ?? null;
}

/** Replaces the allowed origins; refuses anything that is not a bare http(s) origin. */
export async function setAllowedOrigins(sql: Sql, workspaceId: string, experienceId: string, origins: string[]): Promise<void> {
  const normalised = origins.map(normaliseOrigin);
  if (normalised.some((origin) => origin === null) || normalised.length > 50) throw new ExpectedError("invalid_input");
  const rows = await sql.query("update public.experiences set allowed_origins = $3 where workspace_id = $1 and id = $2 returning id", [
    workspaceId,
    experienceId,
    [...new Set(normalised as string[])],
  ]);
  if (rows.length !== 1) throw new ExpectedError("forbidden");
}
