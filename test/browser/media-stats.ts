/**
 * Reads the media star of a page (window.__chiboMedia, web/src/room/rtc/media-hook.ts) for the media test and
 * bench: audio bytes and level per link from RTCPeerConnection.getStats(), and the state of every microphone
 * track the page published.
 */
import type { Page } from "playwright-core";

export interface AudioFlow {
  peer: string;
  /** The peer's socket (connection id) the link talks to. */
  socket: string | undefined;
  direction: "in" | "out";
  state: RTCPeerConnectionState;
  /** inbound: bytesReceived; outbound: bytesSent. */
  bytes: number;
  /** inbound only: the level of the sound received (0..1). */
  level: number;
  /** RTP header bytes received or sent (payload is `bytes`); UDP/IP and SRTP's tag come on top. */
  headerBytes: number;
}

interface Hook {
  links: () => { direction: "in" | "out"; peer: { personId: string; socket?: string }; pc: RTCPeerConnection }[];
  published: MediaStreamTrack[];
}

/** Every audio flow of the page's star (empty while it has none). */
export function audioFlows(page: Page): Promise<AudioFlow[]> {
  return mediaFlows(page, "audio");
}

/** Every flow of one kind (video: `level` is the frames decoded, inbound only). */
export function mediaFlows(page: Page, kind: "audio" | "video"): Promise<AudioFlow[]> {
  return page.evaluate(async (kind) => {
    const hook = (window as unknown as { __chiboMedia?: Hook }).__chiboMedia;
    const flows: AudioFlow[] = [];
    for (const link of hook?.links() ?? []) {
      const report = await link.pc.getStats();
      report.forEach((s: Record<string, unknown>) => {
        if (s.kind !== kind) return;
        const base = {
          peer: link.peer.personId,
          socket: link.peer.socket,
          direction: link.direction,
          state: link.pc.connectionState,
        };
        const headerBytes = Number(s.headerBytesReceived ?? s.headerBytesSent ?? 0);
        const level = Number((kind === "audio" ? s.audioLevel : s.framesDecoded) ?? 0);
        if (s.type === "inbound-rtp") flows.push({ ...base, bytes: Number(s.bytesReceived ?? 0), level, headerBytes });
        if (s.type === "outbound-rtp") flows.push({ ...base, bytes: Number(s.bytesSent ?? 0), level: 0, headerBytes });
      });
    }
    return flows;
  }, kind);
}

/** The bytes this page received from (or sent to) `peer`, summed over its links in that direction. */
export async function bytesWith(
  page: Page,
  peer: string,
  direction: "in" | "out",
  kind: "audio" | "video" = "audio",
): Promise<number> {
  const flows = await mediaFlows(page, kind);
  return flows.filter((f) => f.peer === peer && f.direction === direction).reduce((sum, f) => sum + f.bytes, 0);
}

/** The state of each microphone track the page published, oldest first. */
export function publishedTracks(page: Page): Promise<MediaStreamTrackState[]> {
  return page.evaluate(() =>
    ((window as unknown as { __chiboMedia?: Hook }).__chiboMedia?.published ?? []).map((t) => t.readyState),
  );
}

/** Fake devices (a beeping microphone), no permission prompt, sound allowed without a tap, host IPs in ICE. */
export const MEDIA_ARGS = [
  "--use-fake-device-for-media-stream",
  "--use-fake-ui-for-media-stream",
  "--autoplay-policy=no-user-gesture-required",
  "--disable-features=WebRtcHideLocalIpsWithMdns",
];

/** What the page's out links to `peer` send as sound: "mic" (a track the page published) or "mixed" (another). */
export function soundSentTo(page: Page, peer: string): Promise<("mic" | "mixed" | "none")[]> {
  return page.evaluate((peer) => {
    const hook = (window as unknown as { __chiboMedia?: Hook }).__chiboMedia;
    const mics = new Set((hook?.published ?? []).map((t) => t.id));
    return (hook?.links() ?? [])
      .filter((l) => l.direction === "out" && l.peer.personId === peer)
      .map((l) => {
        const track = l.pc.getSenders().find((s) => s.track?.kind === "audio")?.track;
        return track ? (mics.has(track.id) ? "mic" : "mixed") : "none";
      });
  }, peer);
}

/** Silences (or restores) every microphone track the page published: the track sends silence, its links stay. */
export function silenceMics(page: Page, silent: boolean): Promise<void> {
  return page.evaluate((silent) => {
    for (const t of (window as unknown as { __chiboMedia?: Hook }).__chiboMedia?.published ?? []) t.enabled = !silent;
  }, silent);
}
