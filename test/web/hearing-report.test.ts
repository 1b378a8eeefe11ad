/**
 * Attendance by media, the client's part (web/src/room/rtc/media-quality.ts): a remote tells the room when it starts
 * hearing the hall (`rtc/media {hearing: true}`), when it stops (after a short grace: a link answered anew is not a
 * loss), again after a reconnect, and `false` when the card closes; and what "hearing" means.
 */
import { createRoot, createSignal } from "solid-js";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ConnectionStatus, RoomConnection } from "../../web/src/room/room-socket";
import { hearsHall, reportHearing } from "../../web/src/room/rtc/media-quality";

afterEach(() => vi.useRealTimers());
const flush = () => vi.advanceTimersByTimeAsync(0);

function setup() {
  const sent: boolean[] = [];
  const [status, setStatus] = createSignal<ConnectionStatus>("connected");
  const [hearing, setHearing] = createSignal(false);
  const conn = { status, rtc: { media: (h: boolean) => sent.push(h) } } as unknown as RoomConnection;
  const dispose = createRoot((d) => {
    reportHearing(conn, hearing);
    return d;
  });
  return { sent, setStatus, setHearing, dispose };
}

describe("telling the room whether we hear the hall", () => {
  it("says true at once, false only if the sound stays away, true again after a reconnect, false on close", async () => {
    vi.useFakeTimers();
    const r = setup();
    await flush();
    expect(r.sent).toEqual([]);
    r.setHearing(true);
    await flush();
    expect(r.sent).toEqual([true]);
    // A gap of a second (video switched off: the link answered anew) is not told.
    r.setHearing(false);
    await vi.advanceTimersByTimeAsync(1_000);
    r.setHearing(true);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(r.sent).toEqual([true]);
    r.setHearing(false);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(r.sent).toEqual([true, false]);
    r.setHearing(true);
    await flush();
    r.setStatus("reconnecting");
    await flush();
    r.setStatus("connected");
    await flush();
    expect(r.sent).toEqual([true, false, true, true]);
    r.dispose();
    expect(r.sent).toEqual([true, false, true, true, false]);
  });

  it("hears the hall only with a live audio track on a link that is up", () => {
    const stream = (state: MediaStreamTrackState) =>
      ({ getAudioTracks: () => [{ readyState: state }] }) as unknown as MediaStream;
    expect(hearsHall(stream("live"), "good")).toBe(true);
    expect(hearsHall(stream("live"), "poor")).toBe(true);
    expect(hearsHall(stream("live"), "lost")).toBe(false);
    expect(hearsHall(stream("live"), null)).toBe(false);
    expect(hearsHall(stream("ended"), "good")).toBe(false);
    expect(hearsHall(null, "good")).toBe(false);
  });
});
