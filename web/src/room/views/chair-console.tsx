/**
 * The chair's console: start and close the meeting, move through the agenda, run the speaking queue,
 * open and close votes, and take the roll call — everything a member without a device needs can be done
 * for them here (check-in, giving them the floor, their hand counted in the hall).
 */
import { createSignal, Show } from "solid-js";
import type { RoomView, You } from "../../../../schema/room/views";
import { t } from "../../i18n/common";
import { MeetingClock } from "../parts/agenda";
import { AttendanceSummary } from "../parts/attendance-summary";
import { AttendanceTable } from "../parts/attendance-table";
import { act, useRoom } from "../room-context";
import { rt } from "../strings";
import { ct } from "../strings-console";
import { AgendaPanel } from "./chair-agenda-panel";
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
    <div class="console chair-console">
      <MeetingControls view={props.view} />
      <div class="console-grid">
        <div class="console-col">
          <AgendaPanel view={props.view} />
        </div>
        {/* While a vote is open it is what the chair works on: it comes first, above the queue (on a phone, the top). */}
        <div class="console-col" classList={{ "vote-first": props.view.votes.some((v) => v.status === "open") }}>
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
