import { z } from "zod";
import { subjectIdentifierSchema } from "@/lib/api/shared-schemas";

/** POST /api/v1/subjects/link: the person behind `from` (a device id) signed in as `to`. */
export const linkSubjectsBody = z
  .strictObject({ from: subjectIdentifierSchema, to: subjectIdentifierSchema })
  .meta({ id: "LinkSubjectsRequest" });
