/**
 * The member's phone: one column, large targets, nothing to learn. From the top: the Join tap if needed, the
 * open vote with three large buttons, where we are, who speaks; the hand button stays at the bottom of
 * the screen, under the thumb.
 */
import { createSignal, For, Show } from "solid-js";
import type { Choice, RoomView, VoteView, You } from "../../../../schema/room/views";
import { isPresent } from "../../../../schema/vote-rules";
import { pickLang } from "../../i18n";
import { AgendaNow } from "../parts/agenda";
import { FloorCard, QueueList } from "../parts/floor";
import { MediaCard } from "../parts/media-card";
import { VoteCard, VoteResult } from "../parts/vote-card";
import { act, useRoom } from "../room-context";
import { latestVote } from "../room-state";
import { rt } from "../strings";
import { attendanceLabel } from "./attendance-label";

const CHOICES: readonly Choice[] = ["agree", "disagree", "abstain"];
const RESULT_ON_TOP_MS = 10 * 60_000;

/**
 * Opening the room is reading it; attending is one large tap ("Tham dự / Join", party/logic/joining.ts). Before
 * the start the tap is remembered and counts from the start; the chair or minutes-taker checks in members in
 * the hall from the roll call.
 */
function CheckInCard(props: { view: RoomView; you: You }) {
  const { conn } = useRoom();
  const mine = () => props.view.attendance.find((a) => a.personId === props.you.personId);
  const here = () => isPresent(mine()?.status) && !mine()?.leftAt;
  return (
    <Show
      when={!here()}
      fallback={
        <p class="muted you-attendance">{rt("yourAttendance", { status: attendanceLabel(mine()?.status ?? null) })}</p>
      }
    >
      <section class="room-card checkin-card" aria-labelledby="checkin-h">
        <h2 id="checkin-h" class="room-card-label">
          {rt("attendance")}
        </h2>
        <Show
          when={!mine()?.joining}
          fallback={
            <p class="notice notice-ok" role="status">
              {rt("joiningNote")}
            </p>
          }
        >
          <p>{rt("joinPrompt")}</p>
          <button
            type="button"
            class="btn btn-big btn-block btn-primary btn-join"
            onClick={() => void act(conn, { type: "presence/join" })}
          >
            {rt("join")}
          </button>
        </Show>
      </section>
    </Show>
  );
}

export function Ballot(props: { vote: VoteView; you: You }) {
  const { conn } = useRoom();
  const [sending, setSending] = createSignal<Choice | null>(null);
  const [refusal, setRefusal] = createSignal<string | null>(null);
  const mine = () => props.you.ballots[props.vote.id];
  const canChange = () => props.vote.rule.allowChange;
  const cast = async (choice: Choice) => {
    setSending(choice);
    setRefusal(null);
    const outcome = await conn.send({ type: "vote/cast", voteId: props.vote.id, choice });
    setSending(null);
    if (!outcome.ok && outcome.code !== "gone") setRefusal(pickLang(outcome.message));
  };
  return (
    <div class="ballot">
      <Show when={!props.you.official}>
        <p class="notice notice-warn">{props.you.role === "probationary" ? rt("probationaryNote") : rt("guestNote")}</p>
      </Show>
      <Show when={mine()}>
        {(choice) => (
          <p class="notice notice-ok ballot-mine" role="status">
            {rt("yourBallot", { choice: rt(choice()) })}
            <Show when={canChange()}>
              <br />
              <span class="muted">{rt("changeBallot")}</span>
            </Show>
          </p>
        )}
      </Show>
      {/* Only an official member votes (the room refuses anyone else): the others follow the count, not buttons. */}
      <Show when={props.you.official && (!mine() || canChange())}>
        <div class="ballot-buttons" role="group" aria-label={rt("vote")}>
          <For each={CHOICES}>
            {(choice) => (
              <button
                type="button"
                class={`btn btn-big btn-block ballot-${choice}`}
                aria-pressed={mine() === choice}
                aria-busy={sending() === choice}
                disabled={sending() !== null}
                onClick={() => void cast(choice)}
              >
                {sending() === choice ? rt("pending") : rt(choice)}
              </button>
            )}
          </For>
        </div>
      </Show>
      <Show when={refusal()}>
        {(text) => (
          <p class="notice notice-error" role="alert">
            <strong>{rt("ballotRefused")}:</strong> {text()}
          </p>
        )}
      </Show>
    </div>
  );
}

/** A member who voted against a passed motion (or for a failed one) may reserve their opinion. */
function ReserveOpinion(props: { view: RoomView; vote: VoteView; you: You }) {
  const { conn } = useRoom();
  const [body, setBody] = createSignal("");
  const [sent, setSent] = createSignal(false);
  const mine = () => props.you.ballots[props.vote.id];
  const minority = () =>
    props.vote.status === "closed" &&
    !!mine() &&
    ((props.vote.result === "passed" && mine() !== "agree") ||
      (props.vote.result === "not_passed" && mine() === "agree"));
  const already = () =>
    sent() || props.view.reservedOpinions.some((o) => o.voteId === props.vote.id && o.personId === props.you.personId);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (await act(conn, { type: "vote/reserve", voteId: props.vote.id, body: body() }, rt("acked"))) setSent(true);
  };
  return (
    <Show when={minority() && !already()}>
      <details class="reserve">
        <summary>{rt("reserveOpinion")}</summary>
        <form onSubmit={(e) => void submit(e)}>
          <p class="hint">{rt("reserveOpinionHelp")}</p>
          <label class="sr-only" for={`reserve-${props.vote.id}`}>
            {rt("reserveOpinion")}
          </label>
          <textarea
            id={`reserve-${props.vote.id}`}
            class="input"
            rows={3}
            maxLength={4000}
            required
            value={body()}
            onInput={(e) => setBody(e.currentTarget.value)}
          />
          <button type="submit" class="btn btn-block">
            {rt("reserveOpinionSave")}
          </button>
        </form>
      </details>
    </Show>
  );
}

function HandButton(props: { view: RoomView; you: You }) {
  const { conn } = useRoom();
  const position = () => props.view.queue.findIndex((q) => q.personId === props.you.personId);
  const speaking = () => props.view.floor?.personId === props.you.personId;
  return (
    <div class="hand-bar no-print">
      <Show when={speaking()}>
        <button
          type="button"
          class="btn btn-big btn-block hand-btn"
          onClick={() => void act(conn, { type: "floor/end" })}
        >
          {rt("endSpeech")}
        </button>
      </Show>
      <Show when={!speaking()}>
        <Show
          when={position() >= 0}
          fallback={
            <button
              type="button"
              class="btn btn-big btn-block btn-primary hand-btn"
              onClick={() => void act(conn, { type: "queue/raise", kind: "speech" })}
            >
              {rt("raiseHand")}
            </button>
          }
        >
          <p class="hand-status" role="status">
            {rt("handRaised")} · {rt("queuePosition", { n: position() + 1 })}
          </p>
          <button
            type="button"
            class="btn btn-big btn-block hand-btn"
            onClick={() => void act(conn, { type: "queue/lower" })}
          >
            {rt("lowerHand")}
          </button>
        </Show>
      </Show>
    </div>
  );
}

export function MemberView(props: { view: RoomView; you: You }) {
  const { now } = useRoom();
  const vote = () => latestVote(props.view);
  const live = () => props.view.meeting.status === "live";
  const closed = () => props.view.meeting.status === "closed";
  // A committee observer follows the meeting: no roll call, no ballot, no hand.
  const observer = () => props.you.role === "observer";
  const closedVote = () => {
    const v = vote();
    return v?.status === "closed" ? v : null;
  };
  // A result that just came is news: it goes to the top for a while, then back under the agenda.
  const fresh = () => {
    const at = closedVote()?.closedAt;
    return !!at && now() - Date.parse(at) < RESULT_ON_TOP_MS;
  };
  const result = () => (
    <Show when={closedVote()}>
      {(v) => (
        <section class="room-card" aria-labelledby="last-result-h">
          <h2 id="last-result-h" class="room-card-label">
            {rt("lastResult")}
          </h2>
          <p class="vote-motion">{v().motion}</p>
          <VoteResult vote={v()} big />
          <ReserveOpinion view={props.view} vote={v()} you={props.you} />
        </section>
      )}
    </Show>
  );
  return (
    <div class="member-view">
      <Show when={props.view.meeting.status === "planned"}>
        <p class="notice">{rt("meetingNotStarted")}</p>
      </Show>
      <Show when={closed()}>
        <p class="notice">{rt("meetingEnded")}</p>
      </Show>
      <Show when={!closed() && !observer()}>
        <CheckInCard view={props.view} you={props.you} />
      </Show>
      <Show when={vote()?.status === "open" ? vote() : null}>
        {(v) => (
          <VoteCard vote={v()} controlsFirst>
            <Show when={!observer()}>
              <Ballot vote={v()} you={props.you} />
            </Show>
          </VoteCard>
        )}
      </Show>
      <MediaCard meeting={props.view.meeting} />
      <Show when={fresh() || closed()}>{result()}</Show>
      <Show when={!closed()}>
        <AgendaNow view={props.view} />
        <FloorCard view={props.view} />
        <section class="room-card" aria-labelledby="queue-h">
          <h2 id="queue-h" class="room-card-label">
            {rt("queue")}
          </h2>
          <QueueList view={props.view} highlight={props.you.personId} />
        </section>
      </Show>
      <Show when={!fresh() && !closed()}>{result()}</Show>
      <Show when={props.view.guidance.length > 0}>
        <section class="room-card" aria-labelledby="guidance-h">
          <h2 id="guidance-h" class="room-card-label">
            {rt("guidance")}
          </h2>
          <For each={props.view.guidance}>
            {(g) => (
              <blockquote class="guidance">
                <p>{g.body}</p>
                <footer class="muted">— {g.name}</footer>
              </blockquote>
            )}
          </For>
        </section>
      </Show>
      {/* One thing at a time: while a vote is open the bottom bar gives way to the ballot. */}
      <Show when={live() && !observer() && vote()?.status !== "open"}>
        <HandButton view={props.view} you={props.you} />
      </Show>
    </div>
  );
}
