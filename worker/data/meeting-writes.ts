/** Writes to meetings: create, plan a year, edit, cancel. Scoped by tenant, each with its audit row. */
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import {
  type cancelMeetingSchema,
  combinedNeedsThematic,
  type createMeetingSchema,
  type MeetingKind,
  mediaIssue,
  type planYearSchema,
  type UpdateMeeting,
} from "../../schema/api/meetings";
import { agendaItems, meetings } from "../../schema/db/tables";
import { meetingTemplate } from "../../schema/meeting-template";
import type { Db } from "../env";
import { badRequest } from "../lib/api-error";
import { auditInsert } from "../lib/audit";
import { newId } from "../lib/ids";
import { branchMemberIds, type MeetingRow } from "./meetings";
import { firstOpenTaskAt, taskReviewItem } from "./task-reviews";

/** Chair, minutes-taker and presenters must be members of the branch. */
async function assertMembers(
  db: Db,
  tenantId: string,
  organizationId: string,
  refs: Record<string, string | null | undefined>,
) {
  const ids = [...new Set(Object.values(refs).filter((v): v is string => !!v))];
  const found = await branchMemberIds(db, tenantId, organizationId, ids);
  const issues = Object.entries(refs)
    .filter(([, id]) => id && !found.has(id))
    .map(([path]) => ({ path, message: "not a member of the branch" }));
  if (issues.length)
    throw badRequest(
      "Người được chọn không phải đảng viên của chi bộ / The person chosen is not a member of the branch",
      issues,
    );
}

/** Plans one meeting with its agenda (given, or the kind's template); answers its id. */
export async function createMeeting(
  db: Db,
  tenantId: string,
  actorId: string,
  body: z.output<typeof createMeetingSchema>,
): Promise<string> {
  const agenda = body.template
    ? meetingTemplate(body.kind).map((t) => ({ ...t, presenterPersonId: null }))
    : (body.agenda ?? []);
  await assertMembers(db, tenantId, body.organizationId, {
    chairPersonId: body.chairPersonId,
    minutesTakerPersonId: body.minutesTakerPersonId,
    ...Object.fromEntries(agenda.map((a, i) => [`agenda.${i}.presenterPersonId`, a.presenterPersonId])),
  });
  const id = newId();
  const scheduledAt = new Date(body.scheduledAt).toISOString();
  // A branch with open tasks from an issued resolution opens its next meeting by reviewing them.
  const openSince = await firstOpenTaskAt(db, tenantId, body.organizationId);
  const review = openSince !== null && openSince < scheduledAt;
  const first = review ? 2 : 1;
  await db.batch([
    db.insert(meetings).values({
      id,
      tenantId,
      organizationId: body.organizationId,
      kind: body.kind,
      topic: body.topic,
      scheduledAt,
      place: body.place,
      format: body.format,
      onlineBasis: body.format === "online" ? (body.onlineBasis ?? null) : null,
      chairPersonId: body.chairPersonId ?? null,
      minutesTakerPersonId: body.minutesTakerPersonId ?? null,
      combined: body.combined,
      mediaMode: body.mediaMode,
      mediaLink: body.mediaMode === "external" ? (body.mediaLink ?? null) : null,
    }),
    ...(review ? [db.insert(agendaItems).values(taskReviewItem(tenantId, id))] : []),
    ...agenda.map((a, i) =>
      db.insert(agendaItems).values({
        id: newId(),
        tenantId,
        meetingId: id,
        position: i + first,
        title: a.title,
        minutesBudget: a.minutesBudget,
        presenterPersonId: a.presenterPersonId ?? null,
      }),
    ),
    auditInsert(db, {
      tenantId,
      personId: actorId,
      action: "create",
      entity: "meeting",
      entityId: id,
      detail: body,
    }),
  ]);
  return id;
}

export interface PlannedMeeting {
  kind: MeetingKind;
  scheduledAt: string;
  topic: string;
}

/** Writes a year's plan: each meeting with its kind's usual agenda, and one audit row; answers the new ids. */
export async function insertPlannedMeetings(
  db: Db,
  tenantId: string,
  actorId: string,
  body: z.output<typeof planYearSchema>,
  planned: PlannedMeeting[],
  skipped: string[],
): Promise<string[]> {
  const ids = planned.map(() => newId());
  const openSince = await firstOpenTaskAt(db, tenantId, body.organizationId);
  const reviews = planned.map((p) => openSince !== null && openSince < p.scheduledAt);
  const stmts = planned.flatMap((p, i) => {
    const meetingId = ids[i]!;
    const insert = db.insert(meetings).values({
      id: meetingId,
      tenantId,
      organizationId: body.organizationId,
      kind: p.kind,
      topic: p.topic,
      scheduledAt: p.scheduledAt,
      place: body.place,
    });
    // Each meeting starts from its kind's usual order (schema/meeting-template.ts), ready to edit.
    const review = reviews[i] ? [taskReviewItem(tenantId, meetingId)] : [];
    const agenda = meetingTemplate(p.kind).map((t, position) => ({
      id: newId(),
      tenantId,
      meetingId,
      position: position + 1 + review.length,
      title: t.title,
      minutesBudget: t.minutesBudget,
      kind: "item" as const,
    }));
    return [insert, db.insert(agendaItems).values([...review, ...agenda])];
  });
  const audit = auditInsert(db, {
    tenantId,
    personId: actorId,
    action: "plan_year",
    entity: "meeting",
    entityId: body.organizationId,
    detail: { ...body, created: ids, skipped },
  });
  await db.batch([audit, ...stmts]);
  return ids;
}

/** Edits a planned meeting; the merged meeting must still be valid (online needs a basis, combined a thematic). */
export async function updateMeeting(db: Db, tenantId: string, actorId: string, row: MeetingRow, body: UpdateMeeting) {
  const format = body.format ?? row.format;
  const onlineBasis = body.onlineBasis !== undefined ? body.onlineBasis : row.onlineBasis;
  if (format === "online" && !onlineBasis) {
    throw badRequest("Họp trực tuyến cần nêu căn cứ / An online meeting needs its basis", [
      { path: "onlineBasis", message: "required for online" },
    ]);
  }
  // Turning a combined meeting into a regular one drops the combination; asking for both is refused.
  const kind = body.kind ?? row.kind;
  if (body.combined && kind !== "thematic")
    throw badRequest(combinedNeedsThematic, [{ path: "combined", message: "kind is not thematic" }]);
  // Switching away from an external call drops its link; switching to one needs a link, given now or kept.
  const mediaMode = body.mediaMode ?? row.mediaMode;
  const mediaLink = body.mediaLink !== undefined ? body.mediaLink : mediaMode === "external" ? row.mediaLink : null;
  const media = mediaIssue(mediaMode, mediaLink);
  if (media) throw badRequest(media, [{ path: "mediaLink", message: media }]);
  await assertMembers(db, tenantId, row.organizationId, {
    chairPersonId: body.chairPersonId,
    minutesTakerPersonId: body.minutesTakerPersonId,
  });
  const set = {
    ...body,
    mediaMode,
    mediaLink,
    ...(kind !== "thematic" ? { combined: false } : {}),
    ...(body.scheduledAt ? { scheduledAt: new Date(body.scheduledAt).toISOString() } : {}),
    onlineBasis: format === "online" ? onlineBasis : null,
  };
  await db.batch([
    db
      .update(meetings)
      .set(set)
      .where(and(eq(meetings.tenantId, tenantId), eq(meetings.id, row.id))),
    auditInsert(db, {
      tenantId,
      personId: actorId,
      action: "update",
      entity: "meeting",
      entityId: row.id,
      detail: body,
    }),
  ]);
}

export async function cancelMeeting(
  db: Db,
  tenantId: string,
  actorId: string,
  meetingId: string,
  { reason }: z.output<typeof cancelMeetingSchema>,
) {
  await db.batch([
    db
      .update(meetings)
      .set({ status: "cancelled", cancelReason: reason })
      .where(and(eq(meetings.tenantId, tenantId), eq(meetings.id, meetingId))),
    auditInsert(db, {
      tenantId,
      personId: actorId,
      action: "cancel",
      entity: "meeting",
      entityId: meetingId,
      detail: { reason },
    }),
  ]);
}
