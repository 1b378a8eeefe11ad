import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import {
  attendance,
  ballots,
  evaluations,
  meetings,
  minutes,
  reservedOpinions,
  speeches,
  votes,
} from "../../schema/db/tables";
import { dbOf } from "../support/fixtures";
import { closeAllRooms, eventually } from "../support/room-client";
import { createMeeting, type Who } from "./meeting-fixture";

afterEach(() => closeAllRooms());

describe("a whole meeting", () => {
  it("runs from roll call to frozen minutes: 12 members (2 exempt, 1 probationary), a leader, the chair", async () => {
    const f = await createMeeting();
    const online: Who[] = ["chair", "taker", "probationary", "m1", "m2", "m3", "m4", "m5", "leader"];
    const c = Object.fromEntries(await Promise.all(online.map(async (w) => [w, await f.join(w)] as const)));
    const chair = c.chair!;
    const taker = c.taker!;

    // The members online tapped Join (f.join): they count from the start.
    await chair.ok({ type: "meeting/start" });
    // Roll call: m6 is in the hall without a phone, m7 is away with a reason; the exempt stay away.
    await taker.ok({ type: "presence/check-in", personId: f.idOf("m6"), mode: "hall" });
    await taker.ok({ type: "presence/mark-absent", personId: f.idOf("m7"), excused: true, reason: "Đi làm ca đêm" });
    const counts = (await c.m1!.sync()).state.counts;
    expect(counts).toMatchObject({
      present: 9,
      presentHall: 1,
      expected: 9,
      eligibleVoters: 8,
      voteBase: 8,
      absentExcused: 1,
      exempt: 2,
    });

    // Item 1: reports; a point of order jumps the queue.
    await c.m1!.ok({ type: "queue/raise", kind: "speech" });
    await c.probationary!.ok({ type: "queue/raise", kind: "speech" });
    await c.m2!.ok({ type: "queue/raise", kind: "point_of_order" });
    const queue = (await c.m1!.sync()).state.queue.map((q) => q.personId);
    expect(queue).toEqual([f.idOf("m2"), f.idOf("m1"), f.idOf("probationary")]);
    for (const who of queue) await chair.ok({ type: "floor/give", personId: who });
    await chair.ok({ type: "floor/end" });
    await c.leader!.ok({ type: "guidance/post", body: "Chi bộ cần cụ thể hóa nhiệm vụ tháng 12" });

    // Item 3: the resolution, with the hall's hand merged.
    await chair.ok({ type: "agenda/go", itemId: f.items[2]!.id });
    const voteId = (
      await chair.ok({ type: "vote/open", motion: "Nghị quyết tháng 11/2026", rule: "resolution", secret: false })
    ).entityId!;
    for (const w of ["chair", "taker", "m1", "m2", "m3"] as const)
      await c[w]!.ok({ type: "vote/cast", voteId, choice: "agree" });
    await c.m4!.ok({ type: "vote/cast", voteId, choice: "disagree" });
    await c.probationary!.refused({ type: "vote/cast", voteId, choice: "agree" }, "probationary_cannot_vote");
    await taker.ok({ type: "vote/hall", voteId, entries: [{ personId: f.idOf("m6"), choice: "agree" }] });
    await chair.ok({ type: "vote/close", voteId });
    await c.m4!.ok({ type: "vote/reserve", voteId, body: "Đề nghị giãn tiến độ thu quỹ" });

    // Evaluations and minutes.
    await c.leader!.ok({ type: "note/save", itemId: f.items[0]!.id, body: "Báo cáo ngắn gọn", shared: true });
    await c.leader!.ok({
      type: "evaluation/save",
      scores: {
        attendance: 20,
        preparation: 13,
        documents: 5,
        duration: 8,
        conduct: 9,
        speaking: 12,
        principles: 10,
        resolution: 9,
        minutes: 5,
      },
    });
    await chair.ok({ type: "meeting/close" });

    const scope = <T extends { tenantId: unknown; meetingId: unknown }>(t: T) =>
      and(eq(t.tenantId as never, f.tenantId), eq(t.meetingId as never, f.meetingId));
    const frozen = await eventually(
      async () => (await dbOf(f.tenantId).select().from(minutes).where(scope(minutes)))[0],
    );
    expect(frozen.version).toBe(1);
    // Nobody wrote the minutes: version 1 is the draft of the meeting as it ended.
    expect(frozen.body).toContain(
      "Kết quả biểu quyết số 1: tán thành 6/8, không tán thành 1, không biểu quyết 0 → THÔNG QUA",
    );
    expect(frozen.body).toContain("Bảo lưu ý kiến (biểu quyết số 1): 1");
    expect(frozen.body).toContain("Đồng chí Đặng Văn Bốn: Đề nghị giãn tiến độ thu quỹ");
    expect(frozen.body).toContain("Xếp loại chất lượng (lãnh đạo dự họp): 91/100 — Khá");
    const [m] = await dbOf(f.tenantId).select().from(meetings).where(eq(meetings.id, f.meetingId));
    expect(m?.status).toBe("closed");
    expect(await dbOf(f.tenantId).select().from(speeches).where(scope(speeches))).toHaveLength(3);
    const rows = await dbOf(f.tenantId).select().from(attendance).where(scope(attendance));
    // The visiting leader's presence row is the trace of the visit, not a member's attendance.
    expect(rows.find((a) => a.personId === f.leader.id)?.status).toBe("present_remote");
    const att = rows.filter((a) => a.personId !== f.leader.id);
    expect(att.filter((a) => a.status === "present_hall" || a.status === "present_remote")).toHaveLength(9);
    expect(att.filter((a) => a.status === "exempt")).toHaveLength(2);
    const [v] = await dbOf(f.tenantId).select().from(votes).where(scope(votes));
    expect(v).toMatchObject({ agree: 6, disagree: 1, abstain: 0, base: 8, eligible: 8, result: "passed" });
    expect(await dbOf(f.tenantId).select().from(ballots).where(eq(ballots.voteId, voteId))).toHaveLength(7);
    expect(await dbOf(f.tenantId).select().from(reservedOpinions).where(scope(reservedOpinions))).toHaveLength(1);
    const [e] = await dbOf(f.tenantId).select().from(evaluations).where(scope(evaluations));
    expect(e).toMatchObject({ evaluatorKind: "leader", total: 91, grade: "fair" });
  });
});
