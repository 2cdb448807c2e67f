import { jsonResponse } from "@/lib/api/respond";

/**
 * A route that does nothing: the in-run reference of benchmark P4 (`npm run bench` compares the
 * decision API's throughput with this one on the same server). It reads no input, touches no
 * database and reveals nothing, so it is safe to leave deployed.
 */
export function POST(): Response {
  return jsonResponse(200, { ok: true });
}
