import { z } from "zod";
import { API_ERROR_CODES, API_ERROR_STATUS } from "./codes";

export interface OperationSpec {
  method: "get" | "post" | "patch" | "delete";
  path: string;
  summary: string;
  /** The route's own input schema (the one its handler validates with). */
  schema: z.ZodType;
  source?: "body" | "query";
  /** "browser" also accepts an experience public key (X-Consentry-Key) from an allowed Origin. */
  auth: { scope: string; browser?: boolean } | "anonymous";
  idempotent?: boolean;
  success: { status: number; description: string; contentTypes?: string[]; schema?: z.ZodType };
  /** Parameters in the path, e.g. `{publicId}`. */
  pathParameters?: { name: string; description: string; pattern: string }[];
}

const errorSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string", enum: API_ERROR_CODES },
        message: { type: "string", description: "For people, in the language of Accept-Language (en, zh-CN, zh-TW)." },
        details: { description: "What a client can act on: the fields, the unknown id …" },
      },
    },
  },
};

function successSchema(contentType: string, schema: z.ZodType | undefined): Record<string, unknown> {
  if (contentType === "application/json") return schema ? jsonSchemaOf(schema, "output") : { type: "object" };
  return contentType.startsWith("image/") && !contentType.includes("svg") ? { type: "string", format: "binary" } : { type: "string" };
}

function jsonSchemaOf(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

/** OpenAPI 3.1 from the routes' zod schemas (zod 4's own JSON Schema output: draft 2020-12, as 3.1 uses). */
export function buildOpenApi(operations: OperationSpec[], version = "1.0.0"): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const json = jsonSchemaOf(op.schema, "input");
    const statuses = new Set<number>(Object.values(API_ERROR_STATUS));
    const responses: Record<string, unknown> = {
      [op.success.status]: {
        description: op.success.description,
        content: Object.fromEntries(
          (op.success.contentTypes ?? ["application/json"]).map((type) => [type, { schema: successSchema(type, op.success.schema) }]),
        ),
      },
    };
    for (const status of [...statuses].sort()) {
      const codes = API_ERROR_CODES.filter((c) => API_ERROR_STATUS[c] === status);
      responses[status] = {
        description: `Error: ${codes.join(", ")}`,
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      };
    }
    const parameters: unknown[] = [
      ...(op.pathParameters ?? []).map((param) => ({ name: param.name, in: "path", required: true, description: param.description, schema: { type: "string", pattern: param.pattern } })),
      { name: "Accept-Language", in: "header", required: false, schema: { type: "string" }, description: "en, zh-CN or zh-TW" },
    ];
    if (op.idempotent) {
      parameters.push({
        name: "Idempotency-Key",
        in: "header",
        required: false,
        schema: { type: "string", minLength: 1, maxLength: 200, pattern: "^[\\x20-\\x7e]+$" },
        description: "Same key + same body: the first result (Idempotent-Replayed: true). Different body: 422. In flight: 409.",
      });
    }
    if (op.source === "query") {
      // A schema with a meta id comes back as a $ref into its own $defs: read the object itself.
      const defs = (json.$defs ?? {}) as Record<string, Record<string, unknown>>;
      const query = typeof json.$ref === "string" ? (defs[json.$ref.replace("#/$defs/", "")] ?? json) : json;
      const properties = (query.properties ?? {}) as Record<string, unknown>;
      const required = (query.required ?? []) as string[];
      for (const [name, schema] of Object.entries(properties)) parameters.push({ name, in: "query", required: required.includes(name), schema });
    }
    const security =
      op.auth === "anonymous" ? [] : op.auth.browser ? [{ secretKey: [op.auth.scope] }, { publicKey: [] }] : [{ secretKey: [op.auth.scope] }];
    paths[op.path] = {
      ...paths[op.path],
      [op.method]: {
        summary: op.summary,
        ...(op.auth === "anonymous" ? {} : { description: `Scope: ${op.auth.scope}` }),
        security,
        parameters,
        ...(op.source === "query" ? {} : { requestBody: { required: true, content: { "application/json": { schema: json } } } }),
        responses,
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Consentry API",
      version,
      description: "Collection, decision and subject APIs. Errors are { error: { code, message, details? } } with a stable code.",
    },
    servers: [{ url: "/api/v1" }],
    paths,
    components: {
      securitySchemes: {
        secretKey: { type: "http", scheme: "bearer", description: "Secret workspace API key (csk_…), scoped" },
        publicKey: { type: "apiKey", in: "header", name: "X-Consentry-Key", description: "An experience's public key (pk_…); the Origin must be allowed" },
      },
      schemas: { Error: errorSchema },
    },
    "x-error-codes": Object.fromEntries(API_ERROR_CODES.map((code) => [code, API_ERROR_STATUS[code]])),
  };
}
