import type { Database } from "@/lib/db/types";
import { apiKeyDigest, apiKeyRevocations, verifyApiKey } from "./ledger";
import { ApiError } from "./api-error";
import { cachedCredential } from "./credential-cache";
import { noteOriginRefusal } from "./refused-origin";
import { runApiStatement } from "./service";
import { isOriginAllowed, normalizeOrigin } from "./cors";

export const API_SCOPES = ["consent:write", "consent:read", "decisions:read", "contacts:write", "changes:read", "destinations:manage"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** Who may call a route: a secret key with a scope, also a browser's public key, or anybody. */
export type AuthRequirement = { scope: ApiScope; browser?: boolean } | "anonymous";

export type ApiCaller =
  | { kind: "secret"; workspaceId: string; keyId: string; scopes: string[]; rateSubject: string }
  | {
      kind: "public";
      publicKey: string;
      workspaceId: string;
      experienceId: string;
      publicId: string;
      liveVersionId: string | null;
      origin: string;
      rateSubject: string;
    }
  | { kind: "anonymous"; rateSubject: string };

const BEARER = /^Bearer\s+(\S+)$/i;
const SECRET_KEY = /^csk_[A-Za-z0-9_-]{16,200}$/;
const PUBLIC_KEY = /^pk_[0-9a-f]{32}$/;

export interface Credentials {
  secret?: string;
  publicKey?: string;
  origin: string | null;
}

/** What the headers claim, before any lookup: malformed credentials are refused without a query. */
export function readCredentials(headers: Headers, requirement: AuthRequirement): Credentials {
  const origin = normalizeOrigin(headers.get("origin"));
  if (requirement === "anonymous") return { origin };
  const authorization = headers.get("authorization");
  const publicKey = headers.get("x-consentry-key");
  if (authorization !== null) {
    const secret = BEARER.exec(authorization.trim())?.[1];
    if (!secret || !SECRET_KEY.test(secret)) throw new ApiError("invalid_api_key");
    return { secret, origin };
  }
  if (publicKey !== null && requirement.browser) {
    if (!PUBLIC_KEY.test(publicKey.trim())) throw new ApiError("invalid_api_key");
    return { publicKey: publicKey.trim(), origin };
  }
  throw new ApiError("invalid_api_key");
}

interface PublicKeyExperience {
  workspace_id: string;
  experience_id: string;
  public_id: string;
  live_version_id: string | null;
  allowed_origins: string[];
}

/**
 * Checks the credentials (as the service: nobody is known yet): a secret key must
 * exist, be unrevoked and carry the scope; a public key must belong to an experience whose
 * allowed origins (or the app's own) include the request's Origin. What the database said of a
 * valid credential is reused for CREDENTIAL_CACHE_SECONDS (lib/api/credential-cache.ts), so a
 * busy caller costs no query here. A revocation takes effect within that time (at once in the
 * process that revoked: the cache key carries its revocation count); a refusal based on a
 * remembered experience (origin not listed, not published) is checked again in the database
 * first, so newly allowed origins and new publications work at once.
 */
export async function authenticate(
  db: Database,
  credentials: Credentials,
  requirement: AuthRequirement,
  context: { ownOrigins: string[]; network: string | undefined },
): Promise<ApiCaller> {
  if (requirement === "anonymous") return { kind: "anonymous", rateSubject: `ip:${context.network ?? "-"}` };
  if (credentials.secret) {
    const secret = credentials.secret;
    // Keyed by the secret's digest: the cache holds no secret.
    const key = await cachedCredential(db, `secret:${apiKeyRevocations()}:${apiKeyDigest(secret)}`, () => verifyApiKey(db, secret));
    if (!key) throw new ApiError("invalid_api_key");
    if (!key.scopes.includes(requirement.scope)) throw new ApiError("insufficient_scope", { required: requirement.scope }, { scope: requirement.scope });
    return { kind: "secret", workspaceId: key.workspaceId, keyId: key.keyId, scopes: key.scopes, rateSubject: `key:${key.keyId}` };
  }
  if (credentials.publicKey) {
    const publicKey = credentials.publicKey;
    const lookUp = async () => {
      const [found] = await runApiStatement(db, (sql) =>
        sql.query<PublicKeyExperience>("select * from private.api_experience_by_public_key($1)", [publicKey]),
      );
      return found ?? null;
    };
    let experience = await cachedCredential(db, `public:${publicKey}`, lookUp);
    const accepts = (e: PublicKeyExperience) => e.live_version_id !== null && isOriginAllowed(credentials.origin, e.allowed_origins, context.ownOrigins);
    if (experience && !accepts(experience)) experience = await cachedCredential(db, `public:${publicKey}`, lookUp, { fresh: true });
    if (!experience) throw new ApiError("invalid_api_key");
    if (!experience.live_version_id) throw new ApiError("experience_not_found");
    if (!isOriginAllowed(credentials.origin, experience.allowed_origins, context.ownOrigins)) {
      await noteOriginRefusal(db, experience.public_id, credentials.origin);
      throw new ApiError("origin_not_allowed", { origin: credentials.origin });
    }
    return {
      kind: "public",
      publicKey: credentials.publicKey,
      workspaceId: experience.workspace_id,
      experienceId: experience.experience_id,
      publicId: experience.public_id,
      liveVersionId: experience.live_version_id,
      origin: credentials.origin!,
      rateSubject: `pk:${credentials.publicKey}:${context.network ?? "-"}`,
    };
  }
  throw new ApiError("invalid_api_key");
}

/** The workspace a key-authenticated caller acts for (routes that take no browser key). */
export function workspaceOf(caller: ApiCaller): string {
  if (caller.kind === "anonymous") throw new ApiError("invalid_api_key");
  return caller.workspaceId;
}
