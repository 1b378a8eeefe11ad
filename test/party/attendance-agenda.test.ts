import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { agendaItems, attendance, meetings, memberships } from "../../schema/db/tables";
import { createPerson, dbOf } from "../support/fixtures";
import { closeAllRooms, eventually } from "../support/room-client";
import { advanceRoomClock } from "../support/room-clock";
import { createMeeting, liveMeeting } from "./meeting-fixture";

afterEach(() => closeAllRooms());

describe("attendance", () => {
  it("counts remote and hall check-ins against official members less the exempted, with the 85% mark", async () => {
    const f = await createMeeting();
    const chair = await f.join("chair");
    const taker = await f.join("taker");
    const m1 = await f.join("m1");
    // Their Join taps count from the start (attendance-join.test.ts covers the rule itself).
    await chair.ok({ type: "meeting/start" });
    // A member without a device is checked in at the hall by the minutes-taker.
    const from = m1.received.length;
    await taker.ok({ type: "presence/check-in", personId: f.idOf("m7"), mode: "hall" });
    const ev = await m1.event("attendance", (e) => e.entries.some((x) => x.personId === f.idOf("m7")), from);
    expect(ev.entries.find((x) => x.personId === f.idOf("m7"))?.status).toBe("present_hall");
    expect(ev.counts).toMatchObject({
      members: 12,
      official: 11,
      probationary: 1,
      exempt: 2,
      expected: 9,
      presentHall: 1,
      presentRemote: 3,
      eligibleVoters: 4,
      voteBase: 9,
    });
    expect(ev.counts.reachesMark).toBe(false);

    await chair.ok({ type: "presence/mark-absent", personId: f.idOf("m6"), excused: true, reason: "Đi công tác" });
    await chair.ok({ type: "presence/mark-absent", personId: f.idOf("m5"), excused: false });
    // A member may only check themselves in; an excused absence needs a reason.
    await m1.refused({ type: "presence/check-in", personId: f.idOf("m2"), mode: "hall" }, "forbidden");
    await chair.refused({ type: "presence/mark-absent", personId: f.idOf("m4"), excused: true }, "bad_message");
    await chair.refused({ type: "presence/mark-absent", personId: "p-nobody", excused: false }, "not_found");

    const snap = await m1.sync();
    expect(snap.state.counts).toMatchObject({ absentExcused: 1, absentUnexcused: 1, voteBase: 8, expected: 9 });
    const rows = await eventually(async () => {
      const r = await dbOf(f.tenantId)
        .select()
        .from(attendance)
        .where(and(eq(attendance.tenantId, f.tenantId), eq(attendance.meetingId, f.meetingId)));
      return r.length >= 6 ? r : undefined;
    });
    const byPerson = new Map(rows.map((r) => [r.personId, r]));
    // m1's Join tap checked them in remotely, and that reached D1 too, with the time they joined.
    expect(byPerson.get(f.idOf("m1"))?.status).toBe("present_remote");
    expect(byPerson.get(f.idOf("m1"))?.joinedAt).not.toBeNull();
    expect(byPerson.get(f.idOf("m7"))?.status).toBe("present_hall");
    expect(byPerson.get(f.idOf("m6"))).toMatchObject({ status: "absent_excused", reason: "Đi công tác" });
    expect(byPerson.get(f.idOf("m5"))?.status).toBe("absent_unexcused");
  });

  it("shows who is connected and updates it when a socket closes", async () => {
    const { f, chair, c } = await liveMeeting(["chair", "m2"]);
    const m2 = c.m2!;
    const from = chair.received.length;
    m2.close();
    const ev = await chair.event(
      "attendance",
      (e) => e.entries.some((x) => x.personId === f.idOf("m2") && x.connected === 0),
      from,
    );
    // Leaving the socket does not undo attendance: the member who joined stays present, with the time they left.
    expect(ev.entries[0]?.status).toBe("present_remote");
    expect(ev.entries[0]?.leftAt).not.toBeNull();
  });
});

describe("agenda", () => {
  it("lets only the chair start the meeting, and marks it live in D1", async () => {
    const f = await createMeeting();
    const m1 = await f.join("m1");
    const chair = await f.join("chair");
    await m1.refused({ type: "meeting/start" }, "forbidden");
    await m1.refused({ type: "queue/raise", kind: "speech" }, "meeting_not_live");
    const from = m1.received.length;
    await chair.ok({ type: "meeting/start" });
    const ev = await m1.event("meeting", () => true, from);
    expect(ev.meeting.status).toBe("live");
    expect(ev.meeting.durationMarkMinutes).toBe(90);
    const agenda = await m1.event("agenda", () => true, from);
    expect(agenda.currentItemId).toBe(f.items[0]!.id);
    expect(agenda.agenda[0]!.runningSince).not.toBeNull();
    await eventually(async () => {
      const [m] = await dbOf(f.tenantId)
        .select()
        .from(meetings)
        .where(and(eq(meetings.tenantId, f.tenantId), eq(meetings.id, f.meetingId)));
      return m?.status === "live" && m.startedAt !== null;
    });
  });

  it("moves between items with a clock per item, adds and reorders items", async () => {
    const { f, c, chair } = await liveMeeting(["chair", "m1"]);
    // Twelve minutes on the first item.
    await advanceRoomClock(f.meetingId, 12 * 60_000);
    await chair.ok({ type: "agenda/go", itemId: f.items[1]!.id });
    let snap = await c.m1!.sync();
    const first = snap.state.agenda.find((a) => a.id === f.items[0]!.id)!;
    expect(first.elapsedMs).toBeGreaterThanOrEqual(12 * 60_000);
    expect(first.elapsedMs).toBeLessThan(13 * 60_000);
    expect(first.runningSince).toBeNull();
    expect(first.done).toBe(true);
    expect(snap.state.currentItemId).toBe(f.items[1]!.id);

    const added = await chair.ok({
      type: "agenda/add",
      title: "Học tập và làm theo tư tưởng Hồ Chí Minh",
      budgetMinutes: 15,
      afterItemId: f.items[0]!.id,
    });
    expect(added.entityId).toBeTruthy();
    snap = await c.m1!.sync();
    expect(snap.state.agenda.map((a) => a.id)).toEqual([
      f.items[0]!.id,
      added.entityId,
      f.items[1]!.id,
      f.items[2]!.id,
    ]);

    const order = [f.items[2]!.id, f.items[1]!.id, f.items[0]!.id, added.entityId!];
    await chair.refused({ type: "agenda/reorder", itemIds: order.slice(1) }, "bad_message");
    await c.m1!.refused({ type: "agenda/reorder", itemIds: order }, "forbidden");
    await chair.ok({ type: "agenda/reorder", itemIds: order });
    snap = await c.m1!.sync();
    expect(snap.state.agenda.map((a) => a.id)).toEqual(order);
    await chair.refused({ type: "agenda/go", itemId: "nope" }, "not_found");

    const rows = await eventually(async () => {
      const r = await dbOf(f.tenantId)
        .select()
        .from(agendaItems)
        .where(and(eq(agendaItems.tenantId, f.tenantId), eq(agendaItems.meetingId, f.meetingId)));
      return r.length === 4 && r.find((x) => x.id === added.entityId)?.position === 4 ? r : undefined;
    });
    expect(rows.find((x) => x.id === f.items[2]!.id)?.position).toBe(1);
  });
});

describe("before the meeting starts", () => {
  it("takes the API's later changes to agenda and roster from D1 when someone connects", async () => {
    const f = await createMeeting();
    const early = await f.join("chair");
    const snap0 = await early.sync();
    await dbOf(f.tenantId)
      .insert(agendaItems)
      .values({
        id: `${f.meetingId}-a4`,
        tenantId: f.tenantId,
        meetingId: f.meetingId,
        position: 4,
        title: "Mục thêm qua API",
        minutesBudget: 5,
      });
    const newcomer = await createPerson("Mai Văn Mới");
    await dbOf(f.tenantId)
      .insert(memberships)
      .values({
        id: `m-${newcomer.id}`,
        tenantId: f.tenantId,
        organizationId: f.branchId,
        personId: newcomer.id,
        status: "official",
      });
    // The room re-reads D1 on a connection only if it last did more than 3 s ago.
    await advanceRoomClock(f.meetingId, 3_100);
    const from = early.received.length;
    const m1 = await f.join("m1");
    const snap = await m1.sync();
    expect(snap.state.agenda.map((a) => a.title)).toContain("Mục thêm qua API");
    expect(snap.state.roster.map((m) => m.personId)).toContain(newcomer.id);
    // A Join tap already made survives the refresh.
    expect(snap.state.attendance.find((a) => a.personId === f.idOf("chair"))?.joining).toBe(true);
    // The early client sees a version gap and resyncs to the same roster.
    const ev = await early.event("agenda", () => true, from);
    expect(ev.version).toBeGreaterThan(snap0.version + 1);
    expect((await early.sync()).state.roster).toHaveLength(13);
  });
});
