import { For, Show } from "solid-js";
import { ApiFailure } from "../api/http";
import { pickLang } from "../i18n";
import { t } from "../i18n/common";
import { errorText } from "./errors";

/** An error box a screen reader announces, with the server's field issues listed and an optional retry. */
export function ErrorNotice(props: { error: unknown; onRetry?: () => void }) {
  const issues = () => (props.error instanceof ApiFailure ? props.error.issues : []);
  return (
    <div class="notice notice-error" role="alert">
      <p>{errorText(props.error)}</p>
      <Show when={issues().length > 0}>
        <p>{t("fieldProblems")}</p>
        <ul>
          <For each={issues()}>
            {(issue) => (
              <li>
                <Show when={issue.path}>
                  <code>{issue.path}</code>:{" "}
                </Show>
                {pickLang(issue.message)}
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={props.onRetry}>
        <button type="button" class="btn" onClick={() => props.onRetry?.()}>
          {t("retry")}
        </button>
      </Show>
    </div>
  );
}
