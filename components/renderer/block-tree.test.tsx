import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ExperienceRenderer, type BlockFrameProps, type BlockListProps, type ExperienceRendererProps } from "./index";
import { CATALOG, PURPOSE, fullDocument } from "@/lib/renderer-model/test-fixtures";

function render(overrides: Partial<ExperienceRendererProps> = {}): string {
  return renderToStaticMarkup(
    <ExperienceRenderer document={fullDocument()} locale="en" mode="live" catalog={CATALOG} {...overrides} />,
  );
}

describe("frame and list", () => {
  it("wrap every block and every list exactly once, with parent, index and depth", () => {
    const frames: Omit<BlockFrameProps, "children">[] = [];
    const lists: { parentId: string | null; ids: string[] }[] = [];
    const html = render({
      mode: "preview",
      showAllLayers: true,
      frame: ({ block, parentId, index, depth, children }) => {
        frames.push({ block, parentId, index, depth });
        return <div data-frame={block.id}>{children}</div>;
      },
      list: ({ parentId, blocks, children }: BlockListProps) => {
        lists.push({ parentId, ids: blocks.map((b) => b.id) });
        return <div data-list={parentId ?? "root"}>{children}</div>;
      },
    });
    // React renders siblings before their children, so calls come in no particular order.
    const seen = frames.map(({ block, parentId, index, depth }) => [block.id, parentId, index, depth]);
    expect(new Set(seen.map(([id]) => id)).size).toBe(seen.length);
    const byId = (a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0]));
    expect(seen.sort(byId)).toEqual([
      ["title", null, 0, 0],
      ["intro", null, 1, 0],
      ["notice", null, 2, 0],
      ["buttons", null, 3, 0],
      ["accept", "buttons", 0, 1],
      ["reject", "buttons", 1, 1],
      ["manage", "buttons", 2, 1],
      ["policy", null, 4, 0],
      ["layer", null, 5, 0],
      ["t-necessary", "layer", 0, 1],
      ["t-analytics", "layer", 1, 1],
      ["t-marketing", "layer", 2, 1],
      ["t-abroad", "layer", 3, 1],
      ["inner", "layer", 4, 1],
      ["ch-global", "inner", 0, 2],
      ["ch-marketing", "inner", 1, 2],
      ["topics", "layer", 5, 1],
      ["cap", "layer", 6, 1],
      ["quiet", "layer", 7, 1],
      ["email", "layer", 8, 1],
      ["save", "layer", 9, 1],
      ["logo", null, 6, 0],
      ["rule", null, 7, 0],
      ["languages", null, 8, 0],
      ["close", null, 9, 0],
    ].sort(byId));
    expect(lists.map((l) => l.parentId).sort()).toEqual(["buttons", "inner", "layer", null].sort());
    expect(lists.find((l) => l.parentId === null)?.ids).toHaveLength(10);
    expect(html.match(/data-frame=/g)).toHaveLength(frames.length);
    expect(html.match(/data-list=/g)).toHaveLength(4);
  });

  it("skips a hidden layer but keeps document indexes", () => {
    const frames: [string, number][] = [];
    render({ frame: ({ block, index, children }) => (frames.push([block.id, index]), children) });
    expect(frames.map(([id]) => id)).not.toContain("layer");
    expect(frames).toContainEqual(["logo", 6]);
  });
});

describe("controlled choices", () => {
  it("draws the caller's choices", () => {
    const html = render({
      showAllLayers: true,
      choices: {
        purposes: { [PURPOSE.analytics]: true, [PURPOSE.marketing]: false },
        channels: { global: ["sms"] },
        topics: [],
        frequencyCap: { max: 3, period: "week" },
        quietHours: { start: "22:30", end: "07:00", timeZone: "Asia/Shanghai" },
        identity: { kind: "email", value: "a@example.com" },
      },
    });
    const switches = html.match(/<input[^>]*role="switch"[^>]*>/g) ?? [];
    expect(switches[1]).toContain("checked");
    expect(switches[2]).not.toContain("checked");
    expect(html).toMatch(/<input type="checkbox" data-csy-channel="global" checked="" value="sms"\/>/);
    expect(html).toMatch(/<input type="radio" name="[^"]*" checked="" value="3"\/>/);
    expect(html).toContain('value="22:30"');
    expect(html).toContain('value="a@example.com"');
  });
});
