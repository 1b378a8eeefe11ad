/**
 * Attending is joining (issue 12 item 5): opening the room to read the agenda marks nobody present. A member
 * joins with one tap ("Tham dự / Join", the `presence/join` frame), or the chair / minutes-taker checks them in
 * (attendance.ts `checkIn`).
 * - Live: the tap makes them present remotely at once; their first join time is kept.
 * - Planned: the tap is an intent (`joining`): presence counts only from the start, when every member who tapped
 *   and still has a socket open becomes present remotely, joined at the start. Closing the app before the start
 *   drops the intent (they tap again when they come back).
 * - Leaving: a remote member's last socket closing sets `leftAt`; they stay present for the counts (they
 *   attended), and a socket opening again clears it (attendance.ts `onConnected`): one row, with its times.
 *   A hall check-in is not touched by sockets (a phone in the hall may sleep).
 */
import { firstJoin, isPresent, setStatus } from "./attendance";
import type { Actor, Applied, Ctx, Refused, Result, RoomState } from "./state";
import { applied, iso, refuse } from "./state";

const notMember = () =>
  refuse(
    "forbidden",
    "Chỉ đảng viên của chi bộ bấm Tham dự; khách mời không cần / Only branch members join; guests need not",
  );

export function join(s: RoomState, actor: Actor, ctx: Ctx): Result {
  if (s.meeting.status === "closed") return refuse("meeting_closed", "Cuộc họp đã kết thúc / The meeting is closed");
  const id = actor.personId;
  if (!s.roster[id]) return notMember();
  if (s.meeting.status === "planned") {
    if (s.joining[id] || isPresent(s, id)) return applied(s, []);
    const joining = { ...s.joining, [id]: { personId: id, at: iso(ctx.now) } };
    return applied({ ...s, joining }, [{ kind: "attendance", personIds: [id] }]);
  }
  const rec = s.attendance[id];
  if (isPresent(s, id) && !rec?.leftAt) return applied(s, []);
  // A hall check-in stays a hall check-in; anyone else is present remotely.
  const status = rec?.status === "present_hall" ? "present_hall" : "present_remote";
  return setStatus(s, id, status, null, id, ctx, { joinedAt: firstJoin(s, id, ctx), leftAt: null });
}

/** What a tap of a batch did: as `join`'s result, without the state (the session's). */
export type JoinStep = Omit<Applied, "state"> | Refused;

/**
 * Join taps of one batch (party/dispatch.ts stores a batch in one commit) on one working copy of the intents,
 * before the start only: `join` copies every intent for each tap, so a branch of 2,000 filling its room copied
 * ~2 million entries. Decides each tap exactly as `join` one after another (test/logic/join-session.test.ts).
 */
export function joinSession(from: RoomState) {
  if (from.meeting.status !== "planned") throw new Error("joinSession: only before the start");
  let start = from;
  /** The working copy, ours alone until `state` hands it over. */
  let joining: RoomState["joining"] | null = null;
  return {
    join(actor: Actor, ctx: Ctx): JoinStep {
      const id = actor.personId;
      if (!start.roster[id]) return notMember();
      if ((joining ?? start.joining)[id] || isPresent(start, id)) return { ok: true, changes: [], outbox: [] };
      joining ??= { ...start.joining };
      joining[id] = { personId: id, at: iso(ctx.now) };
      return { ok: true, changes: [{ kind: "attendance", personIds: [id] }], outbox: [] };
    },
    /** The state after the taps so far; the working copy goes with it (a later tap starts another). */
    state(): RoomState {
      if (joining) start = { ...start, joining };
      joining = null;
      return start;
    },
  };
}

/** At the start: every member who tapped Join (and is still connected: see `onLastSocketClosed`) is present now. */
export function admitJoining(s: RoomState, ctx: Ctx): Result {
  const tapped = Object.keys(s.joining);
  if (tapped.length === 0) return applied(s, []);
  const ids = tapped.filter((id) => s.roster[id] && !isPresent(s, id));
  const at = iso(ctx.now);
  const attendance = { ...s.attendance };
  const entries = ids.map((personId) => {
    const times = { joinedAt: at, leftAt: null };
    attendance[personId] = { personId, status: "present_remote", reason: null, recordedBy: personId, at, ...times };
    return { personId, status: "present_remote" as const, reason: null, recordedBy: personId, ...times };
  });
  const state = { ...s, attendance, joining: {} };
  // The admitted go out as one `admitted` mark (2,000 entries sent to 2,000 sockets was 0.8 GB of frames); the
  // tapped who were not admitted (present already, or off the roster since) are listed entry by entry.
  const admitted = new Set(ids);
  return applied(
    state,
    [{ kind: "attendance", personIds: tapped.filter((id) => !admitted.has(id)), admittedAt: at }],
    entries.length ? [{ kind: "attendance", entries }] : [],
  );
}

/**
 * A person's last socket closed. Planned: their Join intent goes (they are not there to start with us). Live: a
 * remote member who joined is marked as having left at this time (still present for the counts). Null: nothing.
 */
export function onLastSocketClosed(s: RoomState, personId: string, ctx: Ctx): Result | null {
  if (s.meeting.status === "planned") {
    if (!s.joining[personId]) return null;
    const { [personId]: _gone, ...joining } = s.joining;
    return applied({ ...s, joining }, [{ kind: "attendance", personIds: [personId] }]);
  }
  if (s.meeting.status !== "live") return null;
  const rec = s.attendance[personId];
  if (!s.roster[personId] || rec?.status !== "present_remote" || rec.leftAt) return null;
  // Gone, so no longer hearing the hall; when they first heard it stays.
  const media = { heardAt: rec.heardAt ?? null, hearing: false };
  return setStatus(
    s,
    personId,
    rec.status,
    rec.reason,
    rec.recordedBy,
    ctx,
    { joinedAt: rec.joinedAt ?? null, leftAt: iso(ctx.now) },
    media,
  );
}
