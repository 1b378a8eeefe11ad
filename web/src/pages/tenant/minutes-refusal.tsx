/**
 * Why the minutes were not approved: when their counts disagree with the meeting's record (the API's 409 with
 * one issue per count, schema/record/minutes-counts.ts), each count with what the text says and what the record
 * says; any other failure as the usual error notice.
 */
import { For, Show } from "solid-js";
import { ApiFailure } from "../../api/http";
import { pickLang } from "../../i18n";
import { ErrorNotice } from "../../ui/error-notice";
import { mt } from "./minutes-messages";

export function MinutesRefusal(props: { error: unknown }) {
  const counts = () =>
    props.error instanceof ApiFailure && props.error.status === 409 && props.error.issues.length > 0
      ? props.error.issues
      : null;
  return (
    <Show when={counts()} fallback={<ErrorNotice error={props.error} />}>
      {(issues) => (
        <div class="notice notice-error" role="alert">
          <p>
            <strong>{mt("countsDisagree")}</strong>
          </p>
          <p>{mt("countsHint")}</p>
          <ul>
            <For each={issues()}>
              {(issue) => (
                <li>
                  <strong>{issue.path}</strong>: {pickLang(issue.message)}
                </li>
              )}
            </For>
          </ul>
        </div>
      )}
    </Show>
  );
}
