import WebSocket from "ws";

/**
 * supabase-js looks for a native WebSocket (Node 22+) when it builds its realtime client, even
 * though Consentry never subscribes; on Node 20 we hand it the `ws` package instead.
 */
export const supabaseServerClientOptions = {
  realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket },
} as const;
