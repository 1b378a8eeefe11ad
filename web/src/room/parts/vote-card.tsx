/** A vote as everyone sees it: the motion, its rule, how many voted, and the result when it closes. */
import { type JSX, Show } from "solid-js";
import type { VoteView } from "../../../../schema/room/views";
import { ruleAsAppliedLabel } from "../../../../schema/vote-rules";
import { pickLang } from "../../i18n";
import { rt } from "../strings";

/** The rule as applied (schema/vote-rules.ts `ruleAsApplied`): an edited preset reads as the custom rule it is. */
export function ruleLabel(vote: VoteView): string {
  const text = pickLang(ruleAsAppliedLabel(vote.rule));
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function VoteResult(props: { vote: VoteView; big?: boolean }) {
  return (
    <Show when={props.vote.result}>
      {(result) => (
        <div class="vote-result" classList={{ passed: result() === "passed", big: props.big }} role="status">
          <p class="vote-result-word">{result() === "passed" ? rt("passed") : rt("notPassed")}</p>
          <Show when={props.vote.tally}>
            {(tally) => <p class="vote-result-line">{rt("resultLine", { ...tally() })}</p>}
          </Show>
          <p class="muted">{rt("needed", { needed: props.vote.needed, base: props.vote.base })}</p>
        </div>
      )}
    </Show>
  );
}

export function VoteProgress(props: { vote: VoteView }) {
  const v = () => props.vote;
  return (
    <div class="vote-progress">
      <p class="vote-count">
        {rt("votedCount", { voted: v().voted, eligible: v().eligible })}{" "}
        <span class="muted">({rt("votedSplit", { remote: v().votedRemote, hall: v().votedHall })})</span>
      </p>
      <meter
        min={0}
        max={Math.max(1, v().eligible)}
        value={v().voted}
        aria-label={rt("votedCount", { voted: v().voted, eligible: v().eligible })}
      />
      <Show when={v().tally} fallback={<p class="muted">{rt("tallyHidden")}</p>}>
        {(tally) => <p>{rt("resultLine", { ...tally() })}</p>}
      </Show>
      <p class="muted">
        {rt("needed", { needed: v().needed, base: v().base })}
        <Show when={v().canStillPass !== null}>
          {" · "}
          <span classList={{ "text-err": v().canStillPass === false }}>
            {v().canStillPass ? rt("canStillPass") : rt("cannotPass")}
          </span>
        </Show>
      </p>
    </div>
  );
}

/** The card; `children` carries the screen's own controls (ballot buttons, close button, hall entry). */
export function VoteCard(props: { vote: VoteView; children?: JSX.Element; controlsFirst?: boolean }) {
  return (
    <section class="room-card vote-card" classList={{ open: props.vote.status === "open" }} aria-label={rt("vote")}>
      <p class="room-card-label">
        {props.vote.status === "open" ? rt("voteOpen") : rt("voteClosed")}
        <Show when={props.vote.secret}>
          {" "}
          <span class="badge badge-muted">{rt("secret")}</span>
        </Show>
      </p>
      <p class="vote-motion">{props.vote.motion}</p>
      <p class="muted vote-rule">{ruleLabel(props.vote)}</p>
      <Show when={props.controlsFirst}>{props.children}</Show>
      <Show when={props.vote.status === "open"} fallback={<VoteResult vote={props.vote} />}>
        <VoteProgress vote={props.vote} />
      </Show>
      <Show when={!props.controlsFirst}>{props.children}</Show>
    </section>
  );
}
