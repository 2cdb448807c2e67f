import { z } from "zod";
import type { Sql } from "@/lib/db/types";

export { CONTACT_CHANNELS } from "@/lib/consent/types";

export type LocalizedName = Partial<Record<string, string>>;

export interface CatalogPurpose {
  id: string;
  key: string;
  name: LocalizedName;
  description: LocalizedName;
  necessary: boolean;
  /** Sensitive or flagged for separate consent: given only through its own control, never by "accept all". */
  separateConsent: boolean;
  /**
   * Marketing or advertising tailored to the person (its DPV term is Personalised… or Targeted…
   * Advertising/Marketing): wherever it is offered it can be refused on its own (PIPL art. 24).
   */
  personalisedMarketing: boolean;
}

export interface CatalogTopic {
  id: string;
  key: string;
  name: LocalizedName;
}

export interface Catalog {
  purposes: CatalogPurpose[];
  topics: CatalogTopic[];
}

export const catalogKeySchema = z.string().trim().regex(/^[a-z][a-z0-9_]{1,62}$/, { message: "invalid_format" });

export interface PurposeInput {
  key: string;
  name: LocalizedName;
  necessary: boolean;
}

export interface TopicInput {
  key: string;
  name: LocalizedName;
}

export async function readCatalog(sql: Sql, workspaceId: string): Promise<Catalog> {
  const [purposes, topics] = [
    await sql.query<CatalogPurpose>(
      `select id, key, name, description, necessary,
         (sensitive or separate_consent_sensitive or separate_consent_third_party or separate_consent_cross_border
          or separate_consent_public_disclosure) as "separateConsent",
         coalesce(dpv_purpose ~ '^dpv:(Personalised|Targeted)[A-Za-z]*(Advertising|Marketing)$', false) as "personalisedMarketing"
       from public.purposes where workspace_id = $1 order by necessary desc, key`,
      [workspaceId],
    ),
    await sql.query<CatalogTopic>("select id, key, name from public.topics where workspace_id = $1 order by key", [workspaceId]),
  ];
  return { purposes, topics };
}

export async function addPurpose(sql: Sql, workspaceId: string, input: PurposeInput): Promise<string> {
  const [row] = await sql.query<{ id: string }>(
    "insert into public.purposes (workspace_id, key, name, necessary) values ($1, $2, $3, $4) returning id",
    [workspaceId, input.key, JSON.stringify(input.name), input.necessary],
  );
  return row!.id;
}

export async function addTopic(sql: Sql, workspaceId: string, input: TopicInput): Promise<string> {
  const [row] = await sql.query<{ id: string }>("insert into public.topics (workspace_id, key, name) values ($1, $2, $3) returning id", [
    workspaceId,
    input.key,
    JSON.stringify(input.name),
  ]);
  return row!.id;
}

/** A catalog name in the operator's language, else English, else whichever language it has. */
export function nameIn(name: LocalizedName, locale: string): string {
  return name[locale] ?? name.en ?? Object.values(name).find(Boolean) ?? "";
}
