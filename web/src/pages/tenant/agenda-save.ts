/**
 * Saving an edited agenda through the API's item-by-item routes: the editor works on a whole list, the API
 * takes removals, edits, additions (appended at the end) and then one full order. `planAgendaSave` works out
 * which calls are needed (pure, tested); `saveAgenda` makes them in that order.
 */
import type { AgendaItem, UpdateAgendaItem } from "../../../../schema/api/meetings";
import { meetingsApi } from "../../api";
import type { AgendaDraft } from "./agenda-editor";

export interface AgendaSavePlan {
  remove: string[];
  update: { id: string; patch: UpdateAgendaItem }[];
  /** Drafts without an id, by their index in the edited list. */
  add: number[];
}

export function planAgendaSave(saved: readonly AgendaItem[], drafts: readonly AgendaDraft[]): AgendaSavePlan {
  const kept = new Set(drafts.map((d) => d.id).filter(Boolean));
  const byId = new Map(saved.map((a) => [a.id, a]));
  const update: AgendaSavePlan["update"] = [];
  drafts.forEach((d) => {
    const was = d.id ? byId.get(d.id) : undefined;
    if (!was) return;
    const patch: UpdateAgendaItem = {};
    if (d.title.trim() !== was.title) patch.title = d.title.trim();
    if (d.minutesBudget !== was.minutesBudget) patch.minutesBudget = d.minutesBudget;
    if ((d.presenterPersonId ?? null) !== was.presenterPersonId) patch.presenterPersonId = d.presenterPersonId ?? null;
    if (Object.keys(patch).length) update.push({ id: was.id, patch });
  });
  return {
    remove: saved.filter((a) => !kept.has(a.id)).map((a) => a.id),
    update,
    add: drafts.flatMap((d, i) => (d.id && byId.has(d.id) ? [] : [i])),
  };
}

/** Makes the calls; the order is sent only when the list is not already in the order the API would leave it. */
export async function saveAgenda(
  tenantId: string,
  meetingId: string,
  saved: readonly AgendaItem[],
  drafts: readonly AgendaDraft[],
): Promise<void> {
  const plan = planAgendaSave(saved, drafts);
  for (const id of plan.remove) await meetingsApi.removeAgendaItem(tenantId, meetingId, id);
  for (const u of plan.update) await meetingsApi.updateAgendaItem(tenantId, meetingId, u.id, u.patch);
  const ids = drafts.map((d) => d.id ?? "");
  for (const i of plan.add) {
    const d = drafts[i]!;
    ids[i] = (
      await meetingsApi.addAgendaItem(tenantId, meetingId, {
        title: d.title.trim(),
        minutesBudget: d.minutesBudget,
        presenterPersonId: d.presenterPersonId ?? null,
      })
    ).id;
  }
  const removed = new Set(plan.remove);
  const apiOrder = [...saved.filter((a) => !removed.has(a.id)).map((a) => a.id), ...plan.add.map((i) => ids[i]!)];
  if (apiOrder.join() !== ids.join()) await meetingsApi.orderAgenda(tenantId, meetingId, ids);
}
