import type { DiffPart } from "@/lib/notices/diff";

/** A text diff: insertions and deletions marked in the markup itself, so screen readers announce them. */
export function DiffView({ parts, lang }: { parts: DiffPart[]; lang: string }) {
  return (
    <p lang={lang} className="whitespace-pre-wrap rounded-md border border-slate-300 bg-white p-3 text-sm leading-relaxed" data-testid="notice-diff">
      {parts.map((part, index) =>
        part.kind === "added" ? (
          <ins key={index} className="bg-emerald-100 text-emerald-950 decoration-emerald-700">{part.text}</ins>
        ) : part.kind === "removed" ? (
          <del key={index} className="bg-red-100 text-red-950">{part.text}</del>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </p>
  );
}
