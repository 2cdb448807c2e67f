// The end-user preference centre (server-only; the pure parts are types.ts).
export * from "./types";
export { startVerification, verifyCode, verifyLink, endSubjectSession } from "./verification";
export { readCentreState, recordCentreChange, withdrawAllConsent } from "./centre";
export { readReceipt, receiptDocument, type ConsentReceipt, type ReceiptEvent } from "./receipts";
export { requestSubjectData, listDataSubjectRequests, setDataSubjectRequestStatus, requestStatusChangeSchema, type DataSubjectRequest } from "./requests";
export { listOutboundMessages, type OutboundMessage } from "./outbox";
