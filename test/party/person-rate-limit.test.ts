/**
 * The room's rate limit is per person and comes before any parsing (issue 12): frames spread over several
 * sockets draw on one budget, and a frame over the budget is answered `rate_limited` without being read — not
 * even a frame that is not JSON at all, or one too large. The room's clock is held still so the budget (30
 * frames at once) does not refill while the test sends.
 */
import { runInDurableObject } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import type { MeetingRoom } from "../../party/meeting-room";
import { MAX_FRAME_CHARS, type ServerMessage } from "../../schema/room/messages";
import { closeAllRooms, eventually, type RoomClient } from "../support/room-client";
import { advanceRoomClock, roomStub } from "../support/room-clock";
import { liveMeeting } from "./meeting-fixture";

afterEach(closeAllRooms);

const BURST = 30;

async function freezeRoomClock(meetingId: string) {
  await runInDurableObject(roomStub(meetingId), (room: MeetingRoom) => {
    const at = room.now();
    room.now = () => at;
  });
}

type ErrorFrame = Extract<ServerMessage, { type: "error" }>;
const answersOf = (c: RoomClient, from: number) =>
  c.received.slice(from).filter((m): m is ErrorFrame | Extract<ServerMessage, { type: "ack" }> => {
    return m.type === "error" || m.type === "ack";
  });

describe("rate limit per person, before parsing", () => {
  it("frames spread across three sockets of one person draw on one budget; another person is not limited", async () => {
    const { f, chair } = await liveMeeting(["chair"]);
    // Opened only (no Join tap): the budget is whole when the test starts sending.
    const sockets = [await f.open("m1"), await f.open("m1"), await f.open("m1")];
    await freezeRoomClock(f.meetingId);
    const froms = sockets.map((c) => c.received.length);
    const ids = sockets.map((_, s) => Array.from({ length: 20 }, (_, i) => `s${s}f${i}`));
    for (let i = 0; i < 20; i++)
      for (let s = 0; s < sockets.length; s++)
        sockets[s]!.sendRaw(JSON.stringify({ type: "queue/lower", id: ids[s]![i] }));
    await eventually(async () => sockets.every((c, s) => answersOf(c, froms[s]!).length >= 20));
    const answers = sockets.flatMap((c, s) => answersOf(c, froms[s]!));
    const limited = answers.filter((m) => m.type === "error" && m.code === "rate_limited");
    expect(limited).toHaveLength(60 - BURST);
    // The request id is found without parsing, so the client can settle the refused action.
    expect(limited.every((m) => ids.flat().includes(m.ref ?? ""))).toBe(true);
    expect(sockets.every((c) => !c.closed)).toBe(true);
    await chair.sync();
    await advanceRoomClock(f.meetingId, 1_000);
    await sockets[0]!.sync();
  });

  it("a frame over the budget is refused unread: not JSON, or too large, it gets rate_limited", async () => {
    const { f } = await liveMeeting(["chair"]);
    const m1 = await f.open("m1");
    await freezeRoomClock(f.meetingId);
    const from = m1.received.length;
    for (let i = 0; i < BURST + 10; i++) m1.sendRaw("{not json");
    m1.sendRaw(
      JSON.stringify({ type: "minutes/edit", id: "big1", body: "x".repeat(MAX_FRAME_CHARS), baseRevision: 0 }),
    );
    await eventually(async () => answersOf(m1, from).length >= BURST + 11);
    const codes = answersOf(m1, from).map((m) => (m.type === "error" ? m.code : "ack"));
    expect(codes.slice(0, BURST)).toEqual(Array(BURST).fill("bad_message"));
    expect(codes.slice(BURST)).toEqual(Array(11).fill("rate_limited"));
    expect(answersOf(m1, from).at(-1)).toMatchObject({ ref: "big1" });
    expect(m1.closed).toBe(false);
    await advanceRoomClock(f.meetingId, 1_000);
    await m1.sync();
  });
});
