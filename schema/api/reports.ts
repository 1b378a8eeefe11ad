/**
 * The committee's reports: the period query, the shape every report answers in, the columns each report
 * shows (shared by the web tables and the CSV/XLSX exports), and (from ./report-labels.ts, the part the web
 * imports at run time) the titles and the thresholds that flag a branch as falling behind.
 */
import { z } from "zod";
import { lastDayOfMonth, monthsBetween, quarterKey, quarterMonths } from "../calendar";
import { dateSchema, idSchema, monthSchema } from "../ids";
import { type BehindReason, type Grade, type ReportName, reportNames } from "./report-labels";

export * from "./report-labels";

export const reportNameSchema = z.enum(reportNames);

/**
 * A period: a year (optionally one quarter of it), a month, or a from–to range of dates. With none given
 * the current year is meant. Dates are Vietnam's calendar (schema/calendar.ts), where the meetings happen.
 */
export const periodQuerySchema = z
  .object({
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    quarter: z.coerce.number().int().min(1).max(4).optional(),
    month: monthSchema.optional(),
    from: dateSchema.optional(),
    to: dateSchema.optional(),
  })
  .superRefine((q, ctx) => {
    const kinds = [q.year !== undefined, q.month !== undefined, q.from !== undefined || q.to !== undefined].filter(
      Boolean,
    );
    if (kinds.length > 1)
      ctx.addIssue({
        code: "custom",
        path: ["year"],
        message: "Chọn một kiểu kỳ: năm, tháng hoặc từ–đến / one period kind only",
      });
    if (q.quarter !== undefined && q.year === undefined)
      ctx.addIssue({ code: "custom", path: ["quarter"], message: "Quý cần có năm / quarter needs year" });
    if ((q.from === undefined) !== (q.to === undefined))
      ctx.addIssue({ code: "custom", path: ["to"], message: "Cần cả từ ngày và đến ngày / from and to together" });
    if (q.from && q.to) {
      if (q.from > q.to)
        ctx.addIssue({ code: "custom", path: ["to"], message: "Đến ngày phải sau từ ngày / to before from" });
      else if (Date.parse(q.to) - Date.parse(q.from) > 10 * 366 * 86_400_000)
        ctx.addIssue({ code: "custom", path: ["to"], message: "Tối đa 10 năm / at most 10 years" });
    }
  });
export type PeriodQuery = z.infer<typeof periodQuerySchema>;

export const reportQuerySchema = z.intersection(
  periodQuerySchema,
  z.object({
    /** Drill-down: the organization whose children become the rows; none = the whole tenant. */
    organizationId: idSchema.optional(),
    /**
     * `children`: a province's report over its committees, one row per committee (drill into one by its id as
     * `organizationId`); `tenant` (default): the tenant's own organizations.
     */
    scope: z.enum(["tenant", "children"]).default("tenant"),
    format: z.enum(["json", "csv", "xlsx"]).default("json"),
  }),
);
export type ReportQuery = z.infer<typeof reportQuerySchema>;

export interface Period {
  /** First and last day, inclusive, `YYYY-MM-DD`. */
  from: string;
  to: string;
  /** Every month the period touches, `YYYY-MM`. */
  months: string[];
  /** Every quarter the period touches, `YYYY-Qn`. */
  quarters: string[];
  label: string;
}

const vnDate = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

/** Resolves a period query; `today` (`YYYY-MM-DD`, Vietnam) gives the default year. */
export function resolvePeriod(q: PeriodQuery, today: string): Period {
  let from: string;
  let to: string;
  let label: string;
  if (q.month) {
    const [y, m] = q.month.split("-").map(Number) as [number, number];
    from = `${q.month}-01`;
    to = lastDayOfMonth(q.month);
    label = `Tháng ${m}/${y}`;
  } else if (q.from && q.to) {
    from = q.from;
    to = q.to;
    label = `${vnDate(from)} – ${vnDate(to)}`;
  } else {
    const y = q.year ?? Number(today.slice(0, 4));
    if (q.quarter) {
      const months = quarterMonths(y, q.quarter);
      from = `${months[0]}-01`;
      to = lastDayOfMonth(months[2]!);
      label = `Quý ${q.quarter}/${y}`;
    } else {
      from = `${y}-01-01`;
      to = `${y}-12-31`;
      label = `Năm ${y}`;
    }
  }
  const months = monthsBetween(from, to);
  const quarters = [...new Set(months.map(quarterKey))];
  return { from, to, months, quarters, label };
}

/** How a column's numbers read: counts, fractions shown as %, seconds shown as minutes, scores, text. */
export type ColumnKind = "count" | "rate" | "seconds" | "score" | "text";
export interface Column {
  key: string;
  label: string;
  kind: ColumnKind;
}
export type Cell = number | string | null;

export interface ReportRow {
  organizationId: string;
  name: string;
  kind: string;
  /** The row has organizations under it to drill into. */
  drillable: boolean;
  behind: boolean;
  values: Record<string, Cell>;
}

export interface BehindBranch {
  organizationId: string;
  name: string;
  parentName: string | null;
  reasons: BehindReason[];
}

/** A side table (leaders of the visits report, branch years of the grades report). */
export interface ReportTable {
  key: string;
  title: string;
  columns: Column[];
  rows: Record<string, Cell>[];
}

export interface ReportResult {
  report: ReportName;
  title: string;
  period: Period;
  scope: { id: string | null; name: string; kind: string; path: { id: string; name: string }[] };
  columns: Column[];
  /** Figures over the whole scope. */
  total: Record<string, Cell>;
  /** The scope's children (drill-down), each rolled up over the branches under it. */
  rows: ReportRow[];
  /** Per month of the period, over the whole scope (charts). */
  series: { month: string; values: Record<string, Cell> }[];
  /** Branches under the scope falling behind, with why. */
  behind: BehindBranch[];
  tables: ReportTable[];
}

/** Columns per report (rows and total share them). */
export const reportColumns: Record<ReportName, Column[]> = {
  meetings: [
    { key: "branches", label: "Số chi bộ", kind: "count" },
    { key: "regularDue", label: "Thường kỳ phải họp (tháng)", kind: "count" },
    { key: "regularHeld", label: "Thường kỳ đã họp (tháng)", kind: "count" },
    { key: "regularRate", label: "Tỷ lệ thường kỳ", kind: "rate" },
    { key: "thematicDue", label: "Chuyên đề phải họp (quý)", kind: "count" },
    { key: "thematicHeld", label: "Chuyên đề đã họp (quý)", kind: "count" },
    { key: "meetingsHeld", label: "Số cuộc đã họp", kind: "count" },
    { key: "cancelled", label: "Số cuộc hủy", kind: "count" },
    { key: "branchesAllRegular", label: "Chi bộ họp đủ thường kỳ", kind: "count" },
    { key: "branchesAllThematic", label: "Chi bộ họp đủ chuyên đề", kind: "count" },
    { key: "shareAllRegular", label: "Tỷ lệ chi bộ họp đủ thường kỳ", kind: "rate" },
    { key: "shareAllThematic", label: "Tỷ lệ chi bộ họp đủ chuyên đề", kind: "rate" },
    { key: "branchesBehind", label: "Chi bộ chậm", kind: "count" },
    // Tasks of issued resolutions whose deadline falls in the period, and those done by it.
    { key: "tasksDue", label: "Việc nghị quyết đến hạn", kind: "count" },
    { key: "tasksOnTime", label: "Việc hoàn thành đúng hạn", kind: "count" },
    { key: "tasksOnTimeRate", label: "Tỷ lệ việc đúng hạn", kind: "rate" },
  ],
  attendance: [
    { key: "meetings", label: "Số cuộc", kind: "count" },
    { key: "expected", label: "Lượt phải dự (trừ miễn)", kind: "count" },
    { key: "present", label: "Lượt có mặt", kind: "count" },
    { key: "rate", label: "Tỷ lệ dự họp", kind: "rate" },
    { key: "excused", label: "Vắng có lý do", kind: "count" },
    { key: "unexcused", label: "Vắng không lý do", kind: "count" },
    { key: "exempt", label: "Miễn sinh hoạt vắng", kind: "count" },
    { key: "meetingsWithUnexcused", label: "Cuộc có vắng không lý do", kind: "count" },
    { key: "meetingsBelowRate", label: "Cuộc dự dưới 85%", kind: "count" },
    { key: "branchesBehind", label: "Chi bộ chậm", kind: "count" },
  ],
  speaking: [
    { key: "meetings", label: "Số cuộc", kind: "count" },
    { key: "present", label: "Lượt có mặt", kind: "count" },
    { key: "speakers", label: "Lượt người phát biểu", kind: "count" },
    { key: "speakerRate", label: "Tỷ lệ người dự phát biểu", kind: "rate" },
    { key: "speakingSeconds", label: "Thời gian phát biểu", kind: "seconds" },
    { key: "topShare", label: "Phần của người nói nhiều nhất", kind: "rate" },
    { key: "oneVoiceMeetings", label: "Cuộc một người nói quá nửa", kind: "count" },
    { key: "meetingsFewSpeakers", label: "Cuộc dưới 30% phát biểu", kind: "count" },
    { key: "branchesBehind", label: "Chi bộ chậm", kind: "count" },
  ],
  votes: [
    { key: "votes", label: "Số lần biểu quyết", kind: "count" },
    { key: "passed", label: "Thông qua", kind: "count" },
    { key: "notPassed", label: "Không thông qua", kind: "count" },
    { key: "secret", label: "Bỏ phiếu kín", kind: "count" },
    { key: "eligible", label: "Lượt có quyền biểu quyết", kind: "count" },
    { key: "cast", label: "Lượt đã biểu quyết", kind: "count" },
    { key: "participation", label: "Tỷ lệ tham gia", kind: "rate" },
    { key: "reservedOpinions", label: "Ý kiến bảo lưu", kind: "count" },
    { key: "regularHeld", label: "Cuộc thường kỳ đã họp", kind: "count" },
    { key: "regularWithoutVote", label: "Cuộc thường kỳ không biểu quyết", kind: "count" },
    { key: "branchesBehind", label: "Chi bộ chậm", kind: "count" },
  ],
  grades: [
    { key: "meetingsHeld", label: "Số cuộc đã họp", kind: "count" },
    { key: "graded", label: "Đã xếp loại", kind: "count" },
    { key: "confirmed", label: "Đảng ủy đã xác nhận", kind: "count" },
    { key: "good", label: "Tốt", kind: "count" },
    { key: "fair", label: "Khá", kind: "count" },
    { key: "average", label: "Trung bình", kind: "count" },
    { key: "weak", label: "Kém", kind: "count" },
    { key: "ungraded", label: "Chưa xếp loại", kind: "count" },
    { key: "averageScore", label: "Điểm bình quân", kind: "score" },
    { key: "branchesBehind", label: "Chi bộ chậm", kind: "count" },
  ],
  visits: [
    { key: "planned", label: "Lượt đăng ký", kind: "count" },
    { key: "attended", label: "Đã dự", kind: "count" },
    { key: "missed", label: "Không dự", kind: "count" },
    { key: "pending", label: "Chưa đến hạn", kind: "count" },
    { key: "moved", label: "Đã dời", kind: "count" },
    { key: "keptRate", label: "Tỷ lệ thực hiện", kind: "rate" },
    { key: "leaders", label: "Số lãnh đạo", kind: "count" },
    { key: "branchesBehind", label: "Chi bộ chậm", kind: "count" },
  ],
};

export const leaderColumns: Column[] = [
  { key: "leaderName", label: "Lãnh đạo", kind: "text" },
  { key: "planned", label: "Lượt đăng ký", kind: "count" },
  { key: "attended", label: "Đã dự", kind: "count" },
  { key: "missed", label: "Không dự", kind: "count" },
  { key: "pending", label: "Chưa đến hạn", kind: "count" },
  { key: "kept", label: "Thực hiện", kind: "text" },
  { key: "year", label: "Năm", kind: "count" },
  { key: "attendedInYear", label: "Đã dự trong năm", kind: "count" },
  { key: "belowMinimum", label: "Chưa đủ 2 lần/năm", kind: "text" },
];

export const branchYearColumns: Column[] = [
  { key: "branchName", label: "Chi bộ", kind: "text" },
  { key: "year", label: "Năm", kind: "count" },
  { key: "graded", label: "Số tháng xếp loại", kind: "count" },
  { key: "good", label: "Tốt", kind: "count" },
  { key: "fair", label: "Khá", kind: "count" },
  { key: "average", label: "Trung bình", kind: "count" },
  { key: "weak", label: "Kém", kind: "count" },
  { key: "averageScore", label: "Điểm bình quân", kind: "score" },
  { key: "yearGrade", label: "Xếp loại năm", kind: "text" },
];

/** Grade review: the committee confirms one evaluation as the meeting's grade. */
export const evaluationListQuerySchema = z.intersection(
  periodQuerySchema,
  z.object({
    organizationId: idSchema.optional(),
    state: z.enum(["pending", "confirmed", "all"]).default("pending"),
  }),
);
export type EvaluationListQuery = z.infer<typeof evaluationListQuerySchema>;

export interface EvaluationView {
  id: string;
  evaluatorPersonId: string;
  evaluatorName: string;
  evaluatorKind: "branch" | "leader";
  total: number;
  grade: Grade;
  scores: unknown;
  confirmedAt: string | null;
  confirmedBy: string | null;
}
export interface MeetingGradeView {
  meetingId: string;
  organizationId: string;
  organizationName: string;
  kind: "regular" | "thematic";
  topic: string;
  scheduledAt: string;
  /** The grade that counts: the confirmed evaluation, else the leader's, else the branch's own. */
  grade: Grade | null;
  confirmed: boolean;
  evaluations: EvaluationView[];
}
