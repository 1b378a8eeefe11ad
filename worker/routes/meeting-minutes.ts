import { and, eq, max } from "drizzle-orm";
import { Hono } from "hono";
import { minutesInputSchema } from "../../schema/api/meetings";
import { minutes } from "../../schema/db/tables";
import { meetingForRead } from "../data/meetings-access";
import { getMinutes, getRecord } from "../data/meetings-record";
import type { AppEnv } from "../env";
import { conflict, forbidden, notFound } from "../lib/api-error";
import { auditInsert } from "../lib/audit";
import { newId, nowIso } from "../lib/ids";
import { valid } from "../lib/validate";

/**
 * Minutes are versioned: the room freezes version 1 when it closes the meeting; corrections after that are
 * new versions; an approved version is final, so no version is added after one is approved.
 */
export const meetingMinutesRoutes = new Hono<AppEnv>()
  .get("/minutes", async (c) => {
    const { access, db } = c.var;
    const meeting = await meetingForRead(db, access, c.req.param("meetingId"));
    return c.json(await getMinutes(db, access.tenantId, meeting.id));
  })
  .post("/minutes", valid("json", minutesInputSchema), async (c) => {
    const { access, db, session } = c.var;
    const meeting = await meetingForRead(db, access, c.req.param("meetingId"));
    const me = session.personId;
    if (me !== meeting.chairPersonId && me !== meeting.minutesTakerPersonId && access.role !== "admin")
      throw forbidden();
    if (meeting.status !== "closed")
      throw conflict("Chỉ sửa biên bản sau khi kết thúc cuộc họp / Minutes are written after the meeting closes");
    const scope = and(eq(minutes.tenantId, access.tenantId), eq(minutes.meetingId, meeting.id));
    const approved = await db
      .select({ v: minutes.version })
      .from(minutes)
      .where(and(scope, eq(minutes.status, "approved")))
      .get();
    if (approved) throw conflict("Biên bản đã được duyệt, không thể sửa / The minutes are approved and final");
    const top = await db
      .select({ v: max(minutes.version) })
      .from(minutes)
      .where(scope)
      .get();
    const version = (top?.v ?? 0) + 1;
    const id = newId();
    try {
      await db.batch([
        db
          .insert(minutes)
          .values({
            id,
            tenantId: access.tenantId,
            meetingId: meeting.id,
            version,
            body: c.req.valid("json").body,
            createdBy: me,
          }),
        auditInsert(db, {
          tenantId: access.tenantId,
          personId: me,
          action: "create",
          entity: "minutes",
          entityId: id,
          detail: { meetingId: meeting.id, version },
        }),
      ]);
    } catch (e) {
      // Two editors saving at once: the unique (meeting, version) index lets one win; the other retries.
      if (String(e).includes("UNIQUE"))
        throw conflict("Có người vừa lưu phiên bản mới, hãy tải lại / Someone just saved a version; reload");
      throw e;
    }
    return c.json(await getMinutes(db, access.tenantId, meeting.id), 201);
  })
  .post("/minutes/:version/approve", async (c) => {
    const { access, db, session } = c.var;
    const meeting = await meetingForRead(db, access, c.req.param("meetingId"));
    const version = Number(c.req.param("version"));
    if (!Number.isInteger(version) || version < 1) throw notFound("Minutes version");
    if (session.personId !== meeting.chairPersonId && access.role !== "admin") throw forbidden();
    const scope = and(
      eq(minutes.tenantId, access.tenantId),
      eq(minutes.meetingId, meeting.id),
      eq(minutes.version, version),
    );
    const row = await db.select({ id: minutes.id, status: minutes.status }).from(minutes).where(scope).get();
    if (!row) throw notFound("Minutes version");
    if (row.status === "approved") throw conflict("Phiên bản này đã được duyệt / This version is already approved");
    const latest = await db
      .select({ v: max(minutes.version) })
      .from(minutes)
      .where(and(eq(minutes.tenantId, access.tenantId), eq(minutes.meetingId, meeting.id)))
      .get();
    if (latest?.v !== version) throw conflict("Chỉ duyệt phiên bản mới nhất / Only the latest version can be approved");
    await db.batch([
      db
        .update(minutes)
        .set({ status: "approved", approvedBy: session.personId, approvedAt: nowIso() })
        .where(and(scope, eq(minutes.status, "frozen"))),
      auditInsert(db, {
        tenantId: access.tenantId,
        personId: session.personId,
        action: "approve",
        entity: "minutes",
        entityId: row.id,
        detail: { meetingId: meeting.id, version },
      }),
    ]);
    return c.json(await getMinutes(db, access.tenantId, meeting.id));
  })
  .get("/record", async (c) => {
    const { access, db } = c.var;
    const meeting = await meetingForRead(db, access, c.req.param("meetingId"));
    return c.json(await getRecord(db, access.tenantId, meeting.id));
  });
