/**
 * The chair's agenda: the next item in one tap, go to any item, reorder, add one. On a phone it folds into one
 * line (the current item) so the speaking queue and the vote stay within the first screen (issue 12).
 */
import { createSignal, Show } from "solid-js";
import type { RoomView } from "../../../../schema/room/views";
import { AgendaList } from "../parts/agenda";
import { act, useRoom } from "../room-context";
import { currentItem } from "../room-state";
import { rt } from "../strings";
import { ct } from "../strings-console";

/** Wider than a phone the console has room beside the agenda, so it starts open there. */
const openAtStart = () => typeof window === "undefined" || window.matchMedia("(min-width: 900px)").matches;

export function AgendaPanel(props: { view: RoomView }) {
  const { conn } = useRoom();
  const [title, setTitle] = createSignal("");
  const [budget, setBudget] = createSignal(10);
  const nextItem = () => {
    const at = props.view.agenda.findIndex((a) => a.id === props.view.currentItemId);
    return props.view.agenda[at + 1] ?? null;
  };
  const add = async (e: SubmitEvent) => {
    e.preventDefault();
    if (await act(conn, { type: "agenda/add", title: title(), budgetMinutes: budget() })) setTitle("");
  };
  const live = () => props.view.meeting.status === "live";
  const ids = () => props.view.agenda.map((a) => a.id);
  const canMove = (id: string, by: -1 | 1) => {
    const at = ids().indexOf(id);
    return at + by >= 0 && at + by < ids().length;
  };
  const move = (id: string, by: -1 | 1) => {
    const order = ids();
    const at = order.indexOf(id);
    const other = order[at + by];
    if (other === undefined) return;
    order[at + by] = id;
    order[at] = other;
    void act(conn, { type: "agenda/reorder", itemIds: order });
  };
  const now = () => currentItem(props.view);
  return (
    <section class="room-card agenda-panel" aria-labelledby="agenda-h">
      <details class="agenda-fold" open={openAtStart()}>
        <summary>
          <h2 id="agenda-h" class="agenda-fold-label">
            {rt("agenda")}
          </h2>
          <span class="agenda-fold-now">
            <Show when={now()} fallback={rt("noItem")}>
              {(cur) => (
                <>
                  {rt("itemOf", { pos: cur().index + 1, total: props.view.agenda.length })}: {cur().item.title}
                </>
              )}
            </Show>
          </span>
        </summary>
        <Show when={live() && nextItem()}>
          {(next) => (
            <button
              type="button"
              class="btn btn-primary btn-block"
              onClick={() => void act(conn, { type: "agenda/go", itemId: next().id })}
            >
              {ct("nextItem")}: {next().title}
            </button>
          )}
        </Show>
        <AgendaList
          view={props.view}
          action={(item) => (
            <>
              <Show when={live() && item.id !== props.view.currentItemId}>
                <button
                  type="button"
                  class="btn btn-small"
                  aria-label={`${ct("goToItem")}: ${item.title}`}
                  onClick={() => void act(conn, { type: "agenda/go", itemId: item.id })}
                >
                  {ct("goToItem")}
                </button>
              </Show>
              <Show when={!item.done}>
                <button
                  type="button"
                  class="btn btn-small"
                  aria-label={`${ct("moveUp")}: ${item.title}`}
                  disabled={!canMove(item.id, -1)}
                  onClick={() => move(item.id, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  class="btn btn-small"
                  aria-label={`${ct("moveDown")}: ${item.title}`}
                  disabled={!canMove(item.id, 1)}
                  onClick={() => move(item.id, 1)}
                >
                  ↓
                </button>
              </Show>
            </>
          )}
        />
        <details>
          <summary>{ct("addItem")}</summary>
          <form class="form-row" onSubmit={(e) => void add(e)}>
            <div class="field">
              <label for="new-item-title">{ct("newItemTitle")}</label>
              <input
                id="new-item-title"
                class="input"
                required
                maxLength={300}
                value={title()}
                onInput={(e) => setTitle(e.currentTarget.value)}
              />
            </div>
            <div class="field narrow-field">
              <label for="new-item-budget">{ct("budgetMinutes")}</label>
              <input
                id="new-item-budget"
                class="input"
                type="number"
                min={1}
                max={600}
                value={budget()}
                onInput={(e) => setBudget(Number(e.currentTarget.value) || 1)}
              />
            </div>
            <button type="submit" class="btn">
              {ct("addItem")}
            </button>
          </form>
        </details>
      </details>
    </section>
  );
}
