/**
 * Plays the streams a star receives, one <audio> element each. A browser may refuse to play sound before the
 * person touched the page (autoplay policy): then `blocked()` is true and the screen shows one large button
 * whose tap calls `unblock()`.
 */
import { type Accessor, createSignal } from "solid-js";

export interface AudioPlayer {
  set(key: string, stream: MediaStream | null): void;
  /** Streams playing now. */
  playing: Accessor<number>;
  blocked: Accessor<boolean>;
  unblock(): void;
  close(): void;
}

export function createAudioPlayer(): AudioPlayer {
  const elements = new Map<string, HTMLAudioElement>();
  const [playing, setPlaying] = createSignal(0);
  const [blocked, setBlocked] = createSignal(false);
  const start = (el: HTMLAudioElement) =>
    el.play().then(
      () => setBlocked(false),
      (e: unknown) => {
        if (e instanceof DOMException && e.name === "NotAllowedError") setBlocked(true);
      },
    );
  const count = () => setPlaying(elements.size);
  const set = (key: string, stream: MediaStream | null) => {
    const old = elements.get(key);
    if (old) {
      old.pause();
      old.srcObject = null;
      elements.delete(key);
    }
    if (stream) {
      const el = new Audio();
      el.autoplay = true;
      el.srcObject = stream;
      elements.set(key, el);
      void start(el);
    }
    count();
  };
  return {
    set,
    playing,
    blocked,
    unblock() {
      for (const el of elements.values()) void start(el);
    },
    close() {
      for (const key of [...elements.keys()]) set(key, null);
    },
  };
}
