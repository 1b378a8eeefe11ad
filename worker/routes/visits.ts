import { Hono } from "hono";
import { z } from "zod";
import { resolvePeriod } from "../../schema/api/reports";
import { createVisitSchema, moveVisitSchema, updateVisitSchema, visitListQuerySchema } from "../../schema/api/visits";
import { vnToday } from "../../schema/calendar";
import { idSchema } from "../../schema/ids";
import { loadScope, unitsUnder } from "../data/reports/engine";
import { createVisit, deleteVisit, moveVisit, updateVisit } from "../data/visit-writes";
import { closeVisitLoop, getVisit, leaderOptions, listVisits } from "../data/visits";
import type { AppEnv } from "../env";
import { forbidden, notFound } from "../lib/api-error";
import { valid } from "../lib/validate";
import { assertMayPlanVisits, isStaff } from "../middleware/tenant";

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
    await closeVisitLoop(c.var.d1, tenantId);
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
    assertMayPlanVisits(c.var.access);
    const body = c.req.valid("json");
    const { tenantId } = c.var.access;
    const db = c.var.db;
    const id = await createVisit(db, tenantId, c.var.session.personId, body);
    await closeVisitLoop(c.var.d1, tenantId);
    return c.json((await getVisit(db, tenantId, id))!, 201);
  })
  .get("/:id", valid("param", idParam), async (c) => {
    const { tenantId } = c.var.access;
    await closeVisitLoop(c.var.d1, tenantId);
    const v = await getVisit(c.var.db, tenantId, c.req.valid("param").id);
    // Someone else's plan is as invisible to a leader as another tenant's.
    if (!v || (!isStaff(c.var.access) && v.leaderPersonId !== c.var.session.personId)) throw notFound("Visit plan");
    return c.json(v);
  })
  .patch("/:id", valid("param", idParam), valid("json", updateVisitSchema), async (c) => {
    assertMayPlanVisits(c.var.access);
    const { tenantId } = c.var.access;
    const db = c.var.db;
    const id = c.req.valid("param").id;
    const body = c.req.valid("json");
    await updateVisit(db, tenantId, c.var.session.personId, id, body);
    return c.json((await getVisit(db, tenantId, id))!);
  })
  .post("/:id/move", valid("param", idParam), valid("json", moveVisitSchema), async (c) => {
    assertMayPlanVisits(c.var.access);
    const { tenantId } = c.var.access;
    const db = c.var.db;
    const id = c.req.valid("param").id;
    const body = c.req.valid("json");
    await closeVisitLoop(c.var.d1, tenantId);
    const newPlanId = await moveVisit(db, tenantId, c.var.session.personId, id, body);
    return c.json(
      { moved: (await getVisit(db, tenantId, id))!, plan: (await getVisit(db, tenantId, newPlanId))! },
      201,
    );
  })
  .delete("/:id", valid("param", idParam), async (c) => {
    assertMayPlanVisits(c.var.access);
    const { tenantId } = c.var.access;
    const db = c.var.db;
    const id = c.req.valid("param").id;
    await deleteVisit(db, tenantId, c.var.session.personId, id);
    return c.json({ ok: true });
  });
