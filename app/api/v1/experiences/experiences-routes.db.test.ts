import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useApiDatabaseForTests } from "@/lib/api/context";
import { allowOrigin, listRefusedOrigins } from "@/lib/experiences/refused-origins";
import { buildLiveFixture, type LiveFixture } from "@/lib/public/testing/live-fixture";
import { createTestDatabase, TEST_TARGETS, type TestDatabase } from "@/lib/testing/databases";
import { buildTenancyFixture, type TenancyFixture } from "@/lib/testing/tenancy-fixture";
import { GET as openapi } from "../openapi.json/route";
import { GET as live } from "./[publicId]/live/route";
import { GET as qr } from "./[publicId]/qr/route";

/** The live-experience and QR endpoints called as Next calls them, on both engines. */

const BASE = "http://localhost:3000/api/v1/experiences";
const SHOP = "https://shop.example";

function get(handler: typeof live, publicId: string, path: string, headers: Record<string, string> = {}): Promise<Response> {
  return handler(new Request(`${BASE}/${publicId}/${path}`, { headers }), { params: Promise.resolve({ publicId }) });
}

async function errorCode(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

describe.each(TEST_TARGETS)("experience endpoints on $target", ({ target, skip }) => {
  let t: TestDatabase;
  let fx: TenancyFixture;
  let fixture: LiveFixture;
  beforeAll(async () => {
    if (skip) return;
    t = await createTestDatabase(target);
    fx = await buildTenancyFixture(t);
    fixture = await buildLiveFixture(fx);
    await fx.as("editor", (sql) => sql.query("update public.experiences set allowed_origins = $2 where id = $1", [fixture.experienceId, [SHOP]]));
    useApiDatabaseForTests(t.db);
  });
  afterAll(async () => {
    useApiDatabaseForTests(null);
    await t?.close();
  });

  it.skipIf(skip)("GET …/live gives the visitor's variant, readable by allowed origins, briefly cacheable", async () => {
    const response = await get(live, fixture.publicId, "live?lang=en", { origin: SHOP, "cf-ipcountry": "CN" });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { region: { code: string }; locale: string; versionId: string; publicKey: string };
    expect(body).toMatchObject({ region: { code: "CN" }, locale: "en", versionId: fixture.versionId, publicKey: fixture.publicKey });
    expect(response.headers.get("access-control-allow-origin")).toBe(SHOP);
    expect(response.headers.get("cache-control")).toMatch(/^public, max-age=60/);
    expect(response.headers.get("vary")).toEqual(expect.stringContaining("cf-ipcountry"));
    expect(response.headers.get("vary")).toEqual(expect.stringContaining("Sec-GPC"));

    // Without an Origin (a server) the payload is public; the app's own page at any address it is reached at reads it too.
    const server = await get(live, fixture.publicId, "live?region=eu");
    expect(((await server.json()) as { region: { code: string } }).region.code).toBe("EU");
    const own = await get(live, fixture.publicId, "live?region=eu", { origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" });
    expect(own.status).toBe(200);
  });

  it.skipIf(skip)("GET …/live gives each notice the absolute address of its page on the app, for the embed's privacy-policy link", async () => {
    // The embed runs on the shop's site and reached the app at a LAN address; the link must lead back there, not to the shop.
    const response = await get(live, fixture.publicId, "live?lang=zh-CN&region=eu", { origin: SHOP, host: "192.168.1.20:3000" });
    const body = (await response.json()) as { notices: Record<string, { href?: string }> };
    expect(body.notices[fixture.noticeId]!.href).toBe(`http://192.168.1.20:3000/zh-CN/p/${fixture.publicId}/notices/${fixture.noticeId}?region=EU&lang=zh-CN`);
  });

  it.skipIf(skip)("GET …/live refuses a site not allowed, readably, and notes it for the console (bounded)", async () => {
    // One origin per engine: the endpoint writes a refusal at most once a minute per origin, in this process.
    const refused = `https://not-yet-${target}.example`;
    const elsewhere = await get(live, fixture.publicId, "live?region=eu", { origin: refused });
    expect(elsewhere.status).toBe(403);
    // Readable by the refused site: the embed tells its developer which origin to allow.
    expect(elsewhere.headers.get("access-control-allow-origin")).toBe("*");
    expect(await errorCode(elsewhere)).toBe("origin_not_allowed");
    const noted = () =>
      fx.as("viewer", (sql) => listRefusedOrigins(sql, fx.workspaceA, fixture.experienceId));
    expect((await noted()).map((row) => row.origin)).toEqual([refused]);
    // Another workspace's members see nothing of it.
    expect(await fx.as("outsider", (sql) => listRefusedOrigins(sql, fx.workspaceA, fixture.experienceId))).toEqual([]);

    // Bounded: twenty per experience, the most recent (written by the service, as the endpoint does).
    for (let i = 0; i < 25; i++) await t.superuser.query("select private.note_refused_origin($1, $2)", [fixture.publicId, `https://site-${i}.example`]);
    const listed = await noted();
    expect(listed).toHaveLength(20);
    expect(listed[0]!.origin).toBe("https://site-24.example");

    // One click allows it; it leaves the list, and the site reads the experience.
    await fx.as("editor", (sql) => allowOrigin(sql, fx.workspaceA, fixture.experienceId, "https://site-24.example"));
    expect((await noted()).map((row) => row.origin)).not.toContain("https://site-24.example");
    expect((await get(live, fixture.publicId, "live", { origin: "https://site-24.example" })).status).toBe(200);
    await expect(fx.as("viewer", (sql) => allowOrigin(sql, fx.workspaceA, fixture.experienceId, "https://site-23.example"))).rejects.toThrow();
  });

  it.skipIf(skip)("GET …/live refuses what it does not know, with the API's error shape, never a 5xx", async () => {
    const cases: [string, string, number, string][] = [
      [fixture.publicId, "live?channel=web", 400, "invalid_query"],
      [fixture.publicId, "live?region=Mars", 400, "invalid_query"],
      [fixture.publicId, "live?lang=%3Cscript%3E", 400, "invalid_query"],
      ["x00000000000000000000", "live", 404, "experience_not_found"],
      ["../../etc/passwd", "live", 404, "experience_not_found"],
      [fixture.unpublished.publicId, "live", 404, "experience_not_found"],
    ];
    for (const [publicId, path, status, code] of cases) {
      const response = await get(live, publicId, path, { "accept-language": "zh-CN" });
      expect([publicId, path, response.status]).toEqual([publicId, path, status]);
      expect(await errorCode(response)).toBe(code);
      expect(response.headers.get("content-language")).toBe("zh-CN");
    }
  });

  it.skipIf(skip)("GET …/qr draws the hosted URL with its parameters as SVG or PNG", async () => {
    const svg = await get(qr, fixture.publicId, "qr?channel=store&store=SH-001&region=cn&lang=zh-CN");
    expect(svg.status).toBe(200);
    expect(svg.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    expect(svg.headers.get("x-consentry-url")).toBe(`http://localhost:3000/p/${fixture.publicId}?channel=store&store=SH-001&region=CN&lang=zh-CN`);
    expect(await svg.text()).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);

    const png = await get(qr, fixture.publicId, "qr?format=png");
    expect(png.status).toBe(200);
    expect(png.headers.get("content-type")).toBe("image/png");
    const bytes = new Uint8Array(await png.arrayBuffer());
    expect([...bytes.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  it.skipIf(skip)("GET …/qr refuses bad parameters and experiences that are not live", async () => {
    for (const path of ["qr?format=gif", "qr?channel=call_centre", "qr?store=a%20b", "qr?size=9000"]) {
      const response = await get(qr, fixture.publicId, path);
      expect([path, response.status]).toEqual([path, 400]);
      expect(await errorCode(response)).toBe("invalid_query");
    }
    expect((await get(qr, fixture.unpublished.publicId, "qr")).status).toBe(404);
  });

  it.skipIf(skip)("both are in the OpenAPI document", async () => {
    const document = (await (await openapi()).json()) as { paths: Record<string, { get?: { parameters: { name: string; in: string }[] } }> };
    expect(document.paths["/experiences/{publicId}/live"]?.get?.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: "publicId", in: "path" }), expect.objectContaining({ name: "region", in: "query" })]),
    );
    expect(document.paths["/experiences/{publicId}/qr"]?.get?.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: "store", in: "query" })]));
    expect(document.paths["/experiences/{publicId}/embed"]?.get?.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: "publicId", in: "path" })]));
    expect(document.paths["/receipts/{receiptId}"]?.get?.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: "receiptId", in: "path" }), expect.objectContaining({ name: "token", in: "query" })]),
    );
  });
});
