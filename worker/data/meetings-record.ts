/** The read side of what the room records: the meeting's record. Tenant-scoped. Minutes: meeting-minutes.ts. */
import { and, asc, eq, notExists } from "drizzle-orm";
import type { MeetingRecord } from "../../schema/api/meetings";
import {
  attendance,
  ballots,
  evaluations,
  meetingGuests,
  people,
  reservedOpinions,
  speeches,
  votes,
} from "../../schema/db/tables";
import type { Db } from "../env";
import { nameHere } from "./record-names";

const parse = (json: string): unknown => {
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
};

export async function getRecord(db: Db, tenantId: string, meetingId: string): Promise<MeetingRecord> {
  const [att, sp, vs, bs, ro, ev] = await db.batch([
    db
      .select({
        personId: attendance.personId,
        fullName: nameHere(tenantId, attendance.personId, people.fullName),
        status: attendance.status,
        reason: attendance.reason,
        joinedAt: attendance.joinedAt,
        leftAt: attendance.leftAt,
        heardAt: attendance.heardAt,
        memberStatus: attendance.memberStatus,
      })
      .from(attendance)
      .innerJoin(people, eq(people.id, attendance.personId))
      // A guest's presence row is the trace of a leader's visit (party/logic/attendance.ts), not a member's attendance.
      .where(
        and(
          eq(attendance.tenantId, tenantId),
          eq(attendance.meetingId, meetingId),
          notExists(
            db
              .select({ one: meetingGuests.personId })
              .from(meetingGuests)
              .where(
                and(eq(meetingGuests.meetingId, attendance.meetingId), eq(meetingGuests.personId, attendance.personId)),
              ),
          ),
        ),
      )
      .orderBy(asc(people.searchName)),
    db
      .select({
        id: speeches.id,
        personId: speeches.personId,
        fullName: nameHere(tenantId, speeches.personId, people.fullName),
        agendaItemId: speeches.agendaItemId,
        kind: speeches.kind,
        startedAt: speeches.startedAt,
        endedAt: speeches.endedAt,
        durationSeconds: speeches.durationSeconds,
        limitSeconds: speeches.limitSeconds,
      })
      .from(speeches)
      .innerJoin(people, eq(people.id, speeches.personId))
      .where(and(eq(speeches.tenantId, tenantId), eq(speeches.meetingId, meetingId)))
      .orderBy(asc(speeches.startedAt)),
    db
      .select()
      .from(votes)
      .where(and(eq(votes.tenantId, tenantId), eq(votes.meetingId, meetingId)))
      .orderBy(asc(votes.openedAt)),
    db
      .select({
        voteId: ballots.voteId,
        personId: ballots.personId,
        fullName: nameHere(tenantId, ballots.personId, people.fullName),
        choice: ballots.choice,
        channel: ballots.channel,
      })
      .from(ballots)
      .innerJoin(votes, eq(votes.id, ballots.voteId))
      .innerJoin(people, eq(people.id, ballots.personId))
      .where(and(eq(ballots.tenantId, tenantId), eq(votes.tenantId, tenantId), eq(votes.meetingId, meetingId)))
      .orderBy(asc(ballots.castAt)),
    db
      .select({
        id: reservedOpinions.id,
        voteId: reservedOpinions.voteId,
        personId: reservedOpinions.personId,
        fullName: nameHere(tenantId, reservedOpinions.personId, people.fullName),
        body: reservedOpinions.body,
        createdAt: reservedOpinions.createdAt,
      })
      .from(reservedOpinions)
      .innerJoin(people, eq(people.id, reservedOpinions.personId))
      .where(and(eq(reservedOpinions.tenantId, tenantId), eq(reservedOpinions.meetingId, meetingId)))
      .orderBy(asc(reservedOpinions.createdAt)),
    db
      .select({
        id: evaluations.id,
        evaluatorPersonId: evaluations.evaluatorPersonId,
        evaluatorName: nameHere(tenantId, evaluations.evaluatorPersonId, people.fullName),
        evaluatorKind: evaluations.evaluatorKind,
        total: evaluations.total,
        grade: evaluations.grade,
        scoresJson: evaluations.scoresJson,
        confirmedAt: evaluations.confirmedAt,
      })
      .from(evaluations)
      .innerJoin(people, eq(people.id, evaluations.evaluatorPersonId))
      .where(and(eq(evaluations.tenantId, tenantId), eq(evaluations.meetingId, meetingId))),
  ]);
  return {
    attendance: att,
    speeches: sp,
    votes: vs.map((v) => {
      const cast = bs.filter((b) => b.voteId === v.id);
      return {
        id: v.id,
        agendaItemId: v.agendaItemId,
        motion: v.motion,
        rule: parse(v.ruleJson),
        secret: v.secret,
        openedAt: v.openedAt,
        closedAt: v.closedAt,
        base: v.base,
        eligible: v.eligible,
        agree: v.agree,
        disagree: v.disagree,
        abstain: v.abstain,
        result: v.result,
        voters: cast.length,
        // A secret ballot's choice never leaves the server, not even a stray one the room should not have kept.
        ballots: v.secret ? [] : cast.map(({ voteId: _v, ...b }) => b),
      };
    }),
    reservedOpinions: ro,
    evaluations: ev.map(({ scoresJson, ...e }) => ({ ...e, scores: parse(scoresJson) })),
  };
}
