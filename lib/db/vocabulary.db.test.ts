import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  COLLECTION_CHANNELS,
  CONSENT_METHODS,
  CONSENT_STATES,
  CONSENT_TYPES,
  CONTACT_CHANNELS,
  EXPRESSED_BY,
  IDENTIFIER_KINDS,
  RECORDABLE_COLLECTION_CHANNELS,
  RECORDABLE_METHODS,
} from "@/lib/consent/types";
import { EXPERIENCE_KINDS } from "@/lib/experience/document";
import { DELIVERY_STATUSES } from "@/lib/sync/console/delivery-log";
import { DESTINATION_KINDS } from "@/lib/sync/destinations/schemas";
import { WORKSPACE_ROLES } from "@/lib/tenancy/schemas";
import { createTestDatabase, TEST_TARGETS, type TestDatabase } from "@/lib/testing/databases";

/**
 * One contract per concept: every value list the TypeScript validates with is the database's enum
 * of the same name, value for value and in order (the order is the enum's sort order too).
 */
const ENUMS: Record<string, readonly string[]> = {
  identifier_kind: IDENTIFIER_KINDS,
  consent_status: CONSENT_STATES,
  consent_type: CONSENT_TYPES,
  consent_method: CONSENT_METHODS,
  collection_channel: COLLECTION_CHANNELS,
  contact_channel: CONTACT_CHANNELS,
  expressed_by: EXPRESSED_BY,
  experience_kind: EXPERIENCE_KINDS,
  workspace_role: WORKSPACE_ROLES,
  delivery_status: DELIVERY_STATUSES,
  destination_kind: DESTINATION_KINDS,
};

describe.each(TEST_TARGETS)("value lists and the database's enums on $target", ({ target, skip }) => {
  let t: TestDatabase;
  let enums: Map<string, string[]>;
  beforeAll(async () => {
    if (skip) return;
    t = await createTestDatabase(target);
    const rows = await t.superuser.query<{ name: string; labels: string[] }>(
      `select t.typname as name, array_agg(e.enumlabel order by e.enumsortorder)::text[] as labels
         from pg_type t join pg_enum e on e.enumtypid = t.oid join pg_namespace n on n.oid = t.typnamespace
        where n.nspname = 'public' group by t.typname`,
    );
    enums = new Map(rows.map((row) => [row.name, row.labels]));
  });
  afterAll(async () => t?.close());

  it.skipIf(skip)("every TypeScript list is its enum, value for value", () => {
    for (const [name, values] of Object.entries(ENUMS)) expect({ name, values: enums.get(name) }).toEqual({ name, values: [...values] });
  });

  it.skipIf(skip)("every enum of the schema has its TypeScript list here", () => {
    expect([...enums.keys()].sort()).toEqual(Object.keys(ENUMS).sort());
  });

  it("what callers may record is part of the ledger's vocabulary", () => {
    for (const method of RECORDABLE_METHODS) expect(CONSENT_METHODS).toContain(method);
    for (const channel of RECORDABLE_COLLECTION_CHANNELS) expect(COLLECTION_CHANNELS).toContain(channel);
  });
});
