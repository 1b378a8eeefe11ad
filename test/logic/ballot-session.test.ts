/**
 * A large room applies a batch of frames through one `reduceSession`, whose ballots share one
 * `ballotSession` (one copy of the ballot record per run of ballots). It must decide every frame exactly as
 * `reduce` (and `castBallot`) one after another would.
 */
import { describe, expect, it } from "vitest";
import { reduce, reduceSession } from "../../party/logic/reduce";
import { type Actor, type Ctx, initialState, type Result, type RoomState } from "../../party/logic/state";
import { ballotSession, castBallot } from "../../party/logic/votes";
import type { ClientMessage } from "../../schema/room/messages";
import type { Choice } from "../../schema/room/views";
import { plannedMeeting } from "./planned-meeting";

const T0 = Date.parse("2026-11-22T12:00:00Z");
let n = 0;
const ctx: Ctx = { now: T0, newId: () => `id${++n}` };
const actor = (personId: string, role: Actor["role"] = "official"): Actor => ({ personId, role, name: personId });
const chair = actor("p1", "chair");
function must(r: Result): Extract<Result, { ok: true }> {
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r;
}

/** p1 chair, p2–p7 official, p8 probationary; p7 never checked in; two votes open: one fixed, one changeable. */
function room(): { s: RoomState; fixed: string; changeable: string } {
  const roster = Array.from({ length: 8 }, (_, i) => ({
    personId: `p${i + 1}`,
    name: `Đảng viên ${i + 1}`,
    status: i === 7 ? ("probationary" as const) : ("official" as const),
    branchRole: i === 0 ? ("secretary" as const) : ("member" as const),
    exempt: false,
  }));
  const meeting = plannedMeeting;
  let s = initialState(
    { meeting, roster, guests: [{ personId: "g1", name: "Lãnh đạo", title: "Tỉnh ủy viên" }], agenda: [] },
    T0,
  );
  s = must(reduce(s, chair, { type: "meeting/start", id: "start" }, ctx)).state;
  // p2 and p4 sit in the hall (p2 with a phone): only hall members' hands may be counted there.
  for (const p of ["p1", "p2", "p3", "p4", "p5", "p6", "p8"]) {
    const mode = p === "p2" || p === "p4" ? "hall" : "remote";
    s = must(reduce(s, chair, { type: "presence/check-in", id: `in-${p}`, personId: p, mode }, ctx)).state;
  }
  const a = must(
    reduce(s, chair, { type: "vote/open", id: "open-a", motion: "A", rule: "resolution", secret: false }, ctx),
  );
  const b = must(
    reduce(a.state, chair, { type: "vote/open", id: "open-b", motion: "B", rule: "procedural", secret: true }, ctx),
  );
  return { s: b.state, fixed: a.ack!.entityId!, changeable: b.ack!.entityId! };
}

describe("ballot session", () => {
  it("decides a batch exactly as castBallot one after another: refusals, replays, changes, the final state", () => {
    const { s, fixed, changeable } = room();
    const batch: [Actor, string, Choice, string][] = [
      [actor("p2"), fixed, "agree", "b1"],
      [actor("p2"), fixed, "agree", "b1"], // replay of the same ballot
      [actor("p2"), fixed, "disagree", "b2"], // a second ballot where changes are not allowed
      [actor("p3"), changeable, "agree", "b3"],
      [actor("p3"), changeable, "disagree", "b4"], // changed while open
      [actor("p3"), changeable, "disagree", "b5"], // same choice again
      [actor("p7"), fixed, "agree", "b6"], // not checked in
      [actor("p8", "probationary"), fixed, "agree", "b7"],
      [actor("g1", "leader"), fixed, "agree", "b8"],
      [actor("p4"), "no-such-vote", "agree", "b9"],
      [chair, fixed, "abstain", "b10"],
    ];
    let one = s;
    const sequential = batch.map(([who, voteId, choice, id]) => {
      const r = castBallot(one, who, voteId, choice, id, ctx);
      if (r.ok) one = r.state;
      return r.ok ? { ok: true, changes: r.changes, ack: r.ack } : { ok: false, code: r.code };
    });
    const session = ballotSession(s);
    const batched = batch.map(([who, voteId, choice, id]) => {
      const r = session.cast(who, voteId, choice, id, ctx);
      return r.ok ? { ok: true, changes: r.changes, ack: r.ack } : { ok: false, code: r.code };
    });
    expect(batched).toEqual(sequential);
    expect(sequential.map((r) => (r.ok ? "ok" : r.code))).toEqual([
      "ok",
      "ok",
      "already_voted",
      "ok",
      "ok",
      "ok",
      "not_present",
      "probationary_cannot_vote",
      "guest_cannot_vote",
      "not_found",
      "ok",
    ]);
    expect(session.state()).toEqual(one);
    expect(Object.keys(one.ballots)).toHaveLength(3);
  });

  it("never changes the state it started from, nor one it already returned", () => {
    const { s, fixed } = room();
    const before = JSON.stringify(s);
    const session = ballotSession(s);
    must(session.cast(actor("p2"), fixed, "agree", "x1", ctx));
    const first = session.state();
    const firstJson = JSON.stringify(first);
    must(session.cast(actor("p3"), fixed, "agree", "x2", ctx));
    const second = session.state();
    expect(JSON.stringify(s)).toBe(before);
    expect(JSON.stringify(first)).toBe(firstJson);
    expect(Object.keys(second.ballots)).toHaveLength(2);
    expect(first.ballots).not.toBe(second.ballots);
  });
});

describe("reduce session", () => {
  it("applies a mixed batch exactly as reduce one frame after another: ballots, a hall count, a close, a replay", () => {
    const { s, fixed, changeable } = room();
    const batch: [Actor, ClientMessage][] = [
      [actor("p2"), { type: "vote/cast", id: "c1", voteId: fixed, choice: "agree" }],
      [actor("p3"), { type: "vote/cast", id: "c2", voteId: fixed, choice: "disagree" }],
      // The minutes-taker counts hands in the hall: p2 voted from their phone and is skipped.
      [
        actor("p2", "minutes_taker"),
        {
          type: "vote/hall",
          id: "h1",
          voteId: fixed,
          entries: [
            { personId: "p2", choice: "abstain" },
            { personId: "p4", choice: "agree" },
          ],
        },
      ],
      [actor("p5"), { type: "vote/cast", id: "c3", voteId: fixed, choice: "agree" }],
      [actor("p4"), { type: "vote/cast", id: "c4", voteId: fixed, choice: "agree" }], // counted in the hall already
      [actor("p6"), { type: "queue/raise", id: "q1", kind: "speech" }],
      [actor("p6"), { type: "vote/cast", id: "c5", voteId: changeable, choice: "abstain" }],
      [chair, { type: "vote/cast", id: "c0", voteId: fixed, choice: "agree" }],
      [chair, { type: "vote/close", id: "close-a", voteId: fixed }],
      [actor("p6"), { type: "vote/cast", id: "c6", voteId: fixed, choice: "agree" }], // after close
      [actor("p2"), { type: "vote/cast", id: "c1", voteId: fixed, choice: "agree" }], // replay after close
      [actor("p3"), { type: "vote/reserve", id: "r1", voteId: fixed, body: "Tôi bảo lưu" }],
      [actor("p6"), { type: "vote/cast", id: "c7", voteId: changeable, choice: "agree" }],
    ];
    n = 100;
    let one = s;
    const sequential = batch.map(([who, msg]) => {
      const r = reduce(one, who, msg, ctx);
      if (r.ok) one = r.state;
      return r.ok ? { ok: true, changes: r.changes, outbox: r.outbox, ack: r.ack } : { ok: false, code: r.code };
    });
    n = 100;
    const session = reduceSession(s);
    const batched = batch.map(([who, msg]) => {
      const r = session.apply(who, msg, ctx);
      return r.ok ? { ok: true, changes: r.changes, outbox: r.outbox, ack: r.ack } : { ok: false, code: r.code };
    });
    expect(batched).toEqual(sequential);
    expect(sequential.map((r) => (r.ok ? "ok" : r.code))).toEqual([
      "ok",
      "ok",
      "ok",
      "ok",
      "already_voted",
      "ok",
      "ok",
      "ok",
      "ok",
      "vote_closed",
      "ok",
      "ok",
      "ok",
    ]);
    expect(session.state()).toEqual(one);
    expect(one.votes[fixed]?.closing).toMatchObject({
      // p7, official but never checked in, counts in the base (against).
      agree: 4,
      disagree: 1,
      abstain: 0,
      base: 7,
      result: "passed",
    });
  });
});
