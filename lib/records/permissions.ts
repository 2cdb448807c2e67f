import type { WorkspaceRole } from "@/lib/tenancy/schemas";

/**
 * Who may do what with records; the database decides (supabase/migrations/20261124120000_records.sql),
 * these only keep the console from offering what would be refused. Every member reads records.
 */
export const RECORDS_CAN = {
  /** Exports take personal data out of the product: the roles accountable for it, who read the audit log. */
  export: (role: WorkspaceRole) => role === "owner" || role === "admin" || role === "legal",
  /** Recording on a person's behalf is evidence: not editors (they design what asks), not viewers. */
  recordForPerson: (role: WorkspaceRole) => role === "owner" || role === "admin" || role === "legal",
} as const;
