import { z } from "zod";
import { IDENTIFIER_KINDS } from "@/lib/api/shared-schemas";

/** GET /api/v1/subjects/history?kind=&value= */
export const subjectHistoryQuery = z
  .strictObject({ kind: z.enum(IDENTIFIER_KINDS), value: z.string().trim().min(1).max(320) })
  .meta({ id: "SubjectHistoryQuery" });
