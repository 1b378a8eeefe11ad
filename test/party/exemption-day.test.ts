import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { meetings, memberships } from "../../schema/db/tables";
import { dbOf } from "../support/fixtures";
import { closeAllRooms } from "../support/room-client";
import { createMeeting, type MeetingFixture } from "./meeting-fixture";

afterEach(() => closeAllRooms());

const exempt = (f: MeetingFixture, who: "m1" | "m2", from: string, to: string | null) =>
  dbOf(f.tenantId)
    .update(memberships)
    .set({ exemptReason: "Ốm dài ngày", exemptFrom: from, exemptTo: to })
    .where(and(eq(memberships.tenantId, f.tenantId), eq(memberships.personId, f.idOf(who))));

const scheduleAt = (f: MeetingFixture, scheduledAt: string) =>
  dbOf(f.tenantId)
    .update(meetings)
    .set({ scheduledAt })
    .where(and(eq(meetings.tenantId, f.tenantId), eq(meetings.id, f.meetingId)));

describe("exemptions are matched on the meeting's day in Vietnam, not in UTC", () => {
  it("a meeting at 06:30 on 1 December in Vietnam (23:30 UTC on 30 November) is on 1 December", async () => {
    const f = await createMeeting();
    await scheduleAt(f, "2026-11-30T23:30:00.000Z");
    await exempt(f, "m1", "2026-12-01", null); // exempt from the meeting's day on
    await exempt(f, "m2", "2026-11-01", "2026-11-30"); // exemption over the day before
    const { state } = await (await f.join("chair")).snapshot();
    const onRoster = (who: "m1" | "m2") => state.roster.find((m) => m.personId === f.idOf(who))!;
    expect(onRoster("m1").exempt).toBe(true);
    expect(onRoster("m2").exempt).toBe(false);
    expect(state.attendance.find((a) => a.personId === f.idOf("m1"))?.status).toBe("exempt");
    expect(state.counts.exempt).toBe(3);
  });

  it("a meeting at 23:30 on 30 November in Vietnam (16:30 UTC) is still on 30 November", async () => {
    const f = await createMeeting();
    await scheduleAt(f, "2026-11-30T16:30:00.000Z");
    await exempt(f, "m1", "2026-12-01", null);
    await exempt(f, "m2", "2026-11-01", "2026-11-30");
    const { state } = await (await f.join("chair")).snapshot();
    const onRoster = (who: "m1" | "m2") => state.roster.find((m) => m.personId === f.idOf(who))!;
    expect(onRoster("m1").exempt).toBe(false);
    expect(onRoster("m2").exempt).toBe(true);
  });
});
