/**
 * Vietnam's calendar, the one home of every date rule: meetings are held, planned by month and quarter,
 * timed against the 90/120-minute mark and matched with exemptions on Vietnam's clock, whoever reads them
 * and wherever the server runs. The clock is read through `Intl` with the zone's name, so no offset is typed
 * by hand anywhere; between layers dates travel as plain strings (`YYYY-MM-DD`, `YYYY-MM`) or UTC instants.
 * No imports and no dependencies: the worker, the rooms, the web bundle, scripts and bench (Node, with the
 * `.ts` extension) all load it.
 */

/** The zone every meeting is held in. */
export const VN_TIME_ZONE = "Asia/Ho_Chi_Minh";

/** An instant: a `Date`, epoch milliseconds, or an ISO-8601 string (with `Z` or an offset). */
export type Instant = Date | number | string;

export interface VnWallTime {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// One formatter, built on first use (constructing it is the expensive part) and not at load, so a bundle that
// takes only the clock's arithmetic (the room page) drops it.
let wallClock: Intl.DateTimeFormat | undefined;
const clock = () =>
  (wallClock ??= new Intl.DateTimeFormat("en-US", {
    timeZone: VN_TIME_ZONE,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }));

const pad = (n: number) => String(n).padStart(2, "0");
const toMs = (at: Instant) => (at instanceof Date ? at.getTime() : typeof at === "number" ? at : Date.parse(at));

/** Whether an instant can be read at all (an unparsable string or an invalid `Date` cannot). */
export const isInstant = (at: Instant) => !Number.isNaN(toMs(at));

/** The wall time in Vietnam at an instant. Throws a `RangeError` on an invalid instant. */
export function vnWallTime(at: Instant): VnWallTime {
  const p: Record<string, number> = {};
  for (const part of clock().formatToParts(toMs(at))) if (part.type !== "literal") p[part.type] = Number(part.value);
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute!, second: p.second! };
}

/** `YYYY-MM-DD`: the day in Vietnam at an instant. */
export function vnDay(at: Instant): string {
  const t = vnWallTime(at);
  return `${t.year}-${pad(t.month)}-${pad(t.day)}`;
}

/** `YYYY-MM`: the month in Vietnam at an instant. */
export function vnMonth(at: Instant): string {
  const t = vnWallTime(at);
  return `${t.year}-${pad(t.month)}`;
}

/** `YYYY-MM-DDTHH:mm`: the wall time in Vietnam, as `<input type="datetime-local">` holds it. */
export function vnLocal(at: Instant): string {
  const t = vnWallTime(at);
  return `${t.year}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}`;
}

/** `HH:mm`: the clock in Vietnam at an instant (a lock's end, a deadline within the day). */
export function vnClock(at: Instant): string {
  const t = vnWallTime(at);
  return `${pad(t.hour)}:${pad(t.minute)}`;
}

/** Today in Vietnam, `YYYY-MM-DD` (already tomorrow there from 17:00 UTC). */
export const vnToday = (now: Instant = Date.now()) => vnDay(now);
/** This month in Vietnam, `YYYY-MM` (on the last evening of a month, the next one from 17:00 UTC). */
export const vnThisMonth = (now: Instant = Date.now()) => vnMonth(now);
/** This year in Vietnam. */
export const vnThisYear = (now: Instant = Date.now()) => vnWallTime(now).year;

/** How many minutes Vietnam's clock is ahead of UTC at an instant, as the zone database says. */
export function vnOffsetMinutes(at: Instant): number {
  const ms = toMs(at);
  const t = vnWallTime(ms);
  const wallAsUtc = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  return Math.round((wallAsUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

/**
 * The instant a wall time in Vietnam begins, as a UTC ISO string (what D1 stores). Month 1–12; a day or
 * month out of range rolls over as `Date.UTC` does (day 0 is the previous month's last day).
 */
export function vnToUtc(year: number, month: number, day = 1, hour = 0, minute = 0): string {
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute);
  return new Date(wallAsUtc - vnOffsetMinutes(wallAsUtc) * 60_000).toISOString();
}

/** `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm` read on Vietnam's clock, as a UTC ISO instant. */
export function vnLocalToUtc(local: string): string {
  const [y, m, d] = local.slice(0, 10).split("-").map(Number) as [number, number, number];
  const [hh = 0, mm = 0] = local.length > 10 ? local.slice(11, 16).split(":").map(Number) : [];
  return vnToUtc(y, m, d, hh, mm);
}

/**
 * SQLite has no time zones: its date functions turn a stored UTC time into Vietnam's clock with this
 * modifier (`+420 minutes`). Vietnam has kept one offset without daylight saving since 1975, so the offset
 * of a fixed recent instant serves every meeting (not `Date.now()`: workerd's clock reads 1970 at start-up,
 * when the south's zone was UTC+8).
 */
export const VN_SQL_SHIFT = /* @__PURE__ */ sqlShift(1);
/** The reverse shift: a Vietnam wall time in SQLite back to UTC. */
export const VN_SQL_UNSHIFT = /* @__PURE__ */ sqlShift(-1);
// (Pure calls: bundles that never query SQLite, the web client's, drop them.)
function sqlShift(sign: 1 | -1): string {
  const minutes = sign * vnOffsetMinutes(Date.UTC(2025, 0, 1));
  return `${minutes < 0 ? "-" : "+"}${Math.abs(minutes)} minutes`;
}

// ---- Days and months as strings: calendar arithmetic, no zone involved. ----

const parseDay = (day: string) => day.split("-").map(Number) as [number, number, number];

/** Days in month `month` (1–12) of `year`. */
export const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** `YYYY-MM-DD` of the last day of a month `YYYY-MM`. */
export function lastDayOfMonth(month: string): string {
  const [y, m] = parseDay(month);
  return `${month.slice(0, 7)}-${pad(daysInMonth(y, m))}`;
}

/** A month `YYYY-MM` moved by `n` months (negative goes back). */
export function addMonths(month: string, n: number): string {
  const [y, m] = parseDay(month);
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/** A day `YYYY-MM-DD` moved by `n` days. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = parseDay(day);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** Months `from`..`to` (`YYYY-MM`, inclusive), in order. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from.slice(0, 7); m <= to.slice(0, 7); m = addMonths(m, 1)) out.push(m);
  return out;
}

/** The UTC instants bounding Vietnam days `from`..`to` inclusive: `fromUtc` ≤ t < `toUtc`, comparable with stored times. */
export function vnDayBounds(from: string, to: string): { fromUtc: string; toUtc: string } {
  const [y1, m1, d1] = parseDay(from);
  const [y2, m2, d2] = parseDay(to);
  return { fromUtc: vnToUtc(y1, m1, d1), toUtc: vnToUtc(y2, m2, d2 + 1) };
}

/** The UTC instants bounding a Vietnam month `YYYY-MM`. */
export const vnMonthBounds = (month: string) => vnDayBounds(`${month.slice(0, 7)}-01`, lastDayOfMonth(month));

// ---- Quarters: thematic meetings are due once a quarter. ----

/** Quarter 1–4 of a month or a day (`YYYY-MM…`). */
export const quarterOf = (monthOrDay: string) => Math.floor((Number(monthOrDay.slice(5, 7)) - 1) / 3) + 1;
/** `YYYY-Qn` of a month or a day. */
export const quarterKey = (monthOrDay: string) => `${monthOrDay.slice(0, 4)}-Q${quarterOf(monthOrDay)}`;
/** The three months `YYYY-MM` of quarter `q` (1–4) of `year`. */
export const quarterMonths = (year: number, q: number) => [1, 2, 3].map((i) => `${year}-${pad((q - 1) * 3 + i)}`);
/** First and last day of the quarters from `fromMonth`'s to `toMonth`'s (whole quarters). */
export function quarterSpan(fromMonth: string, toMonth: string): { from: string; to: string } {
  const first = quarterMonths(Number(fromMonth.slice(0, 4)), quarterOf(fromMonth))[0]!;
  const last = quarterMonths(Number(toMonth.slice(0, 4)), quarterOf(toMonth))[2]!;
  return { from: `${first}-01`, to: lastDayOfMonth(last) };
}

// ---- The meeting clock (Directive 50-CT/TW, guidance 42-HD/BTCTW, 2025). ----

/** A branch meeting lasts at least 90 minutes. */
export const DURATION_MARK_MINUTES = 90;
/** A thematic and a regular meeting held together: at least 120 minutes. */
export const COMBINED_DURATION_MARK_MINUTES = 120;
/** The mark a meeting's duration is measured against. */
export const durationMarkMinutes = (combined = false) =>
  combined ? COMBINED_DURATION_MARK_MINUTES : DURATION_MARK_MINUTES;

/** Whole minutes a meeting has run: 0 before it starts, frozen at its end, else up to `now`. */
export function meetingMinutes(startedAt: Instant | null, endedAt: Instant | null, now: Instant): number {
  if (startedAt === null) return 0;
  const end = endedAt === null ? toMs(now) : toMs(endedAt);
  return Math.max(0, Math.floor((end - toMs(startedAt)) / 60_000));
}

// ---- Exemptions from meetings (miễn sinh hoạt) are dated in Vietnam's days. ----

/** The Vietnam day a meeting is held on, the day its members' exemptions are judged against. */
export const meetingDay = (scheduledAt: Instant) => vnDay(scheduledAt);

/** Whether an exemption from `from` to `to` (Vietnam days, inclusive; `null` leaves that end open) covers `day`. */
export const exemptionCovers = (e: { from: string | null; to: string | null }, day: string) =>
  (e.from === null || e.from <= day) && (e.to === null || e.to >= day);
