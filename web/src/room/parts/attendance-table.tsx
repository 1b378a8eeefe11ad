/**
 * The roll call for the chair and the minutes-taker: everyone on the roster with their status, and
 * buttons to check in a member who sits in the hall without a device or to mark an absence. Each row shows
 * when the member joined and, for a remote member whose app closed, when they left (Vietnam time).
 */
import { createSignal, For, Show } from "solid-js";
import type { AttendanceEntry, MemberView, RoomView } from "../../../../schema/room/views";
import { isPresent } from "../../../../schema/vote-rules";
import { formatTime } from "../../i18n/format";
import { act, useRoom } from "../room-context";
import { rt } from "../strings";
import { ct } from "../strings-console";
import { attendanceLabel } from "../views/attendance-label";

function Row(props: { member: MemberView; entry: AttendanceEntry | undefined; self: boolean }) {
  const { conn } = useRoom();
  const [absent, setAbsent] = createSignal(false);
  const [reason, setReason] = createSignal("");
  const status = () => props.entry?.status ?? null;
  const present = () => isPresent(status());
  const markAbsent = async (excused: boolean) => {
    const ok = await act(conn, {
      type: "presence/mark-absent",
      personId: props.member.personId,
      excused,
      reason: reason().trim() || undefined,
    });
    if (ok) setAbsent(false);
  };
  return (
    <li class="roster-row" classList={{ present: present() }} data-person={props.member.personId}>
      <div class="roster-who">
        <span class="roster-name">{props.member.name}</span>
        <span class="roster-tags">
          <Show when={props.member.status === "probationary"}>
            <span class="badge badge-muted">{rt("roleProbationary")}</span>
          </Show>
          <Show when={props.member.exempt && status() !== "exempt"}>
            <span class="badge badge-muted">{rt("exempt")}</span>
          </Show>
          <span class={present() ? "badge badge-ok" : "badge badge-muted"}>{attendanceLabel(status())}</span>
          <Show when={props.entry?.joining}>
            <span class="badge badge-muted">{ct("joining")}</span>
          </Show>
          <Show when={props.entry?.joinedAt}>
            {(at) => <span class="roster-time">{ct("joinedAt", { time: formatTime(at()) })}</span>}
          </Show>
          <Show when={props.entry?.leftAt}>
            {(at) => <span class="roster-time">{ct("leftAt", { time: formatTime(at()) })}</span>}
          </Show>
          <Show when={(props.entry?.connected ?? 0) > 0}>
            <span class="online-dot" title={ct("online")}>
              <span class="sr-only">{ct("online")}</span>
            </span>
          </Show>
        </span>
      </div>
      <div class="roster-actions">
        {/* The chair or minutes-taker attending online joins as a member does (present from the start). */}
        <Show when={props.self && !present() && !props.entry?.joining}>
          <button type="button" class="btn btn-small" onClick={() => void act(conn, { type: "presence/join" })}>
            {rt("join")}
          </button>
        </Show>
        <Show when={status() !== "present_hall"}>
          <button
            type="button"
            class="btn btn-small"
            aria-label={`${ct("checkIn")}: ${props.member.name}`}
            onClick={() => void act(conn, { type: "presence/check-in", personId: props.member.personId, mode: "hall" })}
          >
            {ct("checkIn")}
          </button>
        </Show>
        <Show when={!present() && !status()?.startsWith("absent")}>
          <button
            type="button"
            class="btn btn-small"
            aria-expanded={absent()}
            aria-label={`${ct("markAbsent")}: ${props.member.name}`}
            onClick={() => setAbsent(!absent())}
          >
            {ct("markAbsent")}
          </button>
        </Show>
      </div>
      <Show when={absent()}>
        <div class="roster-absent">
          <label>
            {ct("absentReasonPrompt")}
            <input class="input" maxLength={500} value={reason()} onInput={(e) => setReason(e.currentTarget.value)} />
          </label>
          <div class="actions">
            <button type="button" class="btn btn-small" onClick={() => void markAbsent(true)}>
              {rt("absentExcused")}
            </button>
            <button type="button" class="btn btn-small btn-danger" onClick={() => void markAbsent(false)}>
              {rt("absentUnexcused")}
            </button>
          </div>
        </div>
      </Show>
    </li>
  );
}

export function AttendanceTable(props: { view: RoomView }) {
  const { conn } = useRoom();
  const entry = (personId: string) => props.view.attendance.find((a) => a.personId === personId);
  return (
    <ul class="roster">
      <For each={props.view.roster}>
        {(member) => (
          <Row member={member} entry={entry(member.personId)} self={member.personId === conn.data.you?.personId} />
        )}
      </For>
    </ul>
  );
}
