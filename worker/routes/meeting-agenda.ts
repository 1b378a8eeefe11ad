import { and, asc, eq, max, sql } from "drizzle-orm";
import { Hono } from "hono";
import { agendaItemInputSchema, agendaOrderSchema, updateAgendaItemSchema } from "../../schema/api/meetings";
import { agendaItems, meetingGuests } from "../../schema/db/tables";
import { idSchema } from "../../schema/ids";
import { branchMemberIds, getMeetingDetail, type MeetingRow } from "../data/meetings";
import { meetingForWrite } from "../data/meetings-access";
import type { AppEnv, Db } from "../env";
import { badRequest, notFound } from "../lib/api-error";
import { auditInsert } from "../lib/audit";
import { newId } from "../lib/ids";
import { valid } from "../lib/validate";

/** A presenter is a member of the branch or a guest invited to the meeting (a leader may present a directive). */
async function assertPresenter(db: Db, meeting: MeetingRow, personId: string | null | undefined) {
  if (!personId) return;
  if ((await branchMemberIds(db, meeting.tenantId, meeting.organizationId, [personId])).has(personId)) return;
  const guest = await db
    .select({ p: meetingGuests.personId })
    .from(meetingGuests)
    .where(
      and(
        eq(meetingGuests.tenantId, meeting.tenantId),
        eq(meetingGuests.meetingId, meeting.id),
        eq(meetingGuests.personId, personId),
      ),
    )
    .get();
  if (!guest)
    throw badRequest("Người trình bày không thuộc cuộc họp / The presenter is not in this meeting", [
      { path: "presenterPersonId", message: "not a member or guest" },
    ]);
}

async function agendaItem(db: Db, meeting: MeetingRow, itemId: string | undefined) {
  if (!itemId || !idSchema.safeParse(itemId).success) throw notFound("Agenda item");
  const item = await db
    .select()
    .from(agendaItems)
    .where(
      and(
        eq(agendaItems.tenantId, meeting.tenantId),
        eq(agendaItems.meetingId, meeting.id),
        eq(agendaItems.id, itemId),
      ),
    )
    .get();
  if (!item) throw notFound("Agenda item");
  return item;
}

const agendaOf = async (db: Db, tenantId: string, meetingId: string) =>
  (await getMeetingDetail(db, tenantId, meetingId))!.agenda;

/** The agenda may change only while the meeting is planned; once live, the room moves through it. */
export const meetingAgendaRoutes = new Hono<AppEnv>()
  .post("/", valid("json", agendaItemInputSchema), async (c) => {
    const { access, db, session } = c.var;
    const meeting = await meetingForWrite(db, access, c.req.param("meetingId"), ["planned"]);
    const body = c.req.valid("json");
    await assertPresenter(db, meeting, body.presenterPersonId);
    const top = await db
      .select({ p: max(agendaItems.position) })
      .from(agendaItems)
      .where(and(eq(agendaItems.tenantId, meeting.tenantId), eq(agendaItems.meetingId, meeting.id)))
      .get();
    const id = newId();
    await db.batch([
      db.insert(agendaItems).values({
        id,
        tenantId: meeting.tenantId,
        meetingId: meeting.id,
        position: (top?.p ?? 0) + 1,
        title: body.title,
        minutesBudget: body.minutesBudget,
        presenterPersonId: body.presenterPersonId ?? null,
      }),
      auditInsert(db, {
        tenantId: meeting.tenantId,
        personId: session.personId,
        action: "create",
        entity: "agenda_item",
        entityId: id,
        detail: { meetingId: meeting.id, ...body },
      }),
    ]);
    const item = (await agendaOf(db, meeting.tenantId, meeting.id)).find((a) => a.id === id)!;
    return c.json(item, 201);
  })
  .put("/order", valid("json", agendaOrderSchema), async (c) => {
    const { access, db, session } = c.var;
    const meeting = await meetingForWrite(db, access, c.req.param("meetingId"), ["planned"]);
    const { itemIds } = c.req.valid("json");
    const current = await db
      .select({ id: agendaItems.id })
      .from(agendaItems)
      .where(and(eq(agendaItems.tenantId, meeting.tenantId), eq(agendaItems.meetingId, meeting.id)))
      .orderBy(asc(agendaItems.position));
    const have = new Set(current.map((r) => r.id));
    if (
      itemIds.length !== have.size ||
      new Set(itemIds).size !== itemIds.length ||
      !itemIds.every((i) => have.has(i))
    ) {
      throw badRequest("Thứ tự phải liệt kê mỗi mục đúng một lần / The order must list every item exactly once", [
        { path: "itemIds", message: "not a permutation of the agenda" },
      ]);
    }
    const scope = (id: string) =>
      and(eq(agendaItems.tenantId, meeting.tenantId), eq(agendaItems.meetingId, meeting.id), eq(agendaItems.id, id));
    await db.batch([
      auditInsert(db, {
        tenantId: meeting.tenantId,
        personId: session.personId,
        action: "reorder",
        entity: "agenda_item",
        entityId: meeting.id,
        detail: { itemIds },
      }),
      ...itemIds.map((id, i) =>
        db
          .update(agendaItems)
          .set({ position: i + 1 })
          .where(scope(id)),
      ),
    ]);
    return c.json(await agendaOf(db, meeting.tenantId, meeting.id));
  })
  .patch("/:itemId", valid("json", updateAgendaItemSchema), async (c) => {
    const { access, db, session } = c.var;
    const meeting = await meetingForWrite(db, access, c.req.param("meetingId"), ["planned"]);
    const item = await agendaItem(db, meeting, c.req.param("itemId"));
    const body = c.req.valid("json");
    await assertPresenter(db, meeting, body.presenterPersonId);
    await db.batch([
      db
        .update(agendaItems)
        .set(body)
        .where(and(eq(agendaItems.tenantId, meeting.tenantId), eq(agendaItems.id, item.id))),
      auditInsert(db, {
        tenantId: meeting.tenantId,
        personId: session.personId,
        action: "update",
        entity: "agenda_item",
        entityId: item.id,
        detail: body,
      }),
    ]);
    return c.json((await agendaOf(db, meeting.tenantId, meeting.id)).find((a) => a.id === item.id)!);
  })
  .delete("/:itemId", async (c) => {
    const { access, db, session } = c.var;
    const meeting = await meetingForWrite(db, access, c.req.param("meetingId"), ["planned"]);
    const item = await agendaItem(db, meeting, c.req.param("itemId"));
    await db.batch([
      db.delete(agendaItems).where(and(eq(agendaItems.tenantId, meeting.tenantId), eq(agendaItems.id, item.id))),
      // Close the gap so positions stay 1..n.
      db
        .update(agendaItems)
        .set({ position: sql`${agendaItems.position} - 1` })
        .where(
          and(
            eq(agendaItems.tenantId, meeting.tenantId),
            eq(agendaItems.meetingId, meeting.id),
            sql`${agendaItems.position} > ${item.position}`,
          ),
        ),
      auditInsert(db, {
        tenantId: meeting.tenantId,
        personId: session.personId,
        action: "delete",
        entity: "agenda_item",
        entityId: item.id,
        detail: { meetingId: meeting.id },
      }),
    ]);
    return c.json({ ok: true as const });
  });
