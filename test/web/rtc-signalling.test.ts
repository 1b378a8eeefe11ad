/**
 * The client's WebRTC signalling glue (web/src/room/rtc/signalling.ts): frames sent as the room expects them, the
 * room's frames handed to typed listeners, and its acks and refusals of our signalling kept apart from the room's
 * pending actions and banner (room-frames.ts).
 */
import { createRoot } from "solid-js";
import { createStore } from "solid-js/store";
import { describe, expect, it } from "vitest";
import type { ClientMessage, ServerMessage } from "../../schema/room/messages";
import { createFrameApplier, type RoomData, type RoomError } from "../../web/src/room/room-frames";
import { createRtcSignals, type RtcRefusal } from "../../web/src/room/rtc/signalling";

function setup() {
  const sent: ClientMessage[] = [];
  let n = 0;
  const rtc = createRtcSignals(
    (msg) => sent.push(msg),
    () => `r${++n}`,
  );
  const seen = { settled: [] as string[], lastError: null as RoomError | null };
  const apply = createRoot(() => {
    const [data, setData] = createStore<RoomData>({ view: null, you: null, notes: [] });
    return createFrameApplier({
      data,
      setData,
      setConnected: () => {},
      setClockOffset: () => {},
      setLastError: (e) => {
        seen.lastError = e;
      },
      settle: (ref) => seen.settled.push(ref),
      inSync: () => true,
      synced: () => {},
      requestSync: () => {},
      rtc,
    });
  });
  return { rtc, sent, seen, apply };
}

describe("WebRTC signalling over the room connection", () => {
  it("sends each frame with its own id and the peer, a chosen socket only when given", () => {
    const { rtc, sent } = setup();
    rtc.offer({ personId: "p1" }, "v=0");
    rtc.answer({ personId: "p2", socket: "s9" }, "v=0");
    rtc.ice({ personId: "p1" }, { candidate: "candidate:1", sdpMid: "0" });
    rtc.hangup();
    rtc.mute("p3");
    expect(sent).toEqual([
      { type: "rtc/offer", id: "r1", to: "p1", sdp: "v=0" },
      { type: "rtc/answer", id: "r2", to: "p2", toSocket: "s9", sdp: "v=0" },
      { type: "rtc/ice", id: "r3", to: "p1", candidate: { candidate: "candidate:1", sdpMid: "0" } },
      { type: "rtc/hangup", id: "r4" },
      { type: "rtc/mute", id: "r5", personId: "p3" },
    ]);
  });

  it("hands the room's signalling to the listeners of its type, and stops after unsubscribing", () => {
    const { rtc, apply } = setup();
    const offers: string[] = [];
    const stops: string[] = [];
    const off = rtc.on("rtc/offer", (e) => offers.push(`${e.from}@${e.fromSocket}:${e.sdp}`));
    rtc.on("rtc/stop", (e) => stops.push(e.reason));
    apply({ type: "rtc/offer", from: "p1", fromSocket: "s1", sdp: "v=0" });
    apply({ type: "rtc/stop", reason: "floor" });
    off();
    apply({ type: "rtc/offer", from: "p1", fromSocket: "s1", sdp: "again" });
    expect(offers).toEqual(["p1@s1:v=0"]);
    expect(stops).toEqual(["floor"]);
  });

  it("tells a refusal of our signalling to `refused` listeners, not to the banner; other refusals go on as before", () => {
    const { rtc, apply, seen } = setup();
    const refused: RtcRefusal[] = [];
    rtc.on("refused", (r) => refused.push(r));
    rtc.offer({ personId: "p1" }, "v=0"); // r1
    rtc.ice({ personId: "p1" }, { candidate: "" }); // r2
    const error = (ref: string): ServerMessage => ({ type: "error", code: "no_floor", message: "no", ref });
    apply(error("r1"));
    apply({ type: "ack", ref: "r2" });
    expect(refused).toEqual([{ type: "rtc/offer", code: "no_floor", message: "no" }]);
    expect(seen.lastError).toBeNull();
    expect(seen.settled).toEqual([]);
    // A refusal of an action that is not signalling still reaches the banner and its sender.
    apply(error("a1"));
    expect(seen.lastError?.code).toBe("no_floor");
    expect(seen.settled).toEqual(["a1"]);
    // An id is ours once: the same ref again is the room's business.
    apply(error("r1"));
    expect(refused).toHaveLength(1);
  });
});
