/** A planned meeting's agenda: add, reorder, edit, delete. Scoped by the meeting's tenant, each with its audit row. */
import { and, asc, eq, max, sql } from "drizzle-orm";
import type { z } from "zod";
import type { agendaItemInputSchema, UpdateAgendaItem } from "../../schema/api/meetings";
import { agendaItems, meetingGuests } from "../../schema/db/tables";
import { idSchema } from "../../schema/ids";
import type { Db } from "../env";
import { badRequest, notFound } from "../lib/api-error";
import { auditInsert } from "../lib/audit";
import { newId } from "../lib/ids";
import { branchMemberIds, type MeetingRow } from "./meetings";

/** A presenter is a member of the branch or a guest invited to the meeting (a leader may present a directive). */
async function assertPresenter(db: Db, tenantId: string, meeting: MeetingRow, personId: string | null | undefined) {
  if (!personId) return;
  if ((await branchMemberIds(db, tenantId, meeting.organizationId, [personId])).has(personId)) return;
  const guest = await db
    .select({ p: meetingGuests.personId })
    .from(meetingGuests)
    .where(
      and(
        eq(meetingGuests.tenantId, tenantId),
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

/** The meeting's agenda item, or the envelope's 404 (a malformed id names no item either). */
export async function agendaItemOr404(db: Db, tenantId: string, meeting: MeetingRow, itemId: string | undefined) {
  if (!itemId || !idSchema.safeParse(itemId).success) throw notFound("Agenda item");
  const item = await db
    .select()
    .from(agendaItems)
    .where(and(eq(agendaItems.tenantId, tenantId), eq(agendaItems.meetingId, meeting.id), eq(agendaItems.id, itemId)))
    .get();
  if (!item) throw notFound("Agenda item");
  return item;
}

/** Appends an item at the end of the agenda; answers its id. */
export async function addAgendaItem(
  db: Db,
  tenantId: string,
  actorId: string,
  meeting: MeetingRow,
  body: z.output<typeof agendaItemInputSchema>,
): Promise<string> {
  await assertPresenter(db, tenantId, meeting, body.presenterPersonId);
  const top = await db
    .select({ p: max(agendaItems.position) })
    .from(agendaItems)
    .where(and(eq(agendaItems.tenantId, tenantId), eq(agendaItems.meetingId, meeting.id)))
    .get();
  const id = newId();
  await db.batch([
    db.insert(agendaItems).values({
      id,
      tenantId: tenantId,
      meetingId: meeting.id,
      position: (top?.p ?? 0) + 1,
      title: body.title,
      minutesBudget: body.minutesBudget,
      presenterPersonId: body.presenterPersonId ?? null,
    }),
    auditInsert(db, {
      tenantId: tenantId,
      personId: actorId,
      action: "create",
      entity: "agenda_item",
      entityId: id,
      detail: { meetingId: meeting.id, ...body },
    }),
  ]);
  return id;
}

/** Puts the items in the order given, which must list every item of the agenda exactly once. */
export async function reorderAgenda(db: Db, tenantId: string, actorId: string, meeting: MeetingRow, itemIds: string[]) {
  const current = await db
    .select({ id: agendaItems.id })
    .from(agendaItems)
    .where(and(eq(agendaItems.tenantId, tenantId), eq(agendaItems.meetingId, meeting.id)))
    .orderBy(asc(agendaItems.position));
  const have = new Set(current.map((r) => r.id));
  if (itemIds.length !== have.size || new Set(itemIds).size !== itemIds.length || !itemIds.every((i) => have.has(i))) {
    throw badRequest("Thứ tự phải liệt kê mỗi mục đúng một lần / The order must list every item exactly once", [
      { path: "itemIds", message: "not a permutation of the agenda" },
    ]);
  }
  const scope = (id: string) =>
    and(eq(agendaItems.tenantId, tenantId), eq(agendaItems.meetingId, meeting.id), eq(agendaItems.id, id));
  await db.batch([
    auditInsert(db, {
      tenantId: tenantId,
      personId: actorId,
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
}

export async function updateAgendaItem(
  db: Db,
  tenantId: string,
  actorId: string,
  meeting: MeetingRow,
  itemId: string,
  body: UpdateAgendaItem,
) {
  await assertPresenter(db, tenantId, meeting, body.presenterPersonId);
  await db.batch([
    db
      .update(agendaItems)
      .set(body)
      .where(and(eq(agendaItems.tenantId, tenantId), eq(agendaItems.id, itemId))),
    auditInsert(db, {
      tenantId: tenantId,
      personId: actorId,
      action: "update",
      entity: "agenda_item",
      entityId: itemId,
      detail: body,
    }),
  ]);
}

export async function deleteAgendaItem(
  db: Db,
  tenantId: string,
  actorId: string,
  meeting: MeetingRow,
  item: { id: string; position: number },
) {
  await db.batch([
    db.delete(agendaItems).where(and(eq(agendaItems.tenantId, tenantId), eq(agendaItems.id, item.id))),
    // Close the gap so positions stay 1..n.
    db
      .update(agendaItems)
      .set({ position: sql`${agendaItems.position} - 1` })
      .where(
        and(
          eq(agendaItems.tenantId, tenantId),
          eq(agendaItems.meetingId, meeting.id),
          sql`${agendaItems.position} > ${item.position}`,
        ),
      ),
    auditInsert(db, {
      tenantId: tenantId,
      personId: actorId,
      action: "delete",
      entity: "agenda_item",
      entityId: item.id,
      detail: { meetingId: meeting.id },
    }),
  ]);
}
