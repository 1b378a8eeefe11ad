import { describe, expect, it } from "vitest";
import { attendance, ballots, evaluations, minutes, reservedOpinions, speeches, votes } from "../../schema/db/tables";
import { api, createPerson, d1Of, dbOf, login } from "../support/fixtures";
import { auditCount, type Branch, base, branch, planned, setStatus, staff } from "./meetings-helpers";

/** What these tests read of a meeting's minutes answer. */
type MinutesVersion = { version: number } & Record<string, unknown>;
type Minutes = { versions: MinutesVersion[]; latest: MinutesVersion | null };
/** What these tests read of a meeting's record answer. */
type RecordVote = { id: string; ballots: unknown[] } & Record<string, unknown>;
type MeetingRecord = {
  attendance: unknown[];
  speeches: unknown[];
  votes: RecordVote[];
  reservedOpinions: unknown[];
  evaluations: unknown[];
};

/** A closed meeting with version 1 of its minutes frozen by the room. */
async function closedMeeting() {
  const t = await branch();
  const m = await planned(t);
  await setStatus(m.id, "closed");
  await dbOf(t.tenantId)
    .insert(minutes)
    .values({
      id: `min-${crypto.randomUUID()}`,
      tenantId: t.tenantId,
      meetingId: m.id,
      version: 1,
      body: "Biên bản bản 1",
      createdBy: t.deputy.id,
    });
  return { t, m, url: `${base(t.tenantId)}/${m.id}/minutes` };
}

/** The counts of a meeting with nothing recorded, as the draft writes them: approval checks them (minutes-approval.test.ts). */
const EMPTY_RECORD_COUNTS = [
  "Thời gian họp: chưa bắt đầu",
  "Tổng số đảng viên: 0 (chính thức 0, dự bị 0)",
  "Có mặt: 0 (tại hội trường 0, trực tuyến 0)",
  "Vắng có lý do: 0",
  "Vắng không lý do: 0",
  "Miễn sinh hoạt: 0",
  "Cơ sở biểu quyết: 0 đảng viên chính thức",
  "Phát biểu: 0 lượt, 0 người",
  "Số lần biểu quyết: 0",
].join("\n");

describe("minutes", () => {
  it("lists versions with the latest body; chair and minutes-taker add versions; the chair approves; approved is final", async () => {
    const { t, url } = await closedMeeting();
    const first = await api<Minutes>("GET", url, await login(t.member.email));
    expect(first.status).toBe(200);
    expect(first.json.latest).toMatchObject({ version: 1, status: "frozen", body: "Biên bản bản 1" });
    const before = await auditCount(t.tenantId);
    const takerToken = await login(t.deputy.email);
    const v2Body = `Biên bản bản 2\n${EMPTY_RECORD_COUNTS}`;
    const v2 = await api<Minutes>("POST", url, takerToken, { body: v2Body });
    expect(v2.status).toBe(201);
    expect(v2.json.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(v2.json.latest).toMatchObject({ version: 2, body: v2Body, createdBy: t.deputy.id });
    // Only the latest version is approved; the minutes-taker cannot approve.
    expect((await api("POST", `${url}/1/approve`, t.adminToken)).status).toBe(409);
    expect((await api("POST", `${url}/2/approve`, takerToken)).status).toBe(403);
    const approved = await api<Minutes>("POST", `${url}/2/approve`, await login(t.secretary.email));
    expect(approved.status).toBe(200);
    expect(approved.json.latest).toMatchObject({ version: 2, status: "approved", approvedBy: t.secretary.id });
    expect(await auditCount(t.tenantId)).toBe(before + 2);
    expect((await api("POST", `${url}/2/approve`, t.adminToken)).status).toBe(409);
    const after = await api("POST", url, t.adminToken, { body: "Sửa sau duyệt" });
    expect(after.status).toBe(409);
    expect((await api<Minutes>("GET", url, t.adminToken)).json.latest).toMatchObject({
      version: 2,
      body: v2Body,
      status: "approved",
    });
  });

  it("refuses a new version while the meeting is not closed, and members who are not chair or minutes-taker", async () => {
    const t = await branch();
    const m = await planned(t);
    const url = `${base(t.tenantId)}/${m.id}/minutes`;
    expect((await api("GET", url, t.adminToken)).json).toEqual({ versions: [], latest: null });
    expect((await api("POST", url, t.adminToken, { body: "Sớm" })).status).toBe(409);
    await setStatus(m.id, "live");
    expect((await api("POST", url, await login(t.secretary.email), { body: "Sớm" })).status).toBe(409);
    await setStatus(m.id, "closed");
    expect((await api("POST", url, await login(t.member.email), { body: "X" })).status).toBe(403);
    expect((await api("POST", url, (await staff(t.tenantId, "organizer")).token, { body: "X" })).status).toBe(403);
    expect((await api("POST", url, t.adminToken, { body: "Bản của quản trị" })).status).toBe(201);
  });

  it("answers bad input and other tenants' meetings with 400/404, changing nothing", async () => {
    const { t, url, m } = await closedMeeting();
    for (const body of ["{bad", {}, { body: "" }, { body: 5 }, { body: "x".repeat(500_001) }]) {
      const res = await api("POST", url, t.adminToken, body);
      expect(res.status, typeof body === "string" ? body : Object.keys(body).join()).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    expect((await api("POST", url, t.adminToken, { body: 5 })).status).toBe(400);
    expect((await api("POST", `${url}/9/approve`, t.adminToken)).status).toBe(404);
    expect((await api("POST", `${url}/abc/approve`, t.adminToken)).status).toBe(404);
    expect((await api("GET", `${base(t.tenantId)}/mtg-unknown/minutes`, t.adminToken)).status).toBe(404);
    const other = await branch();
    const before = await auditCount(t.tenantId);
    expect((await api("GET", `${base(other.tenantId)}/${m.id}/minutes`, other.adminToken)).status).toBe(404);
    expect((await api("POST", `${base(other.tenantId)}/${m.id}/minutes`, other.adminToken, { body: "H" })).status).toBe(
      404,
    );
    expect((await api("POST", `${base(other.tenantId)}/${m.id}/minutes/1/approve`, other.adminToken)).status).toBe(404);
    expect((await api("GET", `${base(other.tenantId)}/${m.id}/record`, other.adminToken)).status).toBe(404);
    expect(await auditCount(t.tenantId)).toBe(before);
    expect((await api<Minutes>("GET", url, t.adminToken)).json.versions).toHaveLength(1);
  });
});

async function recorded(t: Branch, meetingId: string) {
  const now = new Date().toISOString();
  const [open, secret] = [`v-${crypto.randomUUID()}`, `v-${crypto.randomUUID()}`];
  const rule = JSON.stringify({ kind: "majority_of_base" });
  await dbOf(t.tenantId)
    .insert(attendance)
    .values([
      { tenantId: t.tenantId, meetingId, personId: t.secretary.id, status: "present_hall" },
      { tenantId: t.tenantId, meetingId, personId: t.member.id, status: "absent_excused", reason: "Đi công tác" },
    ]);
  await dbOf(t.tenantId)
    .insert(speeches)
    .values({
      id: `s-${crypto.randomUUID()}`,
      tenantId: t.tenantId,
      meetingId,
      personId: t.member.id,
      startedAt: now,
      endedAt: now,
      durationSeconds: 95,
      limitSeconds: 180,
    });
  await dbOf(t.tenantId)
    .insert(votes)
    .values([
      {
        id: open,
        tenantId: t.tenantId,
        meetingId,
        motion: "Thông qua nghị quyết",
        ruleJson: rule,
        openedAt: now,
        closedAt: now,
        base: 3,
        eligible: 3,
        agree: 2,
        disagree: 1,
        abstain: 0,
        result: "passed",
      },
      {
        id: secret,
        tenantId: t.tenantId,
        meetingId,
        motion: "Đề nghị kết nạp",
        ruleJson: rule,
        secret: true,
        openedAt: now,
        closedAt: now,
        base: 3,
        eligible: 3,
        agree: 1,
        disagree: 1,
        abstain: 0,
        result: "not_passed",
      },
    ]);
  await dbOf(t.tenantId)
    .insert(ballots)
    .values([
      { tenantId: t.tenantId, voteId: open, personId: t.secretary.id, choice: "agree", channel: "hall", castAt: now },
      { tenantId: t.tenantId, voteId: open, personId: t.deputy.id, choice: "disagree", channel: "remote", castAt: now },
      // A secret ballot keeps who voted; a stray choice must still never be served.
      { tenantId: t.tenantId, voteId: secret, personId: t.secretary.id, choice: "agree", channel: "hall", castAt: now },
      { tenantId: t.tenantId, voteId: secret, personId: t.deputy.id, choice: null, channel: "remote", castAt: now },
    ]);
  await dbOf(t.tenantId)
    .insert(reservedOpinions)
    .values({
      id: `r-${crypto.randomUUID()}`,
      tenantId: t.tenantId,
      meetingId,
      voteId: open,
      personId: t.deputy.id,
      body: "Tôi bảo lưu ý kiến",
    });
  await dbOf(t.tenantId)
    .insert(evaluations)
    .values({
      id: `e-${crypto.randomUUID()}`,
      tenantId: t.tenantId,
      meetingId,
      evaluatorPersonId: t.secretary.id,
      evaluatorKind: "branch",
      scoresJson: JSON.stringify({ a: 10 }),
      total: 92,
      grade: "good",
    });
  return { open, secret };
}

describe("record", () => {
  it("returns attendance, speeches, votes with tallies, reserved opinions and evaluations, never a secret ballot's choices", async () => {
    const t = await branch();
    const m = await planned(t);
    const { open, secret } = await recorded(t, m.id);
    const res = await api<MeetingRecord>("GET", `${base(t.tenantId)}/${m.id}/record`, await login(t.member.email));
    expect(res.status).toBe(200);
    expect(res.json.attendance).toEqual(
      expect.arrayContaining([
        {
          personId: t.secretary.id,
          fullName: "Nguyễn Văn Bí Thư",
          status: "present_hall",
          reason: null,
          joinedAt: null,
          leftAt: null,
          heardAt: null,
          memberStatus: null,
        },
        {
          personId: t.member.id,
          fullName: "Lê Văn Đảng Viên",
          status: "absent_excused",
          reason: "Đi công tác",
          joinedAt: null,
          leftAt: null,
          heardAt: null,
          memberStatus: null,
        },
      ]),
    );
    expect(res.json.speeches).toEqual([
      expect.objectContaining({ personId: t.member.id, durationSeconds: 95, limitSeconds: 180 }),
    ]);
    const openVote = res.json.votes.find((v: { id: string }) => v.id === open);
    expect(openVote).toMatchObject({
      agree: 2,
      disagree: 1,
      base: 3,
      result: "passed",
      voters: 2,
      rule: { kind: "majority_of_base" },
    });
    expect(openVote!.ballots).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ personId: t.deputy.id, choice: "disagree", channel: "remote" }),
      ]),
    );
    const secretVote = res.json.votes.find((v: { id: string }) => v.id === secret);
    expect(secretVote).toMatchObject({ secret: true, agree: 1, disagree: 1, voters: 2, ballots: [] });
    expect(JSON.stringify(secretVote)).not.toContain("choice");
    expect(res.json.reservedOpinions).toEqual([
      expect.objectContaining({
        voteId: open,
        personId: t.deputy.id,
        body: "Tôi bảo lưu ý kiến",
        fullName: "Trần Thị Phó",
      }),
    ]);
    expect(res.json.evaluations).toEqual([
      expect.objectContaining({ evaluatorName: "Nguyễn Văn Bí Thư", total: 92, grade: "good", scores: { a: 10 } }),
    ]);
  });

  it("is visible to those who see the meeting and to nobody else", async () => {
    const t = await branch();
    const m = await planned(t);
    await recorded(t, m.id);
    const stranger = await createPerson("Người Lạ");
    const url = `${base(t.tenantId)}/${m.id}/record`;
    expect((await api("GET", url, await login(stranger.email))).status).toBe(404);
    expect((await api("GET", url, (await staff(t.tenantId, "viewer")).token)).status).toBe(200);
    expect((await api("GET", `${base(t.tenantId)}/mtg-unknown/record`, t.adminToken)).status).toBe(404);
    const rows = (await d1Of(t.tenantId)
      .prepare("select count(*) as n from ballots where tenant_id = ?")
      .bind(t.tenantId)
      .first()) as { n: number };
    expect(rows.n).toBe(4);
  });
});
