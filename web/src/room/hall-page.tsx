/**
 * The projector in the hall: read-only, very large type, no controls. Current item, who speaks with a
 * countdown, the queue, the vote (live count; the tally only when the rule allows it) and attendance.
 * While a vote is open, and for a while after it closes, it takes the top of the screen in the largest type
 * and the rest shrinks under it: the hall must read the count from the back row without scrolling.
 */
import { useParams } from "@solidjs/router";
import { createMemo, For, onCleanup, Show } from "solid-js";
import { pickLang } from "../i18n";
import { ConnectionBanner } from "./connection-banner";
import { AgendaNow, MeetingClock } from "./parts/agenda";
import { AttendanceSummary } from "./parts/attendance-summary";
import { FloorCard, QueueList } from "./parts/floor";
import { HallAddress } from "./parts/hall-address";
import { VoteCard } from "./parts/vote-card";
import { createServerClock, RoomContext } from "./room-context";
import { connectRoom } from "./room-socket";
import { hallVoteInFocus, latestVote } from "./room-state";
import { HallMediaBar } from "./rtc/hall-media-bar";
import { rt } from "./strings";
import "./room.css";

export default function HallPage() {
  const params = useParams<{ tenantId: string; meetingId: string }>();
  const conn = connectRoom(params.tenantId, params.meetingId);
  onCleanup(() => conn.close());
  const now = createServerClock(conn.clockOffset);
  const focus = createMemo(() => (conn.data.view ? hallVoteInFocus(conn.data.view, now()) : null));
  return (
    <RoomContext.Provider value={{ conn, now }}>
      <main id="main" class="hall" aria-label={rt("hallTitle")}>
        <Show
          when={conn.data.view}
          fallback={
            <p class="hall-wait" role="status">
              {conn.fatal() ? pickLang(conn.fatal()?.message ?? "") : rt("loadingRoom")}
            </p>
          }
        >
          {(view) => (
            <>
              <header class="hall-top">
                <h1 class="hall-topic">{view().meeting.topic}</h1>
                <MeetingClock view={view()} />
              </header>
              <Show when={view().meeting.mediaMode === "builtin"}>
                <HallMediaBar conn={conn} view={view} />
              </Show>
              <Show when={focus()}>
                {(v) => (
                  <div class="hall-vote">
                    <VoteCard vote={v()} />
                  </div>
                )}
              </Show>
              <div class="hall-grid" classList={{ "hall-grid-under-vote": !!focus() }}>
                <div class="hall-main">
                  <AgendaNow view={view()} />
                  <FloorCard view={view()} />
                  <Show when={!focus() && latestVote(view())}>{(v) => <VoteCard vote={v()} />}</Show>
                </div>
                <div class="hall-side">
                  <section class="room-card" aria-labelledby="hall-queue-h">
                    <h2 id="hall-queue-h" class="room-card-label">
                      {rt("queue")}
                    </h2>
                    <QueueList view={view()} />
                  </section>
                  <section class="room-card" aria-labelledby="hall-att-h">
                    <h2 id="hall-att-h" class="room-card-label">
                      {rt("attendance")}
                    </h2>
                    <AttendanceSummary counts={view().counts} />
                  </section>
                  <For each={view().guidance.slice(-1)}>
                    {(g) => (
                      <blockquote class="guidance">
                        <p>{g.body}</p>
                        <footer>— {g.name}</footer>
                      </blockquote>
                    )}
                  </For>
                </div>
              </div>
            </>
          )}
        </Show>
        <HallAddress />
        <div class="hall-conn">
          <ConnectionBanner conn={conn} />
        </div>
      </main>
    </RoomContext.Provider>
  );
}
