import { Hono } from "hono";
import {
  cancelMeetingSchema,
  createMeetingSchema,
  listMeetingsQuerySchema,
  type PlanYearResult,
  planYearSchema,
  updateMeetingSchema,
} from "../../schema/api/meetings";
import { MEETING_KINDS } from "../../schema/api/organizations";
import { daysInMonth, quarterOf, vnMonth, vnToUtc } from "../../schema/calendar";
import { defaultMeetingTopic } from "../../schema/meeting-template";
import { cancelMeeting, createMeeting, insertPlannedMeetings, updateMeeting } from "../data/meeting-writes";
import {
  branchYearMeetings,
  canPlanFor,
  getMeeting,
  getMeetingDetail,
  getOrganizationForMeetings,
  listMeetings,
} from "../data/meetings";
import { meetingDetailForRead, meetingForWrite } from "../data/meetings-access";
import { closeVisitLoop } from "../data/visits";
import type { AppEnv, Db } from "../env";
import { badRequest, forbidden, notFound } from "../lib/api-error";
import { valid } from "../lib/validate";
import { meetingAgendaRoutes } from "./meeting-agenda";
import { meetingDocumentsRoutes } from "./meeting-documents";
import { meetingGuestsRoutes } from "./meeting-guests";
import { meetingMediaRoutes } from "./meeting-media";
import { meetingMinutesRoutes } from "./meeting-minutes";
import { resolutionsRoutes } from "./resolutions";

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
    const id = await createMeeting(db, tenantId, session.personId, body);
    await linkVisitPlans(c.var.d1, tenantId);
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
    const ids = await insertPlannedMeetings(db, tenantId, session.personId, body, planned, skipped);
    if (ids.length) await linkVisitPlans(c.var.d1, tenantId);
    const year = { from: `${body.year}-01-01`, to: `${body.year}-12-31` };
    const created = (
      await listMeetings(db, tenantId, access, { organizationId: body.organizationId, ...year, page: 1, pageSize: 500 })
    ).items.filter((m) => ids.includes(m.id));
    const result: PlanYearResult = { created, skipped };
    return c.json(result, ids.length ? 201 : 200);
  })
  .get("/:meetingId", async (c) => {
    const { access, db } = c.var;
    return c.json(await meetingDetailForRead(db, access, c.req.param("meetingId")));
  })
  .patch("/:meetingId", valid("json", updateMeetingSchema), async (c) => {
    const { access, db, session } = c.var;
    const tenantId = access.tenantId;
    const row = await meetingForWrite(db, access, c.req.param("meetingId"), ["planned"]);
    await updateMeeting(db, tenantId, session.personId, row, c.req.valid("json"));
    return c.json((await getMeetingDetail(db, tenantId, row.id))!);
  })
  .post("/:meetingId/cancel", valid("json", cancelMeetingSchema), async (c) => {
    const { access, db, session } = c.var;
    const tenantId = access.tenantId;
    const row = await meetingForWrite(db, access, c.req.param("meetingId"), ["planned"]);
    await cancelMeeting(db, tenantId, session.personId, row.id, c.req.valid("json"));
    return c.json((await getMeeting(db, tenantId, row.id))!);
  })
  .route("/:meetingId/agenda", meetingAgendaRoutes)
  .route("/:meetingId/documents", meetingDocumentsRoutes)
  .route("/:meetingId/guests", meetingGuestsRoutes)
  .route("/:meetingId/media", meetingMediaRoutes)
  .route("/:meetingId", meetingMinutesRoutes)
  .route("/:meetingId", resolutionsRoutes);
