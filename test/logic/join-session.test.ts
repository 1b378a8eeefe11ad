/**
 * A large room applies a batch of frames through one `reduceSession`, whose Join taps before the start share one
 * `joinSession` (one copy of the intents per run of taps). It must decide every frame exactly as `reduce` one
 * after another would.
 */
import { describe, expect, it } from "vitest";
import { joinSession } from "../../party/logic/joining";
import { reduce, reduceSession } from "../../party/logic/reduce";
import { type Actor, type Ctx, initialState, type RoomState } from "../../party/logic/state";
import type { ClientMessage } from "../../schema/room/messages";
import { plannedMeeting } from "./planned-meeting";

const T0 = Date.parse("2026-11-22T12:00:00Z");
let n = 0;
const ctx: Ctx = { now: T0, newId: () => `id${++n}` };
const actor = (personId: string, role: Actor["role"] = "official"): Actor => ({ personId, role, name: personId });
const chair = actor("p1", "chair");

/** p1 chair, p2–p6 official members, a guest g1; planned. */
function planned(): RoomState {
  const roster = Array.from({ length: 6 }, (_, i) => ({
    personId: `p${i + 1}`,
    name: `Đảng viên ${i + 1}`,
    status: "official" as const,
    branchRole: i === 0 ? ("secretary" as const) : ("member" as const),
    exempt: false,
  }));
  return initialState(
    {
      meeting: plannedMeeting,
      roster,
      guests: [{ personId: "g1", name: "Lãnh đạo", title: "Tỉnh ủy viên" }],
      agenda: [],
    },
    T0,
  );
}

const tap = (id: string): ClientMessage => ({ type: "presence/join", id });
const outcome = (r: { ok: boolean; changes?: unknown; outbox?: unknown; ack?: unknown; code?: string }) =>
  r.ok ? { ok: true, changes: r.changes, outbox: r.outbox, ack: r.ack } : { ok: false, code: r.code };

describe("join session", () => {
  it("decides a batch exactly as reduce one frame after another: taps, repeats, a guest, a check-in, the start, a live tap", () => {
    const s = planned();
    const batch: [Actor, ClientMessage][] = [
      [actor("p2"), tap("j1")],
      [actor("p3"), tap("j2")],
      [actor("p2"), tap("j3")], // a second tap: nothing more
      [actor("g1", "leader"), tap("j4")], // guests do not join
      [chair, { type: "presence/check-in", id: "c1", personId: "p4", mode: "hall" }],
      [actor("p4"), tap("j5")], // present already
      [actor("p5"), tap("j6")],
      [actor("p5"), { type: "vote/cast", id: "b1", voteId: "none", choice: "agree" }], // no vote before the start
      [actor("p6"), tap("j7")],
      [chair, { type: "meeting/start", id: "start" }],
      [actor("p3"), tap("j8")], // live: present already (admitted at the start)
      [actor("p1"), tap("j9")], // live: present now
    ];
    let one = s;
    const sequential = batch.map(([who, msg]) => {
      const r = reduce(one, who, msg, ctx);
      if (r.ok) one = r.state;
      return outcome(r);
    });
    const session = reduceSession(s);
    const batched = batch.map(([who, msg]) => outcome(session.apply(who, msg, ctx)));
    expect(batched).toEqual(sequential);
    expect(sequential.map((r) => (r.ok ? "ok" : r.code)).join(" ")).toBe(
      "ok ok ok forbidden ok ok ok not_found ok ok ok ok",
    );
    expect(session.state()).toEqual(one);
    expect(one.attendance.p2?.status).toBe("present_remote");
    expect(one.attendance.p4?.status).toBe("present_hall");
    expect(one.attendance.p1?.status).toBe("present_remote");
  });

  it("never changes the state it started from, nor one it already returned", () => {
    const s = planned();
    const before = JSON.stringify(s);
    const session = joinSession(s);
    expect(session.join(actor("p2"), ctx).ok).toBe(true);
    const first = session.state();
    const firstJson = JSON.stringify(first);
    expect(session.join(actor("p3"), ctx).ok).toBe(true);
    const second = session.state();
    expect(JSON.stringify(s)).toBe(before);
    expect(JSON.stringify(first)).toBe(firstJson);
    expect(Object.keys(first.joining)).toEqual(["p2"]);
    expect(Object.keys(second.joining)).toEqual(["p2", "p3"]);
    expect(session.state()).toBe(second);
  });
});
