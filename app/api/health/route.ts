import { NextResponse } from "next/server";
import { getDatabase } from "@/lib/db/connection";
import { deploymentProfile } from "@/lib/env";

/** Liveness and database reachability, for load balancers and the e2e web server. */
export async function GET() {
  try {
    await (await getDatabase()).query("select 1");
    return NextResponse.json({ status: "ok", profile: deploymentProfile() });
  } catch (error) {
    console.error("[consentry] health check failed", error);
    return NextResponse.json({ status: "unavailable" }, { status: 503 });
  }
}
