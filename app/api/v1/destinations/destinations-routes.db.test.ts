import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useApiDatabaseForTests } from "@/lib/api/context";
import { createApiKey, type ApiKeyScope } from "@/lib/consent/api-keys";
import { runAsCaller } from "@/lib/db/caller";
import { createTestDatabase, TEST_TARGETS, type TestDatabase } from "@/lib/testing/databases";
import { createAccount, createWorkspace } from "@/lib/testing/tenancy-fixture";
import { GET as openapi } from "../openapi.json/route";
import { DELETE as remove, GET as readOne, PATCH as update } from "./[destinationId]/route";
import { POST as pause } from "./[destinationId]/pause/route";
import { POST as resume } from "./[destinationId]/resume/route";
import { POST as rotate } from "./[destinationId]/rotate-secret/route";
import { GET as list, POST as create } from "./route";

/**
 * /api/v1/destinations called as Next calls it (a Request in, a Response out) against a real
 * database on both engines: a key of scope destinations:manage creates, reads, changes,
 * pauses, resumes, rotates and deletes its own workspace's destinations, audited in the name
 * of the key's creator; the signing secret is answered once; refusals carry stable codes.
 */

type Handler = (request: Request) => Promise<Response>;
const BASE = "http://localhost:3000/api/v1/destinations";

function call(handler: Handler, key: string, path = "", init: { method?: string; body?: unknown; language?: string } = {}) {
  return handler(
    new Request(`${BASE}${path}`, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers: { "content-type": "application/json", authorization: `Bearer ${key}`, ...(init.language ? { "accept-language": init.language } : {}) },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    }),
  );
}

// The answers of every route here, read loosely: the assertions say which fields matter.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type JsonBody = Record<string, any>;

async function json(response: Response): Promise<{ status: number; body: JsonBody }> {
  return { status: response.status, body: response.status === 204 ? {} : ((await response.json()) as JsonBody) };
}

const webhook = { kind: "webhook", name: "CRM", url: "https://crm.example.com/hooks/consent" };

describe.each(TEST_TARGETS)("/api/v1/destinations on $target", ({ target, skip }) => {
  let t: TestDatabase;
  let ownerId: string;
  let workspaceId: string;
  const keys = {} as { manage: string; consentOnly: string; otherWorkspace: string };

  beforeAll(async () => {
    if (skip) return;
    t = await createTestDatabase(target);
    useApiDatabaseForTests(t.db);
    const makeKeys = async (tag: string, scopes: ApiKeyScope[][]) => {
      const owner = await createAccount(t.db, `dest-api-${tag}`);
      const workspace = await createWorkspace(t.db, owner, `Destinations API ${tag}`);
      const made = await runAsCaller(t.db, owner.caller, async (sql) => {
        const out: string[] = [];
        for (const set of scopes) out.push((await createApiKey(sql, workspace, { name: set.join(" "), scopes: set })).secret);
        return out;
      });
      return { owner, workspace, made };
    };
    const mine = await makeKeys("a", [["destinations:manage"], ["consent:write", "consent:read", "decisions:read", "contacts:write"]]);
    const theirs = await makeKeys("b", [["destinations:manage"]]);
    ownerId = mine.owner.id;
    workspaceId = mine.workspace;
    keys.manage = mine.made[0]!;
    keys.consentOnly = mine.made[1]!;
    keys.otherWorkspace = theirs.made[0]!;
  });
  afterAll(async () => {
    useApiDatabaseForTests(null);
    await t?.close();
  });

  it.skipIf(skip)("creates a webhook and answers its signing secret once; reads, changes, pauses, resumes, rotates and deletes it", async () => {
    const created = await json(await call(create, keys.manage, "", { body: { ...webhook, headers: { Authorization: "Bearer receiver-token" }, identifierPolicy: { phone: "sha256" } } }));
    expect(created.status).toBe(201);
    expect(created.body.signingSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const destination = created.body.destination;
    expect(destination).toMatchObject({ name: "CRM", kind: "webhook", url: webhook.url, headerNames: ["Authorization"], identifierPolicy: { phone: "sha256" }, paused: false });
    expect(destination.signingPublicKey).toMatch(/^whpk_/);
    const id = destination.id as string;

    const listed = await json(await call(list, keys.manage));
    expect(listed.status).toBe(200);
    expect(listed.body.destinations.map((d: { id: string }) => d.id)).toEqual([id]);
    // Never again: neither the secret nor the receiver's token are in any later answer.
    const read = await json(await call(readOne, keys.manage, `/${id}`));
    expect(read.body.destination.id).toBe(id);
    for (const answer of [listed, read]) {
      expect(JSON.stringify(answer.body)).not.toContain(created.body.signingSecret.slice(6));
      expect(JSON.stringify(answer.body)).not.toContain("receiver-token");
    }

    const changed = await json(await call(update, keys.manage, `/${id}`, { method: "PATCH", body: { name: "CRM (EU)", filters: { purposes: ["marketing"], states: ["given", "withdrawn", "refused", "expired"] } } }));
    expect(changed.status).toBe(200);
    expect(changed.body.destination).toMatchObject({ name: "CRM (EU)", filters: { purposes: ["marketing"] }, url: webhook.url });

    expect((await json(await call(pause, keys.manage, `/${id}/pause`, { method: "POST" }))).body.destination.paused).toBe(true);
    expect((await json(await call(resume, keys.manage, `/${id}/resume`, { method: "POST" }))).body.destination.paused).toBe(false);

    const rotated = await json(await call(rotate, keys.manage, `/${id}/rotate-secret`, { method: "POST" }));
    expect(rotated.status).toBe(200);
    expect(rotated.body.signingSecret).toMatch(/^whsec_/);
    expect(rotated.body.signingSecret).not.toBe(created.body.signingSecret);
    expect(rotated.body.destination.previousSecretExpiresAt).toBeTruthy();

    const deleted = await call(remove, keys.manage, `/${id}`, { method: "DELETE" });
    expect(deleted.status).toBe(204);
    expect(await json(await call(readOne, keys.manage, `/${id}`))).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    expect((await json(await call(list, keys.manage))).body.destinations).toEqual([]);

    // Audited in the name of the key's creator, through the API (service role, the key in the context).
    const audit = await t.superuser.query<{ action: string; actor_id: string; actor_role: string; context: { service?: string; apiKeyId?: string } }>(
      "select action, actor_id, actor_role, context from public.audit_log where target_id = $1 order by seq",
      [id],
    );
    // Created; then changed, paused, resumed, rotated and deleted (a soft delete: an update).
    expect(audit.map((a) => a.action)).toEqual(["destination.created", ...Array(5).fill("destination.updated")]);
    expect(audit.every((a) => a.actor_id === ownerId && a.actor_role === "service_role" && a.context.service === "destinations-api" && Boolean(a.context.apiKeyId))).toBe(true);
    expect(JSON.stringify(audit)).not.toContain("receiver-token");
  });

  it.skipIf(skip)("creates a NATS destination with credentials it never answers", async () => {
    const created = await json(await call(create, keys.manage, "", { body: { kind: "nats", name: "Data platform", nats: { servers: ["nats://127.0.0.1:4222"], subject: "consent.changes" }, credentials: { token: "nats-secret-token" } } }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ signingSecret: null, destination: { kind: "nats", nats: { servers: ["nats://127.0.0.1:4222"], subject: "consent.changes" }, url: null } });
    expect(JSON.stringify(created.body)).not.toContain("nats-secret-token");
    await call(remove, keys.manage, `/${created.body.destination.id}`, { method: "DELETE" });
  });

  it.skipIf(skip)("refuses with stable codes, in the caller's language, and stores nothing", async () => {
    const before = (await t.superuser.query<{ n: number }>("select count(*)::int as n from public.destinations where workspace_id = $1", [workspaceId]))[0]!.n;
    const drops = await json(await call(create, keys.manage, "", { body: { ...webhook, filters: { states: ["given", "withdrawn"] } } }));
    expect(drops).toMatchObject({ status: 422, body: { error: { code: "destination_drops_withdrawals", details: { value: "refused,expired" } } } });
    const zh = await json(await call(create, keys.manage, "", { body: { ...webhook, filters: { states: ["given"] } }, language: "zh-CN" }));
    expect(zh.body.error.code).toBe("destination_drops_withdrawals");
    expect(zh.body.error.message).toMatch(/撤回/);
    expect(await json(await call(create, keys.manage, "", { body: { ...webhook, url: "http://crm.example.com/hook" } }))).toMatchObject({
      status: 422,
      body: { error: { code: "destination_unsafe_url", details: { value: "not_https" } } },
    });
    expect((await json(await call(create, keys.manage, "", { body: { ...webhook, url: "https://169.254.169.254/latest" } }))).body.error.code).toBe("destination_unsafe_url");
    expect((await json(await call(create, keys.manage, "", { body: { ...webhook, admin: true } }))).body.error.code).toBe("invalid_body");
    expect((await json(await call(create, keys.manage, "", { body: { ...webhook, kind: "email" } }))).body.error.code).toBe("invalid_body");
    expect((await json(await call(create, keys.manage, "", { body: { ...webhook, headers: { "webhook-signature": "forged" } } }))).body.error.code).toBe("invalid_body");
    expect((await json(await call(create, keys.manage, "", { body: { ...webhook, identifierPolicy: { phone: "base64" } } }))).body.error.code).toBe("invalid_body");
    expect((await json(await call(list, keys.manage, "?include=secrets"))).body.error.code).toBe("invalid_query");
    // Scope and workspace.
    expect(await json(await call(create, keys.consentOnly, "", { body: webhook }))).toMatchObject({ status: 403, body: { error: { code: "insufficient_scope" } } });
    expect((await json(await call(list, keys.consentOnly))).status).toBe(403);
    expect((await json(await call(list, "csk_nope"))).body.error.code).toBe("invalid_api_key");
    const after = (await t.superuser.query<{ n: number }>("select count(*)::int as n from public.destinations where workspace_id = $1", [workspaceId]))[0]!.n;
    expect(after).toBe(before);
  });

  it.skipIf(skip)("another workspace's key neither sees nor touches a destination: 404, as for one that does not exist", async () => {
    const { destination } = (await json(await call(create, keys.manage, "", { body: webhook }))).body;
    for (const [handler, path, method] of [
      [readOne, `/${destination.id}`, "GET"],
      [update, `/${destination.id}`, "PATCH"],
      [pause, `/${destination.id}/pause`, "POST"],
      [rotate, `/${destination.id}/rotate-secret`, "POST"],
      [remove, `/${destination.id}`, "DELETE"],
    ] as const) {
      const answer = await json(await call(handler, keys.otherWorkspace, path, { method, ...(method === "PATCH" ? { body: { name: "Mine" } } : {}) }));
      expect(answer, `${method} ${path}`).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    }
    expect((await json(await call(list, keys.otherWorkspace))).body.destinations).toEqual([]);
    expect((await json(await call(readOne, keys.manage, "/not-a-uuid"))).body.error.code).toBe("not_found");
    expect((await json(await call(readOne, keys.manage, `/${destination.id}`))).body.destination.name).toBe("CRM");
  });

  it.skipIf(skip)("is in the OpenAPI document with its scope", async () => {
    const doc = (await (await openapi()).json()) as { paths: Record<string, Record<string, { description?: string }>> };
    expect(Object.keys(doc.paths["/destinations"]!).sort()).toEqual(["get", "post"]);
    expect(Object.keys(doc.paths["/destinations/{destinationId}"]!).sort()).toEqual(["delete", "get", "patch"]);
    for (const action of ["pause", "resume", "rotate-secret"]) expect(doc.paths[`/destinations/{destinationId}/${action}`]!.post!.description).toBe("Scope: destinations:manage");
  });
});
