/**
 * The agenda as those who cannot change it read it: numbered items with their minutes and presenter, as text.
 * Greyed-out inputs read as a form one is barred from, and are hard to read on a phone.
 */
import { For, Show } from "solid-js";
import type { AgendaItem } from "../../../../schema/api/meetings";
import { agendaTotal } from "./agenda-editor";
import { gt } from "./meeting-messages";

export function AgendaText(props: { items: readonly AgendaItem[] }) {
  return (
    <Show when={props.items.length > 0} fallback={<p class="muted">{gt("agendaEmpty")}</p>}>
      <ol class="agenda-text">
        <For each={props.items}>
          {(item) => (
            <li>
              <strong>{item.title}</strong>{" "}
              <span class="muted">
                · {item.minutesBudget} {gt("minutesShort")}
                <Show when={item.presenterName}>{(name) => <> · {name()}</>}</Show>
              </span>
            </li>
          )}
        </For>
      </ol>
      <p>{gt("agendaTotal", { n: agendaTotal(props.items) })}</p>
    </Show>
  );
}
