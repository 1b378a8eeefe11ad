import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { attendance } from "../../schema/db/tables";
import { getRecord } from "../../worker/data/meetings-record";
import { attendanceByMeetingQuery } from "../../worker/data/reports/queries";
import { d1Of, dbOf } from "../support/fixtures";
import { closeAllRooms, eventually } from "../support/room-client";
import { createMeeting, liveMeeting, type MeetingFixture } from "./meeting-fixture";

afterEach(() => closeAllRooms());

/** The visiting leader's attendance rows of this meeting in D1 (the visit's trace). */
const leaderRowsOf = (f: MeetingFixture) =>
  dbOf(f.tenantId)
    .select()
    .from(attendance)
    .where(
      and(
        eq(attendance.tenantId, f.tenantId),
        eq(attendance.meetingId, f.meetingId),
        eq(attendance.personId, f.leader.id),
      ),
    );

describe("a visiting leader's presence", () => {
  it("writes a present_remote row for a silent guest, kept out of the room's counts, the record and the attendance report", async () => {
    const { f, c, chair } = await liveMeeting(["chair", "m1", "leader"]);
    const scope = and(eq(attendance.tenantId, f.tenantId), eq(attendance.meetingId, f.meetingId));
    const row = await eventually(
      async () =>
        (
          await dbOf(f.tenantId)
            .select()
            .from(attendance)
            .where(and(scope, eq(attendance.personId, f.leader.id)))
        )[0],
    );
    expect(row).toMatchObject({ status: "present_remote", recordedBy: f.leader.id });

    // In the room the guest is no member: connected but with no attendance status, not in the counts or the vote base.
    const snap = await c.leader!.sync();
    expect(snap.state.attendance.find((a) => a.personId === f.leader.id)).toMatchObject({ status: null, connected: 1 });
    expect(snap.state.counts).toMatchObject({ presentRemote: 2, presentHall: 0, eligibleVoters: 2 });

    await chair.ok({ type: "meeting/close" });
    // Closing settles the members (12 rows) and leaves the guest's row as it was.
    const rows = await eventually(async () => {
      const r = await dbOf(f.tenantId).select().from(attendance).where(scope);
      return r.length === 13 ? r : undefined;
    });
    expect(rows.find((r) => r.personId === f.leader.id)?.status).toBe("present_remote");

    const record = await getRecord(dbOf(f.tenantId), f.tenantId, f.meetingId);
    expect(record.attendance).toHaveLength(12);
    expect(record.attendance.some((a) => a.personId === f.leader.id)).toBe(false);

    const q = attendanceByMeetingQuery(f.tenantId, "2026-11-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z");
    const { results } = await d1Of(f.tenantId)
      .prepare(q.sql)
      .bind(...q.params)
      .all<{ meeting: string; present: number }>();
    expect(results.find((r) => r.meeting === f.meetingId)?.present).toBe(2);
  });

  it("leaves no trace for a leader who only read the agenda before the start", async () => {
    const f = await createMeeting();
    const chair = await f.join("chair");
    // A leader's pre-read: the room opened before the start, closed again. Reading is not attending.
    const early = await f.join("leader");
    await early.sync();
    early.close();
    await chair.ok({ type: "meeting/start" });
    await chair.ok({ type: "meeting/close" });
    // The close settles the members' rows; by then the pre-read would have been written (it went first).
    await eventually(async () => {
      const r = await dbOf(f.tenantId)
        .select()
        .from(attendance)
        .where(and(eq(attendance.tenantId, f.tenantId), eq(attendance.meetingId, f.meetingId)));
      return r.length >= 12 ? r : undefined;
    });
    expect(await leaderRowsOf(f)).toEqual([]);
  });

  it("writes the trace of a leader connected through the start with the start as their join", async () => {
    const f = await createMeeting();
    const chair = await f.join("chair");
    const leader = await f.join("leader");
    await leader.sync();
    const started = await chair.ok({ type: "meeting/start" });
    expect(started.type).toBe("ack");
    const row = await eventually(async () => (await leaderRowsOf(f))[0]);
    const snap = await chair.sync();
    expect(row).toMatchObject({
      status: "present_remote",
      recordedBy: f.leader.id,
      joinedAt: snap.state.meeting.startedAt,
    });
  });
});
