import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { STANDARD_PURPOSE_KEYS, STANDARD_TOPIC_KEYS, TEMPLATES } from "@/lib/experience";
import { ExperienceRenderer, type ExperienceRendererProps } from "./index";
import { CATALOG, NOTICE_ID, fullDocument } from "@/lib/renderer-model/test-fixtures";

function render(overrides: Partial<ExperienceRendererProps> = {}): string {
  return renderToStaticMarkup(
    <ExperienceRenderer document={fullDocument()} locale="en" mode="live" catalog={CATALOG} {...overrides} />,
  );
}

/** The opening tag of the first element carrying `attribute`. */
function tagWith(html: string, attribute: string): string {
  const at = html.indexOf(attribute);
  expect(at, attribute).toBeGreaterThan(-1);
  return html.slice(html.lastIndexOf("<", at), html.indexOf(">", at) + 1);
}

const classOf = (tag: string) => /class="([^"]*)"/.exec(tag)?.[1];

describe("ExperienceRenderer", () => {
  it("renders one stylesheet and the theme as custom properties", () => {
    const html = render();
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html).toContain("--csy-primary:#1d4ed8");
    expect(html).toContain('lang="en"');
    expect(html).toMatch(/--csy-font:system-ui[^"]*PingFang SC[^"]*sans-serif/);
  });

  it("gives accept all and reject all of equal emphasis identical styling", () => {
    const html = render();
    const accept = tagWith(html, 'data-action="accept_all"');
    const reject = tagWith(html, 'data-action="reject_all"');
    expect(classOf(accept)).toBe("csy-button csy-primary");
    expect(classOf(reject)).toBe(classOf(accept));
    expect(accept.replace("accept_all", "X")).toBe(reject.replace("reject_all", "X"));
  });

  it("follows the customer's emphasis when it differs", () => {
    const document = fullDocument();
    const row = document.blocks[3];
    if (row?.type !== "container") throw new Error("fixture changed");
    const reject = row.blocks[1];
    if (reject?.type === "button") reject.emphasis = "secondary";
    const html = render({ document });
    expect(classOf(tagWith(html, 'data-action="reject_all"'))).toBe("csy-button csy-secondary");
  });

  it("hides the preferences layer in live mode until it is opened, with what a behaviour layer needs", () => {
    const html = render();
    const layer = tagWith(html, "data-csy-layer");
    expect(layer).toMatch(/ hidden=""/);
    const opener = tagWith(html, 'data-action="open_preferences"');
    expect(opener).toContain('aria-expanded="false"');
    expect(opener).toContain(`aria-controls="${/id="([^"]*)"/.exec(layer)?.[1]}"`);
    // Every input says what it stands for, so the embed reads the choices from the DOM.
    for (const input of html.match(/<input[^>]*role="switch"[^>]*>/g) ?? []) expect(input).toMatch(/data-csy-purpose="[^"]+"/);
    expect(html).toMatch(/<input type="checkbox" data-csy-channel="global" value="email"/);
    expect(html).toMatch(/data-csy-topic="[^"]+"/);
  });

  it("leaves its stylesheet out on request (the embed ships it in its script)", () => {
    expect(render({ stylesheet: false })).not.toContain("<style>");
  });

  it("shows the preferences layer inline with showAllLayers", () => {
    const html = render({ mode: "preview", showAllLayers: true });
    expect(html).toContain("Choose what you allow");
    expect(tagWith(html, 'data-action="open_preferences"')).toContain('aria-expanded="true"');
  });

  it("draws required purposes ticked, locked and labelled Always on; others per defaults", () => {
    const html = render({ showAllLayers: true });
    const switches = html.match(/<input[^>]*role="switch"[^>]*>/g) ?? [];
    expect(switches).toHaveLength(4);
    const [necessary, analytics, marketing] = switches;
    expect(necessary).toContain('checked=""');
    expect(necessary).toContain('disabled=""');
    expect(necessary).toContain('type="checkbox"');
    expect(analytics).not.toContain("checked");
    expect(analytics).not.toContain("disabled");
    expect(marketing).toContain('checked=""');
    expect(html).toContain("Always on");
    // Label from the catalog when the block has none; description tied to the switch.
    expect(html).toContain("Necessary</label>");
    const describedBy = /aria-describedby="([^"]*)"/.exec(necessary ?? "")?.[1] ?? "";
    for (const id of describedBy.split(" ")) expect(html).toContain(`id="${id}"`);
    expect(html).toContain("Keeps the site running.");
  });

  it("names controls in the experience's language", () => {
    const html = render({ locale: "zh-CN", showAllLayers: true });
    expect(html).toContain('lang="zh-CN"');
    expect(html).toContain("您的隐私");
    expect(html).toContain("始终开启");
    expect(html).toContain("每周最多 3 次");
    expect(html).toContain("不限次数");
    expect(html).toContain("微信");
    expect(html).toContain("营销");
    // Missing translations fall back to the default language.
    expect(html).toContain("Accept all");
  });

  it("draws preference controls with real form elements", () => {
    const html = render({ showAllLayers: true });
    expect(html.match(/<fieldset/g)?.length).toBeGreaterThanOrEqual(5);
    expect(html).toContain("WeChat");
    expect(html).toContain(">Offers<");
    expect(html.match(/type="radio"/g)).toHaveLength(3);
    expect(html).toContain("At most 1 per week");
    expect(html).toContain("No limit");
    expect(html.match(/type="time"/g)).toHaveLength(2);
    expect(html).toContain('value="21:00"');
    expect(html).toContain("Asia/Shanghai");
    const email = tagWith(html, 'type="email"');
    expect(email).toMatch(/autocomplete="email"/i);
    expect(email).toContain('required=""');
  });

  it("offers each language named in itself", () => {
    const html = render();
    expect(html).toMatch(/<select[^>]*>.*<option value="en" lang="en" selected="">English<\/option><option value="zh-CN" lang="zh-CN">中文/);
  });

  it("shows a notice's sanitized HTML when given, else its placeholder", () => {
    expect(render()).toContain("Notice goes here");
    const html = render({ notices: { [NOTICE_ID]: { title: "Privacy notice v3", html: "<p>Approved <strong>text</strong></p>" } } });
    expect(html).toContain("<p>Approved <strong>text</strong></p>");
    expect(html).not.toContain("Notice goes here");
    expect(tagWith(html, 'class="csy-notice"')).toContain('tabindex="0"');
  });

  it("shows an approved notice whole, however long: every word in the page, in a focusable region that scrolls, never clipped", () => {
    const paragraphs = Array.from({ length: 120 }, (_, i) => `<p>Clause ${i + 1}: we keep your order history for the period stated here and no longer.</p>`);
    const approved = `${paragraphs.join("")}<p>The last clause ends here.</p>`;
    const html = render({ notices: { [NOTICE_ID]: { title: "Privacy notice", html: approved } } });
    expect(html).toContain(approved);
    const region = tagWith(html, 'class="csy-notice"');
    expect(region).toContain('tabindex="0"');
    expect(region).toContain('role="region"');
    // The stylesheet lets a long notice scroll inside its box and never hides the rest of it.
    const rules = [...html.matchAll(/([^{}]*\.csy-notice[^{}]*)\{([^}]*)\}/g)].map(([, selector, body]) => ({ selector: selector!.trim(), body: body! }));
    expect(rules.find((rule) => rule.selector === ".csy-notice")?.body).toMatch(/overflow:auto/);
    for (const { selector, body } of rules) {
      expect([selector, body]).not.toEqual([selector, expect.stringMatching(/overflow(-y)?:(hidden|clip)|line-clamp|text-overflow|display:none|visibility:hidden/)]);
    }
  });

  it("never lets customer rich text inject markup or script links", () => {
    const document = fullDocument();
    document.blocks.unshift({
      id: "evil",
      type: "rich_text",
      content: {
        en: {
          type: "doc",
          content: [
            {
              type: "paragraph",
              content: [
                { type: "text", text: "<img src=x onerror=alert(1)>" },
                { type: "text", text: "go", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] },
              ],
            },
          ],
        },
      },
    });
    const html = render({ document });
    expect(html).not.toContain("javascript:");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("labels a live popup as a modal dialog by its first heading", () => {
    const html = render({ document: fullDocument("popup") });
    const dialog = tagWith(html, 'role="dialog"');
    expect(dialog).toContain('aria-modal="true"');
    const labelledBy = /aria-labelledby="([^"]*)"/.exec(dialog)?.[1];
    expect(html).toContain(`<h2 id="${labelledBy}" class="csy-heading csy-h2">Your privacy</h2>`);
    expect(tagWith(render({ document: fullDocument("popup"), mode: "preview" }), 'role="dialog"')).not.toContain("aria-modal");
  });

  it("draws a popup or banner inline, with no dialog or backdrop, when asked (the preference centre)", () => {
    for (const kind of ["popup", "banner"] as const) {
      const html = render({ document: fullDocument(kind), inline: true });
      expect(html, kind).not.toContain('role="dialog"');
      expect(html, kind).not.toContain("aria-modal");
      expect(html.slice(html.indexOf("</style>")), kind).not.toContain("csy-backdrop");
      expect(html, kind).toMatch(/<section class="csy-surface csy-page" aria-labelledby="[^"]+">/);
    }
  });

  it("positions inside the parent when contained, else on the viewport", () => {
    expect(render()).toContain("csy-banner csy-at-bottom csy-fixed");
    expect(render({ contained: true })).toContain("csy-banner csy-at-bottom csy-contained");
    expect(render({ document: fullDocument("preference_page") })).toContain('class="csy-surface csy-page"');
  });

  it("leads a privacy-policy link without an address to the page of the notice shown (the caller's address)", () => {
    let next = 0;
    const catalog = { purposes: STANDARD_PURPOSE_KEYS.map((key, i) => ({ id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, "0")}`, key, necessary: key === "necessary" })), topics: [] };
    const template = TEMPLATES.find((t) => t.id === "pipl_first_launch_popup")!;
    const created = template.create({ ids: () => `b${next++}`, locales: ["en"], defaultLocale: "en", catalog });
    const document = { ...created, blocks: created.blocks.map((block) => (block.type === "notice" ? { ...block, noticeId: NOTICE_ID } : block)) };
    const link = document.blocks.find((block) => block.type === "link");
    expect(link).toMatchObject({ linkType: "privacy_policy", href: "" });
    const withPage = renderToStaticMarkup(
      <ExperienceRenderer document={document} locale="en" mode="live" notices={{ [NOTICE_ID]: { html: "<p>Text</p>", href: "/en/p/x1/notices/n1" } }} />,
    );
    expect(withPage).toMatch(/<a class="csy-link" href="\/en\/p\/x1\/notices\/n1" data-link-type="privacy_policy">Read the full personal information protection policy<\/a>/);
    // Without a page to go to, the words stay, unlinked.
    const without = renderToStaticMarkup(<ExperienceRenderer document={document} locale="en" mode="live" notices={{ [NOTICE_ID]: { html: "<p>Text</p>" } }} />);
    expect(without).toContain('<span class="csy-link">Read the full personal information protection policy</span>');
  });

  it("falls back to a built-in name for an unlabelled button and a typed link", () => {
    const html = render({ locale: "zh-CN" });
    expect(html).toContain("管理偏好设置</button>");
    expect(html).toMatch(/href="\/privacy"[^>]*>隐私政策/);
  });
});

describe("shipped templates", () => {
  const guid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
  const catalog = {
    purposes: STANDARD_PURPOSE_KEYS.map((key, i) => ({ id: guid(i + 1), key, necessary: key === "necessary" })),
    topics: STANDARD_TOPIC_KEYS.map((key, i) => ({ id: guid(100 + i), key })),
  };

  it.each(TEMPLATES.map((template) => [template.id, template] as const))("%s renders in every mode and language", (_, template) => {
    let next = 0;
    const document = template.create({ ids: () => `b${next++}`, locales: ["en", "zh-CN", "ja"], defaultLocale: "en", catalog });
    for (const locale of ["en", "zh-CN", "ja"] as const) {
      for (const props of [{ mode: "live" as const }, { mode: "preview" as const, showAllLayers: true }]) {
        const html = renderToStaticMarkup(<ExperienceRenderer document={document} locale={locale} {...props} />);
        expect(html).toContain('class="csy-root"');
        const accept = html.indexOf('data-action="accept_all"') >= 0 ? tagWith(html, 'data-action="accept_all"') : null;
        const reject = html.indexOf('data-action="reject_all"') >= 0 ? tagWith(html, 'data-action="reject_all"') : null;
        // Equal prominence in every shipped template that offers both.
        if (accept && reject) expect(classOf(reject)).toBe(classOf(accept));
      }
    }
  });
});
