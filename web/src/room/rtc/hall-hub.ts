/**
 * The hall as the hub of the star (issue 13: the speaker to the other remotes). While a remote speaker sends the
 * hall their sound, every OTHER remote gets one audio track mixing the hall's microphone and the speaker (WebAudio),
 * and the speaker's picture in place of the hall's camera while they show it; the speaker's own link keeps the
 * hall's microphone alone, so nobody hears themselves. Tracks are swapped in place (replaceTrack): no renegotiation.
 * A browser that keeps the AudioContext suspended (no tap yet) sends the hall's microphone alone until it runs.
 */
import type { MediaStar } from "./media-star";

export interface HallHub {
  /** What the hall publishes (its microphone, and its camera if any). */
  published(tracks: MediaStreamTrack[]): void;
  /** A speaker's stream arrived at the hall, or ended (`null`). */
  relay(personId: string, stream: MediaStream | null): void;
  close(): void;
}

export function createHallHub(star: Pick<MediaStar, "route">): HallHub {
  let ctx: AudioContext | null = null;
  let mine: MediaStreamTrack[] = [];
  let speaker: { personId: string; stream: MediaStream } | null = null;
  let nodes: AudioNode[] = [];
  let mixed: MediaStreamTrack | null = null;

  const clear = () => {
    for (const n of nodes) n.disconnect();
    nodes = [];
    mixed?.stop();
    mixed = null;
  };
  const update = () => {
    clear();
    const mic = mine.find((t) => t.kind === "audio");
    const cam = mine.find((t) => t.kind === "video");
    if (!speaker || !mic) return star.route(null);
    const { personId, stream } = speaker;
    if (!ctx) {
      ctx = new AudioContext();
      ctx.addEventListener("statechange", () => update());
      // A browser that wants a gesture first: the hall's next tap or key (e.g. "Bấm để bật loa") starts the mix.
      for (const type of ["pointerdown", "keydown"])
        document.addEventListener(type, () => void ctx?.resume().catch(() => undefined), { once: true });
    }
    void ctx.resume().catch(() => undefined);
    let audio = mic;
    if (ctx.state === "running") {
      const dest = ctx.createMediaStreamDestination();
      const sources = [new MediaStream([mic]), new MediaStream(stream.getAudioTracks())]
        .filter((s) => s.getAudioTracks().length > 0)
        .map((s) => ctx?.createMediaStreamSource(s))
        .filter((n) => n !== undefined);
      for (const n of sources) n.connect(dest);
      nodes = [...sources, dest];
      mixed = dest.stream.getAudioTracks()[0] ?? null;
      audio = mixed ?? mic;
    }
    // Same kinds as the hall publishes: the speaker's picture only where the hall sends one (its camera).
    const video = cam ? (stream.getVideoTracks().find((t) => t.readyState === "live") ?? cam) : null;
    const others = video ? [audio, video] : [audio];
    star.route((p) => (p === personId ? null : others));
  };

  return {
    published(tracks) {
      mine = tracks;
      update();
    },
    relay(personId, stream) {
      if (stream) speaker = { personId, stream };
      else if (speaker?.personId === personId) speaker = null;
      else return;
      update();
    },
    close() {
      speaker = null;
      clear();
      star.route(null);
      void ctx?.close().catch(() => undefined);
      ctx = null;
    },
  };
}
