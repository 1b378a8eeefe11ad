import { Hono } from "hono";
import { agendaItemInputSchema, agendaOrderSchema, updateAgendaItemSchema } from "../../schema/api/meetings";
import {
  addAgendaItem,
  agendaItemOr404,
  deleteAgendaItem,
  reorderAgenda,
  updateAgendaItem,
} from "../data/meeting-agenda";
import { getMeetingDetail } from "../data/meetings";
import { meetingForWrite } from "../data/meetings-access";
import type { AppEnv, Db } from "../env";
import { valid } from "../lib/validate";

const agendaOf = async (db: Db, tenantId: string, meetingId: string) =>
  (await getMeetingDetail(db, tenantId, meetingId))!.agenda;

/** The agenda may change only while the meeting is planned; once live, the room moves through it. */
export const meetingAgendaRoutes = new Hono<AppEnv>()
  .post("/", valid("json", agendaItemInputSchema), async (c) => {
    const { access, db, session } = c.var;
    const meeting = await meetingForWrite(db, access, c.req.param("meetingId"), ["planned"]);
    const id = await addAgendaItem(db, access.tenantId, session.personId, meeting, c.req.valid("json"));
    const item = (await agendaOf(db, meeting.tenantId, meeting.id)).find((a) => a.id === id)!;
    return c.json(item, 201);
  })
  .put("/order", valid("json", agendaOrderSchema), async (c) => {
    const { access, db, session } = c.var;
    const meeting = await meetingForWrite(db, access, c.req.param("meetingId"), ["planned"]);
    await reorderAgenda(db, access.tenantId, session.personId, meeting, c.req.valid("json").itemIds);
    return c.json(await agendaOf(db, meeting.tenantId, meeting.id));
  })
  .patch("/:itemId", valid("json", updateAgendaItemSchema), async (c) => {
    const { access, db, session } = c.var;
    const meeting = await meetingForWrite(db, access, c.req.param("meetingId"), ["planned"]);
    const item = await agendaItemOr404(db, access.tenantId, meeting, c.req.param("itemId"));
    await updateAgendaItem(db, access.tenantId, session.personId, meeting, item.id, c.req.valid("json"));
    return c.json((await agendaOf(db, meeting.tenantId, meeting.id)).find((a) => a.id === item.id)!);
  })
  .delete("/:itemId", async (c) => {
    const { access, db, session } = c.var;
    const meeting = await meetingForWrite(db, access, c.req.param("meetingId"), ["planned"]);
    const item = await agendaItemOr404(db, access.tenantId, meeting, c.req.param("itemId"));
    await deleteAgendaItem(db, access.tenantId, session.personId, meeting, item);
    return c.json({ ok: true as const });
  });
