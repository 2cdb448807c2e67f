import { LiveLinksForm } from "@/components/hosted/live-links-form";
import type { ContentLocale } from "@/lib/experience";
import { publicOrigin } from "@/lib/public/public-origin";

/**
 * On an experience's publishing page: its hosted URL, QR codes of it for a channel and a store,
 * and the embed snippet. Server part: works out the public origin the links are made on.
 */
export async function LiveLinks({ publicId, live, locales }: { publicId: string; live: boolean; locales: ContentLocale[] }) {
  return <LiveLinksForm publicId={publicId} live={live} locales={locales} origin={await publicOrigin()} />;
}
