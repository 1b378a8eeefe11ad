/**
 * Hands counted in the hall, entered by name for the members checked in there (only they are offered). The
 * room refuses a member connected remotely (`not_in_hall`: they vote on their own device) and skips a hall
 * member who already voted on a phone, so nobody counts twice.
 */
import { createSignal, For, Show } from "solid-js";
import type { Choice, RoomView, VoteView } from "../../../../schema/room/views";
import { mayVote } from "../../../../schema/vote-rules";
import { act, useRoom } from "../room-context";
import { rt } from "../strings";
import { ct } from "../strings-console";

export function HallBallots(props: { view: RoomView; vote: VoteView }) {
  const { conn } = useRoom();
  const [choices, setChoices] = createSignal<Record<string, Choice>>({});
  // Those who may vote (the room's own rule) and sit in the hall.
  const hallMembers = () =>
    props.view.roster.filter((m) => {
      const attendance = props.view.attendance.find((a) => a.personId === m.personId)?.status ?? null;
      return attendance === "present_hall" && mayVote({ ...m, attendance });
    });
  const entries = () => Object.entries(choices()).map(([personId, choice]) => ({ personId, choice }));
  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    const list = entries();
    if (!list.length) return;
    if (await act(conn, { type: "vote/hall", voteId: props.vote.id, entries: list }, rt("acked"))) setChoices({});
  };
  return (
    <form class="hall-ballots" onSubmit={(e) => void save(e)} aria-labelledby={`hall-h-${props.vote.id}`}>
      <h3 id={`hall-h-${props.vote.id}`}>{ct("hallHands")}</h3>
      <p class="hint">{ct("hallHandsHelp")}</p>
      <Show when={hallMembers().length > 0} fallback={<p class="muted">{ct("hallEntryNone")}</p>}>
        <ul class="hall-list">
          <For each={hallMembers()}>
            {(m) => (
              <li>
                <label for={`hall-${props.vote.id}-${m.personId}`}>{m.name}</label>
                <select
                  id={`hall-${props.vote.id}-${m.personId}`}
                  class="input"
                  value={choices()[m.personId] ?? ""}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    setChoices((c) => {
                      const next = { ...c };
                      if (v === "agree" || v === "disagree" || v === "abstain") next[m.personId] = v;
                      else delete next[m.personId];
                      return next;
                    });
                  }}
                >
                  <option value="">{ct("notChosen")}</option>
                  <option value="agree">{rt("agree")}</option>
                  <option value="disagree">{rt("disagree")}</option>
                  <option value="abstain">{rt("abstain")}</option>
                </select>
              </li>
            )}
          </For>
        </ul>
        <button type="submit" class="btn btn-primary" disabled={entries().length === 0}>
          {ct("hallHandsSave")} ({entries().length})
        </button>
      </Show>
    </form>
  );
}
