/**
 * The SFU's published-track list (built-in media on Cloudflare Realtime): which session holds each track published
 * in this meeting, so subscribers know what to subscribe to and the worker refuses a subscription to anything else
 * (worker/routes/meeting-media.ts). Kept in `live.tracks`, so it survives hibernation; the `mid` (the publisher's
 * transceiver, needed to close the track at Cloudflare) stays in the room and never reaches the view. Pure.
 * A speaker's tracks go when the floor leaves them or the chair mutes them (the moments `rtcStopsAfter` tells them
 * to stop sending); the hall's stay until the close, when every track goes.
 */
import type { MediaView } from "../../schema/room/views";
import { mayPublish, rtcStopsAfter } from "./rtc";
import type { RoomState } from "./state";

export interface TrackRec {
  personId: string;
  sessionId: string;
  trackName: string;
  kind: "audio" | "video";
  mid: string;
}

/** What the view shows of the list: no mids. */
export function mediaView(s: RoomState): MediaView {
  return { tracks: (s.live.tracks ?? []).map(({ mid: _m, ...t }) => t) };
}

const kindOf = (trackName: string): "audio" | "video" => (trackName.startsWith("video-") ? "video" : "audio");

/**
 * This person published these tracks on this session (Cloudflare accepted them). Refused (null) when they may not
 * publish now — the floor may have passed between the worker's check and Cloudflare's answer. A track published
 * again under the same name replaces the old entry.
 */
export function addTracks(
  s: RoomState,
  personId: string,
  sessionId: string,
  tracks: { trackName: string; mid: string }[],
): RoomState | null {
  if (!mayPublish(s, personId, s.meeting.chairPersonId === personId ? "chair" : undefined)) return null;
  const names = new Set(tracks.map((t) => t.trackName));
  const kept = (s.live.tracks ?? []).filter((t) => !(t.personId === personId && names.has(t.trackName)));
  const added = tracks.map((t) => ({
    personId,
    sessionId,
    trackName: t.trackName,
    kind: kindOf(t.trackName),
    mid: t.mid,
  }));
  return { ...s, live: { ...s.live, tracks: [...kept, ...added] } };
}

/** The publisher closed these tracks of their session (`/sfu/close`); the state unchanged when none was listed. */
export function removeClosed(s: RoomState, personId: string, sessionId: string, mids: string[]): RoomState {
  const gone = (t: TrackRec) => t.personId === personId && t.sessionId === sessionId && mids.includes(t.mid);
  return withoutTracks(s, gone);
}

/** Whether this track is published in this meeting now: the only tracks one may subscribe to. */
export const isListed = (s: RoomState, sessionId: string, trackName: string) =>
  (s.live.tracks ?? []).some((t) => t.sessionId === sessionId && t.trackName === trackName);

/**
 * The list after the state went from `prev` to `next`: every track goes at the close; the tracks of whoever was
 * told to stop (the floor's last holder, the muted) go, except the hall device's. Also what was removed, for
 * closing them at Cloudflare. `next` itself when nothing goes.
 */
export function pruneTracks(prev: RoomState, next: RoomState): { state: RoomState; removed: TrackRec[] } {
  const tracks = next.live.tracks ?? [];
  const stops = tracks.length ? rtcStopsAfter(prev, next) : null;
  if (!stops) return { state: next, removed: [] };
  const hall = next.meeting.chairPersonId;
  const gone = (t: TrackRec) =>
    stops.personIds === "all" || (t.personId !== hall && stops.personIds.includes(t.personId));
  const removed = tracks.filter(gone);
  return removed.length ? { state: withoutTracks(next, gone), removed } : { state: next, removed };
}

function withoutTracks(s: RoomState, gone: (t: TrackRec) => boolean): RoomState {
  const tracks = s.live.tracks ?? [];
  if (!tracks.some(gone)) return s;
  return { ...s, live: { ...s.live, tracks: tracks.filter((t) => !gone(t)) } };
}
