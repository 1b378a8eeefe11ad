/**
 * The visiting leader: follows the meeting, keeps private notes per agenda item (shared with the committee
 * only if they choose), posts guidance to the room, and scores the meeting on the quality grid.
 */
import { createEffect, createMemo, createSignal, For, on, Show } from "solid-js";
import {
  type CriterionKey,
  gradeLabels,
  gradeOf,
  qualityGrid,
  type Scores,
  suggestScores,
} from "../../../../schema/quality-grid";
import { meetingFacts } from "../../../../schema/room/facts";
import type { LeaderNoteView, RoomView, You } from "../../../../schema/room/views";
import { pickLang } from "../../i18n";
import { AgendaNow, MeetingClock } from "../parts/agenda";
import { AttendanceSummary } from "../parts/attendance-summary";
import { FloorCard, QueueList } from "../parts/floor";
import { MediaCard } from "../parts/media-card";
import { VoteCard } from "../parts/vote-card";
import { act, useRoom } from "../room-context";
import { latestVote } from "../room-state";
import { rt } from "../strings";
import { ct } from "../strings-console";

function NoteEditor(props: { itemId: string | null; title: string; note: LeaderNoteView | undefined }) {
  const { conn } = useRoom();
  const [body, setBody] = createSignal(props.note?.body ?? "");
  const [shared, setShared] = createSignal(props.note?.shared ?? false);
  const [dirty, setDirty] = createSignal(false);
  const id = `note-${props.itemId ?? "general"}`;
  // The private notes frame may come after the snapshot: take the stored text unless the leader is typing.
  createEffect(
    on(
      () => props.note?.updatedAt,
      () => {
        if (dirty() || !props.note) return;
        setBody(props.note.body);
        setShared(props.note.shared);
      },
    ),
  );
  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!body().trim()) return;
    if (
      await act(
        conn,
        { type: "note/save", noteId: props.note?.id, itemId: props.itemId, body: body(), shared: shared() },
        ct("noteSaved"),
      )
    )
      setDirty(false);
  };
  return (
    <form class="note-editor" onSubmit={(e) => void save(e)}>
      <label for={id}>{props.title}</label>
      <textarea
        id={id}
        class="input"
        rows={3}
        maxLength={4000}
        value={body()}
        onInput={(e) => {
          setBody(e.currentTarget.value);
          setDirty(true);
        }}
      />
      <div class="actions">
        <label class="field-check">
          <input type="checkbox" checked={shared()} onChange={(e) => setShared(e.currentTarget.checked)} />{" "}
          {ct("noteShared")}
        </label>
        <button type="submit" class="btn btn-small" aria-label={`${ct("saveNote")}: ${props.title}`}>
          {ct("saveNote")}
        </button>
      </div>
    </form>
  );
}

function Notes(props: { view: RoomView; you: You }) {
  const { conn } = useRoom();
  const mine = (itemId: string | null) =>
    conn.data.notes.find((n) => n.personId === props.you.personId && n.itemId === itemId);
  return (
    <section class="room-card" aria-labelledby="notes-h">
      <h2 id="notes-h">{ct("notes")}</h2>
      <For each={props.view.agenda}>
        {(item) => <NoteEditor itemId={item.id} title={ct("notesFor", { item: item.title })} note={mine(item.id)} />}
      </For>
      <NoteEditor itemId={null} title={ct("notesGeneral")} note={mine(null)} />
    </section>
  );
}

function Guidance(props: { view: RoomView }) {
  const { conn } = useRoom();
  const [body, setBody] = createSignal("");
  const send = async (e: SubmitEvent) => {
    e.preventDefault();
    if (await act(conn, { type: "guidance/post", body: body() }, rt("acked"))) setBody("");
  };
  return (
    <section class="room-card" aria-labelledby="guidance-form-h">
      <h2 id="guidance-form-h">{rt("guidance")}</h2>
      <For each={props.view.guidance}>
        {(g) => (
          <blockquote class="guidance">
            <p>{g.body}</p>
            <footer class="muted">— {g.name}</footer>
          </blockquote>
        )}
      </For>
      <form onSubmit={(e) => void send(e)}>
        <label for="guidance-body">{ct("guidanceHelp")}</label>
        <textarea
          id="guidance-body"
          class="input"
          rows={3}
          maxLength={4000}
          required
          value={body()}
          onInput={(e) => setBody(e.currentTarget.value)}
        />
        <button type="submit" class="btn btn-primary">
          {ct("sendGuidance")}
        </button>
      </form>
    </section>
  );
}

/** The 100-point grid with what the room measured suggested, the total and grade computed as one types. */
export function EvaluationForm(props: { view: RoomView; you: You }) {
  const { conn, now } = useRoom();
  const existing = () => props.view.evaluations.find((e) => e.personId === props.you.personId);
  // The room's own facts (schema/room/facts.ts): the duration mark is the view's, 120 for a combined meeting.
  const suggested = createMemo<Scores>(() => suggestScores(meetingFacts(props.view, now())));
  const [scores, setScores] = createSignal<Scores>({ ...existing()?.scores });
  const value = (key: CriterionKey) => scores()[key] ?? suggested()[key] ?? 0;
  const filled = (): Scores => Object.fromEntries(qualityGrid.map((c) => [c.key, value(c.key)]));
  const result = () => gradeOf(filled());
  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    await act(conn, { type: "evaluation/save", scores: filled() }, rt("acked"));
  };
  return (
    <section class="room-card" aria-labelledby="eval-h">
      <h2 id="eval-h">{ct("evaluation")}</h2>
      <p class="hint">{ct("evaluationHelp")}</p>
      <form onSubmit={(e) => void save(e)}>
        <table class="eval-table">
          <tbody>
            <For each={qualityGrid}>
              {(c) => (
                <tr>
                  <th scope="row">
                    <label for={`score-${c.key}`}>{pickLang(c.label)}</label>
                    <Show when={c.requiredForGood}>
                      <small class="muted"> ({ct("requiredForGood")})</small>
                    </Show>
                    <Show when={suggested()[c.key] !== undefined}>
                      <small class="muted"> · {ct("suggested", { n: suggested()[c.key] ?? 0 })}</small>
                    </Show>
                  </th>
                  <td>
                    <input
                      id={`score-${c.key}`}
                      class="input score-input"
                      type="number"
                      inputmode="numeric"
                      min={0}
                      max={c.max}
                      value={value(c.key)}
                      onInput={(e) => {
                        const n = Math.max(0, Math.min(c.max, Math.round(Number(e.currentTarget.value) || 0)));
                        setScores((s) => ({ ...s, [c.key]: n }));
                      }}
                    />{" "}
                    <span class="muted">/ {c.max}</span>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
        <p class="eval-total" role="status">
          {ct("total")}: <strong>{result().total}</strong>/100 · {ct("grade")}:{" "}
          <strong>{pickLang(gradeLabels[result().grade])}</strong>
        </p>
        <button type="submit" class="btn btn-primary">
          {ct("saveEvaluation")}
        </button>
      </form>
    </section>
  );
}

export function LeaderView(props: { view: RoomView; you: You }) {
  const vote = () => latestVote(props.view);
  return (
    <div class="console">
      <MeetingClock view={props.view} />
      <div class="console-grid">
        <div class="console-col">
          <MediaCard meeting={props.view.meeting} />
          <AgendaNow view={props.view} />
          <FloorCard view={props.view} />
          <section class="room-card" aria-labelledby="leader-queue-h">
            <h2 id="leader-queue-h" class="room-card-label">
              {rt("queue")}
            </h2>
            <QueueList view={props.view} />
          </section>
          <Show when={vote()}>{(v) => <VoteCard vote={v()} />}</Show>
          <section class="room-card" aria-labelledby="leader-att-h">
            <h2 id="leader-att-h" class="room-card-label">
              {rt("attendance")}
            </h2>
            <AttendanceSummary counts={props.view.counts} />
          </section>
          <Guidance view={props.view} />
        </div>
        <div class="console-col">
          <Notes view={props.view} you={props.you} />
        </div>
        <div class="console-col">
          <EvaluationForm view={props.view} you={props.you} />
        </div>
      </div>
    </div>
  );
}
