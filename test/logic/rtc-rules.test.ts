import { describe, expect, it } from "vitest";
import { endFloor, giveFloor } from "../../party/logic/queue";
import { reduce } from "../../party/logic/reduce";
import { mayPublish, type RtcFrame, rtcRefusal, rtcStopsAfter } from "../../party/logic/rtc";
import { type Actor, type Ctx, initialState, type Result, type RoomState } from "../../party/logic/state";
import { roomView } from "../../party/logic/views";
import { parseClientMessage } from "../../schema/room/messages";
import { plannedMeeting } from "./planned-meeting";

const T0 = Date.parse("2026-11-22T12:00:00Z");
const ctx: Ctx = { now: T0, newId: () => crypto.randomUUID() };
const actor = (personId: string, role: Actor["role"] = "official"): Actor => ({ personId, role, name: personId });
const chair = actor("p1", "chair");
const member = actor("p3");
const probationary = actor("p4", "probationary");
const leader = actor("g1", "leader");
const observer = actor("o1", "observer");

/** Chair p1, minutes-taker p2, members p3 (official) and p4 (probationary), guest g1; live unless told. */
function room(status: "planned" | "live" = "live"): RoomState {
  const roster = ["p1", "p2", "p3", "p4"].map((personId, i) => ({
    personId,
    name: personId,
    status: i === 3 ? ("probationary" as const) : ("official" as const),
    branchRole: i === 0 ? ("secretary" as const) : ("member" as const),
    exempt: false,
  }));
  const s = initialState(
    { meeting: plannedMeeting, roster, guests: [{ personId: "g1", name: "g1", title: "Tỉnh ủy viên" }], agenda: [] },
    T0,
  );
  return status === "live"
    ? { ...s, meeting: { ...s.meeting, status: "live", startedAt: plannedMeeting.scheduledAt } }
    : s;
}
const must = (r: Result): RoomState => {
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.state;
};
const withFloor = (s: RoomState, personId: string) => must(giveFloor(s, personId, undefined, ctx));
const offer = (to: string): RtcFrame => ({ type: "rtc/offer", id: "x", to, sdp: "v=0" });
const answer = (to: string): RtcFrame => ({ type: "rtc/answer", id: "x", to, sdp: "v=0" });
const ice = (to: string): RtcFrame => ({ type: "rtc/ice", id: "x", to, candidate: { candidate: "candidate:1" } });
const codeOf = (s: RoomState, who: Actor, msg: RtcFrame) => rtcRefusal(s, who, msg)?.code ?? null;

describe("who may signal WebRTC", () => {
  it("lets the hall device (the chair) offer to any participant, members and guests", () => {
    const s = room();
    expect(codeOf(s, chair, offer("p3"))).toBeNull();
    expect(codeOf(s, chair, offer("g1"))).toBeNull();
    expect(mayPublish(s, "p1", "chair")).toBe(true);
  });

  it("refuses an offer from a member, a probationary member or a guest without the floor, and allows it with", () => {
    const s = room();
    for (const who of [member, probationary, leader]) expect(codeOf(s, who, offer("p1"))).toBe("no_floor");
    for (const who of [member, probationary, leader]) {
      const given = withFloor(s, who.personId);
      expect(codeOf(given, who, offer("p1"))).toBeNull();
      // Their sound goes to the other remote participants too.
      expect(codeOf(given, who, offer(who.personId === "p3" ? "p4" : "p3"))).toBeNull();
      // Another member still may not.
      const other = who.personId === "p3" ? probationary : member;
      expect(codeOf(given, other, offer("p1"))).toBe("no_floor");
    }
  });

  it("lets anyone answer and send ICE to a peer who publishes, and no one to a peer who does not", () => {
    const s = room();
    expect(codeOf(s, member, answer("p1"))).toBeNull();
    expect(codeOf(s, member, ice("p1"))).toBeNull();
    expect(codeOf(s, member, answer("p4"))).toBe("peer_not_publishing");
    expect(codeOf(s, member, ice("p4"))).toBe("peer_not_publishing");
    const given = withFloor(s, "p4");
    expect(codeOf(given, member, answer("p4"))).toBeNull();
    // The speaker's own candidates go to whoever they offered to.
    expect(codeOf(given, probationary, ice("p3"))).toBeNull();
  });

  it("refuses strangers, observers, the sender themselves, and a meeting not live", () => {
    const s = room();
    expect(codeOf(s, chair, offer("someone-else"))).toBe("not_found");
    expect(codeOf(s, chair, offer("p1"))).toBe("not_found");
    expect(codeOf(s, observer, answer("p1"))).toBe("forbidden");
    expect(codeOf(s, actor("stranger"), answer("p1"))).toBe("forbidden");
    expect(codeOf(room("planned"), chair, offer("p3"))).toBe("meeting_not_live");
    const closed = { ...s, meeting: { ...s.meeting, status: "closed" as const } };
    expect(codeOf(closed, chair, offer("p3"))).toBe("meeting_closed");
    // Hanging up is always allowed to a participant, closed or not.
    expect(codeOf(closed, member, { type: "rtc/hangup", id: "x", to: "p1" })).toBeNull();
  });

  it("lets only the chair mute, only a participant, and keeps a muted speaker from offering until given the floor anew", () => {
    const s = withFloor(room(), "p3");
    const muteBy = (who: Actor, personId: string, at = T0) =>
      reduce(s, who, { type: "rtc/mute", id: "x", personId }, { ...ctx, now: at });
    expect(muteBy(member, "p4")).toMatchObject({ ok: false, code: "forbidden" });
    expect(muteBy(chair, "nobody")).toMatchObject({ ok: false, code: "not_found" });
    const muted = must(muteBy(chair, "p3", T0 + 1000));
    expect(rtcStopsAfter(s, muted)).toEqual({ reason: "mute", personIds: ["p3"] });
    expect(codeOf(muted, member, offer("p1"))).toBe("no_floor");
    // The hall answers the muted speaker no more: they do not publish.
    expect(codeOf(muted, chair, answer("p3"))).toBe("peer_not_publishing");
    // The floor's view says it, and the change goes out (the chair's console, the speaker's card).
    const mutedResult = muteBy(chair, "p3", T0 + 1000);
    expect(mutedResult.ok && mutedResult.changes).toEqual([{ kind: "queue" }]);
    expect(roomView(muted, chair, {}, T0 + 1000).floor).toMatchObject({ personId: "p3", muted: true });
    const givenAgain = must(giveFloor(muted, "p3", undefined, { ...ctx, now: T0 + 2000 }));
    expect(codeOf(givenAgain, member, offer("p1"))).toBeNull();
    expect(roomView(givenAgain, chair, {}, T0 + 2000).floor?.muted).toBeUndefined();
    // Muting someone else does not silence the speaker.
    expect(codeOf(must(muteBy(chair, "p4", T0 + 1000)), member, offer("p1"))).toBeNull();
  });
});

describe("who must stop sending", () => {
  it("stops the speaker when the floor ends or passes on, and nobody when it is given to them", () => {
    const s = withFloor(room(), "p3");
    expect(rtcStopsAfter(room(), s)).toBeNull();
    expect(rtcStopsAfter(s, must(endFloor(s, ctx)))).toEqual({ reason: "floor", personIds: ["p3"] });
    expect(rtcStopsAfter(s, withFloor(s, "g1"))).toEqual({ reason: "floor", personIds: ["p3"] });
    expect(rtcStopsAfter(s, { ...s, live: { ...s.live, queue: [] } })).toBeNull();
  });

  it("never stops the hall device for its own floor, and stops everyone at the close", () => {
    const s = withFloor(room(), "p1");
    expect(rtcStopsAfter(s, must(endFloor(s, ctx)))).toBeNull();
    const closed = must(reduce(room(), chair, { type: "meeting/close", id: "c" }, ctx));
    expect(rtcStopsAfter(room(), closed)).toEqual({ reason: "closed", personIds: "all" });
  });
});

describe("signalling frames", () => {
  it("limits the SDP's size and refuses a `from` sent by the client", () => {
    const ok = parseClientMessage(JSON.stringify({ type: "rtc/offer", id: "a", to: "p1", sdp: "v=0\r\n" }));
    expect(ok.ok).toBe(true);
    const big = parseClientMessage(JSON.stringify({ type: "rtc/offer", id: "a", to: "p1", sdp: "x".repeat(16_001) }));
    expect(big).toMatchObject({ ok: false, code: "bad_message" });
    const forged = parseClientMessage(
      JSON.stringify({ type: "rtc/answer", id: "a", to: "p1", sdp: "v=0", from: "p3" }),
    );
    expect(forged).toMatchObject({ ok: false, code: "bad_message" });
    const longCandidate = parseClientMessage(
      JSON.stringify({ type: "rtc/ice", id: "a", to: "p1", candidate: { candidate: "c".repeat(1025) } }),
    );
    expect(longCandidate).toMatchObject({ ok: false, code: "bad_message" });
  });
});
