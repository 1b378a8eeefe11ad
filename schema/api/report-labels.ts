/**
 * The words and thresholds of the committee's reports, without zod: the web client imports these at run
 * time, and the browser bundle stays free of zod's classic API (only zod/mini, shared with the member's room
 * view; see web/vite.config.ts). schema/api/reports.ts re-exports them beside the query schemas.
 */
export const reportNames = ["meetings", "attendance", "speaking", "votes", "grades", "visits"] as const;
export type ReportName = (typeof reportNames)[number];

export const reportTitles: Record<ReportName, string> = {
  meetings: "Sinh hoạt định kỳ và chuyên đề",
  attendance: "Dự sinh hoạt",
  speaking: "Phát biểu",
  votes: "Biểu quyết",
  grades: "Xếp loại chất lượng",
  visits: "Lãnh đạo dự sinh hoạt",
};

/** Why a branch is flagged; `describeReason` renders it. */
export interface BehindReason {
  code:
    | "missing_regular"
    | "missing_thematic"
    | "low_attendance"
    | "unexcused_absence"
    | "few_speakers"
    | "one_voice"
    | "low_participation"
    | "meeting_without_vote"
    | "weak_grade"
    | "low_average_grade"
    | "visits_missed";
  count?: number;
  value?: number;
}

/**
 * When a branch falls behind, as data: DOMAIN.md's quality criteria (attendance above 85% with no unexcused
 * absence; over half of attendees speaking gets full marks, under 30% the least) and the leaders' minimum.
 */
export const thresholds = {
  attendanceRate: 0.85,
  speakerRate: 0.3,
  /** One person holding this share of a meeting's speaking time or more makes it a "one voice" meeting. */
  oneVoiceShare: 0.5,
  participation: 0.85,
  averageScore: 70,
  leaderVisitsPerYear: 2,
} as const;

/** Vietnamese writes a decimal comma: 16,9%. */
const pct = (v: number | undefined) => `${String(Math.round((v ?? 0) * 1000) / 10).replace(".", ",")}%`;
export function describeReason(r: BehindReason): string {
  switch (r.code) {
    case "missing_regular":
      return `Thiếu ${r.count} cuộc sinh hoạt thường kỳ`;
    case "missing_thematic":
      return `Thiếu sinh hoạt chuyên đề ${r.count} quý`;
    case "low_attendance":
      return `Tỷ lệ dự họp ${pct(r.value)} (cần trên ${pct(thresholds.attendanceRate)})`;
    case "unexcused_absence":
      return `${r.count} lượt vắng không lý do`;
    case "few_speakers":
      return `Chỉ ${pct(r.value)} người dự phát biểu`;
    case "one_voice":
      return `Một người nói ${pct(r.value)} thời gian phát biểu`;
    case "low_participation":
      return `Tham gia biểu quyết ${pct(r.value)}`;
    case "meeting_without_vote":
      return `${r.count} cuộc thường kỳ không biểu quyết`;
    case "weak_grade":
      return `${r.count} cuộc xếp loại kém`;
    case "low_average_grade":
      return `Điểm bình quân ${r.value}`;
    case "visits_missed":
      return `${r.count} lượt lãnh đạo dự không thực hiện`;
    default:
      return r.code satisfies never;
  }
}

export const gradeNames = ["good", "fair", "average", "weak"] as const;
export type Grade = (typeof gradeNames)[number];
export const gradeLabels: Record<Grade, string> = { good: "Tốt", fair: "Khá", average: "Trung bình", weak: "Kém" };
/** The grid's bands (DOMAIN.md): Tốt ≥ 90, Khá 70–89, Trung bình 50–69, Kém < 50. */
export const gradeOfScore = (score: number): Grade =>
  score >= 90 ? "good" : score >= 70 ? "fair" : score >= 50 ? "average" : "weak";
