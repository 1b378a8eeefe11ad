/** Who speaks, for how long, and who waits. */
import { For, type JSX, Show } from "solid-js";
import type { QueueEntry, RoomView } from "../../../../schema/room/views";
import { useRoom } from "../room-context";
import { clock, floorSecondsLeft } from "../room-state";
import { rt } from "../strings";

export function FloorCard(props: { view: RoomView; controls?: JSX.Element }) {
  const { now } = useRoom();
  return (
    <section class="room-card floor-card" aria-labelledby="floor-h">
      <h2 id="floor-h" class="room-card-label">
        {rt("speakingNow")}
      </h2>
      <Show when={props.view.floor} fallback={<p class="muted floor-none">{rt("nobodySpeaking")}</p>}>
        {(floor) => {
          const left = () => floorSecondsLeft(floor(), now());
          return (
            <>
              <p class="floor-name">
                {floor().name}
                <Show when={floor().kind === "point_of_order"}>
                  {" "}
                  <span class="badge badge-warn">{rt("pointOfOrder")}</span>
                </Show>
              </p>
              <p class="floor-timer" classList={{ over: left() < 0 || floor().overrun }}>
                <span class="floor-timer-label">{left() < 0 ? rt("overrun") : rt("timeLeft")}</span>{" "}
                {/* Read out once per change of minute, not every second. */}
                <span class="floor-timer-value" aria-hidden="true">
                  {clock(Math.abs(left()))}
                </span>
                <span class="sr-only">{rt("minutesShort", { n: Math.ceil(Math.abs(left()) / 60) })}</span>
              </p>
            </>
          );
        }}
      </Show>
      {props.controls}
    </section>
  );
}

export function QueueList(props: {
  view: RoomView;
  highlight?: string;
  action?: (entry: QueueEntry, index: number) => JSX.Element;
}) {
  return (
    <Show when={props.view.queue.length > 0} fallback={<p class="muted">{rt("queueEmpty")}</p>}>
      <ol class="queue-list">
        <For each={props.view.queue}>
          {(entry, i) => (
            <li classList={{ mine: entry.personId === props.highlight }}>
              <span class="queue-name">
                {entry.name}
                <Show when={entry.kind === "point_of_order"}>
                  {" "}
                  <span class="badge badge-warn">{rt("pointOfOrder")}</span>
                </Show>
              </span>
              {props.action?.(entry, i())}
            </li>
          )}
        </For>
      </ol>
    </Show>
  );
}
