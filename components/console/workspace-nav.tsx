"use client";

import { Link, usePathname } from "@/lib/i18n/navigation";

/** Tabs of a workspace; the current page is marked for assistive technology. */
export function WorkspaceNav({ label, links }: { label: string; links: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="border-b border-slate-300">
      <ul className="flex flex-wrap gap-1">
        {links.map((link) => {
          // A tab stays current on its sub-pages (an experience is under Experiences).
          const current = pathname === link.href || (link.href.split("/").length > 3 && pathname.startsWith(`${link.href}/`));
          return (
            <li key={link.href}>
              <Link
                href={link.href}
                aria-current={current ? "page" : undefined}
                className={`inline-block border-b-2 px-3 py-2 text-sm focus-visible:outline-3 focus-visible:outline-sky-600 ${
                  current ? "border-sky-800 font-semibold text-sky-900" : "border-transparent text-slate-700 hover:text-slate-900"
                }`}
              >
                {link.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
