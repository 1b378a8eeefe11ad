/**
 * One interface for how sound and picture travel (issue 13): the peer-to-peer star (hall ↔ each remote, signalled
 * through the room; ./star-transport.ts) or Cloudflare Realtime's SFU (each browser ↔ Cloudflare, the worker
 * proxying the API with the app's secret; ./sfu-media.ts over ./realtime-transport.ts). The room's media layer
 * talks only to `MediaTransport`; `transportFor` (./choose.ts) picks one per meeting at run time.
 *
 * The floor still drives who publishes: the room refuses a star offer from someone without the floor, and the worker
 * refuses an SFU publish the same way (worker/routes/meeting-media.ts asks the room). A transport never decides it.
 */

/** Who publishes a track, and its name there: for the star the person (and socket); for the SFU its session. */
export interface RemoteTrackRef {
  /** The publisher's person id (the star routes by it; the SFU keeps it to label the track). */
  personId: string;
  /** The SFU session that published the track; absent for the star. */
  sessionId?: string;
  /** The track's name at the publisher: `${kind}-${personId}` by convention, so every side can name it. */
  trackName: string;
}

/** A published track: stop it (the floor ended, the chair muted, video switched off) without closing the transport. */
export interface PublishedTrack {
  ref: RemoteTrackRef;
  stop(): Promise<void>;
}

/** Connection quality, as the room's indicator shows it (from `getStats`: round trip and packet loss). */
export type MediaQuality = "good" | "poor" | "lost";

export interface MediaTransportEvents {
  quality: (q: MediaQuality) => void;
  /** The transport closed itself (the SFU session failed, the room closed): the media layer shows it and stops. */
  closed: (reason: string) => void;
}

/** The SFU's pull interface (./realtime-transport.ts): publish a track by name, subscribe to a track by its ref. */
export interface SfuTransport {
  readonly kind: "sfu";
  /** Send a local track (the hall's microphone and camera; the floor holder's microphone). */
  publish(track: MediaStreamTrack, trackName: string): Promise<PublishedTrack>;
  /** Receive someone's published track. */
  subscribe(remote: RemoteTrackRef): Promise<MediaStreamTrack>;
  /** Stop receiving a track subscribed before. */
  unsubscribe(remote: RemoteTrackRef): Promise<void>;
  on<K extends keyof MediaTransportEvents>(event: K, listener: MediaTransportEvents[K]): () => void;
  /** Close everything: every peer connection, every track this transport made. */
  close(): Promise<void>;
}

/** A track the room lists as published on the SFU (the room view's `media.tracks`). */
export interface ListedTrack {
  personId: string;
  sessionId: string;
  trackName: string;
  kind: "audio" | "video";
}

/** Someone's stream arrived (their tracks, audio and maybe video), or is gone (`null`). */
export type StreamListener = (personId: string, stream: MediaStream | null) => void;

/** A peer connection the page holds, for the test hook (media-hook.ts). */
export interface LinkInfo {
  direction: "in" | "out";
  peer: { personId: string; socket?: string };
  pc: RTCPeerConnection;
}

/** What the room's media layer (hall-media.ts, remote-media.ts) asks of either path. */
export interface MediaTransport {
  readonly kind: "star" | "sfu";
  /** What this page sends from now on (the hall's microphone and camera; the speaker's); [] stops sending. */
  publish(tracks: MediaStreamTrack[]): void;
  /** The room link is (again) up and the meeting live: find whom to talk to (the star greets; the SFU reads the list). */
  announce(): void;
  /** The room's list of SFU tracks changed, or whom we want to hear did (the star ignores it: peers offer to us). */
  tracksListed(tracks: ListedTrack[]): void;
  /** Streams we receive, per person; `null` when a person's stream is gone. */
  onStream(listener: StreamListener): () => void;
  /** Stop receiving this person (their floor ended). */
  drop(personId: string): void;
  /** Whether this page receives video (a remote's "video off" stops the bytes, not just the picture). */
  setVideo(on: boolean): void;
  /** The worst quality over what this page receives (or, with nothing received, sends); null with no link. */
  quality(): Promise<MediaQuality | null>;
  /** The page's peer connections, for the test hook. */
  links(): LinkInfo[];
  close(): void;
}

/** What the worker says about a meeting's media (GET …/meetings/:id/media/config). */
export interface MediaConfig {
  /** Cloudflare Realtime is configured: use the SFU. */
  sfu: boolean;
  /** STUN/TURN servers for either path: short-lived TURN credentials when TURN keys are configured, else []. */
  iceServers: RTCIceServer[];
}

/** Tiny typed emitter both transports share. */
export function transportEvents() {
  const listeners: { [K in keyof MediaTransportEvents]: Set<MediaTransportEvents[K]> } = {
    quality: new Set(),
    closed: new Set(),
  };
  return {
    on<K extends keyof MediaTransportEvents>(event: K, listener: MediaTransportEvents[K]): () => void {
      listeners[event].add(listener);
      return () => listeners[event].delete(listener);
    },
    emit<K extends keyof MediaTransportEvents>(event: K, ...args: Parameters<MediaTransportEvents[K]>): void {
      for (const l of listeners[event]) (l as (...a: Parameters<MediaTransportEvents[K]>) => void)(...args);
    },
  };
}
