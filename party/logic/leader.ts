/**
 * What a visiting leader does in the room: private notes per agenda item (shared with the committee if
 * they choose), guidance posted to everyone, and the quality evaluation on the 100-point grid (the chair
 * scores too, as the branch's own evaluation).
 */
import { checkScores, gradeOf, type Scores } from "../../schema/quality-grid";
import type { LeaderNoteView } from "../../schema/room/views";
import { type Actor, applied, type Ctx, type EvaluationRec, iso, type Result, type RoomState, refuse } from "./state";

const closed = () => refuse("meeting_closed", "Cuộc họp đã kết thúc / The meeting is closed");

export function saveNote(
  s: RoomState,
  actor: Actor,
  input: { noteId?: string; itemId?: string | null; body: string; shared: boolean },
  ctx: Ctx,
): Result {
  if (actor.role !== "leader")
    return refuse("forbidden", "Chỉ lãnh đạo dự họp ghi chú / Only a visiting leader keeps notes");
  if (s.meeting.status === "closed") return closed();
  const itemId = input.itemId ?? null;
  if (itemId && !s.agenda[itemId])
    return refuse("not_found", "Không có mục này trong chương trình / No such agenda item");
  let id = input.noteId;
  if (id) {
    const prior = s.notes[id];
    if (!prior || prior.personId !== actor.personId)
      return refuse("not_found", "Không tìm thấy ghi chú / Note not found");
  } else {
    id = ctx.newId();
  }
  const note: LeaderNoteView = {
    id,
    personId: actor.personId,
    name: actor.name,
    itemId,
    body: input.body,
    shared: input.shared,
    updatedAt: iso(ctx.now),
  };
  return applied({ ...s, notes: { ...s.notes, [id]: note } }, [{ kind: "notes" }], [{ kind: "note", note }], {
    entityId: id,
  });
}

/** Whether this person sees this note: its author, and once shared the chair, the minutes-taker and the branch committee. */
export function canSeeNote(s: RoomState, viewer: Actor, note: LeaderNoteView): boolean {
  if (note.personId === viewer.personId) return true;
  if (!note.shared) return false;
  if (viewer.role === "chair" || viewer.role === "minutes_taker" || viewer.role === "observer") return true;
  const role = s.roster[viewer.personId]?.branchRole;
  return role === "secretary" || role === "deputy" || role === "committee";
}

export function postGuidance(s: RoomState, actor: Actor, body: string, ctx: Ctx): Result {
  if (actor.role !== "leader")
    return refuse("forbidden", "Chỉ lãnh đạo dự họp gửi ý kiến chỉ đạo / Only a visiting leader posts guidance");
  if (s.meeting.status === "closed") return closed();
  const g = { id: ctx.newId(), personId: actor.personId, name: actor.name, body, at: iso(ctx.now) };
  return applied({ ...s, guidance: { ...s.guidance, [g.id]: g } }, [{ kind: "guidance", id: g.id }], [], {
    entityId: g.id,
  });
}

export function saveEvaluation(s: RoomState, actor: Actor, scores: Scores, ctx: Ctx): Result {
  const kind = actor.role === "leader" ? "leader" : actor.role === "chair" ? "branch" : null;
  if (!kind)
    return refuse(
      "forbidden",
      "Chỉ chủ trì hoặc lãnh đạo dự họp chấm điểm / Only the chair or a visiting leader evaluates",
    );
  if (s.meeting.status === "closed") return closed();
  const over = checkScores(scores);
  if (over) return refuse("bad_message", `Điểm vượt mức tối đa: ${over} / Score above the maximum: ${over}`);
  const { total, grade } = gradeOf(scores);
  const evaluation: EvaluationRec = {
    personId: actor.personId,
    name: actor.name,
    kind,
    scores,
    total,
    grade,
    updatedAt: iso(ctx.now),
  };
  const state = { ...s, evaluations: { ...s.evaluations, [actor.personId]: evaluation } };
  return applied(
    state,
    [{ kind: "evaluation", personId: actor.personId }],
    [{ kind: "evaluation", evaluation, id: ctx.newId() }],
  );
}
