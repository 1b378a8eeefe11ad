import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { resolvePeriod } from "../../schema/api/reports";
import { createVisitSchema, moveVisitSchema, updateVisitSchema, visitListQuerySchema } from "../../schema/api/visits";
import { vnMonth, vnMonthBounds, vnToday } from "../../schema/calendar";
import { visitPlans } from "../../schema/db/tables";
import { idSchema } from "../../schema/ids";
import { loadScope, unitsUnder } from "../data/reports/engine";
import {
  closeVisitLoop,
  findDuplicate,
  findMeeting,
  findOrganization,
  findPerson,
  getVisit,
  inviteLeader,
  leaderOptions,
  listVisits,
  nextMeeting,
} from "../data/visits";
import type { AppEnv } from "../env";
import { badRequest, conflict, forbidden, notFound } from "../lib/api-error";
import { auditInsert } from "../lib/audit";
import { newId } from "../lib/ids";
import { valid } from "../lib/validate";
import { assertRole, isStaff } from "../middleware/tenant";

const idParam = z.object({ id: idSchema });

/**
 * Leaders' visit plans. Staff read all; a visiting leader with no tenant role reads only their own.
 * Admins and organizers register, correct, move and delete plans.
 */
export const visitsRoutes = new Hono<AppEnv>()
  .get("/leaders", async (c) => {
    if (!isStaff(c.var.access)) throw forbidden();
    return c.json({ items: await leaderOptions(c.var.db, c.var.access.tenantId) });
  })
  .get("/", valid("query", visitListQuerySchema), async (c) => {
    const q = c.req.valid("query");
    const { tenantId } = c.var.access;
    const period = resolvePeriod(q, vnToday());
    let organizationIds: string[] | undefined;
    if (q.organizationId) {
      const scope = await loadScope(c.var.db, tenantId, q.organizationId);
      organizationIds = unitsUnder(scope.node!).map((u) => u.id);
    }
    await closeVisitLoop(c.env.DB, tenantId);
    const items = await listVisits(c.var.db, tenantId, {
      fromMonth: period.months[0]!,
      toMonth: period.months[period.months.length - 1]!,
      leaderPersonId: isStaff(c.var.access) ? q.leaderPersonId : c.var.session.personId,
      organizationIds,
      status: q.status,
    });
    return c.json({ period, items });
  })
  .post("/", valid("json", createVisitSchema), async (c) => {
    assertRole(c.var.access, ["admin", "organizer"]);
    const body = c.req.valid("json");
    const { tenantId } = c.var.access;
    const db = c.var.db;
    const leader = await findPerson(db, { id: body.leaderPersonId, email: body.leaderEmail });
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
    const personId = c.var.session.personId;
    await db.batch([
      db.insert(visitPlans).values({
        id,
        tenantId,
        leaderPersonId: leader.id,
        organizationId: org.id,
        month: body.month,
        meetingId: body.meetingId ?? null,
        notes: body.notes,
        createdBy: personId,
      }),
      ...(body.meetingId ? [inviteLeader(db, tenantId, body.meetingId, leader.id)] : []),
      auditInsert(db, {
        tenantId,
        personId,
        action: "create",
        entity: "visit_plan",
        entityId: id,
        detail: { leader: leader.id, org: org.id, month: body.month },
      }),
    ]);
    await closeVisitLoop(c.env.DB, tenantId);
    return c.json((await getVisit(db, tenantId, id))!, 201);
  })
  .get("/:id", valid("param", idParam), async (c) => {
    const { tenantId } = c.var.access;
    await closeVisitLoop(c.env.DB, tenantId);
    const v = await getVisit(c.var.db, tenantId, c.req.valid("param").id);
    // Someone else's plan is as invisible to a leader as another tenant's.
    if (!v || (!isStaff(c.var.access) && v.leaderPersonId !== c.var.session.personId)) throw notFound("Visit plan");
    return c.json(v);
  })
  .patch("/:id", valid("param", idParam), valid("json", updateVisitSchema), async (c) => {
    assertRole(c.var.access, ["admin", "organizer"]);
    const { tenantId } = c.var.access;
    const db = c.var.db;
    const id = c.req.valid("param").id;
    const body = c.req.valid("json");
    const v = await getVisit(db, tenantId, id);
    if (!v) throw notFound("Visit plan");
    if (v.status === "moved") throw conflict("Lượt này đã dời sang cuộc họp khác / This plan was moved");
    if (body.meetingId) {
      const m = await findMeeting(db, tenantId, body.meetingId);
      if (!m) throw notFound("Meeting");
      if (m.organizationId !== v.organizationId)
        throw badRequest("Cuộc họp không thuộc chi bộ này / Meeting of another branch");
    }
    const personId = c.var.session.personId;
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
      auditInsert(db, { tenantId, personId, action: "update", entity: "visit_plan", entityId: id, detail: body }),
    ]);
    return c.json((await getVisit(db, tenantId, id))!);
  })
  .post("/:id/move", valid("param", idParam), valid("json", moveVisitSchema), async (c) => {
    assertRole(c.var.access, ["admin", "organizer"]);
    const { tenantId } = c.var.access;
    const db = c.var.db;
    const id = c.req.valid("param").id;
    const body = c.req.valid("json");
    await closeVisitLoop(c.env.DB, tenantId);
    const v = await getVisit(db, tenantId, id);
    if (!v) throw notFound("Visit plan");
    if (v.status !== "missed") throw conflict("Chỉ dời được lượt đã không dự / Only a missed visit can be moved");
    const after = v.meetingScheduledAt ?? vnMonthBounds(v.month).toUtc;
    let target;
    if (body.meetingId) {
      target = await findMeeting(db, tenantId, body.meetingId);
      if (!target) throw notFound("Meeting");
      if (target.organizationId !== v.organizationId)
        throw badRequest("Cuộc họp không thuộc chi bộ này / Meeting of another branch");
      if (target.status !== "planned" && target.status !== "live")
        throw conflict("Cuộc họp đã kết thúc hoặc bị hủy / Meeting closed or cancelled");
      if (target.scheduledAt <= after) throw badRequest("Phải dời sang cuộc họp sau / Move to a later meeting");
    } else {
      target = await nextMeeting(db, tenantId, v.organizationId, after);
      if (!target) throw conflict("Chi bộ chưa có cuộc họp tiếp theo / The branch has no next meeting scheduled");
    }
    const month = vnMonth(target.scheduledAt);
    if (await findDuplicate(db, tenantId, v.leaderPersonId, v.organizationId, month)) {
      throw conflict("Lãnh đạo này đã được đăng ký dự chi bộ trong tháng đó / Already planned that month");
    }
    const newPlanId = newId();
    const personId = c.var.session.personId;
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
        createdBy: personId,
      }),
      inviteLeader(db, tenantId, target.id, v.leaderPersonId),
      auditInsert(db, {
        tenantId,
        personId,
        action: "move",
        entity: "visit_plan",
        entityId: id,
        detail: { to: newPlanId, meetingId: target.id },
      }),
    ]);
    return c.json(
      { moved: (await getVisit(db, tenantId, id))!, plan: (await getVisit(db, tenantId, newPlanId))! },
      201,
    );
  })
  .delete("/:id", valid("param", idParam), async (c) => {
    assertRole(c.var.access, ["admin", "organizer"]);
    const { tenantId } = c.var.access;
    const db = c.var.db;
    const id = c.req.valid("param").id;
    const v = await getVisit(db, tenantId, id);
    if (!v) throw notFound("Visit plan");
    if (v.status !== "planned")
      throw conflict("Chỉ xóa được lượt chưa diễn ra / Only a plan still ahead can be deleted");
    await db.batch([
      db.delete(visitPlans).where(and(eq(visitPlans.tenantId, tenantId), eq(visitPlans.id, id))),
      auditInsert(db, {
        tenantId,
        personId: c.var.session.personId,
        action: "delete",
        entity: "visit_plan",
        entityId: id,
      }),
    ]);
    return c.json({ ok: true });
  });
