/**
 * The committee's review of meeting grades: each held meeting with the evaluations the room recorded (the
 * branch's own, a visiting leader's), and confirming one of them as the grade that counts. Confirming one
 * clears any earlier confirmation of the same meeting, so a meeting has at most one confirmed grade.
 */
import { and, asc, eq, inArray, isNotNull, ne, sql } from "drizzle-orm";
import type { EvaluationView, Grade, MeetingGradeView } from "../../schema/api/reports";
import { evaluations, meetings, organizations, people } from "../../schema/db/tables";
import type { Db } from "../env";
import { auditInsert } from "../lib/audit";
import { nowIso } from "../lib/ids";
import { nameHere } from "./record-names";
import { officialEvaluation } from "./reports/grades";

interface MeetingRow {
  meetingId: string;
  organizationId: string;
  organizationName: string;
  kind: "regular" | "thematic";
  topic: string;
  scheduledAt: string;
}

async function withEvaluations(db: Db, tenantId: string, meetingRows: MeetingRow[]): Promise<MeetingGradeView[]> {
  if (meetingRows.length === 0) return [];
  const evals: (EvaluationView & { meetingId: string; updatedAt: string })[] = [];
  // D1 binds at most 100 parameters per statement.
  for (let i = 0; i < meetingRows.length; i += 90) {
    const ids = meetingRows.slice(i, i + 90).map((m) => m.meetingId);
    const rows = await db
      .select({
        id: evaluations.id,
        meetingId: evaluations.meetingId,
        evaluatorPersonId: evaluations.evaluatorPersonId,
        evaluatorName: nameHere(tenantId, evaluations.evaluatorPersonId, people.fullName),
        evaluatorKind: evaluations.evaluatorKind,
        total: evaluations.total,
        grade: evaluations.grade,
        scoresJson: evaluations.scoresJson,
        confirmedAt: evaluations.confirmedAt,
        confirmedBy: evaluations.confirmedBy,
        updatedAt: evaluations.updatedAt,
      })
      .from(evaluations)
      .innerJoin(people, eq(people.id, evaluations.evaluatorPersonId))
      .where(and(eq(evaluations.tenantId, tenantId), inArray(evaluations.meetingId, ids)))
      .orderBy(asc(evaluations.evaluatorKind));
    for (const { scoresJson, ...e } of rows) evals.push({ ...e, scores: parseScores(scoresJson) });
  }
  return meetingRows.map((m) => {
    const own = evals.filter((e) => e.meetingId === m.meetingId);
    const official = officialEvaluation(
      own.map((e) => ({ ...e, evaluator_kind: e.evaluatorKind, confirmed_at: e.confirmedAt, updated_at: e.updatedAt })),
    );
    return {
      ...m,
      grade: (official?.grade as Grade | undefined) ?? null,
      confirmed: own.some((e) => e.confirmedAt !== null),
      evaluations: own.map(({ meetingId: _m, updatedAt: _u, ...e }) => e),
    };
  });
}

function parseScores(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
}

const meetingColumns = {
  meetingId: meetings.id,
  organizationId: meetings.organizationId,
  organizationName: organizations.name,
  kind: meetings.kind,
  topic: meetings.topic,
  scheduledAt: meetings.scheduledAt,
};

/** Held meetings of the period that have at least one evaluation, filtered by review state. */
export async function listMeetingGrades(
  db: Db,
  tenantId: string,
  f: { fromUtc: string; toUtc: string; organizationIds?: Set<string>; state: "pending" | "confirmed" | "all" },
): Promise<MeetingGradeView[]> {
  const rows = await db
    .select(meetingColumns)
    .from(meetings)
    .innerJoin(organizations, eq(organizations.id, meetings.organizationId))
    .where(
      and(
        eq(meetings.tenantId, tenantId),
        eq(meetings.status, "closed"),
        sql`${meetings.scheduledAt} >= ${f.fromUtc}`,
        sql`${meetings.scheduledAt} < ${f.toUtc}`,
        sql`EXISTS (SELECT 1 FROM evaluations e WHERE e.meeting_id = ${meetings.id})`,
      ),
    )
    .orderBy(asc(meetings.scheduledAt), asc(organizations.name));
  const scoped = f.organizationIds ? rows.filter((r) => f.organizationIds!.has(r.organizationId)) : rows;
  const views = await withEvaluations(db, tenantId, scoped);
  return views.filter((v) => f.state === "all" || (f.state === "confirmed") === v.confirmed);
}

export async function getMeetingGrades(
  db: Db,
  tenantId: string,
  meetingId: string,
): Promise<MeetingGradeView | undefined> {
  const rows = await db
    .select(meetingColumns)
    .from(meetings)
    .innerJoin(organizations, eq(organizations.id, meetings.organizationId))
    .where(and(eq(meetings.tenantId, tenantId), eq(meetings.id, meetingId)));
  const [view] = await withEvaluations(db, tenantId, rows);
  return view;
}

export async function findEvaluation(db: Db, tenantId: string, evaluationId: string) {
  const [row] = await db
    .select({
      id: evaluations.id,
      meetingId: evaluations.meetingId,
      meetingStatus: meetings.status,
      confirmedAt: evaluations.confirmedAt,
    })
    .from(evaluations)
    .innerJoin(meetings, eq(meetings.id, evaluations.meetingId))
    .where(and(eq(evaluations.tenantId, tenantId), eq(evaluations.id, evaluationId)));
  return row;
}

export async function confirmEvaluation(
  db: Db,
  tenantId: string,
  e: { id: string; meetingId: string },
  personId: string,
) {
  const at = nowIso();
  await db.batch([
    db
      .update(evaluations)
      .set({ confirmedAt: null, confirmedBy: null })
      .where(
        and(
          eq(evaluations.tenantId, tenantId),
          eq(evaluations.meetingId, e.meetingId),
          ne(evaluations.id, e.id),
          isNotNull(evaluations.confirmedAt),
        ),
      ),
    db
      .update(evaluations)
      .set({ confirmedAt: at, confirmedBy: personId })
      .where(and(eq(evaluations.tenantId, tenantId), eq(evaluations.id, e.id))),
    auditInsert(db, {
      tenantId,
      personId,
      action: "confirm",
      entity: "evaluation",
      entityId: e.id,
      detail: { meetingId: e.meetingId },
    }),
  ]);
}

export async function unconfirmEvaluation(
  db: Db,
  tenantId: string,
  e: { id: string; meetingId: string },
  personId: string,
) {
  await db.batch([
    db
      .update(evaluations)
      .set({ confirmedAt: null, confirmedBy: null })
      .where(and(eq(evaluations.tenantId, tenantId), eq(evaluations.id, e.id))),
    auditInsert(db, {
      tenantId,
      personId,
      action: "unconfirm",
      entity: "evaluation",
      entityId: e.id,
      detail: { meetingId: e.meetingId },
    }),
  ]);
}
