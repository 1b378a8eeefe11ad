/**
 * The review of earlier resolutions' tasks at a meeting: each task marked done / in progress / not done with a
 * note, by the chair or minutes-taker before and during the meeting; read-only for everyone else and after the close.
 */
import { createResource, For, Show } from "solid-js";
import type { ReviewStatus, TaskUnderReview } from "../../../../schema/api/resolutions";
import { dayText } from "../../../../schema/record/resolution-text";
import { resolutionsApi } from "../../api";
import { createAction } from "../../ui/action";
import { ErrorNotice } from "../../ui/error-notice";
import { showToast } from "../../ui/toast";
import { rt } from "./resolution-messages";
import "./resolution.css";

const CHOICES: [ReviewStatus, "reviewDone" | "reviewProgress" | "reviewNot"][] = [
  ["done", "reviewDone"],
  ["in_progress", "reviewProgress"],
  ["not_done", "reviewNot"],
];
const labelOf = (s: ReviewStatus) => rt(CHOICES.find(([c]) => c === s)![1]);

function ReviewRow(props: {
  tenantId: string;
  meetingId: string;
  task: TaskUnderReview;
  canReview: boolean;
  onSaved: () => void;
}) {
  const act = createAction();
  let note!: HTMLInputElement;
  const mark = (status: ReviewStatus) =>
    act.run(async () => {
      await resolutionsApi.review(props.tenantId, props.meetingId, props.task.taskId, {
        status,
        note: note?.value ?? "",
      });
      showToast(rt("reviewSaved"));
      props.onSaved();
    });
  return (
    <li class="resolution-task">
      <p>
        <strong>{props.task.title}</strong>
        <br />
        <small>
          {props.task.resolutionNumber}
          {props.task.leadName ? ` · ${props.task.leadName}` : ""} · {rt("deadline")} {dayText(props.task.deadline)}
        </small>
      </p>
      <Show
        when={props.canReview}
        fallback={
          <p>
            {props.task.review ? labelOf(props.task.review.status) : rt("reviewNone")}
            {props.task.review?.note ? ` — ${props.task.review.note}` : ""}
          </p>
        }
      >
        <label>
          {rt("reviewNote")}
          <input ref={note} value={props.task.review?.note ?? ""} maxLength={2000} />
        </label>
        <div class="review-choices" role="group" aria-label={props.task.title}>
          <For each={CHOICES}>
            {([status, key]) => (
              <button
                type="button"
                class="btn"
                classList={{ "btn-primary": props.task.review?.status === status }}
                aria-pressed={props.task.review?.status === status}
                disabled={act.busy()}
                onClick={() => void mark(status)}
              >
                {rt(key)}
              </button>
            )}
          </For>
        </div>
        <Show when={act.error()}>{(err) => <ErrorNotice error={err()} />}</Show>
      </Show>
    </li>
  );
}

/** Shows nothing when the meeting has no earlier task to review. */
export function TaskReviewPanel(props: { tenantId: string; meetingId: string; onChange?: () => void }) {
  const [list, { refetch }] = createResource(
    () => ({ t: props.tenantId, m: props.meetingId }),
    (q) => resolutionsApi.reviews(q.t, q.m),
  );
  return (
    <Show when={list()?.tasks.length ? list() : undefined}>
      {(l) => (
        <section class="no-print" aria-labelledby="task-reviews-heading">
          <h2 id="task-reviews-heading">{rt("reviews")}</h2>
          <ol class="resolution-tasks">
            <For each={l().tasks}>
              {(task) => (
                <ReviewRow
                  tenantId={props.tenantId}
                  meetingId={props.meetingId}
                  task={task}
                  canReview={l().canReview}
                  onSaved={() => {
                    void refetch();
                    props.onChange?.();
                  }}
                />
              )}
            </For>
          </ol>
        </section>
      )}
    </Show>
  );
}
