/**
 * The snapshot frame. In a large room everyone who joins in the same window gets one shared serialisation:
 * everything but the viewer's own parts (`you`, the notes they may see, the server's `now`) is serialised once
 * per broadcast version and spliced into each frame. 500 members joining cost 500 full room views before
 * (0.1 MB and ~4 ms each at 500 members, 0.5 MB and ~17 ms at 2,000, measured in Node): the join grew with the
 * square of the room.
 *
 * Why a version is enough as the key: every change a client can see is broadcast as an event with a higher
 * version, at once or (coalesced, in a large room) within COALESCE_MS. A cached part that is older than the state
 * is therefore followed by the event that brings the client up to date, as if the snapshot had been sent a moment
 * earlier; notes, which are private and carry no version, are never cached.
 */
import { canSeeNote } from "./logic/leader";
import { type Actor, iso, type RoomState } from "./logic/state";
import { type Connected, roomView, you } from "./logic/views";

/** A frame built for this viewer alone (small rooms: exact to the moment, and cheap). */
export function snapshotFrame(s: RoomState, viewer: Actor, version: number, connected: Connected, now: number) {
  return JSON.stringify({
    type: "snapshot",
    version,
    you: you(s, viewer),
    state: roomView(s, viewer, connected, now),
  });
}

export class SharedSnapshot {
  /**
   * The shared part of this version, without its closing brace (the viewer's fields follow it after a comma), and
   * the frame's head up to it: cut once per version, not once per member.
   */
  #shared: { version: number; head: string; body: string } | undefined;

  /** The frame for this viewer: the shared part of this version (built now if it is not there yet), spliced. */
  frame(s: RoomState, viewer: Actor, version: number, connected: Connected, now: number): string {
    let shared = this.#shared;
    if (shared?.version !== version) {
      const { notes: _notes, now: _now, ...rest } = roomView(s, viewer, connected, now);
      // `rest` always has keys, so its closing brace can take the viewer's fields after a comma.
      shared = {
        version,
        head: `{"type":"snapshot","version":${version},"you":`,
        body: JSON.stringify(rest).slice(0, -1),
      };
      this.#shared = shared;
    }
    const notes = Object.values(s.notes).filter((n) => canSeeNote(s, viewer, n));
    return `${shared.head}${JSON.stringify(you(s, viewer))},"state":${shared.body},"notes":${JSON.stringify(notes)},"now":${JSON.stringify(iso(now))}}}`;
  }
}
