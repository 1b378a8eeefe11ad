/**
 * Whether a remote receives the hall's picture. The person's own choice ("Tắt hình" / "Bật hình") is remembered on
 * the device; without one, video is on unless the connection is slow — the browser says so (Network Information:
 * slow-2g, 2g, 3g, or Save-Data) or the quality indicator stayed poor (or lost) for ~10 s — and then the card says
 * why: "Mạng chậm: chỉ nghe âm thanh".
 */
import { type Accessor, createEffect, createSignal, on, onCleanup } from "solid-js";
import type { MediaQuality } from "./transport/media-transport";

export const VIDEO_CHOICE_KEY = "chibo.media.video";
const POOR_MS = 10_000;
const SLOW_TYPES = new Set(["slow-2g", "2g", "3g"]);

interface NetworkInformationLike {
  effectiveType?: string;
  saveData?: boolean;
}

/** The browser's own estimate (Chromium and Android; absent elsewhere, which counts as not slow). */
export function slowByBrowser(nav: Navigator = navigator): boolean {
  const c = (nav as Navigator & { connection?: NetworkInformationLike }).connection;
  return !!c && (c.saveData === true || SLOW_TYPES.has(c.effectiveType ?? ""));
}

function stored(): "on" | "off" | null {
  const v = localStorage.getItem(VIDEO_CHOICE_KEY);
  return v === "on" || v === "off" ? v : null;
}

export function useVideoChoice(quality: Accessor<MediaQuality | null>) {
  const [choice, setChoice] = createSignal(stored());
  const [poorLong, setPoorLong] = createSignal(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const bad = (q: MediaQuality | null) => q === "poor" || q === "lost";
  createEffect(
    on(quality, (q) => {
      if (!bad(q)) {
        clearTimeout(timer);
        timer = undefined;
      } else
        timer ??= setTimeout(() => {
          timer = undefined;
          if (bad(quality())) setPoorLong(true);
        }, POOR_MS);
    }),
  );
  onCleanup(() => clearTimeout(timer));
  const slow = () => slowByBrowser() || poorLong();
  const wanted = () => choice() === "on" || (choice() === null && !slow());
  return {
    wanted,
    /** Off because the connection is slow, not by the person's choice: the card says so. */
    offForSlowness: () => choice() === null && slow(),
    toggle() {
      const next = wanted() ? "off" : "on";
      localStorage.setItem(VIDEO_CHOICE_KEY, next);
      setChoice(next);
    },
  };
}
