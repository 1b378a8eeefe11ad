/**
 * While planned, the room re-reads the meeting from D1 and compares the result with its state as JSON.
 * Nothing changed in D1 must mean nothing changed: a false change skips a version (every client resyncs)
 * and sends the whole roster's attendance to every socket — in a 500-member room that fills, every 3 s.
 */
import { describe, expect, it } from "vitest";
import { onConnected } from "../../party/logic/attendance";
import { initialState, type LoadedMeeting, type RoomState, refreshPlanned } from "../../party/logic/state";
import { plannedMeeting } from "./planned-meeting";

const T0 = Date.parse("2026-11-22T12:00:00Z");
const loaded: LoadedMeeting = {
  meeting: plannedMeeting,
  roster: Array.from({ length: 8 }, (_, i) => ({
    personId: `p${i + 1}`,
    name: `Đảng viên ${i + 1}`,
    status: "official" as const,
    branchRole: i === 0 ? ("secretary" as const) : ("member" as const),
    exempt: i === 2,
  })),
  guests: [],
  agenda: [{ id: "a1", title: "Mục 1", position: 1, presenterPersonId: null, budgetMinutes: 10 }],
};

describe("re-reading a planned meeting", () => {
  it("finds no change when members connected in another order than the roster's", () => {
    let s: RoomState = initialState(loaded, T0);
    for (const p of ["p8", "p5", "p1", "p3", "p6"]) {
      const r = onConnected(
        s,
        { personId: p, role: p === "p1" ? "chair" : "official", name: p },
        { now: T0, newId: () => "x" },
      );
      if (r?.ok) s = r.state;
    }
    const next = refreshPlanned(s, loaded, T0 + 5_000, false);
    expect(JSON.stringify(next)).toBe(JSON.stringify(s));
    expect(next.attendance).toBe(s.attendance);
  });

  it("still sees a member who became exempt", () => {
    const s = initialState(loaded, T0);
    const roster = loaded.roster.map((m) => (m.personId === "p4" ? { ...m, exempt: true } : m));
    const next = refreshPlanned(s, { ...loaded, roster }, T0 + 5_000, false);
    expect(next.attendance.p4?.status).toBe("exempt");
    expect(JSON.stringify(next)).not.toBe(JSON.stringify(s));
  });
});
