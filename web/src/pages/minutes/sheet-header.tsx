/** The head of a party document on the A4 sheet: organization and Party name side by side, then the title. */
import { Show } from "solid-js";
import { PARTY_NAME, type SheetHead } from "./minutes-doc";

export function SheetHeader(props: { head: SheetHead }) {
  return (
    <>
      <header class="a4-header">
        <div class="a4-org">
          <p>{props.head.superior.toUpperCase()}</p>
          <p class="strong">{props.head.branch.toUpperCase()}</p>
          <p class="strong">*</p>
          <Show when={props.head.number}>
            <p>{props.head.number}</p>
          </Show>
        </div>
        <div class="a4-party">
          <p class="strong underline">{PARTY_NAME}</p>
          <p class="italic">{props.head.placeDate}</p>
        </div>
      </header>
      <h1 class="a4-title">{props.head.title}</h1>
      <p class="a4-subtitle">{props.head.subtitle}</p>
    </>
  );
}
