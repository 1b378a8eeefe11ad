/**
 * Grade review: held meetings of the period with the evaluations the room recorded (the branch's own, the
 * visiting leader's); the committee confirms the one that counts. Until then the leader's grade counts,
 * else the branch's, marked provisional.
 */
import { createResource, createSignal, For, Show } from "solid-js";
import type { EvaluationView, MeetingGradeView } from "../../../schema/api/reports";
import { formatDate } from "../i18n/format";
import { canManageTenant } from "../session";
import { ErrorNotice } from "../ui/error-notice";
import { ResourceView } from "../ui/resource-view";
import { showToast } from "../ui/toast";
import { type PeriodState, periodQuery } from "./period";
import { rt } from "./report-messages";
import { gradeLabel } from "./report-words";
import { gradesApi } from "./reports-api";

type State = "pending" | "confirmed" | "all";

export function GradesPanel(props: { tenantId: string; period: PeriodState; organizationId?: string }) {
  const manage = () => canManageTenant(props.tenantId);
  const [state, setState] = createSignal<State>("pending");
  const [list, { refetch }] = createResource(
    () => ({ tenantId: props.tenantId, period: periodQuery(props.period), state: state(), org: props.organizationId }),
    (k) => gradesApi.list(k.tenantId, { ...k.period, state: k.state, organizationId: k.org }),
  );
  const [error, setError] = createSignal<unknown>(null);
  const toggle = async (e: EvaluationView) => {
    setError(null);
    try {
      if (e.confirmedAt) await gradesApi.unconfirm(props.tenantId, e.id);
      else await gradesApi.confirm(props.tenantId, e.id);
      showToast(rt("confirmedOk"));
      await refetch();
    } catch (err) {
      setError(err);
    }
  };
  const states: { value: State; label: () => string }[] = [
    { value: "pending", label: () => rt("statePending") },
    { value: "confirmed", label: () => rt("stateConfirmed") },
    { value: "all", label: () => rt("stateAll") },
  ];
  return (
    <section aria-labelledby="grades-title">
      <h2 id="grades-title">{rt("gradesTitle")}</h2>
      <div class="segmented" role="group" aria-label={rt("status")}>
        <For each={states}>
          {(s) => (
            <button type="button" aria-pressed={state() === s.value} onClick={() => setState(s.value)}>
              {s.label()}
            </button>
          )}
        </For>
      </div>
      <Show when={error()}>
        <ErrorNotice error={error()} />
      </Show>
      <ResourceView resource={list} onRetry={refetch}>
        {(data) => (
          <div class="card-list">
            <For each={data.items} fallback={<p class="notice">{rt("noData")}</p>}>
              {(m) => <MeetingCard meeting={m} manage={manage()} onToggle={(e) => void toggle(e)} />}
            </For>
          </div>
        )}
      </ResourceView>
    </section>
  );
}

/** One held meeting with its evaluations; each confirm button names whose evaluation it confirms. */
export function MeetingCard(props: {
  meeting: MeetingGradeView;
  manage: boolean;
  onToggle: (e: EvaluationView) => void;
}) {
  const m = () => props.meeting;
  return (
    <article class="card grade-card" classList={{ "row-behind": m().grade === "weak" }}>
      <h3>
        {m().organizationName} · {formatDate(m().scheduledAt)} ·{" "}
        {m().kind === "regular" ? rt("regular") : rt("thematic")}
      </h3>
      <p>
        {rt("counts")}: <strong>{m().grade ? gradeLabel(m().grade!) : "—"}</strong>{" "}
        <Show when={!m().confirmed && m().grade}>{rt("provisional")}</Show>
      </p>
      <div class="table-wrap">
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">{rt("evaluator")}</th>
              <th scope="col" class="num">
                {rt("score")}
              </th>
              <th scope="col">{rt("grade")}</th>
              <Show when={props.manage}>
                <th scope="col">
                  <span class="sr-only">{rt("confirm")}</span>
                </th>
              </Show>
            </tr>
          </thead>
          <tbody>
            <For each={m().evaluations}>
              {(e) => (
                <tr>
                  <td data-label={rt("evaluator")}>
                    {e.evaluatorName} ({e.evaluatorKind === "leader" ? rt("byLeader") : rt("byBranch")})
                  </td>
                  <td data-label={rt("score")} class="num">
                    {e.total}
                  </td>
                  <td data-label={rt("grade")}>
                    {gradeLabel(e.grade)}{" "}
                    <Show when={e.confirmedAt}>
                      <span class="badge badge-ok">{rt("stateConfirmed")}</span>
                    </Show>
                  </td>
                  <Show when={props.manage}>
                    <td>
                      <button
                        type="button"
                        class="btn btn-small"
                        classList={{ "btn-primary": !e.confirmedAt }}
                        onClick={() => props.onToggle(e)}
                        aria-label={`${e.confirmedAt ? rt("unconfirm") : rt("confirm")}: ${e.evaluatorName}, ${e.total} ${rt("points")}`}
                      >
                        {e.confirmedAt ? rt("unconfirm") : rt("confirm")}
                      </button>
                    </td>
                  </Show>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </article>
  );
}
