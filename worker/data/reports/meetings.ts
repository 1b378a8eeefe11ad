/**
 * Regular meetings held vs due (one a month, 12 a year) and thematic meetings per quarter (at least one),
 * with how many branches held them all. A month counts once however many regular meetings it had, so two
 * in March do not make up for none in April. A combined meeting (thematic and regular together, 120
 * minutes) counts for its month's regular meeting and its quarter's thematic one. Thematic meetings are judged per whole quarter: a quarter the
 * period only touches counts as held if the branch held one anywhere in that quarter.
 */
import { quarterKey, quarterMonths, quarterSpan, vnDayBounds } from "../../../schema/calendar";
import { bump, type Counters, n, type ReportDef, ratio, runQueries, type UnitMonths } from "./engine";
import { meetingCountsQuery, tasksByDeadlineQuery } from "./queries";

/** Resolution tasks due in a month, and done by their deadline. */
interface TaskRow extends Record<string, unknown> {
  org: string;
  month: string;
  due: number;
  on_time: number;
}

interface Row extends Record<string, unknown> {
  org: string;
  month: string;
  kind: "regular" | "thematic";
  status: string;
  n: number;
  /** How many of them combined a thematic with a regular meeting. */
  combined: number;
  with_vote: number;
}

export function meetingsReport(): ReportDef {
  return {
    name: "meetings",
    async load(_db, d1, ctx) {
      const span = quarterSpan(ctx.period.months[0]!, ctx.period.months[ctx.period.months.length - 1]!);
      const inPeriod = vnDayBounds(ctx.period.from, ctx.period.to);
      const inQuarters = vnDayBounds(span.from, span.to);
      const [rows, quarterRows, taskRows] = await runQueries<Row | TaskRow>(d1, [
        meetingCountsQuery(ctx.tenantId, inPeriod.fromUtc, inPeriod.toUtc),
        meetingCountsQuery(ctx.tenantId, inQuarters.fromUtc, inQuarters.toUtc),
        tasksByDeadlineQuery(ctx.tenantId, ctx.period.from, ctx.period.to, ctx.today),
      ]);
      const data: UnitMonths = new Map();
      for (const r of rows as Row[]) {
        // A combined meeting (thematic and regular held together) is one meeting that keeps both duties.
        const coversRegular = r.kind === "regular" ? r.n : r.combined;
        if (r.status === "closed") bump(data, r.org, r.month, { [r.kind]: r.n, regularCover: coversRegular });
        else if (r.status === "cancelled") bump(data, r.org, r.month, { cancelled: r.n });
      }
      // Per branch and month, whether its regular meeting was held (the series counts branches, not meetings).
      for (const months of data.values())
        for (const c of months.values()) c.regularBranch = n(c, "regularCover") > 0 ? 1 : 0;
      // Thematic meetings (or combined ones) anywhere in the quarters the period touches.
      for (const r of quarterRows as Row[]) {
        const coversThematic = r.kind === "thematic" ? r.n : r.combined;
        if (r.status === "closed" && coversThematic > 0)
          bump(data, r.org, r.month, { thematicInQuarter: coversThematic });
      }
      // "Tasks done on time" (DOMAIN.md "Resolutions and follow-up"): by the month of each task's deadline.
      for (const r of taskRows as TaskRow[]) bump(data, r.org, r.month, { tasksDue: r.due, tasksOnTime: r.on_time });
      return data;
    },
    unitTotals(months, ctx) {
      const held = (m: string) => n(months?.get(m) ?? {}, "regularCover") > 0;
      const regularHeld = ctx.period.months.filter(held).length;
      const regularMissing = ctx.dueMonths.filter((m) => !held(m)).length;
      const inProgress = ctx.period.months.includes(ctx.todayMonth) && held(ctx.todayMonth) ? 1 : 0;
      const thematicQuarters = new Set<string>();
      for (const [m, c] of months ?? []) if (n(c, "thematicInQuarter") > 0) thematicQuarters.add(quarterKey(m));
      // A quarter is due once it has ended, or once its thematic meeting is held.
      const dueQuarters = ctx.period.quarters.filter(
        (q) =>
          quarterEndMonth(q) < ctx.todayMonth || (quarterStartMonth(q) <= ctx.todayMonth && thematicQuarters.has(q)),
      );
      const thematicHeld = ctx.period.quarters.filter((q) => thematicQuarters.has(q)).length;
      const thematicMissing = dueQuarters.filter((q) => !thematicQuarters.has(q)).length;
      let meetingsHeld = 0;
      let cancelled = 0;
      let tasksDue = 0;
      let tasksOnTime = 0;
      for (const m of ctx.period.months) {
        const c = months?.get(m) ?? {};
        meetingsHeld += n(c, "regular") + n(c, "thematic");
        cancelled += n(c, "cancelled");
        tasksDue += n(c, "tasksDue");
        tasksOnTime += n(c, "tasksOnTime");
      }
      return {
        regularDue: ctx.dueMonths.length + inProgress,
        regularHeld,
        regularMissing,
        thematicDue: dueQuarters.length,
        thematicHeld,
        thematicMissing,
        meetingsHeld,
        cancelled,
        tasksDue,
        tasksOnTime,
        branchesAllRegular: regularMissing === 0 ? 1 : 0,
        branchesAllThematic: thematicMissing === 0 ? 1 : 0,
      };
    },
    finish(c: Counters) {
      return {
        branches: n(c, "branches"),
        regularDue: n(c, "regularDue"),
        regularHeld: n(c, "regularHeld"),
        regularRate: ratio(c.regularHeld, c.regularDue),
        thematicDue: n(c, "thematicDue"),
        thematicHeld: n(c, "thematicHeld"),
        meetingsHeld: n(c, "meetingsHeld"),
        cancelled: n(c, "cancelled"),
        branchesAllRegular: n(c, "branchesAllRegular"),
        branchesAllThematic: n(c, "branchesAllThematic"),
        shareAllRegular: ratio(c.branchesAllRegular, c.branches),
        shareAllThematic: ratio(c.branchesAllThematic, c.branches),
        branchesBehind: n(c, "branchesBehind"),
        tasksDue: n(c, "tasksDue"),
        tasksOnTime: n(c, "tasksOnTime"),
        tasksOnTimeRate: ratio(c.tasksOnTime, c.tasksDue),
      };
    },
    reasons(c) {
      const out = [];
      if (n(c, "regularMissing") > 0) out.push({ code: "missing_regular" as const, count: n(c, "regularMissing") });
      if (n(c, "thematicMissing") > 0) out.push({ code: "missing_thematic" as const, count: n(c, "thematicMissing") });
      return out;
    },
    monthValues(c, units) {
      return {
        regular: n(c, "regular"),
        thematic: n(c, "thematic"),
        branchesHeld: n(c, "regularBranch"),
        branches: units,
      };
    },
  };
}

const quarterStartMonth = (q: string) => quarterMonths(Number(q.slice(0, 4)), Number(q.slice(6)))[0]!;
const quarterEndMonth = (q: string) => quarterMonths(Number(q.slice(0, 4)), Number(q.slice(6)))[2]!;
