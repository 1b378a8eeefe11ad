/**
 * The chair's screen once the meeting closed: the room refuses every live action then (party/logic), so the
 * console shows the record read-only — the agenda, the votes with their results, attendance — and the way on to
 * the minutes, instead of buttons that would only be refused.
 */
import { For } from "solid-js";
import type { RoomView } from "../../../../schema/room/views";
import { AgendaList, MeetingClock } from "../parts/agenda";
import { AttendanceSummary } from "../parts/attendance-summary";
import { VoteCard } from "../parts/vote-card";
import { rt } from "../strings";
import { ct } from "../strings-console";

export function ClosedConsole(props: { view: RoomView; minutesHref: string }) {
  return (
    <div class="console console-closed">
      <section class="room-card" aria-labelledby="closed-h">
        <h2 id="closed-h">{ct("meetingClosedTitle")}</h2>
        <p class="muted">{ct("meetingClosedHelp")}</p>
        <MeetingClock view={props.view} />
        {/* A plain link: the minutes page is its own chunk, and this screen has nothing left to keep alive. */}
        <a class="btn btn-big btn-primary btn-block" href={props.minutesHref}>
          {rt("readMinutes")}
        </a>
      </section>
      <div class="console-grid">
        <div class="console-col">
          <section class="room-card" aria-labelledby="closed-agenda-h">
            <h2 id="closed-agenda-h">{rt("agenda")}</h2>
            <AgendaList view={props.view} />
          </section>
        </div>
        <div class="console-col">
          <For each={props.view.votes}>{(vote) => <VoteCard vote={vote} />}</For>
        </div>
        <div class="console-col">
          <section class="room-card" aria-labelledby="closed-attendance-h">
            <h2 id="closed-attendance-h">{rt("attendance")}</h2>
            <AttendanceSummary counts={props.view.counts} />
          </section>
        </div>
      </div>
    </div>
  );
}
