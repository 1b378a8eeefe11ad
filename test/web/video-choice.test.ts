/**
 * Audio only by default on a slow connection (web/src/room/rtc/video-choice.ts): the browser's own estimate
 * (slow-2g/2g/3g, Save-Data) or ~10 s of poor quality switch video off and say why; the person's tap wins and is
 * remembered on the device.
 */
import { createRoot, createSignal } from "solid-js";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { MediaQuality } from "../../web/src/room/rtc/transport/media-transport";
import { slowByBrowser, useVideoChoice, VIDEO_CHOICE_KEY } from "../../web/src/room/rtc/video-choice";

const nav = (connection?: object) => ({ connection }) as unknown as Navigator;

function choice() {
  const [quality, setQuality] = createSignal<MediaQuality | null>("good");
  return createRoot((dispose) => ({ ...useVideoChoice(quality), setQuality, dispose }));
}

afterEach(() => {
  localStorage.clear();
  vi.useRealTimers();
});

describe("video on a slow connection", () => {
  it("reads the browser's estimate: 2g, 3g and Save-Data are slow; 4g and no estimate are not", () => {
    expect(slowByBrowser(nav({ effectiveType: "3g" }))).toBe(true);
    expect(slowByBrowser(nav({ effectiveType: "slow-2g" }))).toBe(true);
    expect(slowByBrowser(nav({ effectiveType: "4g", saveData: true }))).toBe(true);
    expect(slowByBrowser(nav({ effectiveType: "4g" }))).toBe(false);
    expect(slowByBrowser(nav())).toBe(false);
  });

  it("switches video off after ~10 s of poor quality and says why; a short dip does not", async () => {
    vi.useFakeTimers();
    const c = choice();
    expect(c.wanted()).toBe(true);
    c.setQuality("poor");
    vi.advanceTimersByTime(5_000);
    c.setQuality("good");
    vi.advanceTimersByTime(10_000);
    expect(c.wanted()).toBe(true);
    c.setQuality("poor");
    vi.advanceTimersByTime(10_000);
    expect(c.wanted()).toBe(false);
    expect(c.offForSlowness()).toBe(true);
    // The person taps "Bật hình": their choice wins, and is remembered.
    c.toggle();
    expect(c.wanted()).toBe(true);
    expect(c.offForSlowness()).toBe(false);
    expect(localStorage.getItem(VIDEO_CHOICE_KEY)).toBe("on");
    c.dispose();
  });

  it("keeps a remembered 'video off' on the next visit, without blaming the network", () => {
    localStorage.setItem(VIDEO_CHOICE_KEY, "off");
    const c = choice();
    expect(c.wanted()).toBe(false);
    expect(c.offForSlowness()).toBe(false);
    c.toggle();
    expect(c.wanted()).toBe(true);
    c.dispose();
  });
});
