/**
 * The closed meeting page's answer (GET …/meetings/:id/record): every field, who reads a leader's notes, what links
 * to it (approved minutes, resolution), when it is complete, and another tenant's ids.
 */
import { describe, expect, it } from "vitest";
import type { MeetingRecordAnswer } from "../../schema/api/meetings";
import {
  attendance,
  evaluations,
  leaderNotes,
  meetingGuests,
  minutes,
  reservedOpinions,
  resolutions,
  speeches,
  votes,
} from "../../schema/db/tables";
import { api, createPerson, dbOf, login } from "../support/fixtures";
import { base, branch, planned, setStatus, staff } from "./meetings-helpers";

const at = (min: number) => new Date(Date.UTC(2026, 10, 22, 12, min)).toISOString();

/** A closed meeting written straight into D1 as the room leaves it, with a guest leader's private and shared notes. */
async function closedWithRecord() {
  const t = await branch();
  const m = await planned(t);
  const leader = await createPerson("Hoàng Lãnh Đạo");
  const tenantId = t.tenantId;
  const meetingId = m.id;
  await dbOf(t.tenantId)
    .insert(meetingGuests)
    .values({ tenantId, meetingId, personId: leader.id, title: "Tỉnh ủy viên" });
  await dbOf(t.tenantId)
    .insert(attendance)
    .values([
      {
        tenantId,
        meetingId,
        personId: t.secretary.id,
        status: "present_hall",
        joinedAt: at(0),
        leftAt: null,
      },
      {
        tenantId,
        meetingId,
        personId: t.deputy.id,
        status: "present_remote",
        joinedAt: at(2),
        leftAt: at(80),
      },
      { tenantId, meetingId, personId: t.member.id, status: "absent_excused", reason: "Ốm" },
      { tenantId, meetingId, personId: t.probationary.id, status: "absent_unexcused" },
    ]);
  await dbOf(t.tenantId)
    .insert(speeches)
    .values({
      id: `s-${crypto.randomUUID()}`,
      tenantId,
      meetingId,
      personId: t.deputy.id,
      agendaItemId: m.agenda[0]?.id ?? null,
      startedAt: at(10),
      endedAt: at(13),
      durationSeconds: 180,
      limitSeconds: 300,
    });
  const voteId = `v-${crypto.randomUUID()}`;
  await dbOf(t.tenantId)
    .insert(votes)
    .values({
      id: voteId,
      tenantId,
      meetingId,
      motion: "Thông qua nghị quyết tháng",
      ruleJson: JSON.stringify({
        preset: "resolution",
        base: "members",
        num: 1,
        den: 2,
        strict: true,
        allowChange: false,
      }),
      openedAt: at(40),
      closedAt: at(45),
      base: 3,
      eligible: 2,
      agree: 1,
      disagree: 1,
      abstain: 0,
      result: "not_passed",
    });
  await dbOf(t.tenantId)
    .insert(reservedOpinions)
    .values({ id: `r-${crypto.randomUUID()}`, tenantId, meetingId, voteId, personId: t.deputy.id, body: "Bảo lưu" });
  await dbOf(t.tenantId)
    .insert(leaderNotes)
    .values([
      {
        id: `n-shared-${crypto.randomUUID()}`,
        tenantId,
        meetingId,
        personId: leader.id,
        body: "Chi bộ cần chuẩn bị tài liệu sớm hơn",
        sharedWithCommittee: true,
        updatedAt: at(50),
      },
      {
        id: `n-private-${crypto.randomUUID()}`,
        tenantId,
        meetingId,
        personId: leader.id,
        body: "Ghi chú riêng",
        sharedWithCommittee: false,
        updatedAt: at(51),
      },
    ]);
  await dbOf(t.tenantId)
    .insert(evaluations)
    .values({
      id: `e-${crypto.randomUUID()}`,
      tenantId,
      meetingId,
      evaluatorPersonId: leader.id,
      evaluatorKind: "leader",
      scoresJson: "{}",
      total: 75,
      grade: "fair",
    });
  await dbOf(t.tenantId)
    .insert(minutes)
    .values([
      { id: `min-${crypto.randomUUID()}`, tenantId, meetingId, version: 1, body: "v1", status: "frozen" },
      {
        id: `min-${crypto.randomUUID()}`,
        tenantId,
        meetingId,
        version: 2,
        body: "v2",
        status: "approved",
        approvedAt: at(120),
      },
    ]);
  await setStatus(meetingId, "closed");
  const url = `${base(tenantId)}/${meetingId}/record`;
  return { t, m, leader, voteId, url };
}

const read = async (url: string, token: string) => {
  const res = await api<MeetingRecordAnswer>("GET", url, token);
  expect(res.status).toBe(200);
  return res.json;
};

describe("the closed meeting's record", () => {
  it("answers attendance with how and when, speeches, votes with base and tally, reserved opinions, grades and links", async () => {
    const { t, url, voteId } = await closedWithRecord();
    const r = await read(url, await login(t.member.email));
    // Closed in D1 and no room ever owed anything: complete.
    expect(r).toMatchObject({ complete: true, saving: false });
    expect(r.attendance).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ personId: t.secretary.id, status: "present_hall", joinedAt: at(0), leftAt: null }),
        expect.objectContaining({ personId: t.deputy.id, status: "present_remote", joinedAt: at(2), leftAt: at(80) }),
        expect.objectContaining({ personId: t.member.id, status: "absent_excused", reason: "Ốm", joinedAt: null }),
        expect.objectContaining({ personId: t.probationary.id, status: "absent_unexcused" }),
      ]),
    );
    expect(r.attendance).toHaveLength(4);
    expect(r.speeches).toEqual([
      expect.objectContaining({ personId: t.deputy.id, fullName: "Trần Thị Phó", durationSeconds: 180 }),
    ]);
    expect(r.votes).toEqual([
      expect.objectContaining({
        id: voteId,
        base: 3,
        agree: 1,
        disagree: 1,
        abstain: 0,
        result: "not_passed",
        rule: expect.objectContaining({ preset: "resolution", num: 1, den: 2 }),
      }),
    ]);
    expect(r.reservedOpinions).toEqual([expect.objectContaining({ voteId, body: "Bảo lưu" })]);
    expect(r.evaluations).toEqual([expect.objectContaining({ evaluatorName: "Hoàng Lãnh Đạo", grade: "fair" })]);
    expect(r.approvedMinutes).toEqual({ version: 2, approvedAt: at(120) });
    // No resolution yet: no link.
    expect(r.resolution).toBeNull();
  });

  it("links the resolution once one exists", async () => {
    const { t, m, url } = await closedWithRecord();
    const id = `res-${crypto.randomUUID()}`;
    await dbOf(t.tenantId).insert(resolutions).values({
      id,
      tenantId: t.tenantId,
      meetingId: m.id,
      organizationId: t.branchId,
      status: "issued",
      year: 2026,
      number: 5,
    });
    expect((await read(url, t.adminToken)).resolution).toEqual({ id, status: "issued", number: 5, year: 2026 });
  });

  it("shows a leader's shared notes to the branch's leadership and staff, their private ones only to the leader", async () => {
    const { t, leader, url } = await closedWithRecord();
    const bodies = async (token: string) => (await read(url, token)).leaderNotes.map((n) => n.body);
    const shared = ["Chi bộ cần chuẩn bị tài liệu sớm hơn"];
    expect(await bodies(await login(leader.email))).toEqual([...shared, "Ghi chú riêng"]);
    expect(await bodies(await login(t.secretary.email))).toEqual(shared);
    expect(await bodies(await login(t.deputy.email))).toEqual(shared);
    expect(await bodies(t.adminToken)).toEqual(shared);
    expect(await bodies((await staff(t.tenantId, "viewer")).token)).toEqual(shared);
    // A plain member and a probationary one read the record, not the leader's notes.
    expect(await bodies(await login(t.member.email))).toEqual([]);
    expect(await bodies(await login(t.probationary.email))).toEqual([]);
  });

  it("is not complete while the meeting is planned or live and no room has closed it", async () => {
    const t = await branch();
    const m = await planned(t);
    const url = `${base(t.tenantId)}/${m.id}/record`;
    expect(await read(url, t.adminToken)).toMatchObject({ complete: false, saving: false });
    await setStatus(m.id, "live");
    expect(await read(url, t.adminToken)).toMatchObject({ complete: false, saving: false });
  });

  it("answers 404 for another tenant's meeting and for a stranger, leaking nothing", async () => {
    const { m, url } = await closedWithRecord();
    const other = await branch();
    const res = await api<{ error: { code: string } }>(
      "GET",
      `${base(other.tenantId)}/${m.id}/record`,
      other.adminToken,
    );
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe("not_found");
    expect(JSON.stringify(res.json)).not.toContain("Bảo lưu");
    const stranger = await createPerson("Người Ngoài");
    expect((await api("GET", url, await login(stranger.email))).status).toBe(404);
    expect((await api("GET", `${base(other.tenantId)}/mtg-nope/record`, other.adminToken)).status).toBe(404);
  });
});
