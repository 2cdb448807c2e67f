import type { LocalizedName } from "@/lib/catalog/catalog";
import type { Sql } from "@/lib/db/types";
import { ExpectedError, toExpectedError } from "@/lib/errors";
import { purposeLegalFieldsSchema, type PurposeLegalFields, type PurposeLegalFieldsInput } from "@/lib/notices/schemas";

/**
 * The legal fields of purposes (legal basis, data categories, sensitivity, PIPL separate-consent
 * flags with their recipients, retention, DPV term). Owners, admins and legal change them;
 * every member reads them. Notices check them before approval (notice_version_problems).
 */

export interface PurposeLegal extends PurposeLegalFields {
  id: string;
  key: string;
  name: LocalizedName;
  necessary: boolean;
  /**
   * Sensitive, or flagged for separate consent: a CN notice covering it needs a statement of
   * its own for this purpose (PIPL art. 23, 25, 29–30, 39), as notice_version_problems checks.
   */
  needsOwnStatement: boolean;
}

/** Every purpose of the workspace with its legal fields, in catalog order. */
export function readPurposeLegal(sql: Sql, workspaceId: string): Promise<PurposeLegal[]> {
  return sql.query<PurposeLegal>(
    `select p.id, p.key, p.name, p.necessary, p.legal_basis as "legalBasis", p.data_categories as "dataCategories",
       p.sensitive, p.separate_consent_sensitive as "separateConsentSensitive",
       p.separate_consent_third_party as "separateConsentThirdParty", p.third_party_recipient as "thirdPartyRecipient",
       p.separate_consent_cross_border as "separateConsentCrossBorder", p.cross_border_recipient as "crossBorderRecipient",
       p.cross_border_country as "crossBorderCountry", p.separate_consent_public_disclosure as "separateConsentPublicDisclosure",
       p.retention, p.retention_days as "retentionDays", p.recipients, p.dpv_purpose as "dpvPurpose",
       (p.sensitive or p.separate_consent_sensitive or p.separate_consent_third_party or p.separate_consent_cross_border
        or p.separate_consent_public_disclosure) as "needsOwnStatement"
     from public.purposes p where p.workspace_id = $1 order by p.necessary desc, p.key`,
    [workspaceId],
  );
}

/** `forbidden` when the purpose is not visible or the caller's role may not change it. */
export async function updatePurposeLegal(
  sql: Sql,
  workspaceId: string,
  purposeId: string,
  fields: PurposeLegalFieldsInput,
): Promise<void> {
  const parsed = purposeLegalFieldsSchema.safeParse(fields);
  if (!parsed.success) throw new ExpectedError("invalid_input");
  const f = parsed.data;
  let updated: unknown[];
  try {
    updated = await sql.query(
      `update public.purposes set legal_basis = $3, data_categories = $4, sensitive = $5, separate_consent_sensitive = $6,
         separate_consent_third_party = $7, third_party_recipient = $8, separate_consent_cross_border = $9,
         cross_border_recipient = $10, cross_border_country = $11, separate_consent_public_disclosure = $12,
         retention = $13, retention_days = $14, recipients = $15, dpv_purpose = $16
       where workspace_id = $1 and id = $2 returning id`,
      [
        workspaceId,
        purposeId,
        f.legalBasis,
        f.dataCategories,
        f.sensitive,
        f.separateConsentSensitive,
        f.separateConsentThirdParty,
        f.thirdPartyRecipient,
        f.separateConsentCrossBorder,
        f.crossBorderRecipient,
        f.crossBorderCountry,
        f.separateConsentPublicDisclosure,
        f.retention,
        f.retentionDays,
        f.recipients,
        f.dpvPurpose,
      ],
    );
  } catch (error) {
    throw toExpectedError(error) ?? error;
  }
  if (updated.length === 0) throw new ExpectedError("forbidden");
}
