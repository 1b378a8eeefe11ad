/**
 * The room's SFU track list (party/logic/media-tracks.ts), told and asked over RPC like room-publish.ts asks
 * `mayPublish`: the tracks a person published (once Cloudflare accepted them), the ones they closed, and whether
 * tracks someone wants to subscribe to are published in this meeting. A room that cannot be asked lists nothing.
 */
import { getServerByName } from "partyserver";

type Room = Awaited<ReturnType<typeof roomOf>>;
const roomOf = (env: Cloudflare.Env, meetingId: string) => getServerByName(env.MeetingRoom, meetingId);

async function ask<T>(
  env: Cloudflare.Env,
  meetingId: string,
  what: string,
  fallback: T,
  call: (room: Room) => Promise<T>,
) {
  try {
    return await call(await roomOf(env, meetingId));
  } catch (err) {
    console.error(`${what} in ${meetingId}: the room did not answer`, err);
    return fallback;
  }
}

/** True when the room now lists these tracks (false: not opened, or the person may no longer publish). */
export const listPublished = (
  env: Cloudflare.Env,
  meetingId: string,
  personId: string,
  sessionId: string,
  tracks: { trackName: string; mid: string }[],
) => ask(env, meetingId, "published tracks", false, (room) => room.published(personId, sessionId, tracks));

export const unlistClosed = (
  env: Cloudflare.Env,
  meetingId: string,
  personId: string,
  sessionId: string,
  mids: string[],
) => ask(env, meetingId, "closed tracks", undefined, (room) => room.tracksClosed(personId, sessionId, mids));

export const allListed = (env: Cloudflare.Env, meetingId: string, tracks: { sessionId: string; trackName: string }[]) =>
  ask(env, meetingId, "listed tracks", false, (room) => room.tracksListed(tracks));
