/** Present against expected (members less the exempted), against the 85% mark of the quality guidance. */
import type { AttendanceCounts } from "../../../../schema/room/views";
import { rt } from "../strings";

export function AttendanceSummary(props: { counts: AttendanceCounts }) {
  const pct = () => Math.round(props.counts.rate * 100);
  return (
    <div class="attendance-summary">
      <p class="attendance-figures">
        <strong>{rt("presentOf", { present: props.counts.eligibleVoters, expected: props.counts.expected })}</strong>{" "}
        <span class={props.counts.reachesMark ? "badge badge-ok" : "badge badge-warn"}>
          {rt("rate", { rate: pct() })} · {props.counts.reachesMark ? rt("reachesMark") : rt("belowMark")}
        </span>
      </p>
      <div class="attendance-bar" role="img" aria-label={`${rt("rate", { rate: pct() })}, ${rt("mark85")}`}>
        <div
          class="attendance-fill"
          classList={{ ok: props.counts.reachesMark }}
          style={{ width: `${Math.min(100, pct())}%` }}
        />
        <div class="attendance-mark" style={{ left: `${Math.round(props.counts.mark * 100)}%` }} title={rt("mark85")} />
      </div>
      <p class="muted attendance-split">
        {rt("presentTotal", { n: props.counts.present })} · {rt("presentHall")}: {props.counts.presentHall} ·{" "}
        {rt("presentRemote")}: {props.counts.presentRemote}
        {/* Built-in media: who heard the hall with sound, against those who only followed the room (issue 13). */}
        {props.counts.presentRemoteMedia ? ` (${rt("presentRemoteMedia")}: ${props.counts.presentRemoteMedia})` : ""}
        {" · "}
        {rt("absentExcused")}: {props.counts.absentExcused} · {rt("absentUnexcused")}: {props.counts.absentUnexcused} ·{" "}
        {rt("exempt")}: {props.counts.exempt}
      </p>
    </div>
  );
}
