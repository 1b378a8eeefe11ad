/**
 * The period and drill-down live in the address (`?p=year&y=2025`, `?p=quarter&y=2025&q=2`, `?p=month&m=2025-03`,
 * `?p=range&from=…&to=…`, `&org=…`), so a report can be bookmarked and sent. Pure functions, tested in node.
 */
import type { PeriodQuery } from "../../../schema/api/reports";
import { quarterOf, vnToday } from "../../../schema/calendar";
import { lang } from "../i18n";

export type PeriodKind = "year" | "quarter" | "month" | "range";
export interface PeriodState {
  kind: PeriodKind;
  year: number;
  quarter: number;
  month: string;
  from: string;
  to: string;
}
export type PeriodSearch = Partial<Record<"p" | "y" | "q" | "m" | "from" | "to", string>>;

const isMonth = (s: string | undefined): s is string => !!s && /^\d{4}-(0[1-9]|1[0-2])$/.test(s);
const isDate = (s: string | undefined): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s);

export function periodFromSearch(s: PeriodSearch, today = vnToday()): PeriodState {
  const thisYear = Number(today.slice(0, 4));
  const year = Number(s.y) >= 2000 && Number(s.y) <= 2100 ? Number(s.y) : thisYear;
  const quarter = [1, 2, 3, 4].includes(Number(s.q)) ? Number(s.q) : quarterOf(today);
  const month = isMonth(s.m) ? s.m : today.slice(0, 7);
  const from = isDate(s.from) ? s.from : `${year}-01-01`;
  const to = isDate(s.to) && s.to >= from ? s.to : today;
  const kind: PeriodKind = s.p === "quarter" || s.p === "month" || s.p === "range" ? s.p : "year";
  return { kind, year, quarter, month, from, to };
}

export function periodToSearch(p: PeriodState): PeriodSearch {
  switch (p.kind) {
    case "year":
      return { p: "year", y: String(p.year), q: undefined, m: undefined, from: undefined, to: undefined };
    case "quarter":
      return { p: "quarter", y: String(p.year), q: String(p.quarter), m: undefined, from: undefined, to: undefined };
    case "month":
      return { p: "month", m: p.month, y: undefined, q: undefined, from: undefined, to: undefined };
    case "range":
      return { p: "range", from: p.from, to: p.to, y: undefined, q: undefined, m: undefined };
    default:
      return p.kind satisfies never;
  }
}

/** The API's period query for the state. */
export function periodQuery(p: PeriodState): Partial<PeriodQuery> {
  switch (p.kind) {
    case "year":
      return { year: p.year };
    case "quarter":
      return { year: p.year, quarter: p.quarter };
    case "month":
      return { month: p.month };
    case "range":
      return { from: p.from, to: p.to };
    default:
      return p.kind satisfies never;
  }
}

const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "T3" for March ("Mar" in English); "T3/25" ("Mar 25") when the series spans more than one year. */
export function monthTick(month: string, multiYear: boolean): string {
  const m = Number(month.slice(5, 7));
  if (lang() === "en") return multiYear ? `${MONTHS_EN[m - 1]} ${month.slice(2, 4)}` : MONTHS_EN[m - 1]!;
  return multiYear ? `T${m}/${month.slice(2, 4)}` : `T${m}`;
}

/** A month read out in full, for the charts' spoken summary: "tháng 3/2025", "Mar 2025". */
export function monthName(month: string): string {
  const m = Number(month.slice(5, 7));
  return lang() === "en" ? `${MONTHS_EN[m - 1]} ${month.slice(0, 4)}` : `tháng ${m}/${month.slice(0, 4)}`;
}
