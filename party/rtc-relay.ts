/**
 * The room as WebRTC signalling channel: offers, answers and ICE candidates are relayed to the person named in
 * `to` (all their open sockets, or the one `toSocket` names) with `from` set here from the sender's ticket, never
 * from the frame. Nothing is stored or broadcast: signalling is not part of the meeting's record. Who may send
 * what is party/logic/rtc.ts; this file also tells people to stop sending (`rtc/stop`) when the floor leaves
 * them, the chair mutes them, or the meeting closes.
 */
import type { RoomErrorCode, ServerMessage } from "../schema/room/messages";
import type { ConnState, Fanout, RoomConnection } from "./fanout";
import type { TrackRec } from "./logic/media-tracks";
import { type RtcFrame, type RtcStopReason, rtcRefusal, rtcStopsAfter } from "./logic/rtc";
import type { Actor, RoomState } from "./logic/state";
import { personTag, type TaggedSockets } from "./revocation";
import type { RoomData } from "./room-data";

export class RtcRelay {
  constructor(
    private readonly sockets: TaggedSockets,
    private readonly data: RoomData,
    private readonly fanout: Fanout,
  ) {}

  /** One signalling frame: refused (an error frame, nothing delivered), or relayed and acknowledged. */
  onFrame(connection: RoomConnection, actor: Actor, msg: RtcFrame) {
    const state = this.data.state;
    if (!state) return;
    const refusal = rtcRefusal(state, actor, msg);
    if (refusal) return this.#error(connection, msg.id, refusal.code, refusal.message);
    const from = { from: actor.personId, fromSocket: connection.id };
    const out: ServerMessage =
      msg.type === "rtc/offer" || msg.type === "rtc/answer"
        ? { type: msg.type, ...from, sdp: msg.sdp }
        : msg.type === "rtc/ice"
          ? { type: msg.type, ...from, candidate: msg.candidate }
          : { type: msg.type, ...from };
    const targets =
      msg.to === undefined
        ? this.#open().filter((c) => c.state?.personId !== actor.personId)
        : this.#socketsOf(msg.to, msg.toSocket);
    if (targets.length === 0 && msg.type !== "rtc/hangup")
      return this.#error(
        connection,
        msg.id,
        "peer_offline",
        "Người này không còn kết nối; không gửi được / This person is not connected; nothing was delivered",
      );
    const text = JSON.stringify(out);
    for (const c of targets) c.send(text);
    this.fanout.send(connection, { type: "ack", ref: msg.id });
  }

  /**
   * After any stored change of the room: whom the chair muted, the floor's last holder, or everyone at the close,
   * stops sending; when the SFU's track list changed (published, closed, or pruned in the commit: `removed`), every
   * socket gets the new list, and the pruned tracks are closed at Cloudflare.
   */
  afterCommit(prev: RoomState, next: RoomState, removed: TrackRec[] = []) {
    const stops = rtcStopsAfter(prev, next);
    if (stops) this.stop(stops.personIds, stops.reason);
    if (prev.live.tracks !== next.live.tracks) this.fanout.emit([{ kind: "media" }]);
    if (removed.length) this.onTracksRemoved?.(removed);
  }

  /** Closes removed tracks at the SFU (party/sfu-close.ts); unset where Realtime is not configured. */
  onTracksRemoved: ((removed: TrackRec[]) => void) | undefined;

  stop(personIds: string[] | "all", reason: RtcStopReason) {
    const text = JSON.stringify({ type: "rtc/stop", reason } satisfies ServerMessage);
    const targets = personIds === "all" ? this.#open() : personIds.flatMap((p) => this.#socketsOf(p));
    for (const c of targets) c.send(text);
  }

  #socketsOf(personId: string, socketId?: string): RoomConnection[] {
    return this.#open(personTag(personId)).filter(
      (c) => c.state?.personId === personId && (socketId === undefined || c.id === socketId),
    );
  }

  #open(tag?: string): RoomConnection[] {
    return [...this.sockets.getConnections<ConnState>(tag)].filter((c) => c.readyState === WebSocket.OPEN);
  }

  #error(connection: RoomConnection, ref: string, code: RoomErrorCode, message: string) {
    this.fanout.send(connection, { type: "error", code, message, ref });
  }
}
