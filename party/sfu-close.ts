/**
 * Closes at Cloudflare Realtime the tracks the room took off its list (a speaker's floor ended, the chair muted
 * them, the meeting closed): the browser stops sending on `rtc/stop`, and this makes sure the SFU stops forwarding
 * even when that browser is gone. Forced (no new offer/answer round), one call per session. Nothing to do where
 * Realtime is not configured; a failure is logged, never thrown: the list is the room's, and it is already right.
 */
import { realtimeClient } from "../worker/lib/realtime/client";
import { realtimeConfigOf } from "../worker/lib/realtime/config";
import type { TrackRec } from "./logic/media-tracks";

export async function closeAtSfu(env: object, removed: TrackRec[], f: typeof fetch = fetch): Promise<void> {
  const { app } = realtimeConfigOf(env);
  if (!app || removed.length === 0) return;
  const bySession = new Map<string, string[]>();
  for (const t of removed) bySession.set(t.sessionId, [...(bySession.get(t.sessionId) ?? []), t.mid]);
  const client = realtimeClient(app, f);
  await Promise.all(
    [...bySession].map(([sessionId, mids]) =>
      client.close(sessionId, mids).catch((err: unknown) => console.error(`closing SFU tracks of ${sessionId}`, err)),
    ),
  );
}
