/**
 * The connection's quality for the media card, sampled from the transport's `getStats` every ~2 s, and whether
 * this page hears the hall now: its audio track live on a link that is connected and not lost. A remote tells the
 * room when the latter changes (`rtc/media {hearing}`), and again after a reconnect (the room forgets it when the
 * last socket closes), so attendance knows who attended with sound.
 */
import { type Accessor, createEffect, createSignal, on, onCleanup } from "solid-js";
import type { RoomConnection } from "../room-socket";
import type { MediaQuality, MediaTransport } from "./transport/media-transport";

const SAMPLE_MS = 2_000;

export function useMediaQuality(transport: Accessor<MediaTransport | null>): Accessor<MediaQuality | null> {
  const [quality, setQuality] = createSignal<MediaQuality | null>(null);
  const timer = setInterval(() => {
    const t = transport();
    if (t)
      void t.quality().then(
        (q) => setQuality(q),
        () => setQuality(null),
      );
  }, SAMPLE_MS);
  onCleanup(() => clearInterval(timer));
  return quality;
}

/** Hearing the hall: a live audio track from the hall on a link that is up. */
export function hearsHall(stream: MediaStream | null, quality: MediaQuality | null): boolean {
  const live = stream?.getAudioTracks().some((t) => t.readyState === "live") ?? false;
  return live && (quality === "good" || quality === "poor");
}

/** A link answered anew (video switched off or on) drops the sound for a moment: not worth telling the room. */
const LOSS_GRACE_MS = 3_000;

export function reportHearing(conn: RoomConnection, hearing: Accessor<boolean>) {
  let told = false;
  let pending: ReturnType<typeof setTimeout> | undefined;
  const tell = (now: boolean) => {
    told = now;
    conn.rtc.media(now);
  };
  createEffect(
    on([hearing, conn.status], ([now, status]) => {
      clearTimeout(pending);
      if (status !== "connected") {
        told = false; // the room forgets it with the socket: say it again once back
        return;
      }
      if (now === told) return;
      if (now) tell(true);
      else pending = setTimeout(() => !hearing() && conn.status() === "connected" && tell(false), LOSS_GRACE_MS);
    }),
  );
  onCleanup(() => {
    clearTimeout(pending);
    if (told && conn.status() === "connected") conn.rtc.media(false);
  });
}
