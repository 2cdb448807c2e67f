import type { LiveExperience } from "./live-types";

/*
 * The visitor's choice, kept by the embed in a first-party cookie so the next page knows it
 * without a request. Pure and tiny (the embed bundles it). The cookie holds no personal data
 * beyond a random device id, which is also the subject the choice was recorded under.
 *
 * Encoding, format 1 (fields joined by "."; purpose ids are UUIDs written as 32 hex digits):
 *   1.<experience public id>.<version number>.<seconds since epoch, base 36>.<given ids joined by "_">
 *   .<refused ids joined by "_">.<device id>.<1 if a GPC signal was honoured, else 0>
 *   .<1 if the visitor chose, 0 if only a GPC signal was recorded>
 * Only [0-9A-Za-z._-] appear, so the value needs no escaping in a cookie.
 */

export const STORED_CHOICE_COOKIE = "csy_consent";
const FORMAT = "1";
const DAY_MS = 86_400_000;
const HEX32 = /^[0-9a-f]{32}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TOKEN = /^[A-Za-z0-9-]{1,64}$/;
const FLAG = /^[01]$/;

export interface StoredChoice {
  /** Public id of the experience the choice was made on. */
  experience: string;
  /** Number of the published version shown when the choice was made. */
  versionNumber: number;
  /** When the choice was made (whole seconds). */
  at: Date;
  /** Purpose ids, lower-case UUIDs. */
  given: string[];
  refused: string[];
  /** The random identifier the choice was recorded under (subject kind `device_id`). */
  deviceId: string;
  /** A Global Privacy Control signal was honoured for this version. */
  gpc: boolean;
  /**
   * False when only a GPC signal was recorded and the visitor has still to be asked about the
   * other purposes; absent or true when the visitor chose (accept, reject, save).
   */
  decided?: boolean;
}

function packPurpose(id: string): string {
  return id.replace(/-/g, "").toLowerCase();
}

function unpackPurpose(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function packList(ids: readonly string[]): string {
  return ids.filter((id) => UUID.test(id)).map(packPurpose).join("_");
}

function unpackList(field: string): string[] | null {
  if (field === "") return [];
  const parts = field.split("_");
  return parts.every((part) => HEX32.test(part)) ? parts.map(unpackPurpose) : null;
}

/** The cookie's value for a choice (without name or attributes). */
export function encodeStoredChoice(choice: StoredChoice): string {
  return [
    FORMAT,
    choice.experience,
    String(choice.versionNumber),
    Math.floor(choice.at.getTime() / 1000).toString(36),
    packList(choice.given),
    packList(choice.refused),
    choice.deviceId,
    choice.gpc ? "1" : "0",
    choice.decided === false ? "0" : "1",
  ].join(".");
}

/** The choice in a cookie value; null when it is absent, of another format, or damaged. */
export function decodeStoredChoice(value: string): StoredChoice | null {
  const [format, experience = "", version = "", time = "", given = "", refused = "", deviceId = "", gpc = "", decided = "", ...rest] =
    value.split(".");
  if (format !== FORMAT || rest.length > 0) return null;
  if (!TOKEN.test(experience) || !/^[1-9][0-9]{0,8}$/.test(version) || !/^[0-9a-z]{1,10}$/.test(time)) return null;
  if (!TOKEN.test(deviceId) || !FLAG.test(gpc) || !FLAG.test(decided)) return null;
  const givenIds = unpackList(given);
  const refusedIds = unpackList(refused);
  if (!givenIds || !refusedIds) return null;
  return {
    experience,
    versionNumber: Number(version),
    at: new Date(parseInt(time, 36) * 1000),
    given: givenIds,
    refused: refusedIds,
    deviceId,
    gpc: gpc === "1",
    decided: decided === "1",
  };
}

/** The stored choice in a `document.cookie` (or Cookie header) string; null when there is none. */
export function readStoredChoice(cookieString: string): StoredChoice | null {
  for (const pair of cookieString.split(";")) {
    const at = pair.indexOf("=");
    if (at !== -1 && pair.slice(0, at).trim() === STORED_CHOICE_COOKIE) return decodeStoredChoice(pair.slice(at + 1).trim());
  }
  return null;
}

/**
 * The assignment for `document.cookie` (also a valid Set-Cookie value): first-party, the whole
 * site (Path=/), sent on top-level navigations only (SameSite=Lax), kept as long as the region
 * lets a choice stand (browsers cap it at 400 days), Secure on https.
 */
export function storedChoiceCookie(choice: StoredChoice, options: { reaskAfterDays: number; secure: boolean }): string {
  const maxAge = Math.max(0, Math.round(options.reaskAfterDays * 86_400));
  return `${STORED_CHOICE_COOKIE}=${encodeStoredChoice(choice)}; Path=/; Max-Age=${maxAge}; SameSite=Lax${options.secure ? "; Secure" : ""}`;
}

/**
 * Whether the visitor must be asked again: the choice was made on another experience, under a
 * version a later material change superseded, or longer ago than the region lets a choice stand.
 */
export function isStale(
  stored: StoredChoice,
  live: Pick<LiveExperience, "publicId" | "reconsentFromVersion" | "rules">,
  now: Date,
): boolean {
  if (stored.experience !== live.publicId) return true;
  if (stored.versionNumber < live.reconsentFromVersion) return true;
  return now.getTime() - stored.at.getTime() > live.rules.reaskAfterDays * DAY_MS;
}
