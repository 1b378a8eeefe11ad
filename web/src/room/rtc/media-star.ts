/**
 * The media star, peer to peer: the hall in the middle, each remote participant at a point. Whatever this page
 * publishes goes out on one link per peer it offers to; whatever peers offer it is answered and handed to
 * subscribers. The hall and the remotes use the same star with a different policy (transport/star-transport.ts),
 * which also makes it the media layer's `MediaTransport`.
 */
import { acceptAnswer, type Link, openIn, openOut } from "./peer-links";
import type { Peer, RtcSignals } from "./signalling";

export type StreamListener = (from: Peer, stream: MediaStream | null) => void;

export interface MediaStar {
  /** What this page sends from now on (one stream); [] stops the tracks and closes every out link. */
  publish(tracks: MediaStreamTrack[]): void;
  /** Offers the published track to one peer (replacing a link to the same peer; not while one is negotiating). */
  offerTo(peer: Peer): void;
  /** Streams that peers send us; `null` when that peer's stream is gone. */
  subscribe(listener: StreamListener): () => void;
  /** Closes the links with this person: both directions, or only the one named. */
  drop(personId: string, direction?: Link["direction"]): void;
  links(): readonly Link[];
  /**
   * What one peer gets instead of what we publish (the hall as the hub: the others get the speaker mixed in), or
   * null for the published tracks; same kinds as those, swapped in place on every out link (no renegotiation).
   */
  route(route: ((personId: string) => MediaStreamTrack[] | null) | null): void;
  close(): void;
}

export interface StarPolicy {
  /** A peer hung up with us (reloaded, left, or asks to be offered anew). */
  onHangup(from: Peer): void;
  /** One of our out links failed or closed from the far side: offer again if still wanted. */
  onOutLost(peer: Peer): void;
  iceServers: RTCIceServer[];
  /** Whether offers we answer may bring video (a remote's "video off" refuses it). */
  acceptVideo(): boolean;
}

/** An offer still unanswered after this long is given up for a new one. */
const NEGOTIATION_MS = 5_000;
const samePeer = (a: Peer, b: Peer) => a.personId === b.personId && a.socket === b.socket;

export function createMediaStar(signals: RtcSignals, policy: StarPolicy): MediaStar {
  let links: Link[] = [];
  let tracks: MediaStreamTrack[] = [];
  const kinds = (ts: MediaStreamTrack[]) => ts.map((t) => t.kind).join();
  let routed: ((personId: string) => MediaStreamTrack[] | null) | null = null;
  const tracksFor = (personId: string) => routed?.(personId) ?? tracks;
  const swap = (l: Link) => {
    const mine = tracksFor(l.peer.personId);
    for (const tr of l.pc.getTransceivers())
      void tr.sender.replaceTrack(mine.find((t) => t.kind === tr.receiver.track.kind) ?? null).catch(() => undefined);
  };
  const listeners = new Set<StreamListener>();
  const tell = (from: Peer, stream: MediaStream | null) => {
    for (const l of listeners) l(from, stream);
  };

  const remove = (link: Link) => {
    if (!links.includes(link)) return;
    links = links.filter((l) => l !== link);
    link.pc.close();
    if (link.direction === "in") tell(link.peer, null);
  };
  const register = (link: Link) => {
    links = [...links, link];
    link.pc.addEventListener("connectionstatechange", () => {
      const state = link.pc.connectionState;
      if (state !== "failed" && state !== "closed") return;
      const wasOurs = links.includes(link);
      remove(link);
      if (wasOurs && link.direction === "out") policy.onOutLost(link.peer);
    });
  };

  const offs = [
    signals.on("rtc/offer", (m) => {
      const from = { personId: m.from, socket: m.fromSocket };
      for (const l of links.filter((l) => l.direction === "in" && samePeer(l.peer, from))) remove(l);
      const opts = { iceServers: policy.iceServers, video: policy.acceptVideo() };
      void openIn(signals, from, m.sdp, (stream) => tell(from, stream), register, opts).catch(() => undefined);
    }),
    signals.on("rtc/answer", (m) => {
      const link = links.find(
        (l) =>
          l.direction === "out" &&
          l.peer.personId === m.from &&
          (l.peer.socket === undefined || l.peer.socket === m.fromSocket) &&
          l.pc.signalingState === "have-local-offer",
      );
      if (!link) return;
      // Offered to a person (all their sockets): the first socket to answer is the one we talk to.
      link.peer = { personId: m.from, socket: m.fromSocket };
      void acceptAnswer(link, m.sdp).catch(() => remove(link));
    }),
    signals.on("rtc/hangup", (m) => {
      for (const l of links.filter((l) => l.peer.personId === m.from)) remove(l);
      policy.onHangup({ personId: m.from, socket: m.fromSocket });
    }),
  ];

  const star: MediaStar = {
    publish(next) {
      for (const t of tracks) if (!next.includes(t)) t.stop();
      // Same kinds: swap the tracks in place; a camera added or removed needs a new offer on each link.
      const renegotiate = kinds(tracks) !== kinds(next);
      tracks = next;
      for (const l of links.filter((l) => l.direction === "out")) {
        if (!next.length || renegotiate) {
          remove(l);
          if (next.length) star.offerTo({ personId: l.peer.personId });
        } else swap(l);
      }
    },
    offerTo(peer) {
      if (!tracks.length) return;
      const existing = links.filter((l) => l.direction === "out" && l.peer.personId === peer.personId);
      const negotiating = existing.find(
        (l) =>
          (peer.socket === undefined || l.peer.socket === undefined || samePeer(l.peer, peer)) &&
          l.pc.signalingState === "have-local-offer" &&
          performance.now() - l.since < NEGOTIATION_MS,
      );
      if (negotiating) return;
      for (const l of existing) if (peer.socket === undefined || samePeer(l.peer, peer)) remove(l);
      void openOut(signals, peer, tracksFor(peer.personId), register, policy.iceServers).catch(() => undefined);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    drop(personId, direction) {
      const doomed = links.filter((l) => l.peer.personId === personId && (!direction || l.direction === direction));
      for (const l of doomed) remove(l);
    },
    links: () => links,
    route(next) {
      routed = next;
      for (const l of links) if (l.direction === "out") swap(l);
    },
    close() {
      for (const off of offs) off();
      star.publish([]);
      for (const l of [...links]) remove(l);
      listeners.clear();
    },
  };
  return star;
}
