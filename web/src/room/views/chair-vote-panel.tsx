/** The chair's votes: open one on a motion under a preset rule, follow the count, the hall's hands, close it. */
import { createSignal, For, Show } from "solid-js";
import type { RoomView, You } from "../../../../schema/room/views";
import { type NamedPreset, namedPresets, votePresetLabels } from "../../../../schema/vote-rules";
import { pickLang } from "../../i18n";
import { HallBallots } from "../parts/hall-ballots";
import { VoteCard } from "../parts/vote-card";
import { act, useRoom } from "../room-context";
import { latestVote } from "../room-state";
import { rt } from "../strings";
import { ct } from "../strings-console";
import { Ballot } from "./member-view";

export function VotePanel(props: { view: RoomView; you: You }) {
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
