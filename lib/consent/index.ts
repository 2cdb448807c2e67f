// The consent ledger and decisions (server-only; the pure parts are decide.ts and types.ts).
export * from "./types";
export * from "./decide";
export { recordConsent, recordBrowserConsent, confirmDoubleOptIn, expireConsents, type ConfirmDoubleOptInResult } from "./record";
export { findSubject, linkSubjects, subjectHistory } from "./subjects";
export { appendContact, type ContactInput } from "./contacts";
export { recordSmsInbound, isSmsOptOutKeyword } from "./sms";
export { decideMany, decideOne, decisionRequestSchema, MAX_DECISION_BATCH, type DecisionRequest } from "./decisions";
export { API_KEY_SCOPES, createApiKey, listApiKeys, revokeApiKey, verifyApiKey, apiKeyDigest, type ApiKeyScope, type ApiKeySummary } from "./api-keys";
export { verifyConsentLedger, verifySubjectChain, type LedgerVerdict, type SubjectChainVerdict, type ChainBreak } from "./verify";
