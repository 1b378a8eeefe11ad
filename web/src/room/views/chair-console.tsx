/**
 * The chair's console: start and close the meeting, move through the agenda, run the speaking queue,
 * open and close votes, and take the roll call — everything a member without a device needs can be done
 * for them here (check-in, giving them the floor, their hand counted in the hall).
 */
import { createSignal, Show } from "solid-js";
import type { RoomView, You } from "../../../../schema/room/views";
import { t } from "../../i18n/common";
import { AgendaList, MeetingClock } from "../parts/agenda";
import { AttendanceSummary } from "../parts/attendance-summary";
import { AttendanceTable } from "../parts/attendance-table";
import { act, useRoom } from "../room-context";
import { rt } from "../strings";
import { ct } from "../strings-console";
import { ClosedConsole } from "./chair-closed";
import { FloorPanel } from "./chair-floor-panel";
import { VotePanel } from "./chair-vote-panel";
import { EvaluationForm } from "./leader-view";

export function MeetingControls(props: { view: RoomView }) {
  const { conn } = useRoom();
  const [confirming, setConfirming] = createSignal(false);
  return (
    <div class="meeting-controls">
      <Show when={props.view.meeting.status === "planned"}>
        <button type="button" class="btn btn-big btn-primary" onClick={() => void act(conn, { type: "meeting/start" })}>
          {ct("startMeeting")}
        </button>
      </Show>
      <Show when={props.view.meeting.status === "live"}>
        <Show
          when={confirming()}
          fallback={
            <button type="button" class="btn btn-danger" onClick={() => setConfirming(true)}>
              {ct("closeMeeting")}
            </button>
          }
        >
          <p class="notice notice-warn" role="alert">
            {ct("confirmClose")}
          </p>
          <div class="actions">
            <button
              type="button"
              class="btn btn-danger"
              onClick={() => void act(conn, { type: "meeting/close" }).then(() => setConfirming(false))}
            >
              {ct("confirm")}: {ct("closeMeeting")}
            </button>
            <button type="button" class="btn" onClick={() => setConfirming(false)}>
              {t("cancel")}
            </button>
          </div>
        </Show>
      </Show>
      <MeetingClock view={props.view} />
    </div>
  );
}

function AgendaPanel(props: { view: RoomView }) {
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
  return (
    <section class="room-card" aria-labelledby="agenda-h">
      <h2 id="agenda-h">{rt("agenda")}</h2>
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
    </section>
  );
}

/** `minutesHref`: the meeting's minutes page, which the closed state links to. */
export function ChairConsole(props: { view: RoomView; you: You; minutesHref: string }) {
  return (
    <Show
      when={props.view.meeting.status !== "closed"}
      fallback={<ClosedConsole view={props.view} minutesHref={props.minutesHref} />}
    >
      <LiveConsole view={props.view} you={props.you} />
    </Show>
  );
}

function LiveConsole(props: { view: RoomView; you: You }) {
  return (
    <div class="console">
      <MeetingControls view={props.view} />
      <div class="console-grid">
        <div class="console-col">
          <AgendaPanel view={props.view} />
        </div>
        <div class="console-col">
          <FloorPanel view={props.view} />
          <VotePanel view={props.view} you={props.you} />
        </div>
        <div class="console-col">
          <section class="room-card" aria-labelledby="attendance-h">
            <h2 id="attendance-h">{rt("attendance")}</h2>
            <AttendanceSummary counts={props.view.counts} />
            <p class="muted">
              {ct("eligibleVoters", { n: props.view.counts.eligibleVoters })} ·{" "}
              {ct("voteBase", { n: props.view.counts.voteBase })}
            </p>
            <AttendanceTable view={props.view} />
          </section>
          <details class="room-card">
            <summary>{ct("evaluation")}</summary>
            <EvaluationForm view={props.view} you={props.you} />
          </details>
        </div>
      </div>
    </div>
  );
}
