import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import {
  cancelMeetingSchema,
  combinedNeedsThematic,
  createMeetingSchema,
  listMeetingsQuerySchema,
  type PlanYearResult,
  planYearSchema,
  updateMeetingSchema,
} from "../../schema/api/meetings";
import { MEETING_KINDS } from "../../schema/api/organizations";
import { daysInMonth, quarterOf, vnMonth, vnToUtc } from "../../schema/calendar";
import { agendaItems, meetings } from "../../schema/db/tables";
import { defaultMeetingTopic, meetingTemplate } from "../../schema/meeting-template";
import {
  branchMemberIds,
  branchYearMeetings,
  canPlanFor,
  getMeeting,
  getMeetingDetail,
  getOrganizationForMeetings,
  listMeetings,
} from "../data/meetings";
import { meetingForRead, meetingForWrite } from "../data/meetings-access";
import { closeVisitLoop } from "../data/visits";
import type { AppEnv, Db } from "../env";
import { badRequest, forbidden, notFound } from "../lib/api-error";
import { auditInsert } from "../lib/audit";
import { newId } from "../lib/ids";
import { valid } from "../lib/validate";
import { meetingAgendaRoutes } from "./meeting-agenda";
import { meetingDocumentsRoutes } from "./meeting-documents";
import { meetingGuestsRoutes } from "./meeting-guests";
import { meetingMinutesRoutes } from "./meeting-minutes";

/** A branch the caller may plan for: 404 if unknown, 400 if it does not meet, 403 if not theirs. */
async function plannableBranch(db: Db, access: AppEnv["Variables"]["access"], organizationId: string) {
  const org = await getOrganizationForMeetings(db, access.tenantId, organizationId);
  if (!org) throw notFound("Organization");
  if (!canPlanFor(access, org.id)) throw forbidden();
  if (!MEETING_KINDS.includes(org.kind)) {
    throw badRequest("Đảng bộ không họp như chi bộ / Only branches hold meetings", [
      { path: "organizationId", message: "not a branch" },
    ]);
  }
  return org;
}

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

/**
 * Leaders' visit plans registered before the meeting existed are linked to it (and the leader invited as a
 * guest) now, not at the next read of the plans: the leader sees the meeting in their list straight away.
 */
const linkVisitPlans = (d1: D1Database, tenantId: string) => closeVisitLoop(d1, tenantId);

export const meetingsRoutes = new Hono<AppEnv>()
  .get("/", valid("query", listMeetingsQuerySchema), async (c) => {
    const { access, db } = c.var;
    return c.json(await listMeetings(db, access.tenantId, access, c.req.valid("query")));
  })
  .post("/", valid("json", createMeetingSchema), async (c) => {
    const { access, db, session } = c.var;
    const body = c.req.valid("json");
    const tenantId = access.tenantId;
    await plannableBranch(db, access, body.organizationId);
    const agenda = body.template
      ? meetingTemplate(body.kind).map((t) => ({ ...t, presenterPersonId: null }))
      : (body.agenda ?? []);
    await assertMembers(db, tenantId, body.organizationId, {
      chairPersonId: body.chairPersonId,
      minutesTakerPersonId: body.minutesTakerPersonId,
      ...Object.fromEntries(agenda.map((a, i) => [`agenda.${i}.presenterPersonId`, a.presenterPersonId])),
    });
    const id = newId();
    await db.batch([
      db.insert(meetings).values({
        id,
        tenantId,
        organizationId: body.organizationId,
        kind: body.kind,
        topic: body.topic,
        scheduledAt: new Date(body.scheduledAt).toISOString(),
        place: body.place,
        format: body.format,
        onlineBasis: body.format === "online" ? (body.onlineBasis ?? null) : null,
        chairPersonId: body.chairPersonId ?? null,
        minutesTakerPersonId: body.minutesTakerPersonId ?? null,
        combined: body.combined,
      }),
      ...agenda.map((a, i) =>
        db
          .insert(agendaItems)
          .values({
            id: newId(),
            tenantId,
            meetingId: id,
            position: i + 1,
            title: a.title,
            minutesBudget: a.minutesBudget,
            presenterPersonId: a.presenterPersonId ?? null,
          }),
      ),
      auditInsert(db, {
        tenantId,
        personId: session.personId,
        action: "create",
        entity: "meeting",
        entityId: id,
        detail: body,
      }),
    ]);
    await linkVisitPlans(c.env.DB, tenantId);
    return c.json((await getMeetingDetail(db, tenantId, id))!, 201);
  })
  .post("/plan-year", valid("json", planYearSchema), async (c) => {
    const { access, db, session } = c.var;
    const body = c.req.valid("json");
    const tenantId = access.tenantId;
    await plannableBranch(db, access, body.organizationId);
    const existing = await branchYearMeetings(db, tenantId, body.organizationId, body.year);
    const regularMonths = new Set(existing.filter((m) => m.kind === "regular").map((m) => vnMonth(m.scheduledAt)));
    const thematicQuarters = new Set(
      existing.filter((m) => m.kind === "thematic").map((m) => quarterOf(vnMonth(m.scheduledAt))),
    );
    const [hh, mi] = body.time.split(":").map(Number) as [number, number];
    const planned: { kind: "regular" | "thematic"; scheduledAt: string; topic: string }[] = [];
    const skipped: string[] = [];
    for (let m = 1; m <= 12; m++) {
      const key = `${body.year}-${String(m).padStart(2, "0")}`;
      if (regularMonths.has(key)) skipped.push(key);
      else
        planned.push({
          kind: "regular",
          scheduledAt: vnToUtc(body.year, m, Math.min(body.dayOfMonth, daysInMonth(body.year, m)), hh, mi),
          topic: body.topic ?? defaultMeetingTopic("regular", body.year, m),
        });
    }
    if (body.withThematic) {
      for (let q = 1; q <= 4; q++) {
        if (thematicQuarters.has(q)) {
          skipped.push(`${body.year}-Q${q}`);
          continue;
        }
        const m = q * 3 - 1;
        // A week after the quarter's second regular meeting, kept inside that month.
        const day = Math.min(body.dayOfMonth + 7, daysInMonth(body.year, m));
        planned.push({
          kind: "thematic",
          scheduledAt: vnToUtc(body.year, m, day, hh, mi),
          topic: defaultMeetingTopic("thematic", body.year, m),
        });
      }
    }
    const ids = planned.map(() => newId());
    const stmts = planned.flatMap((p, i) => {
      const meetingId = ids[i]!;
      const insert = db
        .insert(meetings)
        .values({
          id: meetingId,
          tenantId,
          organizationId: body.organizationId,
          kind: p.kind,
          topic: p.topic,
          scheduledAt: p.scheduledAt,
          place: body.place,
        });
      // Each meeting starts from its kind's usual order (schema/meeting-template.ts), ready to edit.
      const agenda = meetingTemplate(p.kind).map((t, position) => ({
        id: newId(),
        tenantId,
        meetingId,
        position: position + 1,
        title: t.title,
        minutesBudget: t.minutesBudget,
      }));
      return [insert, db.insert(agendaItems).values(agenda)];
    });
    const audit = auditInsert(db, {
      tenantId,
      personId: session.personId,
      action: "plan_year",
      entity: "meeting",
      entityId: body.organizationId,
      detail: { ...body, created: ids, skipped },
    });
    await db.batch([audit, ...stmts]);
    if (ids.length) await linkVisitPlans(c.env.DB, tenantId);
    const year = { from: `${body.year}-01-01`, to: `${body.year}-12-31` };
    const created = (
      await listMeetings(db, tenantId, access, { organizationId: body.organizationId, ...year, page: 1, pageSize: 500 })
    ).items.filter((m) => ids.includes(m.id));
    const result: PlanYearResult = { created, skipped };
    return c.json(result, ids.length ? 201 : 200);
  })
  .get("/:meetingId", async (c) => {
    const { access, db } = c.var;
    const row = await meetingForRead(db, access, c.req.param("meetingId"));
    return c.json((await getMeetingDetail(db, access.tenantId, row.id))!);
  })
  .patch("/:meetingId", valid("json", updateMeetingSchema), async (c) => {
    const { access, db, session } = c.var;
    const tenantId = access.tenantId;
    const row = await meetingForWrite(db, access, c.req.param("meetingId"), ["planned"]);
    const body = c.req.valid("json");
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
    await assertMembers(db, tenantId, row.organizationId, {
      chairPersonId: body.chairPersonId,
      minutesTakerPersonId: body.minutesTakerPersonId,
    });
    const set = {
      ...body,
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
        personId: session.personId,
        action: "update",
        entity: "meeting",
        entityId: row.id,
        detail: body,
      }),
    ]);
    return c.json((await getMeetingDetail(db, tenantId, row.id))!);
  })
  .post("/:meetingId/cancel", valid("json", cancelMeetingSchema), async (c) => {
    const { access, db, session } = c.var;
    const tenantId = access.tenantId;
    const row = await meetingForWrite(db, access, c.req.param("meetingId"), ["planned"]);
    const { reason } = c.req.valid("json");
    await db.batch([
      db
        .update(meetings)
        .set({ status: "cancelled", cancelReason: reason })
        .where(and(eq(meetings.tenantId, tenantId), eq(meetings.id, row.id))),
      auditInsert(db, {
        tenantId,
        personId: session.personId,
        action: "cancel",
        entity: "meeting",
        entityId: row.id,
        detail: { reason },
      }),
    ]);
    return c.json((await getMeeting(db, tenantId, row.id))!);
  })
  .route("/:meetingId/agenda", meetingAgendaRoutes)
  .route("/:meetingId/documents", meetingDocumentsRoutes)
  .route("/:meetingId/guests", meetingGuestsRoutes)
  .route("/:meetingId", meetingMinutesRoutes);
