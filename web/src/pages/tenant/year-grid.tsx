/** Twelve months and four quarters as a grid of coloured, labelled cells (colour is never the only signal). */
import { A } from "@solidjs/router";
import { For, Show } from "solid-js";
import { formatDate } from "../../i18n/format";
import { pt } from "./plan-messages";
import type { Slot, SlotState, YearPlan } from "./plan-year";

const icon: Record<SlotState, string> = { held: "✓", live: "●", planned: "○", late: "!", missing: "✗", unplanned: "·" };

function Cell(props: { label: string; slot: Slot; meetingHref: (id: string) => string; createHref?: string }) {
  return (
    <li class={`slot slot-${props.slot.state}`}>
      <span class="slot-label">{props.label}</span>
      <span class="slot-state">
        <span aria-hidden="true">{icon[props.slot.state]} </span>
        {pt(`state_${props.slot.state}`)}
      </span>
      <Show
        when={props.slot.meeting}
        fallback={
          <Show when={props.createHref}>
            {(href) => (
              <A class="slot-link" href={href()}>
                + {pt("createHere")}
              </A>
            )}
          </Show>
        }
      >
        {(m) => (
          <A class="slot-link" href={props.meetingHref(m().id)}>
            {formatDate(m().scheduledAt)}
          </A>
        )}
      </Show>
    </li>
  );
}

export function YearGrid(props: {
  plan: YearPlan;
  meetingHref: (id: string) => string;
  /** Where "create" goes for an empty month (kind + month prefilled); absent for read-only viewers. */
  createHref?: (kind: "regular" | "thematic", month: number) => string;
}) {
  return (
    <div class="year-grid">
      <p class="year-summary">
        {pt("summary", {
          regular: props.plan.counts.regularHeld,
          thematic: props.plan.counts.thematicHeld,
          missing: props.plan.counts.missing,
          late: props.plan.counts.late,
        })}
      </p>
      <h3>{pt("regular")}</h3>
      <ol class="slots slots-months">
        <For each={props.plan.months}>
          {(slot, i) => (
            <Cell
              label={pt("monthN", { n: i() + 1 })}
              slot={slot}
              meetingHref={props.meetingHref}
              createHref={props.createHref?.("regular", i())}
            />
          )}
        </For>
      </ol>
      <h3>{pt("thematic")}</h3>
      <ol class="slots slots-quarters">
        <For each={props.plan.quarters}>
          {(slot, i) => (
            <Cell
              label={pt("quarterN", { n: i() + 1 })}
              slot={slot}
              meetingHref={props.meetingHref}
              createHref={props.createHref?.("thematic", i() * 3)}
            />
          )}
        </For>
      </ol>
    </div>
  );
}
