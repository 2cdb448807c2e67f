import type { RendererCatalog } from "@/lib/renderer-model/types";
import type { Sql } from "@/lib/db/types";
import type { LocalizedText } from "@/lib/experience";
import type { GpcPurpose } from "@/lib/regions/gpc";

/** A catalog entry as public.live_catalog gives it (only those the live version uses). */
interface LiveCatalogRow {
  purposes: {
    id: string;
    key: string;
    name: LocalizedText;
    description: LocalizedText;
    necessary: boolean;
    separateConsent: boolean;
    dpvPurpose: string | null;
    thirdPartyRecipient: boolean;
  }[];
  topics: { id: string; key: string; name: LocalizedText }[];
}

export interface LiveCatalog {
  renderer: RendererCatalog;
  /** In catalog order, for the GPC rule (lib/regions/gpc.ts). */
  gpcPurposes: GpcPurpose[];
}

/** The purposes and topics the live version uses, as the renderer and the GPC rule need them. */
export async function readLiveCatalog(sql: Sql, publicId: string): Promise<LiveCatalog> {
  const [row] = await sql.query<{ catalog: LiveCatalogRow | null }>("select public.live_catalog($1) as catalog", [publicId]);
  const catalog = row?.catalog ?? { purposes: [], topics: [] };
  return {
    renderer: {
      purposes: Object.fromEntries(
        catalog.purposes.map((purpose) => [
          purpose.id,
          { name: purpose.name, description: purpose.description, necessary: purpose.necessary, separateConsent: purpose.separateConsent },
        ]),
      ),
      topics: Object.fromEntries(catalog.topics.map((topic) => [topic.id, { name: topic.name }])),
    },
    gpcPurposes: catalog.purposes.map(({ id, necessary, dpvPurpose, thirdPartyRecipient }) => ({ id, necessary, dpvPurpose, thirdPartyRecipient })),
  };
}
