/**
 * Who the meeting expects: the branch's active members by name and branch role, from the meeting answer itself,
 * so a visiting leader reads it without the member list (which only staff and members may read).
 */
import { For, Show } from "solid-js";
import type { ExpectedMember } from "../../../../schema/api/meetings";
import { lt } from "./labels";
import { gt } from "./meeting-messages";

export function ExpectedSection(props: { items: readonly ExpectedMember[] }) {
  return (
    <section class="section" aria-labelledby="expected-title">
      <h2 id="expected-title">{gt("expected")}</h2>
      <Show when={props.items.length > 0} fallback={<p class="muted">{gt("noExpected")}</p>}>
        <p class="muted">{gt("expectedCount", { n: props.items.length })}</p>
        <ul class="expected-list">
          <For each={props.items}>
            {(m) => (
              <li>
                {m.fullName}
                <Show when={m.branchRole !== "member"}>
                  {" "}
                  <span class="badge badge-muted">{lt(`role_${m.branchRole}`)}</span>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
