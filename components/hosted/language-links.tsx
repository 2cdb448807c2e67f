import type { ContentLocale } from "@/lib/experience";

export interface LanguageLink {
  code: ContentLocale;
  /** The language named in itself. */
  name: string;
  href: string;
}

/**
 * The page-level language switch: plain links (they work before any script runs), each
 * language named in itself, the current one marked for screen readers. Other parameters stay.
 */
export function LanguageLinks({ label, current, links }: { label: string; current: ContentLocale; links: LanguageLink[] }) {
  if (links.length < 2) return null;
  return (
    <nav aria-label={label} className="flex flex-wrap justify-end gap-x-3 gap-y-1 px-4 py-2 text-sm">
      {links.map((link) => (
        <a
          key={link.code}
          href={link.href}
          lang={link.code}
          hrefLang={link.code}
          aria-current={link.code === current ? "true" : undefined}
          className={`rounded px-1 py-0.5 underline-offset-4 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-sky-600 ${link.code === current ? "font-semibold" : "text-sky-800 underline"}`}
        >
          {link.name}
        </a>
      ))}
    </nav>
  );
}
