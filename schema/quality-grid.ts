/**
 * The meeting-quality grid (guidance 12-HD/BTCTW of 2018, turned into 100 points as provinces do).
 * Weights differ by province, so they are data: a province edits `qualityGrid`, not the code.
 * Runtime-safe: the room stores evaluations with `gradeOf`; the web client shows the same grade.
 */
import * as z from "zod/mini";
// With `.ts`: seeds load this file in Node too.
import { durationMarkMinutes } from "./calendar.ts";

export const criterionKeySchema = z.enum([
  "attendance",
  "preparation",
  "documents",
  "duration",
  "conduct",
  "speaking",
  "principles",
  "resolution",
  "minutes",
]);
export type CriterionKey = z.infer<typeof criterionKeySchema>;

export interface Criterion {
  key: CriterionKey;
  max: number;
  /** Must be at full marks for the grade Tốt (DOMAIN.md: attendance, duration, members speaking, minutes). */
  requiredForGood: boolean;
  label: string;
}

/** One province's weights; they sum to 100. */
export const qualityGrid: readonly Criterion[] = [
  {
    key: "attendance",
    max: 20,
    requiredForGood: true,
    label: "Dự họp trên 85%, không vắng không lý do / Attendance above 85%, no unexcused absence",
  },
  {
    key: "preparation",
    max: 15,
    requiredForGood: false,
    label:
      "Chuẩn bị: chi ủy họp trước, nội dung, dự thảo nghị quyết / Preparation: committee met, content, draft resolution",
  },
  {
    key: "documents",
    max: 5,
    requiredForGood: false,
    label: "Tài liệu gửi trước ít nhất 1 ngày / Documents sent at least a day ahead",
  },
  { key: "duration", max: 10, requiredForGood: true, label: "Thời gian ít nhất 90 phút / At least 90 minutes" },
  {
    key: "conduct",
    max: 10,
    requiredForGood: false,
    label: "Đúng giờ, đúng trình tự, đủ nội dung / On time, in order, all content covered",
  },
  { key: "speaking", max: 15, requiredForGood: true, label: "Nhiều đảng viên phát biểu / Many members speak" },
  {
    key: "principles",
    max: 10,
    requiredForGood: false,
    label: "Giữ nguyên tắc tập trung dân chủ, tự phê bình và phê bình / Principles kept",
  },
  {
    key: "resolution",
    max: 10,
    requiredForGood: false,
    label: "Kết luận, nghị quyết, phân công rõ / Resolution and assignments",
  },
  { key: "minutes", max: 5, requiredForGood: true, label: "Biên bản đầy đủ / Full minutes" },
];

/** Share of attendees who spoke → points of the `speaking` criterion (one 2025 sheet; data, not code). */
export const speakingBands: readonly { minShare: number; points: number }[] = [
  { minShare: 0.5, points: 15 },
  { minShare: 0.4, points: 12 },
  { minShare: 0.3, points: 9 },
  { minShare: 0, points: 5 },
];

export const ATTENDANCE_MARK = 0.85;

export const gradeSchema = z.enum(["good", "fair", "average", "weak"]);
export type Grade = z.infer<typeof gradeSchema>;
export const gradeLabels: Record<Grade, string> = {
  good: "Tốt / Good",
  fair: "Khá / Fair",
  average: "Trung bình / Average",
  weak: "Kém / Weak",
};

/** Points per criterion; each 0..max of its criterion (checked by `checkScores`). */
export const scoresSchema = z.partialRecord(criterionKeySchema, z.int().check(z.minimum(0), z.maximum(100)));
export type Scores = Partial<Record<CriterionKey, number>>;

/** The first criterion whose score is above its maximum, or null. */
export function checkScores(scores: Scores): CriterionKey | null {
  for (const c of qualityGrid) {
    const v = scores[c.key];
    if (v !== undefined && (v < 0 || v > c.max)) return c.key;
  }
  return null;
}

export function totalOf(scores: Scores): number {
  return qualityGrid.reduce((sum, c) => sum + Math.min(scores[c.key] ?? 0, c.max), 0);
}

/** Tốt ≥ 90 with full marks on every required criterion; Khá 70–89; Trung bình 50–69; Kém < 50. */
export function gradeOf(scores: Scores): { total: number; grade: Grade } {
  const total = totalOf(scores);
  const fullOnRequired = qualityGrid.every((c) => !c.requiredForGood || (scores[c.key] ?? 0) >= c.max);
  if (total >= 90 && fullOnRequired) return { total, grade: "good" };
  if (total >= 70) return { total, grade: "fair" };
  if (total >= 50) return { total, grade: "average" };
  return { total, grade: "weak" };
}

export interface MeetingFacts {
  /** Present ÷ expected (official and probationary members less the exempted). */
  attendanceRate: number;
  unexcusedAbsences: number;
  durationMinutes: number;
  combined: boolean;
  /** Members present who spoke ÷ members present. */
  speakerShare: number;
  minutesWritten: boolean;
}

/** Scores the room can measure itself; the evaluator fills or overrides the rest. */
export function suggestScores(f: MeetingFacts): Scores {
  const max = (k: CriterionKey) => qualityGrid.find((c) => c.key === k)?.max ?? 0;
  const durationMark = durationMarkMinutes(f.combined);
  const attendanceOk = f.attendanceRate > ATTENDANCE_MARK && f.unexcusedAbsences === 0;
  const band = speakingBands.find((b) => f.speakerShare >= b.minShare);
  return {
    attendance: attendanceOk
      ? max("attendance")
      : Math.floor(max("attendance") * Math.min(f.attendanceRate, ATTENDANCE_MARK)),
    duration:
      f.durationMinutes >= durationMark
        ? max("duration")
        : Math.floor((max("duration") * f.durationMinutes) / durationMark),
    speaking: Math.min(band?.points ?? 0, max("speaking")),
    minutes: f.minutesWritten ? max("minutes") : 0,
  };
}
