import { describe, expect, it } from "vitest";
import { attendanceCounts, voters } from "../../party/logic/attendance";
import { draftOfRoom } from "../../party/logic/minutes";
import { nextFloorDeadline, tick } from "../../party/logic/queue";
import { reduce } from "../../party/logic/reduce";
import { type Actor, type Ctx, initialState, type Result, type RoomState } from "../../party/logic/state";
import { voteView } from "../../party/logic/votes";
import type { ClientMessage } from "../../schema/room/messages";
import { parseClientMessage } from "../../schema/room/messages";
import { plannedMeeting } from "./planned-meeting";

let n = 0;
const ctxAt = (now: number): Ctx => ({ now, newId: () => `id${++n}` });
const T0 = Date.parse("2026-11-22T12:00:00Z");

/** 12 members: p1 chair, p2 minutes-taker, p3–p4 exempt, p5 probationary, p6–p12 official. */
function room(): RoomState {
  const roster = Array.from({ length: 12 }, (_, i) => ({
    personId: `p${i + 1}`,
    name: `Đảng viên ${i + 1}`,
    status: i === 4 ? ("probationary" as const) : ("official" as const),
    branchRole: i === 0 ? ("secretary" as const) : ("member" as const),
    exempt: i === 2 || i === 3,
  }));
  return initialState(
    {
      meeting: plannedMeeting,
      roster,
      guests: [{ personId: "g1", name: "Lãnh đạo", title: "Tỉnh ủy viên" }],
      agenda: [
        { id: "a1", title: "Mục 1", position: 1, presenterPersonId: null, budgetMinutes: 10 },
        { id: "a2", title: "Mục 2", position: 2, presenterPersonId: null, budgetMinutes: 20 },
      ],
    },
    T0,
  );
}

const actor = (personId: string, role: Actor["role"] = "official"): Actor => ({ personId, role, name: personId });
const chair = actor("p1", "chair");
const taker = actor("p2", "minutes_taker");

function run(
  s: RoomState,
  who: Actor,
  msg: Omit<ClientMessage, "id"> & { type: ClientMessage["type"] },
  now = T0,
): Result {
  return reduce(s, who, { ...msg, id: `x${++n}` } as ClientMessage, ctxAt(now));
}
function must(r: Result): RoomState {
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.state;
}

function liveWith(present: string[]): RoomState {
  let s = must(run(room(), chair, { type: "meeting/start" }));
  for (const p of present) s = must(run(s, taker, { type: "presence/check-in", personId: p, mode: "hall" }));
  return s;
}

describe("attendance logic", () => {
  it("counts against official members less the absent exempted, and the base excludes excused absences", () => {
    let s = liveWith(["p1", "p2", "p5", "p6", "p7", "p8", "p9", "p10", "p11"]);
    let c = attendanceCounts(s);
    expect(c).toMatchObject({
      members: 12,
      official: 11,
      exempt: 2,
      expected: 9,
      present: 9,
      eligibleVoters: 8,
      voteBase: 9,
    });
    expect(c.rate).toBeCloseTo(8 / 9);
    expect(c.reachesMark).toBe(true);
    s = must(run(s, taker, { type: "presence/mark-absent", personId: "p12", excused: false }));
    expect(attendanceCounts(s).reachesMark).toBe(false);
    s = must(run(s, taker, { type: "presence/mark-absent", personId: "p12", excused: true, reason: "Ốm" }));
    expect(voters(s).membersBase).toBe(8);
    // An exempt member who attends is counted, in the base and as expected.
    s = must(run(s, taker, { type: "presence/check-in", personId: "p3", mode: "hall" }));
    c = attendanceCounts(s);
    expect(c).toMatchObject({ voteBase: 9, expected: 10, eligibleVoters: 9 });
  });

  it("refuses changes that do not come from the chair or minutes-taker", () => {
    const s = liveWith([]);
    const r = run(s, actor("p6"), { type: "presence/mark-absent", personId: "p7", excused: false });
    expect(r).toMatchObject({ ok: false, code: "forbidden" });
  });
});

describe("vote logic", () => {
  it("merges hall hands without counting a remote voter twice, and hides a secret tally", () => {
    let s = liveWith(["p1", "p2", "p6", "p7"]);
    const opened = run(s, chair, { type: "vote/open", motion: "M", rule: "resolution", secret: true });
    s = must(opened);
    const voteId = opened.ok ? opened.ack!.entityId! : "";
    s = must(run(s, actor("p6"), { type: "vote/cast", voteId, choice: "agree" }));
    const hall = run(s, taker, {
      type: "vote/hall",
      voteId,
      entries: [
        { personId: "p6", choice: "disagree" },
        { personId: "p7", choice: "disagree" },
      ],
    });
    expect(hall.ok && hall.ack?.skipped).toEqual(["p6"]);
    s = must(hall);
    const v = voteView(s, s.votes[voteId]!);
    expect(v).toMatchObject({ voted: 2, votedHall: 1, tally: null, canStillPass: null });
    s = must(run(s, chair, { type: "vote/close", voteId }));
    const closed = voteView(s, s.votes[voteId]!);
    expect(closed).toMatchObject({
      status: "closed",
      tally: { agree: 1, disagree: 1, abstain: 0 },
      result: "not_passed",
    });
    expect(run(s, actor("p1"), { type: "vote/cast", voteId, choice: "agree" })).toMatchObject({
      ok: false,
      code: "vote_closed",
    });
  });

  it("emits the D1 write only at close, with secret choices removed", () => {
    let s = liveWith(["p1", "p6"]);
    const opened = run(s, chair, { type: "vote/open", motion: "M", rule: "admission", secret: true });
    s = must(opened);
    const voteId = opened.ok ? opened.ack!.entityId! : "";
    const cast = run(s, actor("p6"), { type: "vote/cast", voteId, choice: "agree" });
    expect(cast.ok && cast.outbox).toEqual([]);
    const closed = run(must(cast), chair, { type: "vote/close", voteId });
    expect(closed.ok && closed.outbox[0]).toMatchObject({
      kind: "vote",
      ballots: [{ personId: "p6", choice: null, channel: "remote" }],
    });
  });
});

describe("queue and clock", () => {
  it("marks an overrun at the limit and cuts off after the grace; a repeated tick changes nothing", () => {
    let s = liveWith(["p6"]);
    s = must(run(s, chair, { type: "queue/settings", settings: { limitSeconds: 60, graceSeconds: 10 } }));
    s = must(run(s, chair, { type: "floor/give", personId: "p6" }));
    expect(nextFloorDeadline(s)).toBe(T0 + 60_000);
    s = must(tick(s, ctxAt(T0 + 30_000)));
    expect(s.live.floor?.overrun).toBe(false);
    s = must(tick(s, ctxAt(T0 + 61_000)));
    expect(s.live.floor?.overrun).toBe(true);
    expect(must(tick(s, ctxAt(T0 + 62_000)))).toBe(s);
    s = must(tick(s, ctxAt(T0 + 71_000)));
    expect(s.live.floor).toBeNull();
    expect(Object.values(s.speeches)[0]).toMatchObject({ durationSeconds: 71, overrunSeconds: 11, cutOff: true });
  });
});

describe("minutes draft", () => {
  it("lists attendance with reasons, agenda, speakers and votes, and no header or signatures", () => {
    let s = liveWith(["p1", "p6"]);
    s = must(run(s, taker, { type: "presence/mark-absent", personId: "p7", excused: true, reason: "Đi công tác" }));
    s = must(run(s, chair, { type: "floor/give", personId: "p6" }));
    s = must(run(s, chair, { type: "floor/end" }, T0 + 90_000));
    const text = draftOfRoom(s, T0 + 100_000);
    // The sheet and the PDF print the party header, the title and the signatures: the body is only the content.
    expect(text).not.toContain("ĐẢNG CỘNG SẢN VIỆT NAM");
    expect(text).not.toContain("BIÊN BẢN");
    expect(text).not.toContain("CHỦ TRÌ");
    expect(text).toContain("Đảng viên vắng có lý do: Đảng viên 7 (Đi công tác)");
    expect(text).toContain("Có mặt: 2 (tại hội trường 2, trực tuyến 0)");
    expect(text).toContain("1. Mục 1");
    expect(text).toContain("Đồng chí Đảng viên 6 phát biểu (2 phút)");
    expect(text).toContain("Phát biểu: 1 lượt, 1 người");
    expect(text).toContain("Lãnh đạo (Tỉnh ủy viên)");
  });

  it("gives times and the date on Vietnam's clock (UTC+7), not UTC", () => {
    // Started 12:00 UTC: 19:00 in Hà Nội; ended 18:30 UTC: 01:30 the next day there.
    const s = liveWith(["p1"]);
    const ended = { ...s, meeting: { ...s.meeting, endedAt: "2026-11-22T18:30:00.000Z" } };
    const text = draftOfRoom(ended, Date.parse("2026-11-22T18:30:00Z"));
    expect(text).toContain("Ngày 22/11/2026");
    expect(text).toContain("Thời gian họp: 19:00 – 01:30 (390 phút)");
    expect(text).not.toContain("UTC");
    const nextDay = draftOfRoom({ ...s, meeting: { ...s.meeting, startedAt: "2026-11-22T17:30:00.000Z" } }, T0);
    expect(nextDay).toContain("Ngày 23/11/2026");
    expect(nextDay).toContain("Thời gian họp: 00:30 – … (đang họp)");
  });

  it("closes with the draft of the meeting as it ended, though the minutes screen asked for a draft before the start", () => {
    let s = must(run(room(), taker, { type: "minutes/prefill" }));
    expect(s.minutes.body).toBe("");
    s = must(run(s, chair, { type: "meeting/start" }));
    for (const p of ["p1", "p2", "p6"])
      s = must(run(s, taker, { type: "presence/check-in", personId: p, mode: "hall" }));
    s = must(run(s, chair, { type: "floor/give", personId: "p6" }, T0 + 60_000));
    s = must(run(s, chair, { type: "meeting/close" }, T0 + 3_600_000));
    expect(s.minutes.frozenVersion).toBe(1);
    expect(s.minutes.body).toContain("Có mặt: 3 (tại hội trường 3, trực tuyến 0)");
    // Never checked in: absent without reason at the close (p3, p4 exempt; p5 and p7–p12).
    expect(s.minutes.body).toContain("Vắng không lý do: 7");
    // The floor the close ended is a speech of the record.
    expect(s.minutes.body).toContain("Phát biểu: 1 lượt, 1 người");
    expect(s.minutes.body).toContain("Thời gian họp: 19:00 – 20:00 (60 phút)");
  });

  it("keeps a text the minutes-taker wrote, with the counts of the moment they saved it", () => {
    let s = liveWith(["p1"]);
    s = must(run(s, taker, { type: "minutes/edit", body: "Biên bản của thư ký", baseRevision: 0 }));
    expect(s.minutes.countsAtEdit).toContainEqual({ label: "Có mặt", value: "1 (tại hội trường 1, trực tuyến 0)" });
    s = must(run(s, chair, { type: "meeting/close" }, T0 + 60_000));
    expect(s.minutes.body).toBe("Biên bản của thư ký");
  });
});

describe("message parsing", () => {
  it("parses into the union or explains why not", () => {
    expect(
      parseClientMessage(JSON.stringify({ type: "vote/cast", id: "a1", voteId: "v", choice: "agree" })),
    ).toMatchObject({ ok: true });
    expect(parseClientMessage("[")).toMatchObject({ ok: false, code: "bad_message", ref: null });
    expect(parseClientMessage(JSON.stringify({ type: "nope", id: "a2" }))).toMatchObject({
      ok: false,
      code: "unknown_type",
      ref: "a2",
    });
    expect(
      parseClientMessage(JSON.stringify({ type: "vote/cast", id: "a3", voteId: "v", choice: "agree", extra: 1 })),
    ).toMatchObject({ ok: false, code: "bad_message", ref: "a3" });
    expect(
      parseClientMessage(JSON.stringify({ type: "vote/cast", id: "bad id!", voteId: "v", choice: "agree" })),
    ).toMatchObject({ ok: false, code: "bad_message" });
    expect(parseClientMessage(new Uint8Array([1, 2]))).toMatchObject({ ok: false, code: "bad_message" });
  });
});

describe("meeting facts for the grid", () => {
  it("measures duration, speakers among those present and attendance from a snapshot", async () => {
    const { meetingFacts } = await import("../../schema/room/facts");
    const { roomView } = await import("../../party/logic/views");
    const { suggestScores } = await import("../../schema/quality-grid");
    let s = liveWith(["p1", "p2", "p6", "p7", "p8", "p9", "p10", "p11", "p12"]);
    s = must(run(s, chair, { type: "floor/give", personId: "p6" }));
    s = must(run(s, chair, { type: "floor/give", personId: "p7" }));
    s = must(run(s, chair, { type: "floor/give", personId: "g1" }));
    s = must(run(s, chair, { type: "floor/end" }));
    const view = roomView(s, chair, {}, T0);
    const facts = meetingFacts(view, T0 + 95 * 60_000);
    expect(facts).toMatchObject({ durationMinutes: 95, unexcusedAbsences: 0, minutesWritten: false });
    // Two of nine members present spoke; the guest does not count.
    expect(facts.speakerShare).toBeCloseTo(2 / 9);
    expect(suggestScores(facts)).toMatchObject({ duration: 10, speaking: 5, minutes: 0, attendance: 20 });
  });
});
