/**
 * The texts of a seeded meeting's record: the approved minutes, laid out as the room's automatic draft lays
 * them out (party/logic/minutes.ts `draftMinutes`), with every count taken from the rows the seed wrote, and the
 * body of the branch resolution (its decisions; the counts are printed from D1, not stored in it).
 */
import { vnDay, vnLocal } from "../../schema/calendar.ts";
import { type Grade, gradeLabels } from "../../schema/quality-grid.ts";
import { isPresent, votePresetLabels } from "../../schema/vote-rules.ts";
import { REVIEW_LABELS, type ReviewStatus } from "./record-content.ts";
import type { HeldMeeting } from "./seed-meetings.ts";

const clock = (at: string | null) => (at ? vnLocal(at).slice(11, 16) : "…");
export const vnDate = (at: string) => vnDay(at).split("-").reverse().join("/");

export interface MinutesFacts {
  held: HeldMeeting;
  names: Map<string, string>;
  guests: { name: string; title: string }[];
  reviews: { title: string; leadName: string; status: ReviewStatus; note: string }[];
  grades: { leaderName: string | null; total: number; grade: Grade }[];
}

/** Counts as the room's attendance summary gives them: the rate is official members present over those expected. */
export function attendanceSummary(held: HeldMeeting) {
  const rows = held.attendance;
  const official = rows.filter((a) => a.member.status === "official");
  const expected = official.filter((a) => !a.member.exempt || isPresent(a.status)).length;
  const officialPresent = official.filter((a) => isPresent(a.status)).length;
  const count = (status: string) => rows.filter((a) => a.status === status).length;
  return {
    members: rows.length,
    official: official.length,
    exempt: rows.filter((a) => a.member.exempt).length,
    hall: count("present_hall"),
    remote: count("present_remote"),
    present: count("present_hall") + count("present_remote"),
    rate: expected === 0 ? 0 : officialPresent / expected,
  };
}

export function minutesText(f: MinutesFacts): string {
  const { held, names } = f;
  const m = held.spec;
  const c = attendanceSummary(held);
  const named = (...statuses: string[]) =>
    held.attendance
      .filter((a) => statuses.includes(a.status))
      .map((a) => (a.reason ? `${a.member.name} (${a.reason})` : a.member.name))
      .join(", ") || "không";
  const out = [
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    `BIÊN BẢN SINH HOẠT CHI BỘ — ${m.topic}`,
    "",
    `Thời gian: bắt đầu ${clock(held.startedAt)}, ngày ${vnDate(held.startedAt ?? m.scheduledAt)}; địa điểm: ${m.branch.place}`,
    `Chủ trì: ${names.get(m.branch.secretaryId)}; thư ký: ${names.get(m.branch.minutesTakerId)}`,
    `Khách mời: ${f.guests.map((g) => `${g.name} (${g.title})`).join(", ") || "không"}`,
    `Tổng số đảng viên: ${c.members} (chính thức ${c.official}, dự bị ${c.members - c.official}); miễn sinh hoạt: ${c.exempt}`,
    `Có mặt: ${c.present} (tại hội trường ${c.hall}, trực tuyến ${c.remote}); tỷ lệ ${Math.round(c.rate * 100)}%`,
    `Có mặt: ${named("present_hall", "present_remote")}`,
    `Vắng có lý do: ${named("absent_excused")}`,
    `Vắng không lý do: ${named("absent_unexcused")}`,
    "",
    "NỘI DUNG",
  ];
  for (const item of held.agenda) {
    out.push(`${item.position}. ${item.title}`);
    if (item.kind === "task_review")
      for (const t of f.reviews)
        out.push(`   - ${t.title} (Đ/c ${t.leadName}): ${REVIEW_LABELS[t.status]} — ${t.note}`);
    for (const s of held.speeches.filter((x) => x.itemId === item.id))
      out.push(`   - Đ/c ${names.get(s.personId)} phát biểu (${Math.ceil(s.seconds / 60)} phút)`);
    const v = held.vote;
    if (v && v.itemId === item.id) {
      const rule = votePresetLabels.resolution.split(" / ")[0];
      out.push(
        `   - Biểu quyết: ${v.motion} — ${rule}: tán thành ${v.agree}/${v.base}, không tán thành ${v.disagree}, không biểu quyết ${v.abstain} → ${v.result === "passed" ? "THÔNG QUA" : "KHÔNG THÔNG QUA"}`,
      );
    }
  }
  out.push("", `Số đảng viên phát biểu: ${new Set(held.speeches.map((s) => s.personId)).size}/${c.present}`);
  for (const g of f.grades)
    out.push(
      `Xếp loại chất lượng (${g.leaderName ? `lãnh đạo ${g.leaderName}` : "chi bộ"}): ${g.total}/100 — ${gradeLabels[g.grade]}`,
    );
  out.push(`Kết thúc: ${clock(held.endedAt)}`, "", "CHỦ TRÌ                    THƯ KÝ");
  return out.join("\n");
}

export interface ResolutionFacts {
  held: HeldMeeting;
  branchName: string;
  /** `M/YYYY` of the month the tasks are for. */
  forMonth: string;
  reviewed: { done: number; total: number };
  tasks: { title: string; leadName: string; deadline: string; reportBack: string }[];
}

export function resolutionBody(f: ResolutionFacts): string {
  const thematic = f.held.spec.kind === "thematic";
  const lines = [
    thematic
      ? `Về việc thực hiện ${f.held.spec.topic.replace(/^Chuyên đề: /, "chuyên đề ")}`
      : `Về nhiệm vụ tháng ${f.forMonth}`,
    "",
    `Ngày ${vnDate(f.held.spec.scheduledAt)}, ${f.branchName} họp và thống nhất:`,
  ];
  if (f.reviewed.total > 0)
    lines.push(
      `I. Kết quả thực hiện nghị quyết tháng trước: hoàn thành ${f.reviewed.done}/${f.reviewed.total} nhiệm vụ; nhiệm vụ chưa xong tiếp tục thực hiện và báo cáo tại kỳ sau.`,
    );
  lines.push(`${f.reviewed.total > 0 ? "II" : "I"}. Nhiệm vụ:`);
  for (const [i, t] of f.tasks.entries())
    lines.push(
      `${i + 1}. ${t.title} — Đ/c ${t.leadName} phụ trách, hoàn thành trước ${t.deadline.split("-").reverse().join("/")}; báo cáo: ${t.reportBack}.`,
    );
  lines.push(
    `${f.reviewed.total > 0 ? "III" : "II"}. Tổ chức thực hiện: chi ủy triển khai, đôn đốc, kiểm tra; đảng viên được phân công chịu trách nhiệm trước chi bộ.`,
  );
  return lines.join("\n");
}
