/**
 * The meeting's facts for the minutes (schema/record/minutes-facts.ts) from what the room wrote to D1: the
 * record approval checks the minutes' counts against. Reads the record (meetings-record.ts `getRecord`) and
 * adds what the minutes need besides: the meeting, its agenda and guests, and which members are official.
 * Tenant-scoped.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import { agendaItems, meetingGuests, memberships, people } from "../../schema/db/tables";
import type { MinutesFacts } from "../../schema/record/minutes-facts";
import { attendanceStatusSchema, votePresets, voteRuleSchema } from "../../schema/vote-rules";
import type { Db } from "../env";
import type { MeetingRow } from "./meetings";
import { getRecord } from "./meetings-record";
import { nameHere } from "./record-names";
import { tasksUnderReview } from "./task-reviews";

export async function minutesFactsOf(db: Db, tenantId: string, meeting: MeetingRow): Promise<MinutesFacts> {
  const record = await getRecord(db, tenantId, meeting.id);
  const memberIds = record.attendance.map((a) => a.personId);
  const staffIds = [meeting.chairPersonId, meeting.minutesTakerPersonId].filter((x): x is string => x !== null);
  const [standing, agenda, guests, staff] = await db.batch([
    db
      .select({ personId: memberships.personId, status: memberships.status })
      .from(memberships)
      .where(
        and(
          eq(memberships.tenantId, tenantId),
          eq(memberships.organizationId, meeting.organizationId),
          inArray(memberships.personId, memberIds.length ? memberIds : [""]),
        ),
      ),
    db
      .select({ id: agendaItems.id, position: agendaItems.position, title: agendaItems.title, kind: agendaItems.kind })
      .from(agendaItems)
      .where(and(eq(agendaItems.tenantId, tenantId), eq(agendaItems.meetingId, meeting.id)))
      .orderBy(asc(agendaItems.position)),
    db
      .select({ name: people.fullName, title: meetingGuests.title })
      .from(meetingGuests)
      .innerJoin(people, eq(people.id, meetingGuests.personId))
      .where(and(eq(meetingGuests.tenantId, tenantId), eq(meetingGuests.meetingId, meeting.id))),
    db
      .select({ id: people.id, name: nameHere(tenantId, people.id, people.fullName) })
      .from(people)
      .where(inArray(people.id, staffIds.length ? staffIds : [""])),
  ]);
  const official = new Set(standing.filter((s) => s.status === "official").map((s) => s.personId));
  const nameOf = (id: string | null) => staff.find((p) => p.id === id)?.name ?? null;
  return {
    topic: meeting.topic,
    place: meeting.place,
    scheduledAt: meeting.scheduledAt,
    startedAt: meeting.startedAt,
    endedAt: meeting.endedAt,
    chairName: nameOf(meeting.chairPersonId),
    minutesTakerName: nameOf(meeting.minutesTakerPersonId),
    guests,
    mediaMode: meeting.mediaMode,
    members: record.attendance.map((a) => ({
      name: a.fullName,
      // The standing at the meeting, as the close wrote it; rows from before it was kept read today's.
      official: a.memberStatus ? a.memberStatus === "official" : official.has(a.personId),
      attendance: attendanceStatusSchema.safeParse(a.status).data ?? null,
      reason: a.reason,
      heard: Boolean(a.heardAt),
    })),
    agenda,
    // Only a meeting whose agenda reviews the last resolution's tasks prints them.
    taskReviews: agenda.some((a) => a.kind === "task_review") ? await tasksUnderReview(db, tenantId, meeting) : [],
    speeches: record.speeches.map((s) => ({
      personId: s.personId,
      name: s.fullName,
      itemId: s.agendaItemId,
      durationSeconds: s.durationSeconds,
    })),
    // The room numbers votes in the order they opened (ties by id): the same order here.
    votes: [...record.votes]
      .sort((a, b) => a.openedAt.localeCompare(b.openedAt) || a.id.localeCompare(b.id))
      .map((v) => ({
        id: v.id,
        itemId: v.agendaItemId,
        motion: v.motion,
        // The room writes a valid rule; a row that somehow holds none reads as the resolution rule it defaults to.
        rule: voteRuleSchema.safeParse(v.rule).data ?? votePresets.resolution,
        secret: v.secret,
        closing:
          v.result && v.base !== null && v.agree !== null && v.disagree !== null && v.abstain !== null
            ? { base: v.base, agree: v.agree, disagree: v.disagree, abstain: v.abstain, result: v.result }
            : null,
      })),
    reserved: record.reservedOpinions.map((r) => ({ voteId: r.voteId, name: r.fullName, body: r.body })),
    evaluations: record.evaluations
      .map((e) => ({
        personId: e.evaluatorPersonId,
        name: e.evaluatorName,
        kind: e.evaluatorKind,
        total: e.total,
        grade: e.grade,
      }))
      .sort((a, b) => a.personId.localeCompare(b.personId)),
  };
}
