/**
 * The minutes-taker: the minutes pre-filled by the room and edited live (each save names the revision it
 * started from, so two editors never overwrite each other silently), hall hands for the open vote, the
 * roll call, and the way to the printable minutes.
 */
import { A } from "@solidjs/router";
import { createEffect, createSignal, on, onMount, Show } from "solid-js";
import type { RoomView, You } from "../../../../schema/room/views";
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

function MinutesEditor(props: { view: RoomView }) {
  const { conn } = useRoom();
  const [draft, setDraft] = createSignal(props.view.minutes.body);
  const [base, setBase] = createSignal(props.view.minutes.revision);
  const [dirty, setDirty] = createSignal(false);
  const [conflict, setConflict] = createSignal(false);
  const frozen = () => props.view.minutes.frozenVersion !== null;
  // Nobody has written yet: start from the draft the room builds from what happened.
  onMount(() => {
    if (!frozen() && props.view.minutes.revision === 0 && !props.view.minutes.body.trim())
      void act(conn, { type: "minutes/prefill" });
  });
  // Follow other editors (and the room's prefill) while this person has nothing unsaved.
  createEffect(
    on(
      () => props.view.minutes.revision,
      (rev) => {
        if (dirty()) return;
        setDraft(props.view.minutes.body);
        setBase(rev);
      },
    ),
  );
  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    setConflict(false);
    const outcome = await conn.send({ type: "minutes/edit", body: draft(), baseRevision: base() });
    if (outcome.ok) {
      setDirty(false);
      setBase(props.view.minutes.revision);
      return;
    }
    if (outcome.code === "stale_revision") {
      setConflict(true);
      setDirty(false);
      setDraft(props.view.minutes.body);
      setBase(props.view.minutes.revision);
    } else {
      await act(conn, { type: "sync" });
    }
  };
  return (
    <section class="room-card minutes-card" aria-labelledby="minutes-h">
      <h2 id="minutes-h">{ct("minutes")}</h2>
      <Show when={frozen()} fallback={<p class="hint">{ct("minutesHelp")}</p>}>
        <p class="notice notice-ok">{ct("minutesFrozen", { n: props.view.minutes.frozenVersion ?? 1 })}</p>
      </Show>
      <Show when={conflict()}>
        <p class="notice notice-error" role="alert">
          {ct("minutesConflict")}
        </p>
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
          value={draft()}
          onInput={(e) => {
            setDraft(e.currentTarget.value);
            setDirty(true);
          }}
        />
        <div class="actions">
          <button type="submit" class="btn btn-primary" disabled={!dirty()}>
            {ct("saveMinutes")}
          </button>
          <Show when={dirty()}>
            <span class="badge badge-warn">{ct("minutesUnsaved")}</span>
          </Show>
          <Show when={!dirty() && props.view.minutes.revision > 0}>
            <span class="muted">{ct("minutesSaved", { n: props.view.minutes.revision })}</span>
          </Show>
          <button
            type="button"
            class="btn"
            disabled={dirty()}
            onClick={() => void act(conn, { type: "minutes/prefill" })}
          >
            {ct("prefillMinutes")}
          </button>
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
        {props.view.minutes.body}
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
