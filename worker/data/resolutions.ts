/**
 * A meeting's resolution: read (with the meeting's facts), save the draft, issue it with the branch's next number
 * for the year. Issued is final. Scoped by tenant, each write with its audit row.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Resolution, ResolutionDraftInput, resolutionDraftSchema } from "../../schema/api/resolutions";
import { vnWallTime } from "../../schema/calendar";
import { resolutions, resolutionTasks } from "../../schema/db/tables";
import type { Db, TenantAccess } from "../env";
import { badRequest, conflict } from "../lib/api-error";
import { auditInsert } from "../lib/audit";
import { newId, nowIso } from "../lib/ids";
import { unlessUnique } from "../lib/unique";
import { branchMemberIds, type MeetingRow } from "./meetings";
import { resolutionFacts } from "./resolution-facts";
import { addReviewItemStatements, tasksUnderReview } from "./task-reviews";

export type ResolutionDraft = z.output<typeof resolutionDraftSchema>;
export type { ResolutionDraftInput };

/** The chair, the minutes-taker, the committee's admins and the branch's secretary write the resolution. */
export const mayWriteResolution = (access: TenantAccess, personId: string, m: MeetingRow) =>
  personId === m.chairPersonId ||
  personId === m.minutesTakerPersonId ||
  access.role === "admin" ||
  access.memberships.get(m.organizationId)?.branchRole === "secretary";

const ISSUED = "Nghị quyết đã ban hành, không thể sửa / The resolution is issued and final";

const rowOf = (db: Db, tenantId: string, meetingId: string) =>
  db
    .select()
    .from(resolutions)
    .where(and(eq(resolutions.tenantId, tenantId), eq(resolutions.meetingId, meetingId)))
    .get();

export async function getResolution(
  db: Db,
  tenantId: string,
  meeting: MeetingRow,
  canWrite: boolean,
): Promise<Resolution> {
  const [row, { facts, votes }, reviews] = await Promise.all([
    rowOf(db, tenantId, meeting.id),
    resolutionFacts(db, tenantId, meeting.id),
    tasksUnderReview(db, tenantId, meeting),
  ]);
  const tasks = row
    ? await db
        .select()
        .from(resolutionTasks)
        .where(and(eq(resolutionTasks.tenantId, tenantId), eq(resolutionTasks.resolutionId, row.id)))
        .orderBy(asc(resolutionTasks.position))
    : [];
  return {
    id: row?.id ?? null,
    meetingId: meeting.id,
    status: row?.status ?? "draft",
    year: row?.year ?? null,
    number: row?.number ?? null,
    body: row?.body ?? "",
    adoptedVoteId: row?.adoptedVoteId ?? null,
    tasks: tasks.map(({ tenantId: _t, resolutionId: _r, organizationId: _o, ...t }) => t),
    issuedAt: row?.issuedAt ?? null,
    facts,
    votes,
    reviews,
    canWrite: canWrite && row?.status !== "issued",
  };
}

/** Saves the draft (body, adopting vote, tasks in order); 409 once issued, 400 for a vote or lead not of this meeting. */
export async function saveDraft(
  db: Db,
  tenantId: string,
  actorId: string,
  meeting: MeetingRow,
  draft: ResolutionDraft,
) {
  const existing = await rowOf(db, tenantId, meeting.id);
  if (existing?.status === "issued") throw conflict(ISSUED);
  if (draft.adoptedVoteId) {
    const { votes } = await resolutionFacts(db, tenantId, meeting.id);
    if (!votes.some((v) => v.id === draft.adoptedVoteId))
      throw badRequest("Biểu quyết không thuộc cuộc họp này / The vote is not of this meeting", [
        { path: "adoptedVoteId", message: "not a vote of this meeting" },
      ]);
  }
  const leads = draft.tasks.map((t) => t.leadPersonId).filter((id): id is string => !!id);
  const members = await branchMemberIds(db, tenantId, meeting.organizationId, leads);
  const issues = draft.tasks.flatMap((t, i) =>
    t.leadPersonId && !members.has(t.leadPersonId)
      ? [{ path: `tasks.${i}.leadPersonId`, message: "not a member of the branch" }]
      : [],
  );
  if (issues.length)
    throw badRequest("Người chủ trì không phải đảng viên của chi bộ / The lead is not a member of the branch", issues);
  const id = existing?.id ?? newId();
  const stillDraft = sql`exists (select 1 from ${resolutions} where ${resolutions.id} = ${id} and ${resolutions.status} = 'draft')`;
  const upsert = existing
    ? db
        .update(resolutions)
        .set({ body: draft.body, adoptedVoteId: draft.adoptedVoteId })
        .where(and(eq(resolutions.tenantId, tenantId), eq(resolutions.id, id), eq(resolutions.status, "draft")))
    : db.insert(resolutions).values({
        id,
        tenantId,
        meetingId: meeting.id,
        organizationId: meeting.organizationId,
        body: draft.body,
        adoptedVoteId: draft.adoptedVoteId,
        createdBy: actorId,
      });
  const rows = draft.tasks.map((t, i) => ({
    id: newId(),
    tenantId,
    resolutionId: id,
    organizationId: meeting.organizationId,
    position: i + 1,
    title: t.title,
    leadPersonId: t.leadPersonId,
    leadName: t.leadName,
    deadline: t.deadline,
    reportBack: t.reportBack,
  }));
  // Tasks are replaced whole, only while the resolution is a draft: never an issued resolution's (reviewed) ones.
  await unlessUnique(
    db.batch([
      upsert,
      db
        .delete(resolutionTasks)
        .where(and(eq(resolutionTasks.tenantId, tenantId), eq(resolutionTasks.resolutionId, id), stillDraft)),
      // Each task goes in only while the resolution is still a draft: an issue that wins a race keeps its tasks.
      ...rows.map((r) =>
        db
          .insert(resolutionTasks)
          .select(
            sql`select ${r.id}, ${r.tenantId}, ${r.resolutionId}, ${r.organizationId}, ${r.position}, ${r.title}, ${r.leadPersonId}, ${r.leadName}, ${r.deadline}, ${r.reportBack}, 'open', null where ${stillDraft}`,
          ),
      ),
      auditInsert(db, {
        tenantId,
        personId: actorId,
        action: existing ? "update" : "create",
        entity: "resolution",
        entityId: id,
        detail: { meetingId: meeting.id, tasks: rows.length, adoptedVoteId: draft.adoptedVoteId },
      }),
    ]),
    () => conflict("Có người vừa tạo dự thảo, hãy tải lại / Someone just created the draft; reload"),
  );
}

/**
 * Issues the draft: one UPDATE takes the branch's next number for the year, so two issues at once never share a
 * number (D1 runs statements one at a time, and the unique index would refuse a duplicate anyway). The year is the
 * meeting's, on Vietnam's clock. Next meetings already planned open with the review of its tasks.
 */
export async function issueResolution(db: Db, tenantId: string, actorId: string, meeting: MeetingRow) {
  const existing = await rowOf(db, tenantId, meeting.id);
  if (!existing) throw conflict("Chưa có dự thảo nghị quyết / There is no draft to issue");
  if (existing.status === "issued") throw conflict(ISSUED);
  const year = vnWallTime(meeting.startedAt ?? meeting.scheduledAt).year;
  const hasTasks = await db
    .select({ id: resolutionTasks.id })
    .from(resolutionTasks)
    .where(and(eq(resolutionTasks.tenantId, tenantId), eq(resolutionTasks.resolutionId, existing.id)))
    .limit(1)
    .get();
  const followUp = hasTasks
    ? await addReviewItemStatements(db, tenantId, meeting.organizationId, meeting.scheduledAt)
    : [];
  const [issued] = await unlessUnique(
    db.batch([
      db
        .update(resolutions)
        .set({
          status: "issued",
          year,
          number: sql`(select coalesce(max(r2.number), 0) + 1 from ${resolutions} r2 where r2.tenant_id = ${tenantId} and r2.organization_id = ${meeting.organizationId} and r2.year = ${year})`,
          issuedBy: actorId,
          issuedAt: nowIso(),
        })
        .where(
          and(eq(resolutions.tenantId, tenantId), eq(resolutions.id, existing.id), eq(resolutions.status, "draft")),
        )
        .returning({ number: resolutions.number }),
      ...followUp,
      auditInsert(db, {
        tenantId,
        personId: actorId,
        action: "issue",
        entity: "resolution",
        entityId: existing.id,
        detail: { meetingId: meeting.id, year },
      }),
    ]),
    () => conflict("Số nghị quyết vừa được dùng, hãy thử lại / That number was just taken; try again"),
  );
  if (issued.length === 0) throw conflict(ISSUED);
}
