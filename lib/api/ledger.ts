/**
 * The ledger's domain functions the public API calls (lib/consent), re-exported in one place so
 * the routes read as "parse, call one function, answer".
 */
export { appendContact } from "@/lib/consent/contacts";
export { apiKeyDigest, apiKeyRevocations, verifyApiKey } from "@/lib/consent/api-keys";
export { confirmDoubleOptIn, recordBrowserConsent, recordConsent } from "@/lib/consent/record";
export { recordSmsInbound } from "@/lib/consent/sms";
export { linkSubjects, subjectHistory } from "@/lib/consent/subjects";
