import { preflight } from "@/lib/api/preflight";
import { liveExperienceEndpoint } from "@/lib/public/live-endpoint";

export const GET = liveExperienceEndpoint;
export const OPTIONS = preflight("GET, OPTIONS");
