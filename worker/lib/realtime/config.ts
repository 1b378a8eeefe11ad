/**
 * Whether Cloudflare Realtime is configured: secrets set with `wrangler secret put` (docs/media.md, "The SFU path").
 * Read loosely from the env so that a deployment without them still type-checks and runs: the SFU routes then
 * answer 503 and the browser uses the star.
 */
import { z } from "zod";

const optional = z.string().trim().min(1).optional().catch(undefined);
const realtimeEnv = z.object({
  REALTIME_APP_ID: optional,
  REALTIME_APP_TOKEN: optional,
  TURN_KEY_ID: optional,
  TURN_KEY_TOKEN: optional,
});

export interface RealtimeConfig {
  app: { appId: string; appToken: string } | null;
  turn: { keyId: string; keyToken: string } | null;
}

export function realtimeConfigOf(env: object): RealtimeConfig {
  const e = realtimeEnv.parse(env);
  return {
    app:
      e.REALTIME_APP_ID && e.REALTIME_APP_TOKEN ? { appId: e.REALTIME_APP_ID, appToken: e.REALTIME_APP_TOKEN } : null,
    turn: e.TURN_KEY_ID && e.TURN_KEY_TOKEN ? { keyId: e.TURN_KEY_ID, keyToken: e.TURN_KEY_TOKEN } : null,
  };
}
