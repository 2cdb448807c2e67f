import { useRenderer } from "./context";
import type { BlockOfType } from "./types";

export function NoticeView({ block }: { block: BlockOfType<"notice"> }) {
  const { notices, text, strings, idFor } = useRenderer();
  const notice = block.noticeId === null ? undefined : notices?.[block.noticeId];
  if (notice === undefined) {
    return <p className="csy-muted">{text(block.placeholder) || strings.noticePending}</p>;
  }
  const titleId = idFor(block.id, "title");
  return (
    // Focusable so keyboard users can scroll a long notice (it is never cut short).
    <div
      className="csy-notice"
      role="region"
      tabIndex={0}
      {...(notice.title ? { "aria-labelledby": titleId } : { "aria-label": strings.notice })}
    >
      {notice.title && (
        <p id={titleId} className="csy-notice-title">
          {notice.title}
        </p>
      )}
      {/*
        The ONLY raw HTML in the renderer. A notice is the text legal approved, rendered to HTML
        and sanitized by the server when the version was approved; it is shown exactly as
        approved (GDPR art. 7(2)). Customer rich text elsewhere goes through RichText instead.
      */}
      <div dangerouslySetInnerHTML={{ __html: notice.html }} />
    </div>
  );
}
