import { z } from "zod";
import { localeSchema, localizedTextSchema, offeredLocalesSchema, type Locale, type LocalizedText } from "@/lib/experience/localized";
import { richTextDocSchema } from "@/lib/experience/rich-text";

/**
 * Notices and the legal fields of purposes: constants, zod schemas and the shapes the server
 * module returns. No server code here, so console components can import it.
 * The lists mirror the CHECK constraints of supabase/migrations/20261123200000_notices.sql.
 */

export const NOTICE_KINDS = ["privacy_notice", "cookie_notice", "marketing_consent", "sensitive_data_notice", "other"] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const NOTICE_STATUSES = ["draft", "in_review", "approved", "rejected"] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

/** Rule sets a notice version is written for; each adds completeness checks (regulations.md). */
export const JURISDICTIONS = ["CN", "EU", "US-CA", "HK"] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];

export const LEGAL_BASES = [
  "consent",
  "contract",
  "legal_obligation",
  "vital_interests",
  "public_task",
  "legitimate_interests",
  "pipl_necessary_hr",
  "pipl_public_interest",
] as const;

/** What notice_version_problems reports, in the order it reports them. */
export const NOTICE_PROBLEM_CODES = [
  "locale_missing",
  "purposes_missing",
  "controller_missing",
  "contact_missing",
  "rights_missing",
  "data_categories_missing",
  "retention_missing",
  "separate_statement_missing",
  "cross_border_recipient_missing",
  "third_party_recipient_missing",
] as const;
export type NoticeProblemCode = (typeof NOTICE_PROBLEM_CODES)[number];

export interface NoticeProblem {
  code: NoticeProblemCode;
  /** The purpose concerned (its catalog key), for purpose-level problems. */
  purposeKey: string | null;
  /** The locale concerned, for per-locale problems. */
  locale: Locale | null;
}

export const noticeProblemSchema = z.object({
  code: z.enum(NOTICE_PROBLEM_CODES),
  purposeKey: z.string().nullable(),
  locale: localeSchema.nullable(),
});

/** The text of a version: one tiptap doc per locale. Partial: a draft may lack translations. */
export const noticeContentSchema = z.partialRecord(localeSchema, richTextDocSchema);
export type NoticeContent = z.infer<typeof noticeContentSchema>;

/** Plain localized text of a notice (rights statement, per-purpose statements): the document's own type. */
export const noticeTextSchema = localizedTextSchema;
export type { LocalizedText };

const uniqueList = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .refine((list) => new Set(list).size === list.length, { message: "duplicate" });

export const newNoticeSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    kind: z.enum(NOTICE_KINDS),
    sourceLocale: localeSchema,
    locales: offeredLocalesSchema,
  })
  .refine((notice) => notice.locales.includes(notice.sourceLocale), { path: ["locales"], message: "invalid_value" });

/** What a save of a draft version carries. */
export const noticeDraftSchema = z.object({
  content: noticeContentSchema,
  changeSummary: z.string().max(2000),
  materialChange: z.boolean(),
  purposeIds: uniqueList(z.uuid(), 100),
  jurisdictions: uniqueList(z.enum(JURISDICTIONS), JURISDICTIONS.length),
  rightsStatement: noticeTextSchema,
  purposeStatements: z.record(z.uuid(), noticeTextSchema),
});
export type NoticeDraftInput = z.input<typeof noticeDraftSchema>;

export interface NoticeSummary {
  id: string;
  name: string;
  kind: NoticeKind;
  sourceLocale: Locale;
  locales: Locale[];
  latest: { id: string; number: number; status: NoticeStatus } | null;
  approved: { id: string; number: number; reviewedAt: Date } | null;
}

export interface NoticeVersionSummary {
  id: string;
  number: number;
  status: NoticeStatus;
  authorEmail: string | null;
  createdAt: Date;
  submittedAt: Date | null;
  reviewedAt: Date | null;
  reviewerEmail: string | null;
  materialChange: boolean;
  changeSummary: string;
}

export interface NoticeVersion {
  id: string;
  noticeId: string;
  notice: { id: string; name: string; kind: NoticeKind; sourceLocale: Locale; locales: Locale[] };
  number: number;
  status: NoticeStatus;
  content: NoticeContent;
  /** locale → ISO time its content last changed (translation status). */
  localeUpdatedAt: Partial<Record<Locale, string>>;
  changeSummary: string;
  materialChange: boolean;
  purposeIds: string[];
  jurisdictions: Jurisdiction[];
  rightsStatement: LocalizedText;
  purposeStatements: Record<string, LocalizedText>;
  authorId: string;
  authorEmail: string | null;
  /** Everyone who edited this version's text: like the author, none of them may approve it. */
  contributorIds: string[];
  submittedAt: Date | null;
  reviewedBy: string | null;
  reviewerEmail: string | null;
  reviewedAt: Date | null;
  /** Set on rejection; kept on the reopened draft until it is submitted again. */
  reviewComment: string | null;
  /** SHA-256 of what was approved (lib/notices/content-hash.ts); null until approval. */
  contentHash: string | null;
  createdAt: Date;
  updatedAt: Date;
}

// ---------------------------------------------------------------------------------------------
// Legal fields of a purpose, as the catalog form edits them.

const recipientSchema = z
  .string()
  .trim()
  .max(300)
  .transform((value) => (value === "" ? null : value))
  .nullable();

export const purposeLegalFieldsSchema = z
  .object({
    legalBasis: z.enum(LEGAL_BASES),
    dataCategories: uniqueList(z.string().trim().min(1).max(200), 50),
    sensitive: z.boolean(),
    separateConsentSensitive: z.boolean(),
    separateConsentThirdParty: z.boolean(),
    thirdPartyRecipient: recipientSchema,
    separateConsentCrossBorder: z.boolean(),
    crossBorderRecipient: recipientSchema,
    /** ISO 3166-1 alpha-2, e.g. "SG". */
    crossBorderCountry: z
      .string()
      .trim()
      .transform((value) => (value === "" ? null : value.toUpperCase()))
      .pipe(z.string().regex(/^[A-Z]{2}$/, { message: "invalid_format" }).nullable())
      .nullable(),
    separateConsentPublicDisclosure: z.boolean(),
    /** A statement for people: "3 years after your last purchase". */
    retention: z.string().trim().max(500),
    retentionDays: z.int().min(1).max(36_500).nullable(),
    recipients: uniqueList(z.string().trim().min(1).max(300), 50),
    /** A W3C DPV purpose term, e.g. "dpv:Marketing". */
    dpvPurpose: z
      .string()
      .trim()
      .transform((value) => (value === "" ? null : value))
      .pipe(z.string().regex(/^dpv:[A-Z][A-Za-z0-9]{1,80}$/, { message: "invalid_format" }).nullable())
      .nullable(),
  })
  // PIPL art. 29: processing sensitive personal information needs separate consent.
  .refine((fields) => !fields.sensitive || fields.separateConsentSensitive, {
    path: ["separateConsentSensitive"],
    message: "invalid_value",
  });
export type PurposeLegalFieldsInput = z.input<typeof purposeLegalFieldsSchema>;
export type PurposeLegalFields = z.output<typeof purposeLegalFieldsSchema>;
