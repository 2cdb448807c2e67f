import { z } from "zod";
import { COLLECTION_CHANNELS, CONSENT_METHODS, CONSENT_STATES } from "@/lib/consent/types";

/**
 * What the records explorer filters by. Pure: the console's filter form, its pages and the export
 * route share it. A person is filtered by subject id, never by an identifier, so a filtered URL,
 * an export's audit entry or a server log never carries an email address or a phone number.
 */

const optional = <T extends z.ZodType>(schema: T) => z.union([z.literal("").transform(() => undefined), schema]).optional();

export const recordFiltersSchema = z.object({
  purpose: optional(z.guid()),
  state: optional(z.enum(CONSENT_STATES)),
  channel: optional(z.enum(COLLECTION_CHANNELS)),
  region: optional(z.string().trim().regex(/^[A-Za-z0-9_-]{1,32}$/)),
  method: optional(z.enum(CONSENT_METHODS)),
  /** Received on or after this UTC day. */
  from: optional(z.iso.date()),
  /** Received on or before this UTC day (inclusive). */
  to: optional(z.iso.date()),
  subject: optional(z.guid()),
});
export type RecordFilters = z.infer<typeof recordFiltersSchema>;

export const RECORD_FILTER_NAMES = Object.keys(recordFiltersSchema.shape) as (keyof RecordFilters)[];

/** A position in the newest-first listing: the received time (UTC, microseconds) and id of the last row shown. */
export const recordCursorSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z~[0-9a-f-]{36}$/);

export const RECORDS_PAGE_SIZE = 50;
/** The listing counts matches up to here, then says "more than". */
export const RECORDS_COUNT_CAP = 10_000;

/** The filters that are set, as plain strings (URLs, audit entries). */
export function activeFilters(filters: RecordFilters): Record<string, string> {
  return Object.fromEntries(Object.entries(filters).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

/** Reads filters from a URL's search parameters; anything unreadable is reported, not guessed. */
export function parseRecordFilters(params: Record<string, string | string[] | undefined> | URLSearchParams):
  | { ok: true; filters: RecordFilters }
  | { ok: false; filters: RecordFilters } {
  const raw: Record<string, string> = {};
  const read = (name: string) => (params instanceof URLSearchParams ? params.get(name) : [params[name]].flat()[0]);
  for (const name of RECORD_FILTER_NAMES) {
    const value = read(name);
    if (typeof value === "string") raw[name] = value;
  }
  const parsed = recordFiltersSchema.safeParse(raw);
  return parsed.success ? { ok: true, filters: parsed.data } : { ok: false, filters: {} };
}
