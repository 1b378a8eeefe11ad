/**
 * Minutes: the minutes-taker edits live (each edit names the revision it was based on, so a stale editor
 * is told rather than overwriting). Until someone writes, the body stays empty and the room's draft
 * (schema/record/minutes-draft.ts) stands in for it, following the room; closing the meeting freezes version 1
 * in D1 — the text written, or else the draft of the meeting as it ended — and moves the meeting to `closed`.
 */
import { countLines } from "../../schema/record/minutes-counts";
import { draftMinutes } from "../../schema/record/minutes-draft";
import { factsOfRoomView } from "../../schema/record/minutes-facts";
import { stopClock } from "./agenda";
import { finalizeAttendance } from "./attendance";
import type { OutboxOp } from "./outbox";
import { endFloor } from "./queue";
import { type Actor, applied, type Change, type Ctx, iso, type Result, type RoomState, refuse } from "./state";
import { roomView } from "./views";
import { forgetSecretChoices, hasOpenVote } from "./votes";

const canWrite = (a: Actor) => a.role === "minutes_taker" || a.role === "chair";

export function editMinutes(s: RoomState, actor: Actor, body: string, baseRevision: number, ctx: Ctx): Result {
  if (!canWrite(actor))
    return refuse(
      "forbidden",
      "Chỉ thư ký hoặc chủ trì ghi biên bản / Only the minutes-taker or chair writes the minutes",
    );
  if (s.meeting.status === "closed")
    return refuse("meeting_closed", "Biên bản đã chốt khi kết thúc cuộc họp / The minutes were frozen at close");
  if (baseRevision !== s.minutes.revision) {
    return refuse(
      "stale_revision",
      `Biên bản đã được sửa (bản ${s.minutes.revision}); tải lại rồi sửa / Edited meanwhile (revision ${s.minutes.revision}); reload first`,
    );
  }
  const minutes = {
    ...s.minutes,
    body,
    revision: s.minutes.revision + 1,
    editedBy: actor.personId,
    editedAt: iso(ctx.now),
    // What the counts were at this edit, so the minutes-taker sees what changed in the room since.
    countsAtEdit: body.trim() ? countLines(factsOfRoom(s, ctx.now)) : null,
  };
  return applied({ ...s, minutes }, [{ kind: "minutes" }]);
}

/**
 * Back to the room's own draft (the "refill" button, and what an older minutes screen sent on opening): the body
 * is emptied so the draft follows the room again, and the close writes it from the final state.
 */
export function prefillMinutes(s: RoomState, actor: Actor, ctx: Ctx): Result {
  if (!s.minutes.body && !s.minutes.countsAtEdit && canWrite(actor) && s.meeting.status !== "closed")
    return applied(s, []);
  return editMinutes(s, actor, "", s.minutes.revision, ctx);
}

/** The room's facts for the minutes: through the view a client gets, so the screen's draft and the room's agree. */
export const factsOfRoom = (s: RoomState, now: number) => factsOfRoomView(roomView(s, recorder, {}, now));
const recorder: Actor = { personId: "", role: "observer", name: "" };

/** The automatic draft of the room as it stands (schema/record/minutes-draft.ts). */
export const draftOfRoom = (s: RoomState, now: number): string => draftMinutes(factsOfRoom(s, now));

/** Whether the minutes-taker (or chair) wrote the body: otherwise the room's draft stands in for it. */
export const minutesWritten = (s: RoomState) => s.minutes.body.trim() !== "";

/** Chair closes the meeting: ends the floor, stops the clock, settles attendance, freezes minutes v1. */
export function closeMeeting(s: RoomState, actor: Actor, ctx: Ctx): Result {
  if (s.meeting.status === "closed") return applied(s, [], [], { duplicate: true });
  if (s.meeting.status !== "live")
    return refuse("meeting_not_live", "Cuộc họp chưa bắt đầu / The meeting has not started");
  if (hasOpenVote(s))
    return refuse("vote_open", "Còn biểu quyết đang mở; hãy kết thúc trước / A vote is still open; close it first");
  const changes: Change[] = [{ kind: "meeting" }, { kind: "agenda" }, { kind: "minutes" }];
  const outbox: OutboxOp[] = [];
  const ended = endFloor(s, ctx);
  if (!ended.ok) return ended;
  changes.push(...ended.changes);
  outbox.push(...ended.outbox);
  let state = stopClock(ended.state, ctx);
  const fin = finalizeAttendance(state, ctx);
  state = fin.state;
  if (fin.personIds.length) changes.push({ kind: "attendance", personIds: fin.personIds });
  const endedAt = iso(ctx.now);
  state = { ...state, meeting: { ...state.meeting, status: "closed", endedAt, currentItemId: null } };
  // Nobody wrote the minutes: the draft is made now, from the meeting as it ended (floor ended, clock stopped,
  // attendance settled), never from a text drafted before the start.
  const body = minutesWritten(state) ? state.minutes.body : draftOfRoom(state, ctx.now);
  state = forgetSecretChoices({ ...state, minutes: { ...state.minutes, body, frozenVersion: 1 } });
  outbox.push({
    kind: "attendance",
    entries: Object.values(state.attendance)
      .filter((a) => state.roster[a.personId])
      .map((a) => ({
        personId: a.personId,
        status: a.status,
        reason: a.reason,
        recordedBy: a.recordedBy,
        heardAt: a.heardAt ?? null,
        memberStatus: state.roster[a.personId]!.status,
      })),
  });
  outbox.push({ kind: "close", endedAt, minutesBody: body, createdBy: actor.personId, minutesId: ctx.newId() });
  return applied(state, changes, outbox);
}
