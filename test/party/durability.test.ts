import { evictDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { ballots, votes } from "../../schema/db/tables";
import { MAX_FRAME_CHARS } from "../../schema/room/messages";
import { dbOf } from "../support/fixtures";
import { closeAllRooms, eventually, nextId } from "../support/room-client";
import { advanceRoomClock } from "../support/room-clock";
import { liveMeeting } from "./meeting-fixture";

afterEach(() => closeAllRooms());

describe("durability", () => {
  it("loses no acknowledged ballot, check-in or minutes edit when the room is evicted mid-vote", async () => {
    const { f, c, chair } = await liveMeeting();
    const stub = env.MeetingRoom.get(env.MeetingRoom.idFromName(f.meetingId));
    const voteId = (
      await chair.ok({ type: "vote/open", motion: "Thông qua nghị quyết", rule: "resolution", secret: false })
    ).entityId!;
    const m1Ballot = nextId();
    await c.m1!.ok({ type: "vote/cast", voteId, choice: "agree" }, m1Ballot);
    await c.m2!.ok({ type: "vote/cast", voteId, choice: "disagree" });
    await c.m3!.ok({ type: "vote/cast", voteId, choice: "agree" });
    await c.taker!.ok({ type: "presence/check-in", personId: f.idOf("m7"), mode: "hall" });
    await c.taker!.ok({ type: "minutes/edit", body: "Biên bản: phần mở đầu", baseRevision: 0 });
    const before = await c.m4!.sync();

    // Evicted with its sockets hibernated (the default), then again with every socket closed.
    await evictDurableObject(stub);
    await c.m4!.ok({ type: "vote/cast", voteId, choice: "agree" });
    // partysocket replays m1's queued ballot after the restart: recognised by its id.
    expect((await c.m1!.ok({ type: "vote/cast", voteId, choice: "agree" }, m1Ballot)).duplicate).toBe(true);
    await evictDurableObject(stub, { webSockets: "close" });
    await eventually(async () => c.m5!.closed);

    const m5 = await f.join("m5");
    const snap = await m5.sync();
    expect(snap.version).toBeGreaterThanOrEqual(before.version);
    const v = snap.state.votes.find((x) => x.id === voteId)!;
    expect(v).toMatchObject({ status: "open", voted: 4, tally: { agree: 3, disagree: 1, abstain: 0 } });
    expect(snap.state.attendance.find((a) => a.personId === f.idOf("m7"))?.status).toBe("present_hall");
    expect(snap.state.minutes).toMatchObject({ body: "Biên bản: phần mở đầu", revision: 1 });
    expect(snap.state.meeting.status).toBe("live");

    const chair2 = await f.join("chair");
    await m5.ok({ type: "vote/cast", voteId, choice: "agree" });
    await chair2.ok({ type: "vote/close", voteId });
    const row = await eventually(
      async () => (await dbOf(f.tenantId).select().from(votes).where(eq(votes.id, voteId)))[0],
    );
    expect(row).toMatchObject({ agree: 4, disagree: 1, result: "not_passed" });
    expect(await dbOf(f.tenantId).select().from(ballots).where(eq(ballots.voteId, voteId))).toHaveLength(5);
  });

  it("counts connected sockets again after a wake-up, without the one closing", async () => {
    const { f, c } = await liveMeeting(["chair", "m1", "m2"]);
    const stub = env.MeetingRoom.get(env.MeetingRoom.idFromName(f.meetingId));
    await evictDurableObject(stub);
    const from = c.m1!.received.length;
    c.m2!.close();
    const ev = await c.m1!.event("attendance", (e) => e.entries.some((x) => x.personId === f.idOf("m2")), from);
    expect(ev.entries.find((x) => x.personId === f.idOf("m2"))?.connected).toBe(0);
    const snap = await c.m1!.sync();
    expect(snap.state.attendance.find((a) => a.personId === f.idOf("m1"))?.connected).toBe(1);
    expect(snap.state.attendance.find((a) => a.personId === f.idOf("chair"))?.connected).toBe(1);
  });

  it("gives each broadcast a version one above the last, so a client can tell it missed something", async () => {
    const { c, chair } = await liveMeeting(["chair", "m1"]);
    const snap = await c.m1!.sync();
    const from = c.m1!.received.length;
    await chair.ok({ type: "agenda/add", title: "Mục bổ sung", budgetMinutes: 5 });
    await c.m1!.ok({ type: "queue/raise", kind: "speech" });
    await c.m1!.event("queue", () => true, from);
    const versions = c
      .m1!.received.slice(from)
      .flatMap((m) => ("version" in m && m.type !== "snapshot" ? [m.version] : []));
    expect(versions).toEqual(versions.map((_, i) => snap.version + 1 + i));
  });
});

describe("bad messages", () => {
  it("answers malformed, unknown, wrong-role, oversized and too frequent frames with an error naming the request; the socket stays open", async () => {
    const { f, c } = await liveMeeting(["chair", "m1"]);
    const m1 = c.m1!;
    const errorFor = (ref: string | null, from: number) =>
      m1.wait((m) => m.type === "error" && m.ref === ref, 5000, from);

    let from = m1.received.length;
    m1.sendRaw("{not json");
    expect(await errorFor(null, from)).toMatchObject({ code: "bad_message" });

    from = m1.received.length;
    m1.sendRaw(JSON.stringify({ type: "vote/steal", id: "u1" }));
    expect(await errorFor("u1", from)).toMatchObject({ code: "unknown_type" });

    from = m1.received.length;
    m1.sendRaw(JSON.stringify({ type: "vote/cast", id: "w1", voteId: 42, choice: "maybe" }));
    expect(await errorFor("w1", from)).toMatchObject({ code: "bad_message" });

    await m1.refused({ type: "agenda/go", itemId: f.items[1]!.id }, "forbidden");

    from = m1.received.length;
    m1.sendRaw(
      JSON.stringify({ type: "minutes/edit", id: "big1", body: "x".repeat(MAX_FRAME_CHARS), baseRevision: 0 }),
    );
    expect(await errorFor("big1", from)).toMatchObject({ code: "too_large" });

    from = m1.received.length;
    const ids = Array.from({ length: 60 }, (_, i) => `flood${i}`);
    for (const id of ids) m1.sendRaw(JSON.stringify({ type: "queue/lower", id }));
    const limited = await m1.wait((m) => m.type === "error" && m.code === "rate_limited", 5000, from);
    expect(ids).toContain(limited.type === "error" ? limited.ref : "");

    // Still open, and nothing changed: the agenda stayed on the first item. The last frame's answer comes after
    // every earlier one was handled; then a second of the room's time refills the bucket for the sync.
    await m1.wait((m) => (m.type === "error" || m.type === "ack") && m.ref === ids.at(-1), 5000, from);
    await advanceRoomClock(f.meetingId, 1_000);
    const snap = await m1.sync();
    expect(m1.closed).toBe(false);
    expect(snap.state.currentItemId).toBe(f.items[0]!.id);
    expect(snap.state.minutes.revision).toBe(0);
  });
});
