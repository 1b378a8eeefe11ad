/**
 * Short-lived TURN credentials from a long-lived TURN key (server side only). Without TURN keys the answer is []:
 * the star works on a LAN with host candidates alone, and the SFU is reachable over its own anycast address.
 */
import { type Fetch, REALTIME_API, realtimeCall } from "./call";
import { type IceServer, iceServersShape } from "./shapes";

/** Long enough for a long meeting; the browser asks again on every new connection. */
export const TURN_TTL_SECONDS = 4 * 3600;

export async function turnIceServers(
  key: { keyId: string; keyToken: string } | null,
  f: Fetch,
  base = REALTIME_API,
): Promise<IceServer[]> {
  if (!key) return [];
  const url = `${base}/turn/keys/${encodeURIComponent(key.keyId)}/credentials/generate-ice-servers`;
  const { iceServers } = await realtimeCall(f, key.keyToken, "POST", url, { ttl: TURN_TTL_SECONDS }, iceServersShape);
  return iceServers;
}
