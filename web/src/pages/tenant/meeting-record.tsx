/**
 * The closed meeting's record on its page (issue 12, item 4): attendance (who, how, when), speakers and their
 * times, every vote with its rule, base, tally and result, reserved opinions, the leader's notes the reader may see,
 * the grades, and links to the approved minutes and the resolution. The room's copy reaches D1 a moment after
 * close: until the API says `complete`, the page says "saving" and asks again, and never shows part of it.
 */
import { A } from "@solidjs/router";
import { createEffect, createResource, For, onCleanup, Show, untrack } from "solid-js";
import type { MeetingDetail, MeetingRecordAnswer, RecordResolution } from "../../../../schema/api/meetings";
import { meetingsApi } from "../../api";
import { formatTime } from "../../i18n/format";
import { rm } from "./record-messages";
import { ruleAsApplied } from "./record-rule";

/** How often the page asks again while the record is saving. */
export const SAVING_POLL_MS = 1500;

/** The resolution's page (built apart); linked only when the meeting has a resolution. */
export const resolutionPath = (tenantId: string, meetingId: string) =>
  `/t/${tenantId}/meetings/${meetingId}/resolution`;

const duration = (seconds: number) => rm("seconds", { m: Math.floor(seconds / 60), s: seconds % 60 });

/**
 * Loads the record of a live or closed meeting; polls while the room's copy is still landing. `onComplete` runs
 * when a meeting the page still thought live turns out complete (the page then reloads the meeting itself). A new
 * `stamp` reads the record again (the page bumps it when the minutes are approved, so the link follows).
 */
export function RecordSection(props: {
  tenantId: string;
  meeting: MeetingDetail;
  onComplete: () => void;
  stamp?: number;
}) {
  const [record, { refetch }] = createResource(
    () => ({ t: props.tenantId, m: props.meeting.id, stamp: props.stamp ?? 0 }),
    (q) => meetingsApi.record(q.t, q.m),
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  createEffect(() => {
    const state = record.state;
    if (state !== "ready" && state !== "errored") return;
    const r = state === "ready" ? record() : undefined;
    untrack(() => {
      clearTimeout(timer);
      if (r?.complete) {
        if (props.meeting.status !== "closed") props.onComplete();
        return;
      }
      // Saving, or a failed read of a closed meeting: ask again. A live meeting the room has not closed: no wait.
      if (r?.saving || props.meeting.status === "closed") timer = setTimeout(() => void refetch(), SAVING_POLL_MS);
    });
  });
  onCleanup(() => clearTimeout(timer));
  const answer = () => (record.state === "ready" || record.state === "refreshing" ? record.latest : undefined);
  return (
    <Show
      when={answer()?.complete}
      fallback={<SavingNotice when={!!answer()?.saving || props.meeting.status === "closed"} />}
    >
      <RecordView tenantId={props.tenantId} meeting={props.meeting} record={answer()!} />
    </Show>
  );
}

function SavingNotice(props: { when: boolean }) {
  return (
    <Show when={props.when}>
      <p class="notice" role="status" aria-live="polite">
        {rm("saving")}
      </p>
    </Show>
  );
}

function resolutionLabel(r: RecordResolution) {
  return r.status === "issued" && r.number !== null
    ? rm("resolutionIssued", { number: String(r.number).padStart(2, "0"), year: r.year ?? "" })
    : rm("resolutionDraft");
}

export function RecordView(props: { tenantId: string; meeting: MeetingDetail; record: MeetingRecordAnswer }) {
  const r = () => props.record;
  const itemTitle = (id: string | null) => props.meeting.agenda.find((a) => a.id === id)?.title ?? null;
  const base = () => `/t/${props.tenantId}/meetings/${props.meeting.id}`;
  return (
    <section class="section meeting-record" aria-labelledby="record-title">
      <h2 id="record-title">{rm("title")}</h2>

      <h3>{rm("links")}</h3>
      <ul class="record-links">
        <li>
          <Show when={r().approvedMinutes} fallback={<span class="muted">{rm("minutesNotApproved")}</span>}>
            {(m) => <A href={`${base()}/minutes`}>{rm("approvedMinutes", { n: m().version })}</A>}
          </Show>
        </li>
        <Show when={r().resolution}>
          {(res) => (
            <li>
              <A href={resolutionPath(props.tenantId, props.meeting.id)}>{resolutionLabel(res())}</A>
            </li>
          )}
        </Show>
      </ul>

      <h3>{rm("attendance")}</h3>
      <div class="table-wrap">
        <table class="data-table record-attendance">
          <thead>
            <tr>
              <th scope="col">{rm("who")}</th>
              <th scope="col">{rm("how")}</th>
              <th scope="col">{rm("when")}</th>
            </tr>
          </thead>
          <tbody>
            <For each={r().attendance}>
              {(a) => (
                <tr>
                  <td>{a.fullName}</td>
                  <td>
                    {rm(a.status)}
                    <Show when={a.reason}>: {a.reason}</Show>
                  </td>
                  <td>
                    <Show when={a.joinedAt}>{(t) => rm("joined", { t: formatTime(t()) })}</Show>
                    <Show when={a.leftAt}>{(t) => <> · {rm("left", { t: formatTime(t()) })}</>}</Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>

      <h3>{rm("speeches")}</h3>
      <Show when={r().speeches.length > 0} fallback={<p class="muted">{rm("noSpeeches")}</p>}>
        <ol class="record-list">
          <For each={r().speeches}>
            {(s) => (
              <li>
                <strong>{s.fullName}</strong> · {formatTime(s.startedAt)}–{formatTime(s.endedAt)} ·{" "}
                {duration(s.durationSeconds)}
                <Show when={s.kind === "point_of_order"}> ({rm("pointOfOrder")})</Show>
                <Show when={itemTitle(s.agendaItemId)}>{(title) => <span class="muted"> · {title()}</span>}</Show>
              </li>
            )}
          </For>
        </ol>
      </Show>

      <h3>{rm("votes")}</h3>
      <Show when={r().votes.length > 0} fallback={<p class="muted">{rm("noVotes")}</p>}>
        <ol class="record-list">
          <For each={r().votes}>
            {(v) => (
              <li class="card">
                <p>
                  <strong>{v.motion}</strong>
                  <Show when={v.secret}> ({rm("secret")})</Show>
                </p>
                <p class="muted">{ruleAsApplied(v.rule)}</p>
                <p>
                  {rm("tally", {
                    agree: v.agree ?? 0,
                    base: v.base ?? 0,
                    disagree: v.disagree ?? 0,
                    abstain: v.abstain ?? 0,
                  })}{" "}
                  <Show when={v.result}>
                    {(res) => (
                      <span class={`badge ${res() === "passed" ? "badge-ok" : "badge-err"}`}>
                        {res() === "passed" ? rm("passed") : rm("notPassed")}
                      </span>
                    )}
                  </Show>
                </p>
                <For each={r().reservedOpinions.filter((o) => o.voteId === v.id)}>
                  {(o) => (
                    <p class="record-reserved">
                      {rm("reserved")} — <strong>{o.fullName}</strong>: {o.body}
                    </p>
                  )}
                </For>
              </li>
            )}
          </For>
        </ol>
      </Show>
      <Show when={r().votes.length > 0 && r().reservedOpinions.length === 0}>
        <p class="muted">{rm("noReserved")}</p>
      </Show>

      <Show when={r().leaderNotes.length > 0}>
        <h3>{rm("notes")}</h3>
        <ul class="record-list">
          <For each={r().leaderNotes}>
            {(n) => (
              <li class="card">
                <strong>{n.fullName}</strong>
                <Show when={itemTitle(n.agendaItemId)}>{(title) => <span class="muted"> · {title()}</span>}</Show>
                <Show when={!n.shared}>
                  <span class="muted"> · {rm("notShared")}</span>
                </Show>
                <p class="doc-body">{n.body}</p>
              </li>
            )}
          </For>
        </ul>
      </Show>

      <h3>{rm("grades")}</h3>
      <Show when={r().evaluations.length > 0} fallback={<p class="muted">{rm("noGrades")}</p>}>
        <ul class="record-list">
          <For each={r().evaluations}>
            {(e) => (
              <li>
                {e.evaluatorKind === "branch" ? rm("byBranch") : rm("byLeader", { name: e.evaluatorName })}:{" "}
                <strong>
                  {e.total}/100 — {rm(`grade_${e.grade}`)}
                </strong>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
