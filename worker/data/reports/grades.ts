/**
 * Quality grades of held meetings. Each meeting's grade is the one the committee confirmed; before that,
 * the visiting leader's evaluation, else the branch's own (provisional). Monthly grades roll up to the
 * branch's year: the average score of the whole calendar year (whatever part of it the period shows),
 * banded with the same grid (Tốt ≥ 90, Khá ≥ 70, Trung bình ≥ 50).
 */
import {
  branchYearColumns,
  type Cell,
  type Grade,
  gradeLabels,
  gradeOfScore,
  thresholds,
} from "../../../schema/api/reports";
import { vnDayBounds } from "../../../schema/calendar";
import { addInto, bump, type Counters, n, type ReportDef, runQueries, sumMonths, type UnitMonths } from "./engine";
import { evaluationsQuery, meetingCountsQuery } from "./queries";

interface EvalRow extends Record<string, unknown> {
  meeting: string;
  org: string;
  month: string;
  /** The meeting's local day, `YYYY-MM-DD`. */
  day: string;
  evaluator_kind: "branch" | "leader";
  total: number;
  grade: Grade;
  confirmed_at: string | null;
  updated_at: string;
}
interface CountRow extends Record<string, unknown> {
  org: string;
  month: string;
  status: string;
  n: number;
}

/** Confirmed first, then the leader's, then the branch's; the latest of equals. */
export function officialEvaluation<
  T extends { evaluator_kind: string; confirmed_at: string | null; updated_at: string },
>(rows: T[]): T | undefined {
  const rank = (r: T) => (r.confirmed_at ? 2 : r.evaluator_kind === "leader" ? 1 : 0);
  return [...rows].sort(
    (a, b) => rank(b) - rank(a) || (b.confirmed_at ?? b.updated_at).localeCompare(a.confirmed_at ?? a.updated_at),
  )[0];
}

const avg = (c: Counters) => (n(c, "graded") > 0 ? Math.round((n(c, "scoreSum") / n(c, "graded")) * 10) / 10 : null);

/** Each meeting's grade that counts, as counters per branch and month. */
function gradeMonths(evals: EvalRow[], into: UnitMonths = new Map()): UnitMonths {
  const byMeeting = new Map<string, EvalRow[]>();
  for (const e of evals) byMeeting.set(e.meeting, [...(byMeeting.get(e.meeting) ?? []), e]);
  for (const rows of byMeeting.values()) {
    const e = officialEvaluation(rows)!;
    bump(into, e.org, e.month, { graded: 1, confirmed: e.confirmed_at ? 1 : 0, [e.grade]: 1, scoreSum: e.total });
  }
  return into;
}

export function gradesReport(): ReportDef {
  /** Grades over the whole calendar years the period touches: the branch's year is rated on all of it. */
  const years: UnitMonths = new Map();
  return {
    name: "grades",
    async load(_db, d1, ctx) {
      const { fromUtc, toUtc } = vnDayBounds(ctx.period.from, ctx.period.to);
      // One read of the whole years: the branch's year rating needs them, the period is a part of them.
      const span = vnDayBounds(`${ctx.period.from.slice(0, 4)}-01-01`, `${ctx.period.to.slice(0, 4)}-12-31`);
      const [yearEvals, counts] = (await runQueries(d1, [
        evaluationsQuery(ctx.tenantId, span.fromUtc, span.toUtc),
        meetingCountsQuery(ctx.tenantId, fromUtc, toUtc),
      ])) as [EvalRow[], CountRow[]];
      const data: UnitMonths = new Map();
      for (const c of counts) if (c.status === "closed") bump(data, c.org, c.month, { meetingsHeld: c.n });
      gradeMonths(
        yearEvals.filter((e) => e.day >= ctx.period.from && e.day <= ctx.period.to),
        data,
      );
      // Added to, not replaced: a province's roll-up loads each of its committees into this one definition (./children.ts).
      gradeMonths(yearEvals, years);
      return data;
    },
    unitTotals: (months, ctx) => sumMonths(months, ctx.period.months),
    finish: (c) => ({
      meetingsHeld: n(c, "meetingsHeld"),
      graded: n(c, "graded"),
      confirmed: n(c, "confirmed"),
      good: n(c, "good"),
      fair: n(c, "fair"),
      average: n(c, "average"),
      weak: n(c, "weak"),
      ungraded: n(c, "meetingsHeld") - n(c, "graded"),
      averageScore: avg(c),
      branchesBehind: n(c, "branchesBehind"),
    }),
    reasons(c) {
      const out = [];
      if (n(c, "weak") > 0) out.push({ code: "weak_grade" as const, count: n(c, "weak") });
      const a = avg(c);
      if (a !== null && a < thresholds.averageScore) out.push({ code: "low_average_grade" as const, value: a });
      return out;
    },
    monthValues: (c) => ({
      good: n(c, "good"),
      fair: n(c, "fair"),
      average: n(c, "average"),
      weak: n(c, "weak"),
      averageScore: avg(c),
    }),
    tables(_data, units, ctx) {
      const yearsOfPeriod = [...new Set(ctx.period.months.map((m) => m.slice(0, 4)))];
      const rows: Record<string, Cell>[] = [];
      for (const u of units) {
        for (const year of yearsOfPeriod) {
          const c: Counters = {};
          for (const [m, counters] of years.get(u.id) ?? []) if (m.startsWith(year)) addInto(c, counters);
          const a = avg(c);
          rows.push({
            organizationId: u.id,
            branchName: u.name,
            year: Number(year),
            graded: n(c, "graded"),
            good: n(c, "good"),
            fair: n(c, "fair"),
            average: n(c, "average"),
            weak: n(c, "weak"),
            averageScore: a,
            yearGrade: a === null ? null : gradeLabels[gradeOfScore(a)],
          });
        }
      }
      return [{ key: "branchYears", title: "Xếp loại chi bộ theo năm", columns: branchYearColumns, rows }];
    },
  };
}
