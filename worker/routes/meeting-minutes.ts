import { Hono } from "hono";
import { minutesInputSchema } from "../../schema/api/meetings";
import { addMinutesVersion, approveMinutes, getMinutes } from "../data/meeting-minutes";
import { meetingForRead } from "../data/meetings-access";
import { getRecordAnswer } from "../data/record-answer";
import type { AppEnv } from "../env";
import { conflict, forbidden, notFound } from "../lib/api-error";
import { valid } from "../lib/validate";

/** Minutes (versioned, see data/meeting-minutes.ts): the chair or minutes-taker writes them, the chair approves. */
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
    await addMinutesVersion(db, access.tenantId, me, meeting.id, c.req.valid("json").body);
    return c.json(await getMinutes(db, access.tenantId, meeting.id), 201);
  })
  .post("/minutes/:version/approve", async (c) => {
    const { access, db, session } = c.var;
    const meeting = await meetingForRead(db, access, c.req.param("meetingId"));
    const version = Number(c.req.param("version"));
    if (!Number.isInteger(version) || version < 1) throw notFound("Minutes version");
    if (session.personId !== meeting.chairPersonId && access.role !== "admin") throw forbidden();
    await approveMinutes(db, access.tenantId, session.personId, meeting, version);
    return c.json(await getMinutes(db, access.tenantId, meeting.id));
  })
  .get("/record", async (c) => {
    const { access, db, session } = c.var;
    const meeting = await meetingForRead(db, access, c.req.param("meetingId"));
    return c.json(await getRecordAnswer(c.env, db, access, session.personId, meeting));
  });
