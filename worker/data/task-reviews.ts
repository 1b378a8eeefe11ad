/**
 * Follow-up of resolutions (DOMAIN.md "Resolutions and follow-up"): which earlier tasks a meeting reviews, its
 * reviews of them, and the `task_review` agenda item that opens a meeting of a branch with open tasks. Tenant-scoped.
 */
import { and, asc, eq, gt, inArray, lt, min, ne, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { ReviewStatus, TaskUnderReview } from "../../schema/api/resolutions";
import { TASK_REVIEW_TITLE } from "../../schema/api/resolutions";
import { vnToday } from "../../schema/calendar";
import { agendaItems, meetings, resolutions, resolutionTasks, taskReviews } from "../../schema/db/tables";
import { resolutionNumberLabel } from "../../schema/record/resolution-text";
import type { Db } from "../env";
import { auditInsert } from "../lib/audit";
import { newId, nowIso } from "../lib/ids";

const issuedAt = alias(meetings, "issued_meeting");

/** The branch's tasks from resolutions issued at meetings before `before`, not yet done. */
const openTasksBefore = (tenantId: string, organizationId: string, before: string) =>
  and(
    eq(resolutionTasks.tenantId, tenantId),
    eq(resolutionTasks.organizationId, organizationId),
    eq(resolutions.status, "issued"),
    lt(issuedAt.scheduledAt, before),
  );

/**
 * The tasks meeting `meeting` reviews: earlier issued tasks of its branch that are not done, and those it has
 * reviewed itself (a task marked done there stays on its list).
 */
export async function tasksUnderReview(
  db: Db,
  tenantId: string,
  meeting: { id: string; organizationId: string; scheduledAt: string },
): Promise<TaskUnderReview[]> {
  const rows = await db
    .select({
      taskId: resolutionTasks.id,
      title: resolutionTasks.title,
      leadName: resolutionTasks.leadName,
      deadline: resolutionTasks.deadline,
      reportBack: resolutionTasks.reportBack,
      status: resolutionTasks.status,
      doneOn: resolutionTasks.doneOn,
      number: resolutions.number,
      reviewStatus: taskReviews.status,
      reviewNote: taskReviews.note,
      reviewedAt: taskReviews.reviewedAt,
    })
    .from(resolutionTasks)
    .innerJoin(
      resolutions,
      and(eq(resolutions.id, resolutionTasks.resolutionId), eq(resolutions.tenantId, resolutionTasks.tenantId)),
    )
    .innerJoin(issuedAt, eq(issuedAt.id, resolutions.meetingId))
    .leftJoin(
      taskReviews,
      and(
        eq(taskReviews.tenantId, tenantId),
        eq(taskReviews.meetingId, meeting.id),
        eq(taskReviews.taskId, resolutionTasks.id),
      ),
    )
    .where(
      and(
        openTasksBefore(tenantId, meeting.organizationId, meeting.scheduledAt),
        or(ne(resolutionTasks.status, "done"), sql`${taskReviews.taskId} is not null`),
      ),
    )
    .orderBy(asc(issuedAt.scheduledAt), asc(resolutionTasks.position));
  return rows.map((r) => ({
    taskId: r.taskId,
    title: r.title,
    leadName: r.leadName,
    deadline: r.deadline,
    reportBack: r.reportBack,
    resolutionNumber: resolutionNumberLabel(r.number),
    status: r.status,
    doneOn: r.doneOn,
    review: r.reviewStatus
      ? { status: r.reviewStatus, note: r.reviewNote ?? "", reviewedAt: r.reviewedAt ?? "" }
      : null,
  }));
}

/**
 * When the earliest meeting that issued a still-open task of the branch was held, or null: a meeting planned after
 * it opens with the task review.
 */
export async function firstOpenTaskAt(db: Db, tenantId: string, organizationId: string): Promise<string | null> {
  const row = await db
    .select({ at: min(issuedAt.scheduledAt) })
    .from(resolutionTasks)
    .innerJoin(resolutions, eq(resolutions.id, resolutionTasks.resolutionId))
    .innerJoin(issuedAt, eq(issuedAt.id, resolutions.meetingId))
    .where(
      and(
        eq(resolutionTasks.tenantId, tenantId),
        eq(resolutionTasks.organizationId, organizationId),
        eq(resolutions.status, "issued"),
        ne(resolutionTasks.status, "done"),
      ),
    )
    .get();
  return row?.at ?? null;
}

/** The review item's row at position 1 (the meeting's other items are numbered from 2). */
export const taskReviewItem = (tenantId: string, meetingId: string) => ({
  id: newId(),
  tenantId,
  meetingId,
  position: 1,
  title: TASK_REVIEW_TITLE,
  minutesBudget: 15,
  kind: "task_review" as const,
});

/**
 * Statements that open each planned meeting of the branch after `after` with the review item, unless it already has
 * one (existing items move down one place first): for a resolution issued after next month's meeting was planned
 * (plan-year). Guarded in SQL, so a second run in a race adds nothing.
 */
export async function addReviewItemStatements(db: Db, tenantId: string, organizationId: string, after: string) {
  const lacking = (meetingId: SQL) =>
    sql`not exists (select 1 from ${agendaItems} ai where ai.meeting_id = ${meetingId} and ai.kind = 'task_review')`;
  const planned = await db
    .select({ id: meetings.id })
    .from(meetings)
    .where(
      and(
        eq(meetings.tenantId, tenantId),
        eq(meetings.organizationId, organizationId),
        eq(meetings.status, "planned"),
        gt(meetings.scheduledAt, after),
        lacking(sql`"meetings"."id"`),
      ),
    );
  const ids = planned.map((m) => m.id);
  if (ids.length === 0) return [];
  const item = taskReviewItem(tenantId, "");
  return [
    db
      .update(agendaItems)
      .set({ position: sql`${agendaItems.position} + 1` })
      .where(
        and(
          eq(agendaItems.tenantId, tenantId),
          inArray(agendaItems.meetingId, ids),
          lacking(sql`"agenda_items"."meeting_id"`),
        ),
      ),
    db.insert(agendaItems).select(
      sql`select lower(hex(randomblob(16))), ${tenantId}, m.id, 1, ${item.title}, null, ${item.minutesBudget}, 'task_review'
            from ${meetings} m where m.tenant_id = ${tenantId} and m.id in (${sql.join(
              ids.map((id) => sql`${id}`),
              sql`, `,
            )})
            and ${lacking(sql`m.id`)}`,
    ),
  ];
}

/** Records the meeting's review of a task; the task takes its status, and the day it was first marked done. */
export async function reviewTask(
  db: Db,
  tenantId: string,
  actorId: string,
  meetingId: string,
  taskId: string,
  review: { status: ReviewStatus; note: string },
) {
  const reviewedAt = nowIso();
  const today = vnToday();
  await db.batch([
    db
      .insert(taskReviews)
      .values({ tenantId, meetingId, taskId, ...review, reviewedBy: actorId, reviewedAt })
      .onConflictDoUpdate({
        target: [taskReviews.meetingId, taskReviews.taskId],
        set: { status: review.status, note: review.note, reviewedBy: actorId, reviewedAt },
      }),
    db
      .update(resolutionTasks)
      .set({
        status: review.status,
        // Marked done again keeps the first day; taken back, it is not done on any day.
        doneOn: review.status === "done" ? sql`coalesce(${resolutionTasks.doneOn}, ${today})` : null,
      })
      .where(and(eq(resolutionTasks.tenantId, tenantId), eq(resolutionTasks.id, taskId))),
    auditInsert(db, {
      tenantId,
      personId: actorId,
      action: "review",
      entity: "resolution_task",
      entityId: taskId,
      detail: { meetingId, ...review },
    }),
  ]);
}
