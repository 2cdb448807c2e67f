import type { z } from "zod";
import { ApiError } from "./api-error";

/** The largest request body any public route accepts. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Reads a JSON body defensively: the content type must be JSON (415), the declared length and
 * the bytes actually received must stay under the limit (413: a client may lie or send
 * chunked), the bytes must be UTF-8 and parse as JSON (400 `malformed_json`).
 */
export async function readJson(request: Request, maxBytes: number = MAX_BODY_BYTES): Promise<unknown> {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (type !== "application/json" && !/^application\/[a-z0-9.+-]+\+json$/.test(type)) throw new ApiError("unsupported_media_type");
  const declared = request.headers.get("content-length");
  if (declared !== null && (!/^\d+$/.test(declared) || Number(declared) > maxBytes)) {
    throw new ApiError("body_too_large", { maxBytes }, { maxBytes });
  }
  const bytes = await readLimited(request, maxBytes);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError("malformed_json", { reason: "not UTF-8" });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ApiError("malformed_json", { reason: (error as Error).message.slice(0, 200) });
  }
}

async function readLimited(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      // The client went away mid-body (or sent a broken stream): nothing to answer, nothing to log.
      throw new ApiError("malformed_json", { reason: "body not received" });
    }
    const { done, value } = chunk;
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new ApiError("body_too_large", { maxBytes }, { maxBytes });
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

export interface FieldProblem {
  path: string;
  code: string;
  message: string;
}

/** zod issues as the API reports them: a path per problem, and the unknown fields by name. */
export function describeIssues(error: z.ZodError): { problems: FieldProblem[]; unknownFields: string[] } {
  const problems: FieldProblem[] = [];
  const unknownFields: string[] = [];
  for (const issue of error.issues.slice(0, 50)) {
    const base = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) unknownFields.push(base ? `${base}.${key}` : key);
    }
    problems.push({ path: base || "(root)", code: issue.code, message: issue.message });
  }
  return { problems, unknownFields };
}

/** Validates parsed input against a route's schema: 400 with every problem named. */
/** NUL, and UTF-16 surrogates without their pair: valid in JSON and URLs, but no database text can hold them. */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The paths of every string (key or value) in `value` that the database could not store. */
function unstorableStrings(value: unknown, path: string, found: string[]): string[] {
  if (found.length >= 50) return found;
  if (typeof value === "string") {
    if (UNSTORABLE.test(value)) found.push(path || "(root)");
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => unstorableStrings(item, path ? `${path}.${index}` : String(index), found));
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      if (UNSTORABLE.test(key)) found.push(at);
      else unstorableStrings(item, at, found);
    }
  }
  return found;
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown, code: "invalid_body" | "invalid_query" = "invalid_body"): z.output<S> {
  // Refused before the schema: a NUL byte or a lone surrogate would otherwise reach the database and fail there (a 500).
  const unstorable = unstorableStrings(input, "", []);
  if (unstorable.length > 0) {
    const problems = unstorable.map((path) => ({ path, code: "invalid_characters", message: "NUL bytes and unpaired UTF-16 surrogates are not accepted" }));
    throw new ApiError(code, { problems }, { fields: unstorable.join(", ") });
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const { problems, unknownFields } = describeIssues(result.error);
  const fields = [...new Set([...unknownFields, ...problems.map((p) => p.path)])].join(", ");
  throw new ApiError(code, { problems, ...(unknownFields.length ? { unknownFields } : {}) }, { fields });
}
