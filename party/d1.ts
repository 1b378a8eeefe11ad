/**
 * The room's two conversations with D1: loading the meeting when the room first starts, and writing what
 * was settled (the outbox). Every query is scoped by tenant id; every write is idempotent (upsert or
 * insert-or-ignore), because an outbox op may be retried after a write that did land.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import { exemptionCovers, meetingDay } from "../schema/calendar";
import {
  agendaItems,
  ballots,
  evaluations,
  leaderNotes,
  meetingGuests,
  meetings,
  memberships,
  minutes,
  people,
  reservedOpinions,
  speeches,
  votes,
} from "../schema/db/tables";
import { tasksUnderReview } from "../worker/data/task-reviews";
import { shardDb, shardOfTenant } from "../worker/lib/shards";
import { attendanceUpserts } from "./d1-attendance";
import type { OutboxOp } from "./logic/outbox";
import type { LoadedMeeting } from "./logic/state";

export type Db = DrizzleD1Database;

/**
 * The shard that holds the meeting's tenant (worker/lib/shards.ts): looked up in the directory once per isolate,
 * since a tenant never moves. Throws for a tenant the directory does not know (a ticket is signed for a real one).
 */
export async function roomDb(env: Cloudflare.Env, tenantId: string): Promise<Db> {
  const shard = await shardOfTenant(env, tenantId);
  if (!shard) throw new Error(`tenant ${tenantId} has no shard`);
  return shardDb(env, shard);
}

export type LoadResult = { ok: true; loaded: LoadedMeeting } | { ok: false; reason: "not_found" | "not_open" };

/** The meeting (planned or live), its agenda, the branch roster and the guests. */
export async function loadMeeting(db: Db, tenantId: string, meetingId: string): Promise<LoadResult> {
  const [m] = await db
    .select()
    .from(meetings)
    .where(and(eq(meetings.tenantId, tenantId), eq(meetings.id, meetingId)));
  if (!m) return { ok: false, reason: "not_found" };
  if (m.status !== "planned" && m.status !== "live") return { ok: false, reason: "not_open" };
  // Exemptions are dated in Vietnam's days: a meeting at 23:30 UTC is held the next morning there.
  const day = meetingDay(m.scheduledAt);
  const [items, members, guests] = await db.batch([
    db
      .select()
      .from(agendaItems)
      .where(and(eq(agendaItems.tenantId, tenantId), eq(agendaItems.meetingId, meetingId)))
      .orderBy(asc(agendaItems.position)),
    db
      // The committee's own record of each member names them in the room.
      .select({ m: memberships })
      .from(memberships)
      // Transferred, suspended or detained members are not in the base and not expected: not on the roster.
      .where(
        and(
          eq(memberships.tenantId, tenantId),
          eq(memberships.organizationId, m.organizationId),
          eq(memberships.standing, "active"),
        ),
      ),
    db
      .select({ g: meetingGuests, name: people.fullName })
      .from(meetingGuests)
      .innerJoin(people, eq(people.id, meetingGuests.personId))
      .where(and(eq(meetingGuests.tenantId, tenantId), eq(meetingGuests.meetingId, meetingId))),
  ]);
  // The tasks of earlier resolutions this meeting reviews, printed under its review item (minutes draft).
  const reviews = items.some((i) => i.kind === "task_review")
    ? (await tasksUnderReview(db, tenantId, m)).map((t) => ({
        title: t.title,
        leadName: t.leadName,
        deadline: t.deadline,
        resolutionNumber: t.resolutionNumber,
        review: t.review && { status: t.review.status, note: t.review.note },
      }))
    : [];
  const exemptOn = (x: typeof memberships.$inferSelect) =>
    (x.exemptReason !== null || x.exemptFrom !== null) && exemptionCovers({ from: x.exemptFrom, to: x.exemptTo }, day);
  return {
    ok: true,
    loaded: {
      meeting: {
        id: m.id,
        tenantId: m.tenantId,
        organizationId: m.organizationId,
        topic: m.topic,
        kind: m.kind,
        place: m.place,
        format: m.format,
        scheduledAt: m.scheduledAt,
        status: m.status,
        chairPersonId: m.chairPersonId,
        minutesTakerPersonId: m.minutesTakerPersonId,
        startedAt: m.startedAt,
        endedAt: m.endedAt,
        combined: m.combined,
        // Every room participant may see the meeting (the ticket admits only them), so the call link travels too.
        mediaMode: m.mediaMode,
        mediaLink: m.mediaMode === "external" ? m.mediaLink : null,
      },
      roster: members
        .map(({ m: x }) => ({
          personId: x.personId,
          name: x.fullName,
          status: x.status,
          branchRole: x.branchRole,
          exempt: exemptOn(x),
        }))
        .sort((a, b) => a.name.localeCompare(b.name, "vi")),
      guests: guests.map(({ g, name }) => ({ personId: g.personId, name, title: g.title })),
      agenda: items.map((i) => ({
        id: i.id,
        title: i.title,
        position: i.position,
        presenterPersonId: i.presenterPersonId,
        budgetMinutes: i.minutesBudget,
        kind: i.kind,
        ...(i.kind === "task_review" ? { reviews } : {}),
      })),
    },
  };
}

type Stmt = BatchItem<"sqlite">;

/** The statements for one outbox op. Run in one `batch`, they land together or not at all. */
export function statementsFor(db: Db, tenantId: string, meetingId: string, op: OutboxOp): Stmt[] {
  switch (op.kind) {
    case "meeting_live":
      return [
        db
          .update(meetings)
          .set({ status: "live", startedAt: op.startedAt })
          .where(
            and(
              eq(meetings.tenantId, tenantId),
              eq(meetings.id, meetingId),
              inArray(meetings.status, ["planned", "live"]),
            ),
          ),
      ];
    case "attendance": {
      // Entries that carry no times (the close's settlement of everyone, ops queued before times existed)
      // leave D1's times as the earlier ops wrote them.
      const timed = op.entries.filter((e) => e.joinedAt !== undefined || e.leftAt !== undefined);
      const untimed = op.entries.filter((e) => e.joinedAt === undefined && e.leftAt === undefined);
      return [
        ...attendanceUpserts(db, tenantId, meetingId, timed, true),
        ...attendanceUpserts(db, tenantId, meetingId, untimed, false),
      ];
    }
    case "agenda":
      return op.items.map((i) =>
        db
          .insert(agendaItems)
          .values({
            id: i.id,
            tenantId,
            meetingId,
            position: i.position,
            title: i.title,
            presenterPersonId: i.presenterPersonId,
            minutesBudget: i.budgetMinutes,
          })
          .onConflictDoUpdate({
            target: agendaItems.id,
            set: { position: i.position, title: i.title, minutesBudget: i.budgetMinutes },
          }),
      );
    case "speech": {
      const s = op.speech;
      return [
        db
          .insert(speeches)
          .values({
            id: s.id,
            tenantId,
            meetingId,
            personId: s.personId,
            agendaItemId: s.itemId,
            kind: s.kind,
            startedAt: s.startedAt,
            endedAt: s.endedAt,
            durationSeconds: s.durationSeconds,
            limitSeconds: s.limitSeconds,
          })
          .onConflictDoNothing(),
      ];
    }
    case "vote": {
      const v = op.vote;
      return [
        db
          .insert(votes)
          .values({
            id: v.id,
            tenantId,
            meetingId,
            agendaItemId: v.itemId,
            motion: v.motion,
            ruleJson: v.ruleJson,
            secret: v.secret,
            openedAt: v.openedAt,
            closedAt: v.closedAt,
            base: v.base,
            agree: v.agree,
            disagree: v.disagree,
            abstain: v.abstain,
            eligible: v.eligible,
            result: v.result,
          })
          .onConflictDoNothing(),
        // Every ballot in one statement, the rows passed as one JSON parameter: 6 parameters a row in chunks
        // under D1's 100 made 32 statements for 500 members, run in the isolate that serves the room.
        db
          .insert(ballots)
          .select(
            sql`SELECT ${tenantId}, ${v.id}, json_extract(value, '$.personId'), json_extract(value, '$.choice'), json_extract(value, '$.channel'), json_extract(value, '$.castAt')
              FROM json_each(${JSON.stringify(op.ballots)}) WHERE true`,
          )
          .onConflictDoNothing(),
      ];
    }
    case "reserved": {
      const r = op.opinion;
      return [
        db
          .insert(reservedOpinions)
          .values({
            id: r.id,
            tenantId,
            meetingId,
            voteId: r.voteId,
            personId: r.personId,
            body: r.body,
            createdAt: r.at,
          })
          .onConflictDoNothing(),
      ];
    }
    case "note": {
      const n = op.note;
      return [
        db
          .insert(leaderNotes)
          .values({
            id: n.id,
            tenantId,
            meetingId,
            personId: n.personId,
            agendaItemId: n.itemId,
            body: n.body,
            sharedWithCommittee: n.shared,
            updatedAt: n.updatedAt,
          })
          .onConflictDoUpdate({
            target: leaderNotes.id,
            set: { body: n.body, agendaItemId: n.itemId, sharedWithCommittee: n.shared, updatedAt: n.updatedAt },
          }),
      ];
    }
    case "evaluation": {
      const e = op.evaluation;
      const row = { scoresJson: JSON.stringify(e.scores), total: e.total, grade: e.grade, updatedAt: e.updatedAt };
      return [
        db
          .insert(evaluations)
          .values({ id: op.id, tenantId, meetingId, evaluatorPersonId: e.personId, evaluatorKind: e.kind, ...row })
          .onConflictDoUpdate({ target: [evaluations.meetingId, evaluations.evaluatorPersonId], set: row }),
      ];
    }
    case "close":
      return [
        db
          .update(meetings)
          .set({ status: "closed", endedAt: op.endedAt })
          .where(
            and(
              eq(meetings.tenantId, tenantId),
              eq(meetings.id, meetingId),
              inArray(meetings.status, ["planned", "live"]),
            ),
          ),
        db
          .insert(minutes)
          .values({
            id: op.minutesId,
            tenantId,
            meetingId,
            version: 1,
            body: op.minutesBody,
            status: "frozen",
            createdBy: op.createdBy,
          })
          .onConflictDoNothing(),
      ];
    default:
      op satisfies never;
      return [];
  }
}
