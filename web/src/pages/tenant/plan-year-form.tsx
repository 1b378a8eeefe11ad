/** Scheduling a branch's whole year at once: the day of the month, the hour and the place of its regular meetings. */
import { createSignal, Show } from "solid-js";
import type { PlanYearResult } from "../../../../schema/api/meetings";
import { meetingsApi } from "../../api";
import { createAction } from "../../ui/action";
import { ErrorNotice } from "../../ui/error-notice";
import { issuesByField } from "../../ui/errors";
import { CheckField, TextField } from "../../ui/fields";
import { showToast } from "../../ui/toast";
import { pt } from "./plan-messages";

export function PlanYearForm(props: { tenantId: string; organizationId: string; year: number; onDone: () => void }) {
  const [day, setDay] = createSignal("25");
  const [time, setTime] = createSignal("19:30");
  const [place, setPlace] = createSignal("");
  const [withThematic, setWithThematic] = createSignal(true);
  const action = createAction();
  const [result, setResult] = createSignal<PlanYearResult | null>(null);
  const fieldErr = () => issuesByField(action.error());

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    setResult(null);
    void action.run(async () => {
      const res = await meetingsApi.planYear(props.tenantId, {
        organizationId: props.organizationId,
        year: props.year,
        dayOfMonth: Number(day()),
        time: time(),
        place: place().trim(),
        withThematic: withThematic(),
      });
      setResult(res);
      showToast(pt("planYearDone", { n: res.created.length }));
      props.onDone();
    });
  };

  return (
    <form class="card plan-year-form" onSubmit={submit} aria-labelledby="plan-year-title">
      <h2 id="plan-year-title">
        {pt("planYear")} {props.year}
      </h2>
      <p class="hint">{pt("planYearHint")}</p>
      <div class="form-row">
        <TextField
          label={pt("dayOfMonth")}
          type="number"
          min={1}
          max={31}
          required
          value={day()}
          onValue={setDay}
          error={fieldErr().dayOfMonth}
        />
        <TextField label={pt("time")} type="time" required value={time()} onValue={setTime} error={fieldErr().time} />
        <TextField label={pt("place")} maxLength={300} value={place()} onValue={setPlace} error={fieldErr().place} />
      </div>
      <CheckField label={pt("withThematic")} checked={withThematic()} onChecked={setWithThematic} />
      <Show when={action.error()}>
        <ErrorNotice error={action.error()} />
      </Show>
      <Show when={result()}>
        {(r) => (
          <p class="notice notice-ok" role="status">
            {pt("planYearResult", { created: r().created.length, skipped: r().skipped.length })}
          </p>
        )}
      </Show>
      <button type="submit" class="btn btn-primary" disabled={action.busy() || !props.organizationId}>
        {pt("planYear")} {props.year}
      </button>
    </form>
  );
}
