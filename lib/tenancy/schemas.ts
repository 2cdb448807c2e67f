import { z } from "zod";
import { LOCALES } from "@/lib/i18n/routing";

export const WORKSPACE_ROLES = ["owner", "admin", "editor", "legal", "viewer"] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];
export const workspaceRoleSchema = z.enum(WORKSPACE_ROLES);

/** The data controller's identity, as notices and consent records will name it. */
export const workspaceInputSchema = z.object({
  name: z.string().trim().min(1).max(120),
  legalEntityName: z.string().trim().min(1).max(200),
  contactAddress: z.string().trim().min(3).max(500),
  defaultLocale: z.enum(LOCALES).default("en"),
});
export type WorkspaceInput = z.infer<typeof workspaceInputSchema>;

export const invitationInputSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email().max(320)),
  role: workspaceRoleSchema,
});
export type InvitationInput = z.infer<typeof invitationInputSchema>;

export const workspaceIdSchema = z.guid();

export interface Workspace {
  id: string;
  name: string;
  legalEntityName: string;
  contactAddress: string;
  /** The controller as each language names it: {locale: text}; see lib/tenancy/controller.ts. */
  legalEntityNames: Record<string, string>;
  contactAddresses: Record<string, string>;
  defaultLocale: string;
  createdAt: Date;
  /** The caller's own role in it. */
  myRole: WorkspaceRole;
}

/** What each role may do in the console; the database enforces the same through RLS. */
export const CAN = {
  manageMembers: (role: WorkspaceRole) => role === "owner" || role === "admin",
  editWorkspace: (role: WorkspaceRole) => role === "owner" || role === "admin",
  readAudit: (role: WorkspaceRole) => role === "owner" || role === "admin" || role === "legal",
  designExperiences: (role: WorkspaceRole) => role === "owner" || role === "admin" || role === "editor",
  editPurposes: (role: WorkspaceRole) => role === "owner" || role === "admin" || role === "legal",
  /** Double opt-in, consent lifetime and SMS opt-out keywords: what the ledger records. */
  editLedgerRules: (role: WorkspaceRole) => role === "owner" || role === "admin",
  editTopics: (role: WorkspaceRole) => role === "owner" || role === "admin" || role === "editor",
  editNotices: (role: WorkspaceRole) => role !== "viewer",
  /** Approving or rejecting a notice version (never one's own: the database enforces four eyes). */
  reviewNotices: (role: WorkspaceRole) => role === "owner" || role === "legal",
} as const;
