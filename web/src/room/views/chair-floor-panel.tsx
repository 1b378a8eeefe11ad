/** The chair's speaking queue: who has the floor, who waits, the limit, and the floor given to anyone present. */
import { createSignal, For, Show } from "solid-js";
import type { RoomView } from "../../../../schema/room/views";
import { FloorCard, QueueList } from "../parts/floor";
import { act, useRoom } from "../room-context";
import { mediaText } from "../rtc/media-strings";
import { rt } from "../strings";
import { ct } from "../strings-console";

/**
 * Built-in media: the chair mutes the speaker's microphone (`rtc/mute`; it stays off for the rest of this floor),
 * and sees that it is off. Not for the chair's own floor: the hall's microphone is the hall's.
 */
function MuteSpeaker(props: { view: RoomView }) {
  const { conn } = useRoom();
  const floor = () => props.view.floor;
  const shown = () =>
    props.view.meeting.mediaMode === "builtin" && !!floor() && floor()?.personId !== props.view.meeting.chairPersonId;
  return (
    <Show when={shown()}>
      <Show when={!floor()?.muted} fallback={<span class="badge badge-warn">{mediaText("speakerMuted")}</span>}>
        <button type="button" class="btn" onClick={() => conn.rtc.mute(floor()?.personId ?? "")}>
          {mediaText("muteSpeaker")}
        </button>
      </Show>
    </Show>
  );
}

export function FloorPanel(props: { view: RoomView }) {
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
              <MuteSpeaker view={props.view} />
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
      {/* Folded: the floor for someone without a device is the rarer act, and on a phone the vote below must stay
          within the first screen. */}
      <details class="floor-more">
        <summary>{ct("raiseFor")}</summary>
        <form
          class="form-row"
          onSubmit={(e) => {
            e.preventDefault();
            if (who()) void give(who()).then((ok) => ok && setWho(""));
          }}
        >
          <div class="field">
            <label for="give-who">{ct("raiseForWho")}</label>
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
      </details>
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
