/**
 * The projector in the hall: read-only, very large type, no controls. Current item, who speaks with a
 * countdown, the queue, the vote (live count; the tally only when the rule allows it) and attendance.
 */
import { useParams } from "@solidjs/router";
import { For, onCleanup, Show } from "solid-js";
import { pickLang } from "../i18n";
import { ConnectionBanner } from "./connection-banner";
import { AgendaNow, MeetingClock } from "./parts/agenda";
import { AttendanceSummary } from "./parts/attendance-summary";
import { FloorCard, QueueList } from "./parts/floor";
import { HallAddress } from "./parts/hall-address";
import { VoteCard } from "./parts/vote-card";
import { createServerClock, RoomContext } from "./room-context";
import { connectRoom } from "./room-socket";
import { latestVote } from "./room-state";
import { rt } from "./strings";
import "./room.css";

export default function HallPage() {
  const params = useParams<{ tenantId: string; meetingId: string }>();
  const conn = connectRoom(params.tenantId, params.meetingId);
  onCleanup(() => conn.close());
  const now = createServerClock(conn.clockOffset);
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
              <div class="hall-grid">
                <div class="hall-main">
                  <AgendaNow view={view()} />
                  <FloorCard view={view()} />
                  <Show when={latestVote(view())}>{(v) => <VoteCard vote={v()} />}</Show>
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
