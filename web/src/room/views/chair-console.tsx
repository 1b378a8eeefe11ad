/**
 * The chair's console: start and close the meeting, move through the agenda, run the speaking queue,
 * open and close votes, and take the roll call — everything a member without a device needs can be done
 * for them here (check-in, giving them the floor, their hand counted in the hall).
 */
import { createSignal, For, Show } from "solid-js";
import type { RoomView, You } from "../../../../schema/room/views";
import { type NamedPreset, namedPresets, votePresetLabels } from "../../../../schema/vote-rules";
import { pickLang } from "../../i18n";
import { t } from "../../i18n/common";
import { AgendaList, MeetingClock } from "../parts/agenda";
import { AttendanceSummary } from "../parts/attendance-summary";
import { AttendanceTable } from "../parts/attendance-table";
import { FloorCard, QueueList } from "../parts/floor";
import { HallBallots } from "../parts/hall-ballots";
import { VoteCard } from "../parts/vote-card";
import { act, useRoom } from "../room-context";
import { latestVote } from "../room-state";
import { rt } from "../strings";
import { ct } from "../strings-console";
import { EvaluationForm } from "./leader-view";
import { Ballot } from "./member-view";

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

function FloorPanel(props: { view: RoomView }) {
  const { conn } = useRoom();
  const [who, setWho] = createSignal("");
  const [limit, setLimit] = createSignal(Math.round(props.view.queueSettings.limitSeconds / 60));
  const live = () => props.view.meeting.status === "live";
  const give = (personId: string) => act(conn, { type: "floor/give", personId });
  return (
    <section class="room-card" aria-labelledby="floor-panel-h">
      <h2 id="floor-panel-h">{rt("floor")}</h2>
      <FloorCard
        view={props.view}
        controls={
          <Show when={props.view.floor}>
            <div class="actions">
              <button type="button" class="btn btn-primary" onClick={() => void act(conn, { type: "floor/end" })}>
                {rt("endSpeech")}
              </button>
              <button type="button" class="btn" onClick={() => void act(conn, { type: "floor/extend", seconds: 60 })}>
                {ct("extend", { n: 1 })}
              </button>
              <button type="button" class="btn" onClick={() => void act(conn, { type: "floor/extend", seconds: 120 })}>
                {ct("extend", { n: 2 })}
              </button>
            </div>
          </Show>
        }
      />
      <h3>{rt("queue")}</h3>
      <QueueList
        view={props.view}
        action={(entry) => (
          <span class="queue-actions">
            <button
              type="button"
              class="btn btn-small btn-primary"
              disabled={!live()}
              aria-label={ct("giveFloorTo", { name: entry.name })}
              onClick={() => void give(entry.personId)}
            >
              {ct("giveFloor")}
            </button>
            <button
              type="button"
              class="btn btn-small"
              aria-label={`${ct("removeFromQueue")}: ${entry.name}`}
              onClick={() => void act(conn, { type: "queue/lower", personId: entry.personId })}
            >
              ×
            </button>
          </span>
        )}
      />
      <form
        class="form-row"
        onSubmit={(e) => {
          e.preventDefault();
          if (who()) void give(who()).then((ok) => ok && setWho(""));
        }}
      >
        <div class="field">
          <label for="give-who">{ct("raiseFor")}</label>
          <select id="give-who" class="input" value={who()} onChange={(e) => setWho(e.currentTarget.value)}>
            <option value="">{ct("notChosen")}</option>
            <For
              each={[...props.view.roster, ...props.view.guests.map((g) => ({ personId: g.personId, name: g.name }))]}
            >
              {(p) => <option value={p.personId}>{p.name}</option>}
            </For>
          </select>
        </div>
        <button type="submit" class="btn" disabled={!who() || !live()}>
          {ct("giveFloor")}
        </button>
      </form>
      <details>
        <summary>{ct("settings")}</summary>
        <form
          class="form-row"
          onSubmit={(e) => {
            e.preventDefault();
            void act(
              conn,
              { type: "queue/settings", settings: { ...props.view.queueSettings, limitSeconds: limit() * 60 } },
              rt("acked"),
            );
          }}
        >
          <div class="field narrow-field">
            <label for="speech-limit">{ct("speechLimit")}</label>
            <input
              id="speech-limit"
              class="input"
              type="number"
              min={1}
              max={60}
              value={limit()}
              onInput={(e) => setLimit(Number(e.currentTarget.value) || 1)}
            />
          </div>
          <button type="submit" class="btn">
            {ct("saveSettings")}
          </button>
        </form>
      </details>
    </section>
  );
}

function VotePanel(props: { view: RoomView; you: You }) {
  const { conn } = useRoom();
  const [motion, setMotion] = createSignal("");
  const [preset, setPreset] = createSignal<NamedPreset>("resolution");
  const [secret, setSecret] = createSignal(false);
  const vote = () => latestVote(props.view);
  const open = () => (vote()?.status === "open" ? vote() : null);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const ok = await act(conn, {
      type: "vote/open",
      motion: motion(),
      rule: preset(),
      secret: secret(),
      itemId: props.view.currentItemId,
    });
    if (ok) setMotion("");
  };
  return (
    <section class="room-card" aria-labelledby="vote-panel-h">
      <h2 id="vote-panel-h">{rt("vote")}</h2>
      <Show when={vote()}>
        {(v) => (
          <VoteCard vote={v()}>
            <Show when={v().status === "open"}>
              <Show when={props.you.official}>
                <Ballot vote={v()} you={props.you} />
              </Show>
              <HallBallots view={props.view} vote={v()} />
              <button
                type="button"
                class="btn btn-big btn-block btn-danger close-vote"
                onClick={() => void act(conn, { type: "vote/close", voteId: v().id })}
              >
                {ct("closeVote")}
              </button>
            </Show>
          </VoteCard>
        )}
      </Show>
      <Show when={!open() && props.view.meeting.status === "live"}>
        <form onSubmit={(e) => void submit(e)} class="open-vote">
          <div class="field">
            <label for="vote-motion">{ct("motion")}</label>
            <textarea
              id="vote-motion"
              class="input"
              rows={2}
              required
              maxLength={1000}
              value={motion()}
              onInput={(e) => setMotion(e.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label for="vote-rule">{ct("rule")}</label>
            <select
              id="vote-rule"
              class="input"
              value={preset()}
              onChange={(e) => setPreset(e.currentTarget.value as NamedPreset)}
            >
              <For each={namedPresets}>{(p) => <option value={p}>{pickLang(votePresetLabels[p])}</option>}</For>
            </select>
          </div>
          <label class="field-check">
            <input type="checkbox" checked={secret()} onChange={(e) => setSecret(e.currentTarget.checked)} />{" "}
            {rt("secret")}
          </label>
          <button type="submit" class="btn btn-primary btn-block">
            {ct("openVote")}
          </button>
        </form>
      </Show>
    </section>
  );
}

export function ChairConsole(props: { view: RoomView; you: You }) {
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
