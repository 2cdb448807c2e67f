import { getTranslations } from "next-intl/server";

/** A preview link that is unknown or has expired. */
export default async function PreviewNotFound() {
  const t = await getTranslations("preview");
  return (
    <main id="main" className="mx-auto max-w-xl p-8">
      <p role="alert">{t("invalid")}</p>
    </main>
  );
}
