/**
 * Minutes: the minutes-taker edits live (each edit names the revision it was based on, so a stale editor
 * is told rather than overwriting); a draft can be filled from what happened; closing the meeting freezes
 * version 1 in D1 and moves the meeting to `closed`.
 */
import { vnDay, vnLocal } from "../../schema/calendar";
import { gradeLabels } from "../../schema/quality-grid";
import { votePresetLabels } from "../../schema/vote-rules";
import { stopClock } from "./agenda";
import { attendanceCounts, finalizeAttendance } from "./attendance";
import type { OutboxOp } from "./outbox";
import { endFloor } from "./queue";
import {
  type Actor,
  applied,
  type Change,
  type Ctx,
  iso,
  nameOf,
  type Result,
  type RoomState,
  refuse,
  sortedAgenda,
} from "./state";
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
  };
  return applied({ ...s, minutes }, [{ kind: "minutes" }]);
}

export function prefillMinutes(s: RoomState, actor: Actor, ctx: Ctx): Result {
  return editMinutes(s, actor, draftMinutes(s, ctx.now), s.minutes.revision, ctx);
}

// Meetings happen on Vietnam's clock: the minutes give its local time and date, never UTC.
/** `19:05` in Vietnam. */
const hhmm = (isoTime: string | null) => (isoTime ? vnLocal(isoTime).slice(11, 16) : "…");
/** `22/11/2026` in Vietnam (a meeting at 23:30 UTC is held the next morning there). */
const vnDate = (isoTime: string) => vnDay(isoTime).split("-").reverse().join("/");

/** A draft of the minutes from what the room recorded, in the order of the provincial templates. */
export function draftMinutes(s: RoomState, now: number): string {
  const c = attendanceCounts(s);
  const m = s.meeting;
  const names = (status: string) =>
    Object.values(s.roster)
      .filter((p) => s.attendance[p.personId]?.status === status)
      .map((p) => (status === "absent_excused" ? `${p.name} (${s.attendance[p.personId]?.reason ?? ""})` : p.name));
  const lines: string[] = [
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    `BIÊN BẢN SINH HOẠT CHI BỘ — ${m.topic}`,
    "",
    `Thời gian: bắt đầu ${hhmm(m.startedAt)}, ngày ${vnDate(m.startedAt ?? m.scheduledAt)}; địa điểm: ${m.place || "…"}`,
    `Chủ trì: ${m.chairPersonId ? nameOf(s, m.chairPersonId) : "…"}; thư ký: ${m.minutesTakerPersonId ? nameOf(s, m.minutesTakerPersonId) : "…"}`,
    `Khách mời: ${
      Object.values(s.guests)
        .map((g) => `${g.name}${g.title ? ` (${g.title})` : ""}`)
        .join(", ") || "không"
    }`,
    `Tổng số đảng viên: ${c.members} (chính thức ${c.official}, dự bị ${c.probationary}); miễn sinh hoạt: ${c.exempt}`,
    `Có mặt: ${c.present} (tại hội trường ${c.presentHall}, trực tuyến ${c.presentRemote}); tỷ lệ ${Math.round(c.rate * 100)}%`,
    `Có mặt: ${[...names("present_hall"), ...names("present_remote")].join(", ") || "không"}`,
    `Vắng có lý do: ${names("absent_excused").join(", ") || "không"}`,
    `Vắng không lý do: ${names("absent_unexcused").join(", ") || "không"}`,
    "",
    "NỘI DUNG",
  ];
  for (const item of sortedAgenda(s)) {
    lines.push(`${item.position}. ${item.title}`);
    for (const sp of Object.values(s.speeches).filter((x) => x.itemId === item.id)) {
      lines.push(`   - Đ/c ${sp.name} phát biểu (${Math.ceil(sp.durationSeconds / 60)} phút)`);
    }
    for (const v of Object.values(s.votes).filter((x) => x.itemId === item.id)) lines.push(...voteLines(s, v.id));
  }
  for (const v of Object.values(s.votes).filter((x) => !x.itemId)) lines.push(...voteLines(s, v.id));
  const speakers = new Set(Object.values(s.speeches).map((x) => x.personId));
  lines.push("", `Số đảng viên phát biểu: ${speakers.size}/${c.present}`);
  for (const e of Object.values(s.evaluations)) {
    lines.push(
      `Xếp loại chất lượng (${e.kind === "leader" ? `lãnh đạo ${e.name}` : "chi bộ"}): ${e.total}/100 — ${gradeLabels[e.grade]}`,
    );
  }
  lines.push(`Kết thúc: ${hhmm(iso(now))}`, "", "CHỦ TRÌ                    THƯ KÝ");
  return lines.join("\n");
}

function voteLines(s: RoomState, voteId: string): string[] {
  const v = s.votes[voteId];
  if (!v) return [];
  if (!v.closing) return [`   - Biểu quyết: ${v.motion} (đang mở)`];
  const k = v.closing;
  const out = [
    `   - Biểu quyết${v.secret ? " kín" : ""}: ${v.motion} — ${votePresetLabels[v.rule.preset].split(" / ")[0]}: tán thành ${k.agree}/${k.base}, không tán thành ${k.disagree}, không biểu quyết ${k.abstain} → ${k.result === "passed" ? "THÔNG QUA" : "KHÔNG THÔNG QUA"}`,
  ];
  for (const r of Object.values(s.reserved).filter((x) => x.voteId === voteId))
    out.push(`     Bảo lưu ý kiến — Đ/c ${r.name}: ${r.body}`);
  return out;
}

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
  const body = state.minutes.body.trim() ? state.minutes.body : draftMinutes(state, ctx.now);
  state = forgetSecretChoices({ ...state, minutes: { ...state.minutes, body, frozenVersion: 1 } });
  outbox.push({
    kind: "attendance",
    entries: Object.values(state.attendance)
      .filter((a) => state.roster[a.personId])
      .map((a) => ({ personId: a.personId, status: a.status, reason: a.reason, recordedBy: a.recordedBy })),
  });
  outbox.push({ kind: "close", endedAt, minutesBody: body, createdBy: actor.personId, minutesId: ctx.newId() });
  return applied(state, changes, outbox);
}
