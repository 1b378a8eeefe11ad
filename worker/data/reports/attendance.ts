/**
 * Attendance at held meetings, members only (guests left out). The rate is present over those expected:
 * everyone summoned less the exempted who stayed away (an exempted member who comes counts as present, as
 * in the voting base). A meeting meets the standard with attendance above 85% and no unexcused absence.
 */
import { thresholds } from "../../../schema/api/reports";
import { vnDayBounds } from "../../../schema/calendar";
import { bump, n, type ReportDef, ratio, runQueries, sumMonths, type UnitMonths } from "./engine";
import { attendanceByMeetingQuery } from "./queries";

export interface AttendanceRow extends Record<string, unknown> {
  meeting: string;
  org: string;
  month: string;
  present: number;
  excused: number;
  unexcused: number;
  exempt: number;
}

export const expectedOf = (r: AttendanceRow) => r.present + r.excused + r.unexcused;

export function attendanceReport(): ReportDef {
  return {
    name: "attendance",
    async load(_db, d1, ctx) {
      const { fromUtc, toUtc } = vnDayBounds(ctx.period.from, ctx.period.to);
      const [rows] = await runQueries<AttendanceRow>(d1, [attendanceByMeetingQuery(ctx.tenantId, fromUtc, toUtc)]);
      const data: UnitMonths = new Map();
      for (const r of rows!) {
        const expected = expectedOf(r);
        bump(data, r.org, r.month, {
          meetings: 1,
          expected,
          present: r.present,
          excused: r.excused,
          unexcused: r.unexcused,
          exempt: r.exempt,
          meetingsWithUnexcused: r.unexcused > 0 ? 1 : 0,
          meetingsBelowRate: expected > 0 && r.present / expected <= thresholds.attendanceRate ? 1 : 0,
        });
      }
      return data;
    },
    unitTotals: (months, ctx) => sumMonths(months, ctx.period.months),
    finish: (c) => ({
      meetings: n(c, "meetings"),
      expected: n(c, "expected"),
      present: n(c, "present"),
      rate: ratio(c.present, c.expected),
      excused: n(c, "excused"),
      unexcused: n(c, "unexcused"),
      exempt: n(c, "exempt"),
      meetingsWithUnexcused: n(c, "meetingsWithUnexcused"),
      meetingsBelowRate: n(c, "meetingsBelowRate"),
      branchesBehind: n(c, "branchesBehind"),
    }),
    reasons(c) {
      const out = [];
      const rate = ratio(c.present, c.expected);
      if (rate !== null && rate <= thresholds.attendanceRate)
        out.push({ code: "low_attendance" as const, value: rate });
      if (n(c, "unexcused") > 0) out.push({ code: "unexcused_absence" as const, count: n(c, "unexcused") });
      return out;
    },
    monthValues: (c) => ({
      meetings: n(c, "meetings"),
      rate: ratio(c.present, c.expected),
      unexcused: n(c, "unexcused"),
    }),
  };
}
