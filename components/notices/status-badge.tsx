import { useTranslations } from "next-intl";
import type { NoticeStatus } from "@/lib/notices/schemas";

const tone: Record<NoticeStatus, string> = {
  draft: "border-slate-500 bg-slate-100 text-slate-900",
  in_review: "border-amber-700 bg-amber-50 text-amber-950",
  approved: "border-emerald-700 bg-emerald-50 text-emerald-900",
  rejected: "border-red-700 bg-red-50 text-red-900",
};

export function NoticeStatusBadge({ status }: { status: NoticeStatus }) {
  const t = useTranslations("notices.status");
  return <span className={`inline-block rounded-full border px-2 py-0.5 text-xs font-medium ${tone[status]}`} data-testid="notice-status">{t(status)}</span>;
}
