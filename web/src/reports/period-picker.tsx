/** Choosing the period: a year, a quarter of it, a month, or a from–to range of days. */
import { For, Match, Switch } from "solid-js";
import type { PeriodKind, PeriodState } from "./period";
import { rt } from "./report-messages";

const KINDS: { kind: PeriodKind; label: () => string }[] = [
  { kind: "year", label: () => rt("periodYear") },
  { kind: "quarter", label: () => rt("periodQuarter") },
  { kind: "month", label: () => rt("periodMonth") },
  { kind: "range", label: () => rt("periodRange") },
];

export function PeriodPicker(props: { value: PeriodState; onChange: (next: PeriodState) => void }) {
  const set = (patch: Partial<PeriodState>) => props.onChange({ ...props.value, ...patch });
  return (
    <fieldset class="period-picker">
      <legend>{rt("period")}</legend>
      <div class="segmented" role="group" aria-label={rt("period")}>
        <For each={KINDS}>
          {(k) => (
            <button type="button" aria-pressed={props.value.kind === k.kind} onClick={() => set({ kind: k.kind })}>
              {k.label()}
            </button>
          )}
        </For>
      </div>
      <div class="period-inputs">
        <Switch>
          <Match when={props.value.kind === "year" || props.value.kind === "quarter"}>
            <label class="field">
              <span>{rt("year")}</span>
              <input
                type="number"
                min="2000"
                max="2100"
                value={props.value.year}
                onChange={(e) => set({ year: Number(e.currentTarget.value) || props.value.year })}
              />
            </label>
            <Switch>
              <Match when={props.value.kind === "quarter"}>
                <label class="field">
                  <span>{rt("quarter")}</span>
                  <select
                    value={String(props.value.quarter)}
                    onChange={(e) => set({ quarter: Number(e.currentTarget.value) })}
                  >
                    <For each={[1, 2, 3, 4]}>{(q) => <option value={String(q)}>{`${rt("quarter")} ${q}`}</option>}</For>
                  </select>
                </label>
              </Match>
            </Switch>
          </Match>
          <Match when={props.value.kind === "month"}>
            <label class="field">
              <span>{rt("month")}</span>
              <input
                type="month"
                value={props.value.month}
                onChange={(e) => e.currentTarget.value && set({ month: e.currentTarget.value })}
              />
            </label>
          </Match>
          <Match when={props.value.kind === "range"}>
            <label class="field">
              <span>{rt("from")}</span>
              <input
                type="date"
                value={props.value.from}
                max={props.value.to}
                onChange={(e) => e.currentTarget.value && set({ from: e.currentTarget.value })}
              />
            </label>
            <label class="field">
              <span>{rt("to")}</span>
              <input
                type="date"
                value={props.value.to}
                min={props.value.from}
                onChange={(e) => e.currentTarget.value && set({ to: e.currentTarget.value })}
              />
            </label>
          </Match>
        </Switch>
      </div>
    </fieldset>
  );
}
