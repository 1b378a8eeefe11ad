/** Where the meeting is: the current item with its clock, the whole agenda, and the meeting clock. */
import { For, type JSX, lazy, Show } from "solid-js";
import type { AgendaItemView, RoomView } from "../../../../schema/room/views";
import { parseRoomPagePath } from "../../../../schema/room-page";
import { useRoom } from "../room-context";
import { currentItem, itemElapsedMs, meetingMinutes } from "../room-state";
import { rt } from "../strings";

function ItemClock(props: { item: AgendaItemView }) {
  const { now } = useRoom();
  const used = () => Math.floor(itemElapsedMs(props.item, now()) / 60_000);
  return (
    <span class="item-clock" classList={{ over: used() > props.item.budgetMinutes }}>
      {rt("itemClock", { used: used(), budget: props.item.budgetMinutes })}
    </span>
  );
}

// Loaded only when the meeting reaches the review of last month's resolution (its item opens the agenda).
const TaskReviewPanel = lazy(() =>
  import("../../pages/resolution/task-review-panel").then((m) => ({ default: m.TaskReviewPanel })),
);

export function AgendaNow(props: { view: RoomView }) {
  // The room's own address names the meeting (the view does not carry the tenant).
  const address = parseRoomPagePath(window.location.pathname);
  return (
    <section class="room-card agenda-now" aria-labelledby="agenda-now-h">
      <h2 id="agenda-now-h" class="room-card-label">
        {rt("nowItem")}
      </h2>
      <Show when={currentItem(props.view)} fallback={<p class="agenda-now-title muted">{rt("noItem")}</p>}>
        {(cur) => (
          <>
            <p class="agenda-now-pos">
              {rt("itemOf", { pos: cur().index + 1, total: props.view.agenda.length })} ·{" "}
              <ItemClock item={cur().item} />
            </p>
            <p class="agenda-now-title">{cur().item.title}</p>
            <Show when={cur().item.kind === "task_review" && address}>
              {(a) => <TaskReviewPanel tenantId={a().tenantId} meetingId={a().meetingId} />}
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}

/** The whole agenda; `action` renders per-item controls (the chair's "go to"). */
export function AgendaList(props: { view: RoomView; action?: (item: AgendaItemView) => JSX.Element }) {
  return (
    <ol class="agenda-list">
      <For each={props.view.agenda}>
        {(item) => {
          const current = () => item.id === props.view.currentItemId;
          return (
            <li classList={{ current: current(), done: item.done }} aria-current={current() ? "step" : undefined}>
              <span class="agenda-title">
                {item.title}
                <Show when={item.done}>
                  {" "}
                  <span class="badge badge-muted">{rt("itemDone")}</span>
                </Show>
              </span>
              <span class="agenda-meta">
                <ItemClock item={item} />
                {props.action?.(item)}
              </span>
            </li>
          );
        }}
      </For>
    </ol>
  );
}

/** Minutes since the start against the 90-minute mark (Directive 50-CT/TW). */
export function MeetingClock(props: { view: RoomView }) {
  const { now } = useRoom();
  const minutes = () => meetingMinutes(props.view, now());
  const mark = () => props.view.meeting.durationMarkMinutes;
  return (
    <div class="meeting-clock" role="group" aria-label={rt("meetingClock")}>
      <span class="meeting-clock-label">{rt("meetingClock")}</span>
      <span class="meeting-clock-value">{rt("minutesShort", { n: minutes() })}</span>
      <meter min={0} max={mark()} value={Math.min(minutes(), mark())} aria-label={rt("clockMark", { mark: mark() })} />
      <span class="muted">
        {minutes() >= mark()
          ? rt("clockReached", { mark: mark() })
          : rt("clockShort", { left: mark() - minutes(), mark: mark() })}
      </span>
    </div>
  );
}
