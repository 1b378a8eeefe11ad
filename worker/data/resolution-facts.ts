/** What a resolution states of its meeting, read from D1 (the meeting row and its record), never typed by hand. */
import { eq } from "drizzle-orm";
import type { ResolutionFacts, ResolutionVote } from "../../schema/api/resolutions";
import { meetingMinutes } from "../../schema/calendar";
import { tenants } from "../../schema/db/tables";
import type { Db } from "../env";
import { getMeeting } from "./meetings";
import { getRecord } from "./meetings-record";

export async function resolutionFacts(
  db: Db,
  tenantId: string,
  meetingId: string,
): Promise<{ facts: ResolutionFacts; votes: ResolutionVote[] }> {
  const [meeting, record, tenant] = await Promise.all([
    getMeeting(db, tenantId, meetingId),
    getRecord(db, tenantId, meetingId),
    db.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId)).get(),
  ]);
  if (!meeting) throw new Error("meeting vanished");
  const count = (status: string) => record.attendance.filter((a) => a.status === status).length;
  const presentHall = count("present_hall");
  const presentRemote = count("present_remote");
  const absentExcused = count("absent_excused");
  const absentUnexcused = count("absent_unexcused");
  const facts: ResolutionFacts = {
    organizationName: meeting.organizationName,
    tenantName: tenant?.name ?? "",
    kind: meeting.kind === "thematic" ? "thematic" : "regular",
    topic: meeting.topic,
    place: meeting.place,
    scheduledAt: meeting.scheduledAt,
    startedAt: meeting.startedAt,
    endedAt: meeting.endedAt,
    durationMinutes:
      meeting.startedAt && meeting.endedAt ? meetingMinutes(meeting.startedAt, meeting.endedAt, meeting.endedAt) : null,
    chairName: meeting.chairName,
    minutesTakerName: meeting.minutesTakerName,
    // Exempt members are on the record but neither present nor absent.
    members: record.attendance.length,
    present: presentHall + presentRemote,
    presentHall,
    presentRemote,
    absent: absentExcused + absentUnexcused,
    absentExcused,
    absentUnexcused,
    speakers: new Set(record.speeches.map((s) => s.personId)).size,
  };
  const votes = record.votes.map((v) => ({
    id: v.id,
    motion: v.motion,
    agree: v.agree,
    base: v.base,
    result: v.result,
  }));
  return { facts, votes };
}
