import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { minutes } from "../../schema/db/tables";
import { api, dbOf, login } from "../support/fixtures";
import { closeAllRooms, eventually } from "../support/room-client";
import { createMeeting, MEMBER_NAMES, type Who } from "./meeting-fixture";

afterEach(() => closeAllRooms());

const leaderScores = {
  attendance: 20,
  preparation: 13,
  documents: 5,
  duration: 8,
  conduct: 9,
  speaking: 12,
  principles: 10,
  resolution: 9,
  minutes: 5,
};

describe("the minutes frozen at the close", () => {
  it("carry the meeting as it ended, though the minutes-taker opened their screen before the start", async () => {
    const f = await createMeeting();
    const online: Who[] = ["chair", "taker", "m1", "m2", "m3", "leader"];
    const c = Object.fromEntries(await Promise.all(online.map(async (w) => [w, await f.join(w)] as const)));
    const chair = c.chair!;
    const taker = c.taker!;
    // What the minutes-taker's screen sent on opening until now: it froze this early draft as the minutes.
    await taker.ok({ type: "minutes/prefill" });
    expect((await taker.sync()).state.minutes.body).toBe("");

    await chair.ok({ type: "meeting/start" });
    // The hall: three members without a phone; m7 away with a reason; m4, m5 and the probationary never come.
    for (const w of ["m6", "m4", "m5"] as const)
      await taker.ok({ type: "presence/check-in", personId: f.idOf(w), mode: "hall" });
    await taker.ok({ type: "presence/mark-absent", personId: f.idOf("m7"), excused: true, reason: "Ốm" });
    await c.m1!.ok({ type: "queue/raise", kind: "speech" });
    await c.m2!.ok({ type: "queue/raise", kind: "speech" });
    await chair.ok({ type: "floor/give", personId: f.idOf("m1") });
    await chair.ok({ type: "floor/give", personId: f.idOf("m2") });
    await chair.ok({ type: "floor/end" });
    // An admission vote whose rule the chair edited to more than half: the record states the rule applied.
    const rule = { preset: "admission", base: "members", num: 1, den: 2, strict: true, allowChange: false } as const;
    const voteId = (await chair.ok({ type: "vote/open", motion: "Kết nạp quần chúng Lê Văn A", rule, secret: false }))
      .entityId!;
    for (const w of ["chair", "taker", "m1", "m2", "m3"] as const)
      await c[w]!.ok({ type: "vote/cast", voteId, choice: "agree" });
    await taker.ok({
      type: "vote/hall",
      voteId,
      entries: [
        { personId: f.idOf("m6"), choice: "disagree" },
        { personId: f.idOf("m4"), choice: "disagree" },
      ],
    });
    await chair.ok({ type: "vote/close", voteId });
    await c.leader!.ok({ type: "evaluation/save", scores: leaderScores });
    await chair.ok({ type: "meeting/close" });

    const scope = and(eq(minutes.tenantId, f.tenantId), eq(minutes.meetingId, f.meetingId));
    const frozen = await eventually(async () => (await dbOf(f.tenantId).select().from(minutes).where(scope))[0]);
    expect(frozen.version).toBe(1);
    const body = frozen.body;
    expect(body).not.toContain("ĐẢNG CỘNG SẢN VIỆT NAM");
    // 12 on the roster: 5 connected members + 3 hall; m7 excused; the 2 exempt stay exempt; the probationary absent.
    expect(body).toContain("Tổng số đảng viên: 12 (chính thức 11, dự bị 1)");
    expect(body).toContain("Có mặt: 8 (tại hội trường 3, trực tuyến 5)");
    expect(body).toContain("Vắng có lý do: 1");
    expect(body).toContain("Vắng không lý do: 1");
    expect(body).toContain("Miễn sinh hoạt: 2");
    expect(body).toContain("Phát biểu: 2 lượt, 2 người");
    expect(body).toContain(`Người phát biểu: ${MEMBER_NAMES.m1}, ${MEMBER_NAMES.m2}`);
    expect(body).toContain("Quy tắc biểu quyết số 1: quy tắc tùy chỉnh: quá 1/2 số đảng viên chính thức");
    expect(body).toContain("Kết quả biểu quyết số 1: tán thành 5/8, không tán thành 2, không biểu quyết 0 → THÔNG QUA");
    expect(body).toContain("Xếp loại chất lượng (lãnh đạo dự họp): 91/100 — Khá");
    expect(body).toMatch(/Thời gian họp: \d\d:\d\d – \d\d:\d\d \(\d+ phút\)/);

    // The chair approves it: every count agrees with what the room wrote to D1.
    const token = await login(f.people[MEMBER_NAMES.chair]!.email);
    const url = `/api/tenants/${f.tenantId}/meetings/${f.meetingId}/minutes/1/approve`;
    const approved = await eventually(async () => {
      const res = await api<{ latest: { status: string } }>("POST", url, token);
      return res.status === 200 ? res : null;
    });
    expect(approved.json.latest.status).toBe("approved");
  });

  it("keep the text the minutes-taker wrote, and tell them what changed in the room since they saved", async () => {
    const f = await createMeeting();
    const chair = await f.join("chair");
    const taker = await f.join("taker");
    await chair.ok({ type: "meeting/start" });
    await taker.ok({
      type: "minutes/edit",
      body: "Chi bộ họp đúng giờ.\nCó mặt: 2 (tại hội trường 0, trực tuyến 2)",
      baseRevision: 0,
    });
    await taker.ok({ type: "presence/check-in", personId: f.idOf("m1"), mode: "hall" });
    const { minutes: m, counts } = (await taker.sync()).state;
    expect(m.countsAtEdit).toContainEqual({ label: "Có mặt", value: "2 (tại hội trường 0, trực tuyến 2)" });
    expect(counts.present).toBe(3);
    await chair.ok({ type: "meeting/close" });
    const scope = and(eq(minutes.tenantId, f.tenantId), eq(minutes.meetingId, f.meetingId));
    const frozen = await eventually(async () => (await dbOf(f.tenantId).select().from(minutes).where(scope))[0]);
    expect(frozen.body).toBe("Chi bộ họp đúng giờ.\nCó mặt: 2 (tại hội trường 0, trực tuyến 2)");
    // Their counts are now stale: the chair cannot approve them as they are.
    const token = await login(f.people[MEMBER_NAMES.chair]!.email);
    const res = await api<{ error: { issues: { path: string }[] } }>(
      "POST",
      `/api/tenants/${f.tenantId}/meetings/${f.meetingId}/minutes/1/approve`,
      token,
    );
    expect(res.status).toBe(409);
    expect(res.json.error.issues.map((i) => i.path)).toContain("Có mặt");
  });
});
