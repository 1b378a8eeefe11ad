/**
 * WebRTC signalling through the live room, over real WebSockets to the real Durable Object: who may offer (the
 * hall device, the floor's holder), delivery to the named person only with `from` set by the room, and `rtc/stop`
 * when the floor leaves a speaker, the chair mutes someone, or the meeting closes.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { ServerMessage } from "../../schema/room/messages";
import { closeAllRooms, type RoomClient } from "../support/room-client";
import { alarmAfter } from "../support/room-clock";
import { createMeeting, liveMeeting } from "./meeting-fixture";

afterEach(() => closeAllRooms());

type Of<T extends ServerMessage["type"]> = Extract<ServerMessage, { type: T }>;
const SDP = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";
const rtc = <T extends "rtc/offer" | "rtc/answer" | "rtc/ice" | "rtc/stop">(c: RoomClient, type: T, from = 0) =>
  c.wait((m): m is Of<T> => m.type === type, 3000, from);
/** Frames of these types received since `from`: what a test says did not arrive. */
const rtcFrames = (c: RoomClient, from = 0) => c.received.slice(from).filter((m) => m.type.startsWith("rtc/"));
/** Gives other sockets time to receive anything stray: a round trip through the room on each. */
const settle = (...cs: RoomClient[]) => Promise.all(cs.map((c) => c.sync()));

describe("WebRTC signalling through the room", () => {
  it("refuses a member's offer without the floor; with it, the offer reaches the hall device from them", async () => {
    const { f, c, chair } = await liveMeeting(["chair", "m1", "m2", "probationary"]);
    const hall = chair;
    await c.m1!.refused({ type: "rtc/offer", to: f.idOf("chair"), sdp: SDP }, "no_floor");
    await c.probationary!.refused({ type: "rtc/offer", to: f.idOf("chair"), sdp: SDP }, "no_floor");
    expect(rtcFrames(hall)).toEqual([]);

    await chair.ok({ type: "floor/give", personId: f.idOf("probationary") });
    await c.probationary!.ok({ type: "rtc/offer", to: f.idOf("chair"), sdp: SDP });
    const got = await rtc(hall, "rtc/offer");
    expect(got).toMatchObject({ from: f.idOf("probationary"), sdp: SDP });
    expect(got.fromSocket).toBeTruthy();
    // The hall answers that very socket; the speaker's ICE follows.
    await hall.ok({ type: "rtc/answer", to: f.idOf("probationary"), toSocket: got.fromSocket, sdp: SDP });
    expect(await rtc(c.probationary!, "rtc/answer")).toMatchObject({ from: f.idOf("chair"), sdp: SDP });
    await c.probationary!.ok({
      type: "rtc/ice",
      to: f.idOf("chair"),
      candidate: { candidate: "candidate:1 1 udp 1 1.2.3.4 5 typ host", sdpMid: "0" },
    });
    expect(await rtc(hall, "rtc/ice")).toMatchObject({ from: f.idOf("probationary"), candidate: { sdpMid: "0" } });
    // Nobody else got any of it.
    await settle(c.m1!, c.m2!);
    expect(rtcFrames(c.m1!)).toEqual([]);
    expect(rtcFrames(c.m2!)).toEqual([]);
    // Another member still may not publish, nor answer a member who does not publish.
    await c.m1!.refused({ type: "rtc/offer", to: f.idOf("chair"), sdp: SDP }, "no_floor");
    await c.m1!.refused({ type: "rtc/answer", to: f.idOf("m2"), sdp: SDP }, "peer_not_publishing");
  });

  it("delivers the hall device's offer to the remote member only, on every socket they have open", async () => {
    const { f, c, chair } = await liveMeeting(["chair", "m1", "m2"]);
    const m1Phone = await f.open("m1");
    await chair.ok({ type: "rtc/offer", to: f.idOf("m1"), sdp: SDP });
    for (const s of [c.m1!, m1Phone])
      expect(await rtc(s, "rtc/offer")).toMatchObject({ from: f.idOf("chair"), sdp: SDP });
    await settle(c.m2!);
    expect(rtcFrames(c.m2!)).toEqual([]);
    // A member answers the hall (who publishes) from one socket; a `toSocket` that is not theirs delivers nothing.
    await c.m1!.ok({ type: "rtc/answer", to: f.idOf("chair"), sdp: SDP });
    expect(await rtc(chair, "rtc/answer")).toMatchObject({ from: f.idOf("m1") });
    await chair.refused({ type: "rtc/offer", to: f.idOf("m1"), toSocket: "not-a-socket", sdp: SDP }, "peer_offline");
  });

  it("refuses a person of another meeting or tenant as `to`, and a participant with no socket open", async () => {
    const { f, chair } = await liveMeeting(["chair", "m1"]);
    const other = await createMeeting({ status: "live" });
    const stranger = await other.open("m1");
    await chair.refused({ type: "rtc/offer", to: other.idOf("m1"), sdp: SDP }, "not_found");
    await chair.refused({ type: "rtc/offer", to: other.idOf("leader"), sdp: SDP }, "not_found");
    await chair.refused({ type: "rtc/offer", to: f.idOf("m2"), sdp: SDP }, "peer_offline");
    await settle(stranger);
    expect(rtcFrames(stranger)).toEqual([]);
    // `from` comes from the ticket: a frame that carries one is not read.
    await chair.refused({ type: "rtc/offer", to: f.idOf("m1"), sdp: SDP, from: f.idOf("m1") } as never, "bad_message");
  });

  it("sends the speaker `rtc/stop` when the floor ends, passes on, or runs out, and when the chair mutes", async () => {
    const { f, c, chair } = await liveMeeting(["chair", "m1", "m2", "leader"]);
    await chair.ok({ type: "floor/give", personId: f.idOf("m1") });
    let from = c.m1!.received.length;
    await chair.ok({ type: "floor/end" });
    expect(await rtc(c.m1!, "rtc/stop", from)).toMatchObject({ reason: "floor" });
    await c.m1!.refused({ type: "rtc/offer", to: f.idOf("chair"), sdp: SDP }, "no_floor");

    // The visiting leader's guidance turn: the floor lets them offer; passing it on stops them.
    await chair.ok({ type: "floor/give", personId: f.idOf("leader") });
    await c.leader!.ok({ type: "rtc/offer", to: f.idOf("chair"), sdp: SDP });
    expect(await rtc(chair, "rtc/offer")).toMatchObject({ from: f.idOf("leader") });
    await c.leader!.ok({ type: "rtc/offer", to: f.idOf("m2"), sdp: SDP });
    expect(await rtc(c.m2!, "rtc/offer")).toMatchObject({ from: f.idOf("leader") });
    from = c.leader!.received.length;
    await chair.ok({ type: "floor/give", personId: f.idOf("m2") });
    expect(await rtc(c.leader!, "rtc/stop", from)).toMatchObject({ reason: "floor" });

    // The chair mutes the speaker; a member may not mute.
    await c.m1!.refused({ type: "rtc/mute", personId: f.idOf("m2") }, "forbidden");
    from = c.m2!.received.length;
    await chair.ok({ type: "rtc/mute", personId: f.idOf("m2") });
    expect(await rtc(c.m2!, "rtc/stop", from)).toMatchObject({ reason: "mute" });
    // Muted, the speaker's client may not start sending again during this floor.
    await c.m2!.refused({ type: "rtc/offer", to: f.idOf("chair"), sdp: SDP }, "no_floor");

    // The speaking clock ends a speech: the speaker stops too.
    await chair.ok({ type: "queue/settings", settings: { limitSeconds: 1, graceSeconds: 1 } });
    await chair.ok({ type: "floor/give", personId: f.idOf("m1") });
    from = c.m1!.received.length;
    await alarmAfter(f.meetingId, 2100);
    expect(await rtc(c.m1!, "rtc/stop", from)).toMatchObject({ reason: "floor" });
  });

  it("stops everyone when the meeting closes, and refuses signalling after", async () => {
    const { f, c, chair } = await liveMeeting(["chair", "m1", "leader"]);
    const from = { m1: c.m1!.received.length, leader: c.leader!.received.length };
    await chair.ok({ type: "meeting/close" });
    expect(await rtc(c.m1!, "rtc/stop", from.m1)).toMatchObject({ reason: "closed" });
    expect(await rtc(c.leader!, "rtc/stop", from.leader)).toMatchObject({ reason: "closed" });
    await chair.refused({ type: "rtc/offer", to: f.idOf("m1"), sdp: SDP }, "meeting_closed");
  });

  it("gives signalling its own budget: a hall device's burst of ICE candidates is not rate-limited", async () => {
    const { f, c, chair } = await liveMeeting(["chair", "m1"]);
    const acks = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        chair.request({ type: "rtc/ice", to: f.idOf("m1"), candidate: { candidate: `candidate:${i}` } }),
      ),
    );
    expect(acks.filter((a) => a.type !== "ack")).toEqual([]);
    await c.m1!.wait(() => rtcFrames(c.m1!).length === 60);
  });

  it("charges a frame that only claims to be signalling to the ordinary budget", async () => {
    const { c } = await liveMeeting(["chair", "m1"]);
    // JSON.parse keeps the last `type`: the budget sees `rtc/`, the room reads `queue/raise`.
    // 120: past the ordinary budget (30 at once, 15/s) even when a loaded machine spreads the burst over seconds,
    // and well within the signalling budget (300 at once), which alone would limit none of them.
    const from = c.m1!.received.length;
    for (let i = 0; i < 120; i++)
      c.m1!.sendRaw(`{"type":"rtc/ice","type":"queue/raise","kind":"speech","id":"fake${i}"}`);
    await c.m1!.wait((m) => (m.type === "error" || m.type === "ack") && m.ref === "fake119", 10000, from);
    const limited = c.m1!.received.slice(from).filter((m) => m.type === "error" && m.code === "rate_limited");
    expect(limited.length).toBeGreaterThanOrEqual(5);
  });
});
