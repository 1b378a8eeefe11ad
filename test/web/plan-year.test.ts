import { describe, expect, it } from "vitest";
import { type PlanMeeting, planYear, vnMonth } from "../../web/src/pages/tenant/plan-year";

const m = (id: string, kind: PlanMeeting["kind"], scheduledAt: string, status: PlanMeeting["status"]): PlanMeeting => ({
  id,
  kind,
  scheduledAt,
  status,
});
const now = new Date("2026-11-22T10:00:00Z");

describe("a branch's year at a glance", () => {
  it("reads months on Vietnam's clock", () => {
    // 20:00 on 31 Oct UTC is already 1 November in Hà Nội.
    expect(vnMonth("2026-10-31T20:00:00Z")).toEqual({ year: 2026, month: 10 });
  });

  it("tells held, late, planned, missing and not yet planned months apart", () => {
    const plan = planYear(
      2026,
      [
        m("jan", "regular", "2026-01-20T12:00:00Z", "closed"),
        m("feb", "regular", "2026-02-20T12:00:00Z", "cancelled"),
        m("oct", "regular", "2026-10-20T12:00:00Z", "planned"),
        m("nov", "regular", "2026-11-20T12:00:00Z", "planned"),
        m("nov-live", "regular", "2026-11-22T09:00:00Z", "live"),
        m("dec", "regular", "2026-12-20T12:00:00Z", "planned"),
      ],
      now,
    );
    const states = plan.months.map((s) => s.state);
    expect(states[0]).toBe("held");
    expect(states[1]).toBe("missing"); // cancelled and never replaced
    expect(states[2]).toBe("missing"); // March had nothing at all
    expect(states[9]).toBe("late"); // planned for October, never opened
    expect(states[10]).toBe("live"); // the live one wins over the late plan of the same month
    expect(plan.months[10]?.all).toHaveLength(2);
    expect(states[11]).toBe("planned");
    expect(plan.counts.regularHeld).toBe(1);
  });

  it("expects a thematic meeting each quarter, and a future quarter is not missing yet", () => {
    const plan = planYear(
      2026,
      [
        m("t1", "thematic", "2026-03-10T12:00:00Z", "closed"),
        m("t3", "thematic", "2026-08-10T12:00:00Z", "closed"),
        m("r", "regular", "2026-04-10T12:00:00Z", "closed"),
      ],
      new Date("2026-08-15T00:00:00Z"),
    );
    expect(plan.quarters.map((q) => q.state)).toEqual(["held", "missing", "held", "unplanned"]);
    expect(plan.counts).toEqual({ regularHeld: 1, thematicHeld: 2, missing: 1 + 6, late: 0 });
  });

  it("ignores meetings of other years", () => {
    const plan = planYear(2025, [m("x", "regular", "2026-01-10T12:00:00Z", "closed")], now);
    expect(plan.counts.regularHeld).toBe(0);
    expect(plan.months.every((s) => s.state === "missing")).toBe(true);
  });
});
