/** Loading / error-with-retry / content for one resource, so every page handles the three states the same way. */
import { type JSX, Match, type Resource, Switch } from "solid-js";
import { t } from "../i18n/common";
import { ErrorNotice } from "./error-notice";

export function ResourceView<T>(props: {
  resource: Resource<T>;
  onRetry?: () => void;
  children: (value: T) => JSX.Element;
}) {
  return (
    <Switch>
      <Match when={props.resource.error as unknown}>
        <ErrorNotice error={props.resource.error} onRetry={props.onRetry} />
      </Match>
      <Match when={props.resource.state === "ready" || props.resource.state === "refreshing"}>
        {props.children(props.resource() as T)}
      </Match>
      <Match when={true}>
        <p class="loading" aria-busy="true">
          {t("loading")}
        </p>
      </Match>
    </Switch>
  );
}
