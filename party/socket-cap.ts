/**
 * A handful of sockets per person per room (issue 12: one ticket once opened 300). A phone and a laptop, a second
 * tab, a tab reconnecting while the room still holds its dead socket: four covers those with room to spare. A
 * socket past the cap closes the person's OLDEST with ROOM_CLOSE.replaced (4409): the newest is the one in the
 * person's hands, and the oldest is most likely a dead or forgotten one. The client shows "opened elsewhere" and
 * does not reconnect (two tabs would otherwise take turns closing each other).
 *
 * Counted from the room's tagged sockets (partyserver's getConnections by person tag) and each socket's own
 * attachment, never from memory: after the room was hibernated or evicted the count and the order still hold.
 */
import { ROOM_CLOSE } from "../schema/room/ticket";
import type { ConnState, RoomConnection } from "./fanout";
import { personTag, type TaggedSockets } from "./revocation";

/** At most this many open sockets per person per room. */
export const MAX_SOCKETS_PER_PERSON = 4;

/** Under 123 bytes of UTF-8 (a close reason's limit). */
const REPLACED = "Bạn đã mở phòng họp ở thiết bị/tab khác / Opened on another device or tab";

export class SocketCap {
  constructor(private readonly sockets: TaggedSockets) {}

  /**
   * A socket was admitted (its state is set): stamps when it opened, then closes the person's oldest sockets
   * beyond the cap — never this one. Answers how many it closed.
   */
  admitted(connection: RoomConnection, now: number): number {
    const state = connection.state;
    if (!state) return 0;
    const others = this.#openOf(state.personId).filter((c) => c.id !== connection.id);
    // Unique per person even when the clock stands still between two connects.
    const newest = Math.max(now, ...others.map((c) => (c.state?.openedAt ?? 0) + 1));
    connection.setState({ ...state, openedAt: newest });
    const excess = others.length + 1 - MAX_SOCKETS_PER_PERSON;
    if (excess <= 0) return 0;
    // A socket without a stamp (opened before this code) counts as the oldest.
    const oldest = others.sort((a, b) => (a.state?.openedAt ?? 0) - (b.state?.openedAt ?? 0)).slice(0, excess);
    for (const c of oldest) c.close(ROOM_CLOSE.replaced, REPLACED);
    return oldest.length;
  }

  #openOf(personId: string): RoomConnection[] {
    return [...this.sockets.getConnections<ConnState>(personTag(personId))].filter(
      (c) => c.readyState === WebSocket.OPEN,
    );
  }
}
