/** The "combined with the regular meeting" checkbox: only a thematic meeting can be (the API refuses it otherwise). */
import { Show } from "solid-js";
import type { MeetingKind } from "../../../../schema/api/meetings";
import { CheckField } from "../../ui/fields";
import { gt } from "./meeting-messages";

export function CombinedField(props: { kind: MeetingKind; checked: boolean; onChecked: (v: boolean) => void }) {
  return (
    <Show when={props.kind === "thematic"}>
      <CheckField
        label={gt("combined")}
        hint={gt("combinedHint")}
        checked={props.checked}
        onChecked={props.onChecked}
      />
    </Show>
  );
}

/** What to send: a regular meeting is never combined, whatever the box said before the kind changed. */
export const combinedFor = (kind: MeetingKind, checked: boolean) => kind === "thematic" && checked;
