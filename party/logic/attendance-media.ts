/**
 * Attendance by media (issue 13 item 3): a remote participant says, with `rtc/media`, that they now receive (or no
 * longer receive) the hall's sound through built-in media. For a roster member it is stored on their attendance:
 * `hearing` (now) and `heardAt` (the first time, never cleared, written to D1's attendance.heard_at). Hearing the
 * meeting is attending it: a member not yet present becomes present remote (a hall check-in stays the hall's).
 * A guest (a visiting leader) is accepted and acked, and nothing changes: guests are not in the members' counts,
 * and their visit's trace is their connection (attendance.ts `onConnected`).
 */
import { firstJoin, isPresent, setStatus } from "./attendance";
import { isParticipant } from "./rtc";
import { type Actor, type AttendanceRec, applied, type Ctx, iso, type Result, type RoomState, refuse } from "./state";

export function hearing(s: RoomState, actor: Actor, on: boolean, ctx: Ctx): Result {
  // The hall device publishes the hall; it does not listen to it. Observers are not in the meeting.
  if (actor.role === "observer" || actor.role === "chair" || !isParticipant(s, actor.personId))
    return refuse(
      "forbidden",
      "Chỉ thành viên và khách mời nghe từ xa / Only remote members and guests listen to the hall",
    );
  if (s.meeting.status === "closed") return refuse("meeting_closed", "Cuộc họp đã kết thúc / The meeting is closed");
  if (s.meeting.status !== "live")
    return refuse("meeting_not_live", "Cuộc họp chưa bắt đầu / The meeting has not started");
  if (s.meeting.mediaMode !== "builtin")
    return refuse(
      "conflict",
      "Cuộc họp không dùng âm thanh tích hợp / This meeting does not use built-in sound and picture",
    );
  const id = actor.personId;
  if (!s.roster[id]) return applied(s, []);
  const prior = s.attendance[id];
  const heardAt = prior?.heardAt ?? (on ? iso(ctx.now) : null);
  if (!on && !prior?.hearing) return applied(s, []);
  if (on && !isPresent(s, id)) {
    // Present remote from now, as the Join tap would make them; setStatus keeps heardAt and hearing as given.
    return setStatus(
      s,
      id,
      "present_remote",
      null,
      id,
      ctx,
      { joinedAt: firstJoin(s, id, ctx), leftAt: null },
      {
        heardAt,
        hearing: true,
      },
    );
  }
  if (!prior || (prior.hearing === on && prior.heardAt === heardAt)) return applied(s, []);
  const rec: AttendanceRec = { ...prior, hearing: on, heardAt };
  const state = { ...s, attendance: { ...s.attendance, [id]: rec } };
  // D1 learns only the first hearing (heard_at); `hearing` now is the room's alone.
  const outbox =
    prior.heardAt === heardAt
      ? []
      : [
          {
            kind: "attendance" as const,
            entries: [
              { personId: id, status: prior.status, reason: prior.reason, recordedBy: prior.recordedBy, heardAt },
            ],
          },
        ];
  return applied(state, [{ kind: "attendance", personIds: [id] }], outbox);
}
