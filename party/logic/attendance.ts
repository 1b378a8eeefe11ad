/**
 * Presence and attendance: check-in (remote on connect, hall by the chair or minutes-taker), absences with
 * or without reason, the live counts with the 85% mark, and the vote base of DOMAIN.md.
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
  const c = { presentHall: 0, presentRemote: 0, absentExcused: 0, absentUnexcused: 0, unrecorded: 0, exempt: 0 };
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
    else if (st === "present_remote") c.presentRemote++;
    else if (st === "absent_excused") c.absentExcused++;
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

function setStatus(
  s: RoomState,
  personId: string,
  status: AttendanceStatus,
  reason: string | null,
  by: string | null,
  ctx: Ctx,
): Result {
  const rec: AttendanceRec = { personId, status, reason, recordedBy: by, at: iso(ctx.now) };
  const state = { ...s, attendance: { ...s.attendance, [personId]: rec } };
  return applied(
    state,
    [{ kind: "attendance", personIds: [personId] }],
    [{ kind: "attendance", entries: [{ personId, status, reason, recordedBy: by }] }],
  );
}

/**
 * A roster member's socket opened: present remotely unless already checked in (a hall check-in stays).
 * A guest's (a visiting leader's): nothing in the room's counts, but D1 gets a `present_remote` row, the
 * trace the visit loop looks for (worker/data/visits.ts), so a leader who stays silent is not "missed";
 * reports leave guests out of members' attendance. Written on each connect (an upsert; guests are few).
 */
export function onConnected(s: RoomState, actor: Actor, ctx: Ctx): Result | null {
  if (s.meeting.status === "closed") return null;
  if (!s.roster[actor.personId]) {
    if (!s.guests[actor.personId]) return null;
    const presence = {
      personId: actor.personId,
      status: "present_remote" as const,
      reason: null,
      recordedBy: actor.personId,
    };
    return applied(s, [], [{ kind: "attendance", entries: [presence] }]);
  }
  if (isPresent(s, actor.personId)) return null;
  return setStatus(s, actor.personId, "present_remote", null, actor.personId, ctx);
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
  if (s.attendance[personId]?.status === status) return applied(s, []);
  return setStatus(s, personId, status, null, actor.personId, ctx);
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
  return setStatus(s, personId, status, reason ?? null, actor.personId, ctx);
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
    };
    changed.push(m.personId);
  }
  return { state: { ...s, attendance }, personIds: changed };
}

/**
 * A live meeting takes D1's roster again when a member's standing changed (suspended, transferred, detained:
 * off the roster, so out of the counts and the vote base at once; reinstated: back). Attendance is kept for
 * those still on it; the meeting, agenda and everything that happened stay the room's.
 */
export function refreshRoster(s: RoomState, loaded: LoadedMeeting, now: number): RoomState {
  const fresh = initialState(loaded, now);
  const attendance: Record<string, AttendanceRec> = {};
  for (const m of loaded.roster) {
    const rec = s.attendance[m.personId] ?? fresh.attendance[m.personId];
    if (rec) attendance[m.personId] = rec;
  }
  return { ...s, roster: fresh.roster, guests: fresh.guests, attendance };
}
