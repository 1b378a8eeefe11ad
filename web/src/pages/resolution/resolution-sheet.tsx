/** The resolution as an A4 page: what the print stylesheet puts on paper; the PDF draws the same document. */
import { For, Show } from "solid-js";
import { SheetHeader } from "../minutes/sheet-header";
import { type ResolutionDoc, SIGN_LABEL, TASK_COLUMNS } from "./resolution-doc";

export function ResolutionSheet(props: { doc: ResolutionDoc }) {
  return (
    <article class="a4" lang="vi" aria-label={`${props.doc.title} ${props.doc.number}`}>
      <SheetHeader head={props.doc} />
      <div class="a4-body">
        <For each={props.doc.sections}>
          {(s) => (
            <section>
              <p class="strong">{s.heading}</p>
              <For each={s.lines.filter((l) => l.trim())}>{(line) => <p>{line}</p>}</For>
            </section>
          )}
        </For>
        <Show when={props.doc.tasks.length}>
          <div class="a4-table-wrap">
            <table class="a4-table">
              <thead>
                <tr>
                  <For each={TASK_COLUMNS}>{(c) => <th scope="col">{c}</th>}</For>
                </tr>
              </thead>
              <tbody>
                <For each={props.doc.tasks}>
                  {(row) => (
                    <tr>
                      <For each={row}>{(cell) => <td>{cell}</td>}</For>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
        <Show when={props.doc.tally}>
          <p>{props.doc.tally}</p>
        </Show>
      </div>
      <footer class="a4-signatures">
        <div />
        <div>
          <For each={SIGN_LABEL}>{(l) => <p class="strong">{l}</p>}</For>
          <p class="a4-sign-space" />
          <p class="strong">{props.doc.signer}</p>
        </div>
      </footer>
      <p class="a4-version">{props.doc.note}</p>
    </article>
  );
}
