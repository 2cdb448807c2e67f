import { getFormatter, getTranslations } from "next-intl/server";
import type { WaitingItem } from "@/lib/console/waiting-for-you";
import { Link } from "@/lib/i18n/navigation";

/** The overview's "Waiting for you" list: each item says what waits and links to where it is done. */
export async function WaitingForYou({ workspaceId, items }: { workspaceId: string; items: WaitingItem[] }) {
  const [t, requestKinds, format] = await Promise.all([getTranslations("overview.waiting"), getTranslations("preferenceCentre.requestKinds"), getFormatter()]);
  const noticeHref = (item: { noticeId: string; versionId: string }) => `/w/${workspaceId}/notices/${item.noticeId}/versions/${item.versionId}`;
  const line = (item: WaitingItem): { href: string; text: string } => {
    switch (item.kind) {
      case "review":
        return { href: noticeHref(item), text: t("review", { notice: item.noticeName, number: item.number }) };
      case "rejected":
        return { href: noticeHref(item), text: t("rejected", { notice: item.noticeName, number: item.number }) };
      case "notice_draft":
        return { href: noticeHref(item), text: t("noticeDraft", { notice: item.noticeName, number: item.number, count: item.problems }) };
      case "experience":
        return { href: `/w/${workspaceId}/experiences/${item.experienceId}`, text: t("experience", { name: item.name, count: item.problems }) };
      case "dead_deliveries":
        return {
          href: `/w/${workspaceId}/destinations/${item.destinationId}?status=dead`,
          text: t("deadDeliveries", { destination: item.destination, count: item.count, date: format.dateTime(item.since, { dateStyle: "medium" }) }),
        };
      case "data_request":
        return {
          href: `/w/${workspaceId}/requests`,
          // A server component renders once per request: "now" is the request's time.
          // eslint-disable-next-line react-hooks/purity
          text: t(item.due.getTime() < Date.now() ? "requestOverdue" : "requestDue", {
            kind: requestKinds.has(item.requestKind) ? requestKinds(item.requestKind) : item.requestKind,
            date: format.dateTime(item.due, { dateStyle: "medium" }),
          }),
        };
    }
  };
  return (
    <section aria-labelledby="waiting-heading" className="rounded-lg border border-slate-300 bg-white p-6">
      <h2 id="waiting-heading" className="text-lg font-medium">
        {t("title")}
      </h2>
      {items.length === 0 ? (
        <p className="mt-2 text-slate-700">{t("nothing")}</p>
      ) : (
        <ul className="mt-3 flex flex-col gap-2" data-testid="waiting-for-you">
          {items.map((item) => {
            const { href, text } = line(item);
            return (
              <li key={`${item.kind}-${"versionId" in item ? item.versionId : "experienceId" in item ? item.experienceId : "destinationId" in item ? item.destinationId : item.requestId}`}>
                <Link href={href} className="font-medium text-sky-800 underline">
                  {text}
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
