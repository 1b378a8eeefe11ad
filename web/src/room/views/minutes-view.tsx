/**
 * The minutes-taker: the room's automatic draft, following the meeting until someone edits and saves (each save
 * names the revision it started from, so two editors never overwrite each other silently); once written, what
 * changed in the room since the last edit, with a tap that rewrites the count lines; hall hands for the open
 * vote, the roll call, and the way to the printable minutes.
 */
import { A } from "@solidjs/router";
import { createMemo, createSignal, For, Show } from "solid-js";
import { countChanges, countLines, updateCountLines } from "../../../../schema/record/minutes-counts";
import { draftMinutes } from "../../../../schema/record/minutes-draft";
import { factsOfRoomView } from "../../../../schema/record/minutes-facts";
import type { RoomView, You } from "../../../../schema/room/views";
import { CHAIR_LABEL, PARTY_NAME, TAKER_LABEL } from "../../pages/minutes/minutes-doc";
import { AgendaNow, MeetingClock } from "../parts/agenda";
import { AttendanceSummary } from "../parts/attendance-summary";
import { AttendanceTable } from "../parts/attendance-table";
import { FloorCard } from "../parts/floor";
import { HallBallots } from "../parts/hall-ballots";
import { VoteCard } from "../parts/vote-card";
import { act, useRoom } from "../room-context";
import { latestVote } from "../room-state";
import { rt } from "../strings";
import { ct } from "../strings-console";
import { Ballot } from "./member-view";

/** The room's facts and its automatic draft, as this screen's view stands (the room drafts the same at close). */
const factsOf = (view: RoomView) => factsOfRoomView(view);
export const liveDraft = (view: RoomView) => draftMinutes(factsOf(view));
/** What the printer and the editor show: the text written, or else the draft that follows the room. */
export const minutesText = (view: RoomView) => (view.minutes.body.trim() ? view.minutes.body : liveDraft(view));

/** The page the printer gets: the party header and the title around the body, which holds only the content. */
const printedMinutes = (view: RoomView) =>
  [
    PARTY_NAME,
    "",
    "BIÊN BẢN",
    view.meeting.topic,
    "",
    minutesText(view),
    "",
    `${CHAIR_LABEL}          ${TAKER_LABEL}`,
  ].join("\n");

function MinutesEditor(props: { view: RoomView }) {
  const { conn } = useRoom();
  const [draft, setDraft] = createSignal("");
  const [base, setBase] = createSignal(props.view.minutes.revision);
  const [dirty, setDirty] = createSignal(false);
  const [conflict, setConflict] = createSignal(false);
  const frozen = () => props.view.minutes.frozenVersion !== null;
  // Nobody wrote yet: the draft follows the room, rebuilt from each new state, until someone edits and saves.
  const written = () => props.view.minutes.body.trim() !== "";
  const shown = () => (dirty() ? draft() : minutesText(props.view));
  const changes = createMemo(() => {
    const at = props.view.minutes.countsAtEdit;
    return written() && at ? countChanges(at, countLines(factsOf(props.view))) : [];
  });
  const edit = (text: string) => {
    // The revision this edit starts from: a save names it, so an edit made meanwhile is not overwritten.
    if (!dirty()) setBase(props.view.minutes.revision);
    setDraft(text);
    setDirty(true);
  };
  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    setConflict(false);
    const outcome = await conn.send({ type: "minutes/edit", body: draft(), baseRevision: base() });
    if (outcome.ok) {
      setDirty(false);
      return;
    }
    setDirty(false);
    if (outcome.code === "stale_revision") setConflict(true);
    else await act(conn, { type: "sync" });
  };
  return (
    <section class="room-card minutes-card" aria-labelledby="minutes-h">
      <h2 id="minutes-h">{ct("minutes")}</h2>
      <Show when={frozen()} fallback={<p class="hint">{written() ? ct("minutesHelp") : ct("minutesFollowing")}</p>}>
        <p class="notice notice-ok">{ct("minutesFrozen", { n: props.view.minutes.frozenVersion ?? 1 })}</p>
      </Show>
      <Show when={conflict()}>
        <p class="notice notice-error" role="alert">
          {ct("minutesConflict")}
        </p>
      </Show>
      <Show when={!frozen() && changes().length > 0}>
        <div class="notice notice-warn" role="status" aria-label={ct("sinceEdit")}>
          <p>{ct("sinceEdit")}</p>
          <ul>
            <For each={changes()}>{(c) => <li>{c}</li>}</For>
          </ul>
          <button type="button" class="btn" onClick={() => edit(updateCountLines(shown(), factsOf(props.view)))}>
            {ct("updateCounts")}
          </button>
        </div>
      </Show>
      <form onSubmit={(e) => void save(e)}>
        <label for="minutes-body" class="sr-only">
          {ct("minutes")}
        </label>
        <textarea
          id="minutes-body"
          class="input minutes-body"
          rows={18}
          maxLength={60000}
          value={shown()}
          readOnly={frozen()}
          onInput={(e) => edit(e.currentTarget.value)}
        />
        <div class="actions">
          <button type="submit" class="btn btn-primary" disabled={!dirty()}>
            {ct("saveMinutes")}
          </button>
          <Show when={dirty()}>
            <span class="badge badge-warn">{ct("minutesUnsaved")}</span>
          </Show>
          <Show when={!dirty() && written()}>
            <span class="muted">{ct("minutesSaved", { n: props.view.minutes.revision })}</span>
          </Show>
          <Show when={written() && !frozen()}>
            <button
              type="button"
              class="btn"
              disabled={dirty()}
              onClick={() => void act(conn, { type: "minutes/prefill" })}
            >
              {ct("prefillMinutes")}
            </button>
          </Show>
        </div>
      </form>
    </section>
  );
}

export function MinutesView(props: { view: RoomView; you: You; minutesHref: string }) {
  const vote = () => latestVote(props.view);
  return (
    <div class="console">
      <MeetingClock view={props.view} />
      <p class="actions no-print">
        <button type="button" class="btn btn-primary" onClick={() => window.print()}>
          {ct("printMinutes")}
        </button>
        <A class="btn" href={props.minutesHref}>
          {ct("minutesPage")}
        </A>
      </p>
      {/* What the printer gets from this screen: the minutes as written, nothing else (see room.css). */}
      <div class="minutes-print" aria-hidden="true">
        {printedMinutes(props.view)}
      </div>
      <div class="console-grid console-grid-2">
        <div class="console-col console-col-wide">
          <MinutesEditor view={props.view} />
        </div>
        <div class="console-col">
          <AgendaNow view={props.view} />
          <FloorCard view={props.view} />
          <Show when={vote()}>
            {(v) => (
              <VoteCard vote={v()}>
                <Show when={v().status === "open"}>
                  <Show when={props.you.official}>
                    <Ballot vote={v()} you={props.you} />
                  </Show>
                  <HallBallots view={props.view} vote={v()} />
                </Show>
              </VoteCard>
            )}
          </Show>
          <section class="room-card" aria-labelledby="mt-att-h">
            <h2 id="mt-att-h">{rt("attendance")}</h2>
            <AttendanceSummary counts={props.view.counts} />
            <AttendanceTable view={props.view} />
          </section>
        </div>
      </div>
    </div>
  );
}
