import { getFormatter, getTranslations } from "next-intl/server";
import { readAsOperator, workspaceForPage } from "@/lib/console/operator";
import { absoluteLinks } from "@/lib/mail/links";
import { listOutboundMessages } from "@/lib/preference-centre/outbox";
import { publicOrigin } from "@/lib/public/public-origin";
import { CAN } from "@/lib/tenancy/schemas";

type Props = { params: Promise<{ locale: string; workspaceId: string }> };

export async function generateMetadata({ params }: Props) {
  const t = await getTranslations({ locale: (await params).locale, namespace: "outbox" });
  return { title: t("title") };
}

/**
 * Messages the preference centre sends (one-time codes and links). A queued message holds a
 * usable code, so only owners and admins see this page (and the database refuses everyone else).
 */
export default async function OutboxPage({ params }: Props) {
  const { workspaceId } = await params;
  const workspace = await workspaceForPage(workspaceId);
  const t = await getTranslations("outbox");
  if (!CAN.manageMembers(workspace.myRole)) return <p className="rounded-md border border-slate-300 bg-white p-4">{t("ownersOnly")}</p>;
  const [messages, format, origin] = await Promise.all([readAsOperator((sql) => listOutboundMessages(sql, workspace.id)), getFormatter(), publicOrigin()]);
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-slate-700">{t("intro")}</p>
      {messages.length === 0 ? (
        <p className="text-slate-700">{t("empty")}</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {messages.map((message) => (
            <li key={message.id} className="flex flex-col gap-2 rounded-lg border border-slate-300 bg-white p-4" data-testid="outbox-message">
              <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
                <span className="font-medium">{t(`channels.${message.channel}`)}</span>
                <span data-testid="outbox-recipient">{message.recipientMasked}</span>
                <span className="rounded-full border border-slate-500 px-2 py-0.5">{t(`statuses.${message.status}`)}</span>
                <span className="text-slate-700">{format.dateTime(new Date(message.createdAt), { dateStyle: "medium", timeStyle: "medium" })}</span>
                {message.redactedAt ? <span className="text-slate-700">{t("redacted")}</span> : null}
              </div>
              {/* The message is in the person's language, which need not be the console's. */}
              <p className="font-medium" lang={message.locale}>
                {message.subjectLine}
              </p>
              <pre lang={message.locale} className="whitespace-pre-wrap break-all rounded-md bg-slate-50 p-2 font-sans text-sm" data-testid="outbox-body">
                {/* As the person receives it: the link is absolute, to be opened from the message. */}
                {absoluteLinks(message.body, origin)}
              </pre>
              {message.lastError ? <p className="text-sm text-red-800">{t("error", { error: message.lastError })}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
