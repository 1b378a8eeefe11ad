/**
 * The agenda: start the meeting, move between items (each with a running clock against its budget), add and
 * reorder items. The meeting's own duration runs from `startedAt` (the 90-minute mark is in the view).
 */
import type { OutboxOp } from "./outbox";
import { type AgendaRec, applied, type Ctx, iso, type Result, type RoomState, refuse, sortedAgenda } from "./state";

export const notLive = (s: RoomState) =>
  s.meeting.status === "closed"
    ? refuse("meeting_closed", "Cuộc họp đã kết thúc / The meeting is closed")
    : refuse("meeting_not_live", "Cuộc họp chưa bắt đầu / The meeting has not started");

/** Stops the current item's clock (adds the running time to its total). */
export function stopClock(s: RoomState, ctx: Ctx): RoomState {
  const id = s.meeting.currentItemId;
  const item = id ? s.agenda[id] : undefined;
  if (!item?.runningSince) return s;
  const ran = Math.max(0, ctx.now - Date.parse(item.runningSince));
  return {
    ...s,
    agenda: { ...s.agenda, [item.id]: { ...item, elapsedMs: item.elapsedMs + ran, runningSince: null, done: true } },
  };
}

function startClock(s: RoomState, itemId: string, ctx: Ctx): RoomState {
  const item = s.agenda[itemId];
  if (!item) return s;
  return {
    ...s,
    meeting: { ...s.meeting, currentItemId: itemId },
    agenda: { ...s.agenda, [itemId]: { ...item, runningSince: iso(ctx.now) } },
  };
}

const agendaOp = (s: RoomState): OutboxOp => ({
  kind: "agenda",
  items: sortedAgenda(s).map(({ id, title, position, presenterPersonId, budgetMinutes }) => ({
    id,
    title,
    position,
    presenterPersonId,
    budgetMinutes,
  })),
});

export function startMeeting(s: RoomState, ctx: Ctx): Result {
  if (s.meeting.status === "live") return applied(s, []);
  if (s.meeting.status === "closed") return refuse("meeting_closed", "Cuộc họp đã kết thúc / The meeting is closed");
  const startedAt = iso(ctx.now);
  let state: RoomState = { ...s, meeting: { ...s.meeting, status: "live", startedAt } };
  const first = sortedAgenda(state)[0];
  if (first) state = startClock(state, first.id, ctx);
  return applied(state, [{ kind: "meeting" }, { kind: "agenda" }], [{ kind: "meeting_live", startedAt }]);
}

export function goToItem(s: RoomState, itemId: string, ctx: Ctx): Result {
  if (s.meeting.status !== "live") return notLive(s);
  if (!s.agenda[itemId]) return refuse("not_found", "Không có mục này trong chương trình / No such agenda item");
  if (s.meeting.currentItemId === itemId) return applied(s, []);
  const state = startClock(stopClock(s, ctx), itemId, ctx);
  // The current item travels with the agenda event; the meeting view does not carry it.
  return applied(state, [{ kind: "agenda" }]);
}

export function addItem(
  s: RoomState,
  input: { title: string; budgetMinutes: number; presenterPersonId?: string | null; afterItemId?: string | null },
  ctx: Ctx,
): Result {
  if (s.meeting.status === "closed") return refuse("meeting_closed", "Cuộc họp đã kết thúc / The meeting is closed");
  const order = sortedAgenda(s);
  if (order.length >= 200) return refuse("conflict", "Chương trình quá dài / Too many agenda items");
  let at = order.length;
  if (input.afterItemId) {
    const idx = order.findIndex((i) => i.id === input.afterItemId);
    if (idx < 0) return refuse("not_found", "Không có mục này trong chương trình / No such agenda item");
    at = idx + 1;
  }
  const presenter = input.presenterPersonId ?? null;
  if (presenter && !s.roster[presenter] && !s.guests[presenter])
    return refuse("not_found", "Không tìm thấy người trình bày / Presenter not found");
  const item: AgendaRec = {
    id: ctx.newId(),
    title: input.title,
    position: 0,
    presenterPersonId: presenter,
    budgetMinutes: input.budgetMinutes,
    elapsedMs: 0,
    runningSince: null,
    done: false,
  };
  order.splice(at, 0, item);
  const state = { ...s, agenda: renumber(order) };
  return applied(state, [{ kind: "agenda" }], [agendaOp(state)], { entityId: item.id });
}

export function reorder(s: RoomState, itemIds: string[]): Result {
  if (s.meeting.status === "closed") return refuse("meeting_closed", "Cuộc họp đã kết thúc / The meeting is closed");
  const ids = new Set(itemIds);
  if (
    ids.size !== itemIds.length ||
    itemIds.length !== Object.keys(s.agenda).length ||
    itemIds.some((id) => !s.agenda[id])
  ) {
    return refuse("bad_message", "Thứ tự phải gồm mỗi mục đúng một lần / The order must list every item exactly once");
  }
  const order = itemIds.map((id) => s.agenda[id]).filter((i): i is AgendaRec => i !== undefined);
  const state = { ...s, agenda: renumber(order) };
  return applied(state, [{ kind: "agenda" }], [agendaOp(state)]);
}

function renumber(order: AgendaRec[]): Record<string, AgendaRec> {
  return Object.fromEntries(
    order.map((item, i) => [item.id, item.position === i + 1 ? item : { ...item, position: i + 1 }]),
  );
}
