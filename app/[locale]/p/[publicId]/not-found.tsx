import { getTranslations } from "next-intl/server";

/** An unknown or unpublished experience: a plain page for the visitor, no way into the console. */
export default async function HostedNotFound() {
  const t = await getTranslations("hosted.notFound");
  return (
    <main id="main" className="mx-auto flex max-w-xl flex-col gap-4 p-8">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p>{t("body")}</p>
    </main>
  );
}
