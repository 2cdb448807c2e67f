import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError } from "./api-error";
import { parseInput, readJson } from "./body";

const post = (body: BodyInit | null, headers: Record<string, string> = { "content-type": "application/json" }) =>
  new Request("http://localhost/api/v1/x", { method: "POST", headers, body, ...(body instanceof ReadableStream ? { duplex: "half" } : {}) } as RequestInit);

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    return error instanceof ApiError ? error.code : `unexpected: ${String(error)}`;
  }
}

describe("readJson", () => {
  it("parses JSON, also with a charset and +json types", async () => {
    expect(await readJson(post('{"a":1}'))).toEqual({ a: 1 });
    expect(await readJson(post('{"a":1}', { "content-type": "application/json; charset=utf-8" }))).toEqual({ a: 1 });
    expect(await readJson(post("[1]", { "content-type": "application/merge-patch+json" }))).toEqual([1]);
  });

  it.each([
    ["no content type", post('{"a":1}', {}), "unsupported_media_type"],
    ["text/plain", post('{"a":1}', { "content-type": "text/plain" }), "unsupported_media_type"],
    ["empty", post(""), "malformed_json"],
    ["truncated", post('{"a":'), "malformed_json"],
    ["invalid UTF-8", post(new Uint8Array([0x7b, 0xff, 0x7d])), "malformed_json"],
    ["declared too long", post("{}", { "content-type": "application/json", "content-length": "65537" }), "body_too_large"],
    ["declared nonsense length", post("{}", { "content-type": "application/json", "content-length": "-1" }), "body_too_large"],
    ["actually too long", post(JSON.stringify({ a: "x".repeat(70_000) })), "body_too_large"],
  ])("refuses %s", async (_name, request, code) => {
    expect(await codeOf(readJson(request))).toBe(code);
  });

  it("counts the bytes of a streamed body that declares no length", async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new Uint8Array(8 * 1024).fill(0x20));
        controller.close();
      },
    });
    expect(await codeOf(readJson(post(stream)))).toBe("body_too_large");
  });
});

describe("parseInput", () => {
  const schema = z.strictObject({ name: z.string(), nested: z.strictObject({ n: z.int() }).optional() });

  it("names unknown fields, nested ones with their path", () => {
    try {
      parseInput(schema, { name: "a", extra: 1, nested: { n: 1, deep: 2 } });
      expect.unreachable();
    } catch (error) {
      const apiError = error as ApiError;
      expect(apiError.code).toBe("invalid_body");
      expect((apiError.details as { unknownFields: string[] }).unknownFields.sort()).toEqual(["extra", "nested.deep"]);
      expect(String(apiError.params.fields)).toContain("nested.deep");
    }
  });

  it("reports wrong types with their path and the query variant", () => {
    expect(() => parseInput(schema, { name: 1 })).toThrow(ApiError);
    try {
      parseInput(schema, {}, "invalid_query");
    } catch (error) {
      expect((error as ApiError).code).toBe("invalid_query");
      expect((error as ApiError).status).toBe(400);
    }
  });
});
