/**
 * Presence and attendance: check-in (the member's own Join tap, party/logic/joining.ts, or the chair or
 * minutes-taker, hall or remote), absences with or without reason, the live counts with the 85% mark, and the
 * vote base of DOMAIN.md. Opening the room is not attending: a socket alone marks nobody present.
 */
import { ATTENDANCE_MARK } from "../../schema/quality-grid";
import type { AttendanceCounts, AttendanceStatus, MemberView } from "../../schema/room/views";
import { inMembersBase, mayVote, isPresent as present, type Seat } from "../../schema/vote-rules";
import {
  type Actor,
  type AttendanceRec,
  applied,
  type Ctx,
  initialState,
  iso,
  isStaff,
  type LoadedMeeting,
  type Result,
  type RoomState,
  refuse,
} from "./state";

export const isPresent = (s: RoomState, personId: string) => present(s.attendance[personId]?.status);

/** A person as the vote rules see them (schema/vote-rules.ts): their roster entry and attendance; undefined for a guest. */
export function seatOf(s: RoomState, personId: string): Seat | undefined {
  const m = s.roster[personId];
  return m && seat(s, m);
}
const seat = (s: RoomState, m: MemberView): Seat => ({
  status: m.status,
  exempt: m.exempt,
  attendance: s.attendance[m.personId]?.status ?? null,
});

/**
 * Who may vote now (`mayVote`: official members present) and the `members` base (`inMembersBase`), by the
 * rules of schema/vote-rules.ts, for this room's roster and attendance: one pass over the roster, as an open
 * vote's figures are rebuilt for every vote frame.
 */
export function voters(s: RoomState): { eligibleIds: string[]; membersBase: number } {
  const eligibleIds: string[] = [];
  let membersBase = 0;
  for (const m of Object.values(s.roster)) {
    const it = seat(s, m);
    if (mayVote(it)) eligibleIds.push(m.personId);
    if (inMembersBase(it)) membersBase++;
  }
  return { eligibleIds, membersBase };
}

export function attendanceCounts(s: RoomState): AttendanceCounts {
  const roster = Object.values(s.roster);
  const c = {
    presentHall: 0,
    presentRemote: 0,
    presentRemoteMedia: 0,
    absentExcused: 0,
    absentUnexcused: 0,
    unrecorded: 0,
    exempt: 0,
  };
  let official = 0;
  let expected = 0;
  let officialPresent = 0;
  let eligibleVoters = 0;
  let voteBase = 0;
  for (const m of roster) {
    const st = s.attendance[m.personId]?.status ?? null;
    const here = present(st);
    const it = seat(s, m);
    if (mayVote(it)) eligibleVoters++;
    if (inMembersBase(it)) voteBase++;
    if (m.exempt) c.exempt++;
    if (st === "present_hall") c.presentHall++;
    else if (st === "present_remote") {
      c.presentRemote++;
      if (s.attendance[m.personId]?.heardAt) c.presentRemoteMedia++;
    } else if (st === "absent_excused") c.absentExcused++;
    else if (st === "absent_unexcused") c.absentUnexcused++;
    else if (st === null) c.unrecorded++;
    if (m.status === "official") {
      official++;
      // Counted against official members less the exempted; an exempt member who attends counts.
      if (!m.exempt || here) expected++;
      if (here) officialPresent++;
    }
  }
  const rate = expected === 0 ? 0 : officialPresent / expected;
  return {
    members: roster.length,
    official,
    probationary: roster.length - official,
    exempt: c.exempt,
    expected,
    presentHall: c.presentHall,
    presentRemote: c.presentRemote,
    presentRemoteMedia: c.presentRemoteMedia,
    present: c.presentHall + c.presentRemote,
    absentExcused: c.absentExcused,
    absentUnexcused: c.absentUnexcused,
    unrecorded: c.unrecorded,
    rate,
    mark: ATTENDANCE_MARK,
    reachesMark: rate > ATTENDANCE_MARK && c.absentUnexcused === 0,
    eligibleVoters,
    voteBase,
  };
}

/** The times a record keeps: the first join, and when a remote member was last seen leaving. */
export interface Times {
  joinedAt: string | null;
  leftAt: string | null;
}

/** Hearing the hall by media (attendance-media.ts): kept from the prior record unless given. */
export interface Hearing {
  heardAt: string | null;
  hearing: boolean;
}

/** Sets one person's record and writes it (with its times) through the outbox to D1. */
export function setStatus(
  s: RoomState,
  personId: string,
  status: AttendanceStatus,
  reason: string | null,
  by: string | null,
  ctx: Ctx,
  times: Times,
  media?: Hearing,
): Result {
  const prior = s.attendance[personId];
  const heard = media ?? { heardAt: prior?.heardAt ?? null, hearing: prior?.hearing ?? false };
  const rec: AttendanceRec = { personId, status, reason, recordedBy: by, at: iso(ctx.now), ...times, ...heard };
  const state = { ...s, attendance: { ...s.attendance, [personId]: rec } };
  return applied(
    state,
    [{ kind: "attendance", personIds: [personId] }],
    [{ kind: "attendance", entries: [{ personId, status, reason, recordedBy: by, ...times, heardAt: heard.heardAt }] }],
  );
}

/** A present member keeps their first join time; anyone else joins now. */
export const firstJoin = (s: RoomState, personId: string, ctx: Ctx): string =>
  (isPresent(s, personId) ? s.attendance[personId]?.joinedAt : null) ?? iso(ctx.now);

/**
 * A socket opened. A roster member: nothing, unless they had joined remotely and their last socket closed
 * (`leftAt`): they are back, `leftAt` clears (one attendance row, its first join kept). Opening the room to read
 * the agenda does not mark anyone present: they join with a tap (joining.ts) or are checked in.
 * A guest's (a visiting leader's) while the meeting is live: nothing in the room's counts, but D1 gets a
 * `present_remote` row, the trace the visit loop looks for (worker/data/visits.ts), so a leader who stays silent is
 * not "missed"; reports leave guests out of members' attendance. Written on each connect (an upsert keeping the first
 * join; guests are few). A leader has no Join tap: their visit is the trace, not a seat in the counts. Before the
 * start, opening the room is reading the agenda, not visiting: the guests connected when the meeting starts get their
 * trace then (`guestsAtStart`), and one who read and left leaves none.
 */
export function onConnected(s: RoomState, actor: Actor, ctx: Ctx): Result | null {
  if (s.meeting.status === "closed") return null;
  if (!s.roster[actor.personId]) {
    if (!s.guests[actor.personId] || s.meeting.status !== "live") return null;
    return applied(s, [], [{ kind: "attendance", entries: [guestTrace(actor.personId, iso(ctx.now))] }]);
  }
  const rec = s.attendance[actor.personId];
  if (rec?.status !== "present_remote" || !rec.leftAt) return null;
  return setStatus(s, actor.personId, rec.status, rec.reason, rec.recordedBy, ctx, {
    joinedAt: rec.joinedAt ?? null,
    leftAt: null,
  });
}

const guestTrace = (personId: string, joinedAt: string) => ({
  personId,
  status: "present_remote" as const,
  reason: null,
  recordedBy: personId,
  joinedAt,
  leftAt: null,
});

/** The meeting started with these guests connected: each one's visit is traced from the start (see `onConnected`). */
export function guestsAtStart(s: RoomState, connected: (personId: string) => boolean): Result | null {
  const at = s.meeting.startedAt;
  if (s.meeting.status !== "live" || !at) return null;
  const entries = Object.keys(s.guests)
    .filter(connected)
    .map((id) => guestTrace(id, at));
  return entries.length ? applied(s, [], [{ kind: "attendance", entries }]) : null;
}

export function checkIn(s: RoomState, actor: Actor, personId: string, mode: "hall" | "remote", ctx: Ctx): Result {
  if (s.meeting.status === "closed") return refuse("meeting_closed", "Cuộc họp đã kết thúc / The meeting is closed");
  if (personId !== actor.personId && !isStaff(actor)) {
    return refuse(
      "forbidden",
      "Chỉ chủ trì hoặc thư ký điểm danh người khác / Only the chair or minutes-taker checks in others",
    );
  }
  if (!s.roster[personId]) return refuse("not_found", "Không phải đảng viên của chi bộ / Not a member of this branch");
  const status = mode === "hall" ? "present_hall" : "present_remote";
  const prior = s.attendance[personId];
  if (prior?.status === status && !prior.leftAt) return applied(s, []);
  // A hall check-in's join time is the check-in; a member already present keeps their first join.
  return setStatus(s, personId, status, null, actor.personId, ctx, {
    joinedAt: firstJoin(s, personId, ctx),
    leftAt: null,
  });
}

export function markAbsent(
  s: RoomState,
  actor: Actor,
  personId: string,
  excused: boolean,
  reason: string | undefined,
  ctx: Ctx,
): Result {
  if (s.meeting.status === "closed") return refuse("meeting_closed", "Cuộc họp đã kết thúc / The meeting is closed");
  if (!isStaff(actor))
    return refuse(
      "forbidden",
      "Chỉ chủ trì hoặc thư ký ghi vắng mặt / Only the chair or minutes-taker records absences",
    );
  const member = s.roster[personId];
  if (!member) return refuse("not_found", "Không phải đảng viên của chi bộ / Not a member of this branch");
  if (excused && !reason)
    return refuse("bad_message", "Vắng có lý do cần ghi lý do / An excused absence needs a reason");
  // An exempt member who does not come stays "exempt": they are not expected.
  const status: AttendanceStatus = member.exempt ? "exempt" : excused ? "absent_excused" : "absent_unexcused";
  return setStatus(s, personId, status, reason ?? null, actor.personId, ctx, { joinedAt: null, leftAt: null });
}

/** At close: whoever was never recorded is absent without reason; the exempt stay exempt. */
export function finalizeAttendance(s: RoomState, ctx: Ctx): { state: RoomState; personIds: string[] } {
  const attendance = { ...s.attendance };
  const changed: string[] = [];
  for (const m of Object.values(s.roster)) {
    if (attendance[m.personId]) continue;
    attendance[m.personId] = {
      personId: m.personId,
      status: "absent_unexcused",
      reason: null,
      recordedBy: null,
      at: iso(ctx.now),
      joinedAt: null,
      leftAt: null,
    };
    changed.push(m.personId);
  }
  return { state: { ...s, attendance }, personIds: changed };
}

/**
 * A live meeting takes D1's roster again when the console changed it (worker/data/room-revocation.ts): a
 * member suspended, transferred or detained is off the roster, so out of the counts and the vote base at once;
 * reinstated, added to the branch, made official or (un)exempted, their new entry counts from now (a member made
 * official may vote in the next vote). Attendance is kept for those still on it (an `exempt` mark goes when the
 * exemption does); the meeting, agenda and everything that happened stay the room's.
 */
export function refreshRoster(s: RoomState, loaded: LoadedMeeting, now: number): RoomState {
  const fresh = initialState(loaded, now);
  const attendance: Record<string, AttendanceRec> = {};
  for (const m of loaded.roster) {
    const prior = s.attendance[m.personId];
    const stillValid = prior && !(prior.status === "exempt" && !m.exempt);
    const rec = stillValid ? prior : fresh.attendance[m.personId];
    if (rec) attendance[m.personId] = rec;
  }
  // A task review marked through the API (worker/routes/resolutions.ts) reaches the room the same way.
  const agenda = { ...s.agenda };
  for (const item of loaded.agenda) {
    const here = agenda[item.id];
    if (here && item.kind === "task_review") agenda[item.id] = { ...here, kind: item.kind, reviews: item.reviews };
  }
  return { ...s, roster: fresh.roster, guests: fresh.guests, attendance, agenda };
}
