import { preflight } from "@/lib/api/preflight";
import { embedExperienceEndpoint } from "@/lib/embed/embed-endpoint";

export const GET = embedExperienceEndpoint;
export const OPTIONS = preflight("GET, OPTIONS");
