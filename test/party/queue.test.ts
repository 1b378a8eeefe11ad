import { runDurableObjectAlarm } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { speeches } from "../../schema/db/tables";
import { dbOf } from "../support/fixtures";
import { closeAllRooms, eventually } from "../support/room-client";
import { alarmAfter, roomStub } from "../support/room-clock";
import { liveMeeting } from "./meeting-fixture";

afterEach(() => closeAllRooms());

describe("speaking queue", () => {
  it("puts a point of order at the head, gives the floor and records every speech", async () => {
    const { f, c, chair } = await liveMeeting(["chair", "m1", "m2", "m3", "probationary", "leader"]);
    await c.m1!.ok({ type: "queue/raise", kind: "speech" });
    await c.m2!.ok({ type: "queue/raise", kind: "speech" });
    await c.probationary!.ok({ type: "queue/raise", kind: "speech" });
    const from = c.m1!.received.length;
    await c.m3!.ok({ type: "queue/raise", kind: "point_of_order" });
    const q = await c.m1!.event("queue", (e) => e.queue.length === 4, from);
    expect(q.queue.map((e) => e.personId)).toEqual([f.idOf("m3"), f.idOf("m1"), f.idOf("m2"), f.idOf("probationary")]);
    expect(q.queue[0]!.kind).toBe("point_of_order");

    // Only the chair gives the floor; a member lowers only their own hand.
    await c.m1!.refused({ type: "floor/give", personId: f.idOf("m1") }, "forbidden");
    await c.m1!.refused({ type: "queue/lower", personId: f.idOf("m2") }, "forbidden");
    await c.m2!.ok({ type: "queue/lower" });

    await chair.ok({ type: "floor/give", personId: f.idOf("m3") });
    let snap = await c.m1!.sync();
    expect(snap.state.floor).toMatchObject({
      personId: f.idOf("m3"),
      kind: "point_of_order",
      itemId: f.items[0]!.id,
      overrun: false,
    });
    expect(snap.state.queue.map((e) => e.personId)).toEqual([f.idOf("m1"), f.idOf("probationary")]);
    // The speaker ends their own speech; another member cannot.
    await c.m1!.refused({ type: "floor/end" }, "forbidden");
    const fromSpeech = c.m1!.received.length;
    await c.m3!.ok({ type: "floor/end" });
    const sp = await c.m1!.event("speech", () => true, fromSpeech);
    expect(sp.speech).toMatchObject({
      personId: f.idOf("m3"),
      kind: "point_of_order",
      itemId: f.items[0]!.id,
      cutOff: false,
    });

    // A probationary member speaks (every right but the vote); giving the floor to the next ends nothing twice.
    await chair.ok({ type: "floor/give", personId: f.idOf("probationary") });
    await chair.ok({ type: "floor/extend", seconds: 60 });
    snap = await c.m1!.sync();
    expect(snap.state.floor?.limitSeconds).toBe(360);
    await chair.ok({ type: "floor/give", personId: f.idOf("leader") });
    await chair.ok({ type: "floor/end" });
    snap = await c.m1!.sync();
    expect(snap.state.speeches.map((s) => s.personId)).toEqual([
      f.idOf("m3"),
      f.idOf("probationary"),
      f.idOf("leader"),
    ]);
    expect(snap.state.floor).toBeNull();

    const rows = await eventually(async () => {
      const r = await dbOf(f.tenantId)
        .select()
        .from(speeches)
        .where(and(eq(speeches.tenantId, f.tenantId), eq(speeches.meetingId, f.meetingId)));
      return r.length === 3 ? r : undefined;
    });
    expect(rows.find((r) => r.personId === f.idOf("m3"))).toMatchObject({
      kind: "point_of_order",
      agendaItemId: f.items[0]!.id,
      limitSeconds: 300,
    });
  });

  it("enforces the speaking limit with the room's alarm: overrun shown, then cut off after the grace", async () => {
    const { f, c, chair } = await liveMeeting(["chair", "m1"]);
    await chair.ok({ type: "queue/settings", settings: { limitSeconds: 1, graceSeconds: 1 } });
    await chair.ok({ type: "floor/give", personId: f.idOf("m1") });
    const stub = roomStub(f.meetingId);
    const from = c.m1!.received.length;
    await alarmAfter(f.meetingId, 1100);
    const over = await c.m1!.event("queue", (e) => e.floor?.overrun === true, from);
    expect(over.floor?.personId).toBe(f.idOf("m1"));
    await alarmAfter(f.meetingId, 1000);
    const ended = await c.m1!.event("speech", () => true, from);
    expect(ended.speech).toMatchObject({ personId: f.idOf("m1"), cutOff: true, limitSeconds: 1 });
    expect(ended.speech.overrunSeconds).toBeGreaterThanOrEqual(1);
    await runDurableObjectAlarm(stub);
    const snap = await c.m1!.sync();
    expect(snap.state.floor).toBeNull();
    expect(snap.state.speeches).toHaveLength(1);
  });
});
