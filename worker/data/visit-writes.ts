/** Writes to leaders' visit plans: register, correct, move a missed visit, delete. Scoped by tenant, audited. */
import { and, eq } from "drizzle-orm";
import type { CreateVisit, MoveVisit, UpdateVisit, VisitView } from "../../schema/api/visits";
import { vnMonth, vnMonthBounds } from "../../schema/calendar";
import { visitPlans } from "../../schema/db/tables";
import type { Db } from "../env";
import { badRequest, conflict, notFound } from "../lib/api-error";
import { auditInsert } from "../lib/audit";
import { newId } from "../lib/ids";
import { findLeader } from "./leader-pool";
import { findDuplicate, findMeeting, findOrganization, getVisit, inviteLeader, nextMeeting } from "./visits";

/** Registers a leader's visit to a branch in a month (and to a meeting of that month, if named); answers its id. */
export async function createVisit(db: Db, tenantId: string, actorId: string, body: CreateVisit): Promise<string> {
  const leader = await findLeader(db, tenantId, { id: body.leaderPersonId, email: body.leaderEmail });
  if (!leader) throw notFound("Leader");
  const org = await findOrganization(db, tenantId, body.organizationId);
  if (!org) throw notFound("Organization");
  if (org.kind === "grassroots_committee")
    throw badRequest("Chỉ đăng ký dự sinh hoạt ở chi bộ / Plans are for branches");
  if (body.meetingId) {
    const m = await findMeeting(db, tenantId, body.meetingId);
    if (!m) throw notFound("Meeting");
    if (m.organizationId !== org.id) throw badRequest("Cuộc họp không thuộc chi bộ này / Meeting of another branch");
    if (vnMonth(m.scheduledAt) !== body.month)
      throw badRequest("Cuộc họp không ở tháng đã chọn / Meeting not in that month");
  }
  if (await findDuplicate(db, tenantId, leader.id, org.id, body.month)) {
    throw conflict("Lãnh đạo này đã được đăng ký dự chi bộ trong tháng này / Already planned");
  }
  const id = newId();
  await db.batch([
    db.insert(visitPlans).values({
      id,
      tenantId,
      leaderPersonId: leader.id,
      organizationId: org.id,
      month: body.month,
      meetingId: body.meetingId ?? null,
      notes: body.notes,
      createdBy: actorId,
    }),
    ...(body.meetingId ? [inviteLeader(db, tenantId, body.meetingId, leader.id)] : []),
    auditInsert(db, {
      tenantId,
      personId: actorId,
      action: "create",
      entity: "visit_plan",
      entityId: id,
      detail: { leader: leader.id, org: org.id, month: body.month },
    }),
  ]);
  return id;
}

/** Corrects notes, meeting or status of a plan that has not been moved away. */
export async function updateVisit(db: Db, tenantId: string, actorId: string, id: string, body: UpdateVisit) {
  const v = await getVisit(db, tenantId, id);
  if (!v) throw notFound("Visit plan");
  if (v.status === "moved") throw conflict("Lượt này đã dời sang cuộc họp khác / This plan was moved");
  if (body.meetingId) {
    const m = await findMeeting(db, tenantId, body.meetingId);
    if (!m) throw notFound("Meeting");
    if (m.organizationId !== v.organizationId)
      throw badRequest("Cuộc họp không thuộc chi bộ này / Meeting of another branch");
  }
  await db.batch([
    db
      .update(visitPlans)
      .set({
        ...(body.notes !== undefined ? { notes: body.notes } : {}),
        ...(body.meetingId !== undefined ? { meetingId: body.meetingId } : {}),
        ...(body.status !== undefined ? { status: body.status } : {}),
      })
      .where(and(eq(visitPlans.tenantId, tenantId), eq(visitPlans.id, id))),
    ...(body.meetingId ? [inviteLeader(db, tenantId, body.meetingId, v.leaderPersonId)] : []),
    auditInsert(db, {
      tenantId,
      personId: actorId,
      action: "update",
      entity: "visit_plan",
      entityId: id,
      detail: body,
    }),
  ]);
}

/** The meeting a missed visit moves to: the one named (a later, still open meeting of the branch) or the next one. */
async function moveTarget(db: Db, tenantId: string, v: VisitView, meetingId: string | undefined) {
  const after = v.meetingScheduledAt ?? vnMonthBounds(v.month).toUtc;
  if (!meetingId) {
    const next = await nextMeeting(db, tenantId, v.organizationId, after);
    if (!next) throw conflict("Chi bộ chưa có cuộc họp tiếp theo / The branch has no next meeting scheduled");
    return next;
  }
  const target = await findMeeting(db, tenantId, meetingId);
  if (!target) throw notFound("Meeting");
  if (target.organizationId !== v.organizationId)
    throw badRequest("Cuộc họp không thuộc chi bộ này / Meeting of another branch");
  if (target.status !== "planned" && target.status !== "live")
    throw conflict("Cuộc họp đã kết thúc hoặc bị hủy / Meeting closed or cancelled");
  if (target.scheduledAt <= after) throw badRequest("Phải dời sang cuộc họp sau / Move to a later meeting");
  return target;
}

/** Moves a missed visit to a later meeting: the plan is marked moved and a new plan takes its place; answers its id. */
export async function moveVisit(db: Db, tenantId: string, actorId: string, id: string, body: MoveVisit) {
  const v = await getVisit(db, tenantId, id);
  if (!v) throw notFound("Visit plan");
  if (v.status !== "missed") throw conflict("Chỉ dời được lượt đã không dự / Only a missed visit can be moved");
  const target = await moveTarget(db, tenantId, v, body.meetingId);
  const month = vnMonth(target.scheduledAt);
  if (await findDuplicate(db, tenantId, v.leaderPersonId, v.organizationId, month)) {
    throw conflict("Lãnh đạo này đã được đăng ký dự chi bộ trong tháng đó / Already planned that month");
  }
  const newPlanId = newId();
  await db.batch([
    db
      .update(visitPlans)
      .set({ status: "moved", movedToMeetingId: target.id })
      .where(and(eq(visitPlans.tenantId, tenantId), eq(visitPlans.id, id))),
    db.insert(visitPlans).values({
      id: newPlanId,
      tenantId,
      leaderPersonId: v.leaderPersonId,
      organizationId: v.organizationId,
      month,
      meetingId: target.id,
      movedFromPlanId: id,
      notes: body.notes ?? v.notes,
      createdBy: actorId,
    }),
    inviteLeader(db, tenantId, target.id, v.leaderPersonId),
    auditInsert(db, {
      tenantId,
      personId: actorId,
      action: "move",
      entity: "visit_plan",
      entityId: id,
      detail: { to: newPlanId, meetingId: target.id },
    }),
  ]);
  return newPlanId;
}

/** Deletes a plan still ahead (planned); one attended, missed or moved stays on the record. */
export async function deleteVisit(db: Db, tenantId: string, actorId: string, id: string) {
  const v = await getVisit(db, tenantId, id);
  if (!v) throw notFound("Visit plan");
  if (v.status !== "planned") throw conflict("Chỉ xóa được lượt chưa diễn ra / Only a plan still ahead can be deleted");
  await db.batch([
    db.delete(visitPlans).where(and(eq(visitPlans.tenantId, tenantId), eq(visitPlans.id, id))),
    auditInsert(db, { tenantId, personId: actorId, action: "delete", entity: "visit_plan", entityId: id }),
  ]);
}
