/**
 * WebRTC signalling over the room's own connection (party/rtc-relay.ts on the server): sends offers, answers,
 * ICE candidates, hang-ups and the chair's mute as room frames, and hands what arrives to typed listeners. Glue
 * only: no media here. Signalling is never queued for a reconnect (a stale offer is worse than none): a frame
 * sent while the socket is down is lost, and the media layer starts again after the next snapshot.
 */
import type { ClientMessage, IceCandidate, ServerMessage } from "../../../../schema/room/messages";

type RtcIncoming = Extract<ServerMessage, { type: `rtc/${string}` }>;
type RtcOutgoing = Extract<ClientMessage, { type: `rtc/${string}` }>;
type Distribute<T> = T extends unknown ? Omit<T, "id"> : never;

/** What the room refused of ours: `no_floor`, `peer_not_publishing`, `peer_offline`, … and the frame's type. */
export interface RtcRefusal {
  type: RtcOutgoing["type"];
  code: string;
  message: string;
}

export interface RtcEvents {
  "rtc/offer": Extract<RtcIncoming, { type: "rtc/offer" }>;
  "rtc/answer": Extract<RtcIncoming, { type: "rtc/answer" }>;
  "rtc/ice": Extract<RtcIncoming, { type: "rtc/ice" }>;
  "rtc/hangup": Extract<RtcIncoming, { type: "rtc/hangup" }>;
  "rtc/stop": Extract<RtcIncoming, { type: "rtc/stop" }>;
  refused: RtcRefusal;
}
export type RtcEventName = keyof RtcEvents;

/** A person, and optionally the one socket of theirs (a `fromSocket` they sent) the frame is for. */
export interface Peer {
  personId: string;
  socket?: string;
}

export interface RtcSignals {
  on<K extends RtcEventName>(name: K, listener: (event: RtcEvents[K]) => void): () => void;
  offer(to: Peer, sdp: string): void;
  answer(to: Peer, sdp: string): void;
  ice(to: Peer, candidate: IceCandidate): void;
  /** Ends the sender's connection with one peer, or with everyone. */
  hangup(to?: Peer): void;
  /** Chair: this person's client stops sending. */
  mute(personId: string): void;
  /** A remote: we now receive (or no longer receive) the hall's sound (attendance by media). */
  media(hearing: boolean): void;
  /** A frame from the room; answers whether it was signalling (and so handled here). */
  receive(msg: ServerMessage): boolean;
  /** Whether an ack's `ref` is one of ours (nothing else to settle: signalling is not a pending action). */
  ackedOwn(ref: string): boolean;
  /** Whether an error frame's `ref` is one of ours: it is told to `refused` listeners, not to the room's banner. */
  refusedOwn(msg: Extract<ServerMessage, { type: "error" }>): boolean;
}

const isIncoming = (msg: ServerMessage): msg is RtcIncoming => msg.type.startsWith("rtc/");
/** Refusals are matched to our frames by id; a few hundred outstanding ids is far more than a negotiation sends. */
const REMEMBERED_IDS = 500;

export function createRtcSignals(transmit: (msg: ClientMessage) => void, newId: () => string): RtcSignals {
  const listeners = new Map<RtcEventName, Set<(event: never) => void>>();
  const sent = new Map<string, RtcOutgoing["type"]>();

  const emit = <K extends RtcEventName>(name: K, event: RtcEvents[K]) => {
    for (const l of listeners.get(name) ?? []) (l as (e: RtcEvents[K]) => void)(event);
  };
  const send = (frame: Distribute<RtcOutgoing>) => {
    const msg = { ...frame, id: newId() } as RtcOutgoing;
    sent.set(msg.id, msg.type);
    if (sent.size > REMEMBERED_IDS) sent.delete(sent.keys().next().value as string);
    transmit(msg);
  };
  const target = (to: Peer) =>
    to.socket === undefined ? { to: to.personId } : { to: to.personId, toSocket: to.socket };

  return {
    on(name, listener) {
      const set = listeners.get(name) ?? new Set();
      set.add(listener as (event: never) => void);
      listeners.set(name, set);
      return () => set.delete(listener as (event: never) => void);
    },
    offer: (to, sdp) => send({ type: "rtc/offer", ...target(to), sdp }),
    answer: (to, sdp) => send({ type: "rtc/answer", ...target(to), sdp }),
    ice: (to, candidate) => send({ type: "rtc/ice", ...target(to), candidate }),
    hangup: (to) => send(to ? { type: "rtc/hangup", ...target(to) } : { type: "rtc/hangup" }),
    mute: (personId) => send({ type: "rtc/mute", personId }),
    media: (hearing) => send({ type: "rtc/media", hearing }),
    receive(msg) {
      if (!isIncoming(msg)) return false;
      switch (msg.type) {
        case "rtc/offer":
          emit("rtc/offer", msg);
          break;
        case "rtc/answer":
          emit("rtc/answer", msg);
          break;
        case "rtc/ice":
          emit("rtc/ice", msg);
          break;
        case "rtc/hangup":
          emit("rtc/hangup", msg);
          break;
        case "rtc/stop":
          emit("rtc/stop", msg);
          break;
      }
      return true;
    },
    ackedOwn: (ref) => sent.delete(ref),
    refusedOwn(msg) {
      const type = msg.ref === null ? undefined : sent.get(msg.ref);
      if (type === undefined || msg.ref === null) return false;
      sent.delete(msg.ref);
      emit("refused", { type, code: msg.code, message: msg.message });
      return true;
    },
  };
}
