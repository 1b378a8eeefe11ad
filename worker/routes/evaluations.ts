import { Hono } from "hono";
import { z } from "zod";
import { evaluationListQuerySchema, resolvePeriod } from "../../schema/api/reports";
import { vnDayBounds, vnToday } from "../../schema/calendar";
import { idSchema } from "../../schema/ids";
import {
  confirmEvaluation,
  findEvaluation,
  getMeetingGrades,
  listMeetingGrades,
  unconfirmEvaluation,
} from "../data/grade-review";
import { loadScope, unitsUnder } from "../data/reports/engine";
import type { AppEnv } from "../env";
import { conflict, forbidden, notFound } from "../lib/api-error";
import { valid } from "../lib/validate";
import { assertRole, isStaff } from "../middleware/tenant";

const meetingParam = z.object({ meetingId: idSchema });
const evaluationParam = z.object({ evaluationId: idSchema });

/** Grade review: staff read the evaluations the room recorded; admins and organizers confirm one per meeting. */
export const evaluationsRoutes = new Hono<AppEnv>()
  .get("/", valid("query", evaluationListQuerySchema), async (c) => {
    if (!isStaff(c.var.access)) throw forbidden();
    const q = c.req.valid("query");
    const { tenantId } = c.var.access;
    const period = resolvePeriod(q, vnToday());
    const { fromUtc, toUtc } = vnDayBounds(period.from, period.to);
    let organizationIds: Set<string> | undefined;
    if (q.organizationId) {
      const scope = await loadScope(c.var.db, tenantId, q.organizationId);
      organizationIds = new Set(unitsUnder(scope.node!).map((u) => u.id));
    }
    const items = await listMeetingGrades(c.var.db, tenantId, { fromUtc, toUtc, organizationIds, state: q.state });
    return c.json({ period, items });
  })
  .get("/meetings/:meetingId", valid("param", meetingParam), async (c) => {
    if (!isStaff(c.var.access)) throw forbidden();
    const view = await getMeetingGrades(c.var.db, c.var.access.tenantId, c.req.valid("param").meetingId);
    if (!view) throw notFound("Meeting");
    return c.json(view);
  })
  .post("/:evaluationId/confirm", valid("param", evaluationParam), async (c) => {
    assertRole(c.var.access, ["admin", "organizer"]);
    const { tenantId } = c.var.access;
    const e = await findEvaluation(c.var.db, tenantId, c.req.valid("param").evaluationId);
    if (!e) throw notFound("Evaluation");
    if (e.meetingStatus !== "closed") throw conflict("Cuộc họp chưa kết thúc / The meeting has not closed yet");
    await confirmEvaluation(c.var.db, tenantId, e, c.var.session.personId);
    return c.json((await getMeetingGrades(c.var.db, tenantId, e.meetingId))!);
  })
  .post("/:evaluationId/unconfirm", valid("param", evaluationParam), async (c) => {
    assertRole(c.var.access, ["admin", "organizer"]);
    const { tenantId } = c.var.access;
    const e = await findEvaluation(c.var.db, tenantId, c.req.valid("param").evaluationId);
    if (!e) throw notFound("Evaluation");
    await unconfirmEvaluation(c.var.db, tenantId, e, c.var.session.personId);
    return c.json((await getMeetingGrades(c.var.db, tenantId, e.meetingId))!);
  });
