/**
 * A branch's year at a glance: 12 regular meetings (one a month) and at least one thematic meeting a
 * quarter (DOMAIN.md). Pure: it takes the year's meetings and "now", and says for each month and quarter
 * whether the meeting was held, is planned, is late (its date passed without it being held) or is missing.
 */
import { quarterOf, vnMonth as vnMonthKey, vnWallTime } from "../../../../schema/calendar";

export type SlotState = "held" | "live" | "planned" | "late" | "missing" | "unplanned";

export interface PlanMeeting {
  id: string;
  kind: "regular" | "thematic";
  scheduledAt: string;
  status: "planned" | "live" | "closed" | "cancelled";
  topic?: string;
}

export interface Slot {
  state: SlotState;
  /** The meeting that decides the state (the held one first), if any. */
  meeting: PlanMeeting | null;
  /** Every meeting of that kind in the period, cancelled ones included. */
  all: PlanMeeting[];
}

export interface YearPlan {
  year: number;
  months: Slot[];
  quarters: Slot[];
  counts: { regularHeld: number; thematicHeld: number; missing: number; late: number };
}

/** Month index 0–11 and year of an ISO time on Vietnam's clock. */
export function vnMonth(iso: string): { year: number; month: number } {
  const t = vnWallTime(iso);
  return { year: t.year, month: t.month - 1 };
}

const rank: Record<PlanMeeting["status"], number> = { closed: 0, live: 1, planned: 2, cancelled: 3 };

function slotOf(list: PlanMeeting[], periodEnded: boolean, now: number): Slot {
  const sorted = [...list].sort(
    (a, b) => rank[a.status] - rank[b.status] || a.scheduledAt.localeCompare(b.scheduledAt),
  );
  const best = sorted[0] ?? null;
  let state: SlotState;
  if (!best || best.status === "cancelled") state = periodEnded ? "missing" : "unplanned";
  else if (best.status === "closed") state = "held";
  else if (best.status === "live") state = "live";
  // A planned meeting whose day is over and that never opened: late (still "planned" until the month ends).
  else state = Date.parse(best.scheduledAt) + 24 * 3600_000 < now ? "late" : "planned";
  return { state, meeting: best && best.status !== "cancelled" ? best : null, all: sorted };
}

export function planYear(year: number, meetings: readonly PlanMeeting[], now: Date = new Date()): YearPlan {
  const nowMs = now.getTime();
  const current = vnMonth(now.toISOString());
  const ended = (y: number, lastMonth: number) => y < current.year || (y === current.year && lastMonth < current.month);
  const inYear = meetings.filter((m) => vnMonth(m.scheduledAt).year === year);
  const months = Array.from({ length: 12 }, (_, month) =>
    slotOf(
      inYear.filter((m) => m.kind === "regular" && vnMonth(m.scheduledAt).month === month),
      ended(year, month),
      nowMs,
    ),
  );
  const quarters = Array.from({ length: 4 }, (_, q) =>
    slotOf(
      inYear.filter((m) => m.kind === "thematic" && quarterOf(vnMonthKey(m.scheduledAt)) === q + 1),
      ended(year, q * 3 + 2),
      nowMs,
    ),
  );
  const all = [...months, ...quarters];
  return {
    year,
    months,
    quarters,
    counts: {
      regularHeld: months.filter((s) => s.state === "held").length,
      thematicHeld: quarters.filter((s) => s.state === "held").length,
      missing: all.filter((s) => s.state === "missing").length,
      late: all.filter((s) => s.state === "late").length,
    },
  };
}
