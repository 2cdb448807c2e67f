import { useRenderer } from "./context";
import { opensNewTab, safeImageSrc, safeLinkHref } from "./href";
import { allBlocks } from "@/lib/renderer-model/choices";
import type { Block, BlockOfType, RendererNotice } from "./types";

export function HeadingView({ block }: { block: BlockOfType<"heading"> }) {
  const { text, idFor } = useRenderer();
  const Tag = block.level === 1 ? "h1" : block.level === 2 ? "h2" : "h3";
  // The id lets a popup or banner be labelled by its first heading.
  return (
    <Tag id={idFor(block.id)} className={`csy-heading csy-h${block.level}`}>
      {text(block.text)}
    </Tag>
  );
}

/**
 * A privacy-policy link left without an address leads to the page of the notice the experience
 * shows (the caller says where that page is; the renderer fetches nothing).
 */
function noticePage(document: { blocks: readonly Block[] }, notices: Record<string, RendererNotice> | undefined): string {
  for (const block of allBlocks(document.blocks)) {
    if (block.type === "notice" && block.noticeId !== null && notices?.[block.noticeId]?.href) return notices[block.noticeId]!.href!;
  }
  return "";
}

export function LinkView({ block }: { block: BlockOfType<"link"> }) {
  const { text, strings, mode, document, notices } = useRenderer();
  const href = safeLinkHref(block.href === "" && block.linkType === "privacy_policy" ? noticePage(document, notices) : block.href);
  const label =
    text(block.label) || (block.linkType === "custom" ? (href ?? "") : strings.links[block.linkType]);
  // A draft without an address (or with one the renderer refuses) shows its words, unlinked.
  if (href === null || href === "") return <span className="csy-link">{label}</span>;
  const newTab = mode === "preview" || opensNewTab(href);
  return (
    <a
      className="csy-link"
      href={href}
      data-link-type={block.linkType}
      {...(newTab ? { target: "_blank", rel: "noopener noreferrer" } : {})}
    >
      {label}
      {newTab && <span className="csy-vh"> {strings.opensInNewTab}</span>}
    </a>
  );
}

export function ImageView({ block }: { block: BlockOfType<"image"> }) {
  const { text, mode } = useRenderer();
  const src = safeImageSrc(block.src);
  if (src === null || src === "") {
    // An image block without a picture yet: a visible slot in the designer, nothing live.
    return mode === "preview" ? <div className="csy-image-empty" aria-hidden="true" /> : null;
  }
  return (
    <img
      className={block.role === "logo" ? "csy-image csy-logo" : "csy-image"}
      src={src}
      // Empty alt is deliberate for decorative images: screen readers skip them.
      alt={text(block.alt)}
      width={block.width ?? undefined}
      referrerPolicy="no-referrer"
    />
  );
}

export function DividerView() {
  return <hr className="csy-divider" />;
}
