/**
 * Visits kept: planned vs attended per branch and per leader ("18 of 22"), with each leader's attended
 * visits over the whole calendar year, to every branch of the committee, checked against the minimum (Đồng Nai 32-QĐ/TU: at least twice a
 * year). A plan moved to a later meeting counts once, where it ended up: the moved row is only history.
 * Reading closes the visit loop first, so figures follow what the room recorded.
 */
import { type Cell, leaderColumns, thresholds } from "../../../schema/api/reports";
import { closeVisitLoop } from "../visits";
import { bump, type Counters, n, type ReportDef, ratio, runQueries, sumMonths, type UnitMonths } from "./engine";
import { visitsQuery } from "./queries";

interface VisitRow extends Record<string, unknown> {
  leader: string;
  leader_name: string;
  org: string;
  month: string;
  status: "planned" | "attended" | "missed" | "moved";
  n: number;
}

const counters = (r: VisitRow): Counters =>
  r.status === "moved"
    ? { moved: r.n }
    : {
        planned: r.n,
        attended: r.status === "attended" ? r.n : 0,
        missed: r.status === "missed" ? r.n : 0,
        pending: r.status === "planned" ? r.n : 0,
      };

export function visitsReport(): ReportDef {
  let rows: VisitRow[] = [];
  let inPeriod = new Set<string>();
  return {
    name: "visits",
    async load(_db, d1, ctx) {
      await closeVisitLoop(d1, ctx.tenantId, ctx.todayMonth);
      const months = ctx.period.months;
      const [loaded] = await runQueries<VisitRow>(d1, [
        visitsQuery(ctx.tenantId, `${months[0]!.slice(0, 4)}-01`, `${months[months.length - 1]!.slice(0, 4)}-12`),
      ]);
      // A province's roll-up loads each of its committees into this one definition (at once: rows are added after the await, never replaced) (./children.ts).
      rows = rows.concat(loaded!);
      inPeriod = new Set(months);
      const data: UnitMonths = new Map();
      for (const r of rows) bump(data, r.org, r.month, counters(r));
      return data;
    },
    unitTotals: (months, ctx) => sumMonths(months, ctx.period.months),
    finish: (c) => ({
      planned: n(c, "planned"),
      attended: n(c, "attended"),
      missed: n(c, "missed"),
      pending: n(c, "pending"),
      moved: n(c, "moved"),
      keptRate: ratio(c.attended, c.planned),
      leaders: null,
      branchesBehind: n(c, "branchesBehind"),
    }),
    distinctValues(unitIds) {
      const leaders = new Set(
        rows.filter((r) => r.status !== "moved" && inPeriod.has(r.month) && unitIds.has(r.org)).map((r) => r.leader),
      );
      return { leaders: leaders.size };
    },
    reasons: (c) => (n(c, "missed") > 0 ? [{ code: "visits_missed" as const, count: n(c, "missed") }] : []),
    monthValues: (c) => ({ planned: n(c, "planned"), attended: n(c, "attended") }),
    tables(_data, units, ctx) {
      const scope = new Set(units.map((u) => u.id));
      const years = [...new Set(ctx.period.months.map((m) => m.slice(0, 4)))];
      // The minimum is the leader's, over every branch of the committee: drilling into one branch must not
      // hide the visits made to the others.
      const attendedInYear = new Map<string, number>();
      for (const r of rows) {
        const key = `${r.leader}|${r.month.slice(0, 4)}`;
        if (r.status === "attended") attendedInYear.set(key, (attendedInYear.get(key) ?? 0) + r.n);
      }
      const byLeaderYear = new Map<
        string,
        { name: string; year: string; c: Record<string, number>; attendedInYear: number }
      >();
      for (const r of rows) {
        if (!scope.has(r.org) || r.status === "moved") continue;
        const year = r.month.slice(0, 4);
        if (!years.includes(year)) continue;
        const key = `${r.leader}|${year}`;
        let e = byLeaderYear.get(key);
        if (!e) {
          e = { name: r.leader_name, year, c: {}, attendedInYear: attendedInYear.get(key) ?? 0 };
          byLeaderYear.set(key, e);
        }
        if (inPeriod.has(r.month)) for (const [k, v] of Object.entries(counters(r))) e.c[k] = (e.c[k] ?? 0) + v;
      }
      const out: Record<string, Cell>[] = [];
      for (const [key, e] of byLeaderYear) {
        if (n(e.c, "planned") === 0) continue;
        out.push({
          leaderPersonId: key.split("|")[0]!,
          leaderName: e.name,
          planned: n(e.c, "planned"),
          attended: n(e.c, "attended"),
          missed: n(e.c, "missed"),
          pending: n(e.c, "pending"),
          kept: `${n(e.c, "attended")}/${n(e.c, "planned")}`,
          year: Number(e.year),
          attendedInYear: e.attendedInYear,
          belowMinimum: e.attendedInYear < thresholds.leaderVisitsPerYear ? "Có" : "",
        });
      }
      out.sort(
        (a, b) => String(a.leaderName).localeCompare(String(b.leaderName), "vi") || Number(a.year) - Number(b.year),
      );
      return [{ key: "leaders", title: "Theo lãnh đạo", columns: leaderColumns, rows: out }];
    },
  };
}
