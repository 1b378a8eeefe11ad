/**
 * The texts of a seeded meeting's record: the approved minutes, the room's own automatic draft
 * (schema/record/minutes-draft.ts) of the rows the seed wrote, so approval's count check agrees with them, and the
 * body of the branch resolution (its decisions; the counts are printed from D1, not stored in it).
 */
import { vnDay } from "../../schema/calendar.ts";
import type { Grade } from "../../schema/quality-grid.ts";
import { draftMinutes } from "../../schema/record/minutes-draft.ts";
import type { TaskReviewFact } from "../../schema/record/minutes-facts.ts";
import { isPresent, votePresets } from "../../schema/vote-rules.ts";
import type { HeldMeeting } from "./seed-meetings.ts";

export const vnDate = (at: string) => vnDay(at).split("-").reverse().join("/");

export interface MinutesFacts {
  held: HeldMeeting;
  names: Map<string, string>;
  guests: { name: string; title: string }[];
  reviews: TaskReviewFact[];
  /** As the room lists evaluations: by evaluator, with the evaluator's name. */
  grades: { personId: string; name: string; kind: "branch" | "leader"; total: number; grade: Grade }[];
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

/** The minutes as the room drafts them (schema/record/minutes-draft.ts), from the rows the seed wrote. */
export function minutesText(f: MinutesFacts): string {
  const { held, names } = f;
  const m = held.spec;
  const v = held.vote;
  return draftMinutes({
    topic: m.topic,
    place: m.branch.place,
    scheduledAt: m.scheduledAt,
    startedAt: held.startedAt,
    endedAt: held.endedAt,
    chairName: names.get(m.branch.secretaryId) ?? null,
    minutesTakerName: names.get(m.branch.minutesTakerId) ?? null,
    guests: f.guests,
    members: held.attendance.map((a) => ({
      name: a.member.name,
      official: a.member.status === "official",
      attendance: a.status,
      reason: a.reason,
    })),
    agenda: held.agenda,
    taskReviews: f.reviews,
    speeches: held.speeches.map((s) => ({
      personId: s.personId,
      name: names.get(s.personId) ?? "",
      itemId: s.itemId,
      durationSeconds: s.seconds,
    })),
    votes: v
      ? [
          {
            id: v.id,
            itemId: v.itemId,
            motion: v.motion,
            rule: votePresets.resolution,
            secret: false,
            closing: { base: v.base, agree: v.agree, disagree: v.disagree, abstain: v.abstain, result: v.result },
          },
        ]
      : [],
    reserved: [],
    evaluations: [...f.grades].sort((a, b) => a.personId.localeCompare(b.personId)),
  });
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
