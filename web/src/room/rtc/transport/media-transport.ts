/**
 * One interface for how sound and picture travel (issue 13): the peer-to-peer star (hall ↔ each remote, signalled
 * through the room) or Cloudflare Realtime's SFU (each browser ↔ Cloudflare, the worker proxying the API with the
 * app's secret). The room's media layer talks only to this; `transportFor` (./choose.ts) picks one per meeting.
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

export interface MediaTransport {
  readonly kind: "star" | "sfu";
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
