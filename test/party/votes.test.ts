import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { ballots, reservedOpinions, votes } from "../../schema/db/tables";
import type { Choice } from "../../schema/room/views";
import { dbOf } from "../support/fixtures";
import { closeAllRooms, eventually, nextId, type RoomClient } from "../support/room-client";
import { liveMeeting, type Who } from "./meeting-fixture";

afterEach(() => closeAllRooms());

type Clients = Partial<Record<Who, RoomClient>>;
async function castAll(c: Clients, voteId: string, choices: Partial<Record<Who, Choice>>) {
  for (const [who, choice] of Object.entries(choices))
    await c[who as Who]!.ok({ type: "vote/cast", voteId, choice: choice! });
}
async function voteRow(f: { tenantId: string }, voteId: string) {
  return eventually(async () => (await dbOf(f.tenantId).select().from(votes).where(eq(votes.id, voteId)))[0]);
}

describe("votes", () => {
  it("resolution: exactly half of the base fails, one more passes; the base leaves out the excused and the absent exempt", async () => {
    const { f, c, chair } = await liveMeeting();
    await c.taker!.ok({ type: "presence/mark-absent", personId: f.idOf("m7"), excused: true, reason: "Ốm" });
    // 11 official − 2 exempt absent − 1 excused = 8; 8 present.
    const open = await chair.ok({
      type: "vote/open",
      motion: "Thông qua nghị quyết tháng 11",
      rule: "resolution",
      secret: false,
    });
    const voteId = open.entityId!;
    await castAll(c, voteId, {
      chair: "agree",
      taker: "agree",
      m1: "agree",
      m2: "agree",
      m3: "disagree",
      m4: "disagree",
    });
    let snap = await c.m1!.sync();
    let v = snap.state.votes.find((x) => x.id === voteId)!;
    expect(v).toMatchObject({
      status: "open",
      eligible: 8,
      voted: 6,
      base: 8,
      needed: 5,
      tally: { agree: 4, disagree: 2, abstain: 0 },
      canStillPass: true,
    });
    await c.m5!.ok({ type: "vote/cast", voteId, choice: "abstain" });
    snap = await c.m1!.sync();
    v = snap.state.votes.find((x) => x.id === voteId)!;
    // m6 has not voted: 4 + 1 = 5 > 8/2 is still possible.
    expect(v.canStillPass).toBe(true);
    await c.m6!.ok({ type: "vote/cast", voteId, choice: "abstain" });
    snap = await c.m1!.sync();
    expect(snap.state.votes.find((x) => x.id === voteId)!.canStillPass).toBe(false);
    const from = c.m1!.received.length;
    await chair.ok({ type: "vote/close", voteId });
    const closed = await c.m1!.event("vote", (e) => e.vote.status === "closed", from);
    expect(closed.vote).toMatchObject({
      result: "not_passed",
      base: 8,
      needed: 5,
      tally: { agree: 4, disagree: 2, abstain: 2 },
    });
    const row = await voteRow(f, voteId);
    expect(row).toMatchObject({
      base: 8,
      agree: 4,
      disagree: 2,
      abstain: 2,
      eligible: 8,
      result: "not_passed",
      secret: false,
      tenantId: f.tenantId,
    });
    expect(JSON.parse(row.ruleJson)).toMatchObject({ preset: "resolution", num: 1, den: 2, strict: true });
    const b = await dbOf(f.tenantId).select().from(ballots).where(eq(ballots.voteId, voteId));
    expect(b).toHaveLength(8);
    expect(b.find((x) => x.personId === f.idOf("m3"))?.choice).toBe("disagree");

    const second = (
      await chair.ok({ type: "vote/open", motion: "Thông qua nghị quyết (lần 2)", rule: "resolution", secret: false })
    ).entityId!;
    await castAll(c, second, { chair: "agree", taker: "agree", m1: "agree", m2: "agree", m3: "agree", m4: "disagree" });
    await chair.ok({ type: "vote/close", voteId: second });
    expect((await voteRow(f, second)).result).toBe("passed");
  });

  it("admission: exactly two thirds passes, with a hall hand merged and no member counted twice", async () => {
    const { f, c, chair } = await liveMeeting();
    await c.taker!.ok({ type: "presence/check-in", personId: f.idOf("m7"), mode: "hall" });
    // m1 sits in the hall with their phone: checked in there, they may also vote on the phone.
    await c.taker!.ok({ type: "presence/check-in", personId: f.idOf("m1"), mode: "hall" });
    // 11 official − 2 exempt absent = 9; 2/3 of 9 = 6.
    const voteId = (
      await chair.ok({
        type: "vote/open",
        motion: "Kết nạp quần chúng Nguyễn Văn Mới",
        rule: "admission",
        secret: false,
      })
    ).entityId!;
    await castAll(c, voteId, {
      chair: "agree",
      taker: "agree",
      m1: "agree",
      m2: "agree",
      m6: "agree",
      m3: "disagree",
      m4: "disagree",
      m5: "disagree",
    });
    // Hands in the hall: m7 (no device) and m1, who already voted from their phone: m1 is skipped. A member
    // connected remotely is never a hall hand (attendance-join.test.ts).
    const hall = await c.taker!.ok({
      type: "vote/hall",
      voteId,
      entries: [
        { personId: f.idOf("m7"), choice: "agree" },
        { personId: f.idOf("m1"), choice: "disagree" },
      ],
    });
    expect(hall.skipped).toEqual([f.idOf("m1")]);
    // Only the chair or minutes-taker enters hall hands; a probationary member cannot be entered.
    await c.m2!.refused(
      { type: "vote/hall", voteId, entries: [{ personId: f.idOf("m7"), choice: "disagree" }] },
      "forbidden",
    );
    await c.taker!.refused(
      { type: "vote/hall", voteId, entries: [{ personId: f.idOf("probationary"), choice: "agree" }] },
      "probationary_cannot_vote",
    );
    const snap = await c.m1!.sync();
    const v = snap.state.votes.find((x) => x.id === voteId)!;
    expect(v).toMatchObject({
      voted: 9,
      votedHall: 1,
      votedRemote: 8,
      base: 9,
      needed: 6,
      tally: { agree: 6, disagree: 3, abstain: 0 },
    });
    await chair.ok({ type: "vote/close", voteId });
    const row = await voteRow(f, voteId);
    expect(row).toMatchObject({ base: 9, agree: 6, disagree: 3, result: "passed" });
    const b = await dbOf(f.tenantId).select().from(ballots).where(eq(ballots.voteId, voteId));
    expect(b.find((x) => x.personId === f.idOf("m7"))).toMatchObject({ channel: "hall", choice: "agree" });
    expect(b.find((x) => x.personId === f.idOf("m1"))).toMatchObject({ channel: "remote", choice: "agree" });

    // One short of two thirds fails.
    const again = (
      await chair.ok({
        type: "vote/open",
        motion: "Công nhận đảng viên chính thức",
        rule: "recognition",
        secret: false,
      })
    ).entityId!;
    await castAll(c, again, { chair: "agree", taker: "agree", m1: "agree", m2: "agree", m3: "agree", m4: "disagree" });
    await chair.ok({ type: "vote/close", voteId: again });
    expect(await voteRow(f, again)).toMatchObject({ base: 9, agree: 5, result: "not_passed" });
  });

  it("procedural: more than half of the votes cast, and ballots may be changed until close", async () => {
    const { f, c, chair } = await liveMeeting();
    const voteId = (
      await chair.ok({ type: "vote/open", motion: "Thông qua chương trình", rule: "procedural", secret: false })
    ).entityId!;
    await castAll(c, voteId, {
      chair: "agree",
      taker: "agree",
      m1: "agree",
      m2: "disagree",
      m3: "disagree",
      m4: "agree",
    });
    // m4 changes their mind: 3 agree of 6 cast is exactly half: not passed.
    await c.m4!.ok({ type: "vote/cast", voteId, choice: "abstain" });
    const snap = await c.m1!.sync();
    expect(snap.state.votes[0]).toMatchObject({
      voted: 6,
      base: 6,
      needed: 4,
      tally: { agree: 3, disagree: 2, abstain: 1 },
    });
    expect(snap.you.ballots[voteId]).toBe("agree");
    await chair.ok({ type: "vote/close", voteId });
    expect(await voteRow(f, voteId)).toMatchObject({ base: 6, agree: 3, result: "not_passed" });
  });

  it("refuses probationary and guest ballots, a second ballot and a replay after close; a replayed ballot id is recognised", async () => {
    const { f, c, chair } = await liveMeeting(["chair", "taker", "m1", "m2", "probationary", "leader"]);
    const voteId = (
      await chair.ok({ type: "vote/open", motion: "Thông qua nghị quyết", rule: "resolution", secret: false })
    ).entityId!;
    const p = await c.probationary!.refused({ type: "vote/cast", voteId, choice: "agree" }, "probationary_cannot_vote");
    expect(p.message).toMatch(/dự bị.*\/.*Probationary/);
    await c.leader!.refused({ type: "vote/cast", voteId, choice: "agree" }, "guest_cannot_vote");
    await c.m1!.refused({ type: "vote/open", motion: "x", rule: "resolution", secret: false }, "forbidden");
    await c.m1!.refused({ type: "vote/cast", voteId: "no-such-vote", choice: "agree" }, "not_found");

    const ballotId = nextId();
    await c.m1!.ok({ type: "vote/cast", voteId, choice: "agree" }, ballotId);
    // partysocket replays the same frame after a reconnect: recognised, not counted twice.
    const replay = await c.m1!.ok({ type: "vote/cast", voteId, choice: "agree" }, ballotId);
    expect(replay.duplicate).toBe(true);
    await c.m1!.refused({ type: "vote/cast", voteId, choice: "disagree" }, "already_voted");
    let snap = await c.m2!.sync();
    expect(snap.state.votes[0]!.voted).toBe(1);

    await chair.ok({ type: "vote/close", voteId });
    // A ballot queued offline and replayed after close is refused with a clear code; the acknowledged one is still recognised.
    const late = await c.m2!.refused({ type: "vote/cast", voteId, choice: "agree" }, "vote_closed");
    expect(late.message).toMatch(/closed/);
    expect((await c.m1!.ok({ type: "vote/cast", voteId, choice: "agree" }, ballotId)).duplicate).toBe(true);
    snap = await c.m2!.sync();
    expect(snap.state.votes[0]).toMatchObject({ voted: 1, status: "closed" });
    void f;
  });

  it("secret vote: only the count shows until close, and D1 keeps who voted but never the choice", async () => {
    const { f, c, chair } = await liveMeeting();
    const voteId = (
      await chair.ok({ type: "vote/open", motion: "Bầu đại biểu dự đại hội", rule: "resolution", secret: true })
    ).entityId!;
    const from = c.m6!.received.length;
    await castAll(c, voteId, { chair: "agree", taker: "agree", m1: "agree", m2: "agree", m3: "agree", m4: "disagree" });
    const ev = await c.m6!.event("vote", (e) => e.vote.voted === 6, from);
    expect(ev.vote.tally).toBeNull();
    expect(ev.vote.canStillPass).toBeNull();
    expect(c.m6!.raw.slice(from).some((t) => t.includes('"agree":'))).toBe(false);
    await chair.ok({ type: "vote/close", voteId });
    const closed = await c.m6!.event("vote", (e) => e.vote.status === "closed", from);
    expect(closed.vote).toMatchObject({ result: "passed", tally: { agree: 5, disagree: 1, abstain: 0 }, base: 9 });
    const row = await voteRow(f, voteId);
    expect(row).toMatchObject({ secret: true, agree: 5, disagree: 1 });
    const b = await dbOf(f.tenantId)
      .select()
      .from(ballots)
      .where(and(eq(ballots.tenantId, f.tenantId), eq(ballots.voteId, voteId)));
    expect(b).toHaveLength(6);
    expect(b.every((x) => x.choice === null)).toBe(true);

    // Once the meeting closes, the room's own storage forgets the secret choices too.
    const stored = async () => {
      const stub = env.MeetingRoom.get(env.MeetingRoom.idFromName(f.meetingId));
      return runInDurableObject(stub, (_room, state) =>
        state.storage.sql
          .exec<{ v: string }>(`SELECT v FROM room_kv WHERE k LIKE 'c:ballots:%'`)
          .toArray()
          .map((r) => JSON.parse(r.v) as { choice: string | null }),
      );
    };
    expect((await stored()).filter((x) => x.choice !== null)).toHaveLength(6);
    await chair.ok({ type: "meeting/close" });
    const after = await stored();
    expect(after).toHaveLength(6);
    expect(after.every((x) => x.choice === null)).toBe(true);
  });

  it("lets a member of the minority reserve their opinion, and no one else", async () => {
    const { f, c, chair } = await liveMeeting();
    const voteId = (
      await chair.ok({ type: "vote/open", motion: "Thông qua nghị quyết", rule: "resolution", secret: false })
    ).entityId!;
    await castAll(c, voteId, { chair: "agree", taker: "agree", m1: "agree", m2: "agree", m3: "agree", m4: "disagree" });
    await c.m4!.refused({ type: "vote/reserve", voteId, body: "Chưa đồng ý" }, "vote_open");
    await chair.ok({ type: "vote/close", voteId });
    const ack = await c.m4!.ok({ type: "vote/reserve", voteId, body: "Tôi bảo lưu ý kiến về chỉ tiêu thu quỹ" });
    await c.m1!.refused({ type: "vote/reserve", voteId, body: "x" }, "not_minority");
    await c.m5!.refused({ type: "vote/reserve", voteId, body: "x" }, "not_minority");
    await c.m4!.refused({ type: "vote/reserve", voteId, body: "lần hai" }, "conflict");
    const rows = await eventually(async () => {
      const r = await dbOf(f.tenantId)
        .select()
        .from(reservedOpinions)
        .where(and(eq(reservedOpinions.tenantId, f.tenantId), eq(reservedOpinions.voteId, voteId)));
      return r.length ? r : undefined;
    });
    expect(rows[0]).toMatchObject({
      id: ack.entityId,
      personId: f.idOf("m4"),
      body: "Tôi bảo lưu ý kiến về chỉ tiêu thu quỹ",
    });
  });
});
