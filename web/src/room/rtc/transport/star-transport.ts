/**
 * The peer-to-peer star as the media layer's `MediaTransport`. Discovery goes by the room's hello/greet signalling
 * (`rtc/hangup` means "offer me anew"): the hall offers what it publishes to each remote who says hello and greets
 * everyone present on `announce()`; a remote says hello to the hall on `announce()` and whenever the hall greets,
 * and offers its microphone to the hall while it publishes. Peers offer to us, so `tracksListed` has nothing to do.
 */
import { createHallHub } from "../hall-hub";
import { createMediaStar } from "../media-star";
import type { RtcSignals } from "../signalling";
import type { MediaQuality, MediaTransport, StreamListener } from "./media-transport";
import { qualityOf } from "./quality";

export interface StarRole {
  role: "hall" | "remote";
  /** The hall device's person id (the chair's). */
  hallId(): string | undefined;
  live(): boolean;
  /** The hall's greeting list: everyone who may be listening (connected members, invited guests). */
  present(): string[];
}

const RANK: Record<MediaQuality, number> = { good: 0, poor: 1, lost: 2 };

export function starTransport(signals: RtcSignals, role: StarRole, iceServers: RTCIceServer[]): MediaTransport {
  const isHall = role.role === "hall";
  let publishing = false;
  let video = true;
  const hello = () => {
    const to = role.hallId();
    if (to && role.live()) signals.hangup({ personId: to });
  };
  const speak = () => {
    const to = role.hallId();
    if (to && publishing) star.offerTo({ personId: to });
  };
  const star = createMediaStar(signals, {
    iceServers,
    acceptVideo: () => video,
    onHangup: (from) => {
      if (isHall) {
        if (role.live()) star.offerTo(from);
      } else if (from.personId === role.hallId()) {
        hello();
        speak();
      }
    },
    onOutLost: (peer) =>
      setTimeout(() => {
        if (isHall) role.live() && star.offerTo({ personId: peer.personId });
        else speak();
      }, 1_000),
  });
  /** The hall forwards the speaker to the other remotes (hall-hub.ts). */
  const hub = isHall ? createHallHub(star) : null;
  const listeners = new Set<StreamListener>();
  /** The socket whose stream each person's is now: a stale link of theirs closing later does not end it. */
  const current = new Map<string, string | undefined>();
  star.subscribe((from, stream) => {
    if (stream) current.set(from.personId, from.socket);
    else if (!current.has(from.personId) || current.get(from.personId) !== from.socket) return;
    else current.delete(from.personId);
    hub?.relay(from.personId, stream);
    for (const l of listeners) l(from.personId, stream);
  });

  return {
    kind: "star",
    publish(tracks) {
      publishing = tracks.length > 0;
      hub?.published(tracks); // first: the route must have the kinds the links are (re)offered with
      star.publish(tracks);
      if (!isHall) speak();
    },
    announce() {
      if (!isHall) {
        // Back after a reconnect while speaking: our hello makes the hall close every link with us, the one carrying
        // our microphone too, which we would notice only when ICE gives up (~15 s of silence): offer it again at once.
        hello();
        return speak();
      }
      const me = role.hallId();
      for (const personId of new Set(role.present())) if (personId !== me) signals.hangup({ personId });
    },
    tracksListed() {},
    onStream(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    drop: (personId) => star.drop(personId, "in"),
    setVideo(on) {
      if (on === video) return;
      video = on;
      // Answered anew: the hall's next offer is answered with its video transceiver inactive (or active again).
      const hallId = role.hallId();
      if (!isHall && hallId) {
        star.drop(hallId, "in");
        hello();
        speak(); // the hall's answer to a hello closes our link to it too: a speaker offers again
      }
    },
    async quality() {
      // What we receive if anything, else what we send; a link still connecting says nothing yet.
      const links = star.links().filter((l) => l.pc.connectionState !== "new" && l.pc.connectionState !== "connecting");
      const received = links.filter((l) => l.direction === "in");
      const measured = received.length ? received : links;
      if (!measured.length) return null;
      let worst: MediaQuality = "good";
      for (const l of measured) {
        const q = qualityOf((await l.pc.getStats()).values(), l.pc.connectionState);
        if (RANK[q] > RANK[worst]) worst = q;
      }
      return worst;
    },
    links: () => star.links().map((l) => ({ direction: l.direction, peer: { ...l.peer }, pc: l.pc })),
    close() {
      hub?.close();
      star.close();
    },
  };
}
