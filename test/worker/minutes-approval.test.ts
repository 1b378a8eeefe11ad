import { describe, expect, it } from "vitest";
import { attendance, evaluations, minutes, speeches, votes } from "../../schema/db/tables";
import { api, dbOf, login } from "../support/fixtures";
import { auditCount, type Branch, base, branch, planned } from "./meetings-helpers";

type Minutes = { latest: { version: number; status: string } | null };
type ErrorBody = { error: { code: string; message: string; issues?: { path: string; message: string }[] } };

/** The counts of the meeting `heldMeeting` records, as the draft writes them. */
const RIGHT = [
  "Thời gian họp: 19:05 – 20:50 (105 phút)",
  "Tổng số đảng viên: 4 (chính thức 3, dự bị 1)",
  "Có mặt: 3 (tại hội trường 2, trực tuyến 1)",
  "Vắng có lý do: 1",
  "Vắng không lý do: 0",
  "Miễn sinh hoạt: 0",
  "Cơ sở biểu quyết: 2 đảng viên chính thức",
  "Phát biểu: 1 lượt, 1 người",
  "Số lần biểu quyết: 1",
  "Biểu quyết số 1: Kết nạp quần chúng Nguyễn Văn A",
  "Quy tắc biểu quyết số 1: quy tắc tùy chỉnh: quá 1/2 số đảng viên chính thức",
  "Kết quả biểu quyết số 1: tán thành 2/2, không tán thành 0, không biểu quyết 0 → THÔNG QUA",
  "Bảo lưu ý kiến (biểu quyết số 1): 0",
  "Xếp loại chất lượng (chi bộ): 92/100 — Tốt",
].join("\n");

/**
 * A closed meeting as the room leaves it in D1: the secretary and the probationary member in the hall, the deputy
 * remote, the member away with a reason; one speech; an admission vote whose rule was edited to more than half
 * (stored, as rooms before the fix did, still named `admission`); the branch's grade; minutes v1 frozen.
 */
async function heldMeeting(t: Branch, v1: string, standingKept = false) {
  const m = await planned(t);
  const id = m.id;
  const at = (hhmm: string) => `2026-11-22T${hhmm}:00.000Z`;
  await dbOf(t.tenantId)
    .$client.prepare("update meetings set status = 'closed', started_at = ?, ended_at = ? where id = ?")
    .bind(at("12:05"), at("13:50"), id)
    .run();
  const row = (personId: string, status: "present_hall" | "present_remote" | "absent_excused") => ({
    tenantId: t.tenantId,
    meetingId: id,
    personId,
    status,
    reason: status === "absent_excused" ? "Đi công tác" : null,
    // What the room's close writes: each member's standing at the meeting.
    memberStatus: standingKept
      ? personId === t.probationary.id
        ? ("probationary" as const)
        : ("official" as const)
      : null,
  });
  await dbOf(t.tenantId)
    .insert(attendance)
    .values([
      row(t.secretary.id, "present_hall"),
      row(t.probationary.id, "present_hall"),
      row(t.deputy.id, "present_remote"),
      row(t.member.id, "absent_excused"),
    ]);
  await dbOf(t.tenantId)
    .insert(speeches)
    .values({
      id: `s-${crypto.randomUUID()}`,
      tenantId: t.tenantId,
      meetingId: id,
      personId: t.deputy.id,
      startedAt: at("12:30"),
      endedAt: at("12:32"),
      durationSeconds: 95,
      limitSeconds: 300,
    });
  const edited = { preset: "admission", base: "members", num: 1, den: 2, strict: true, allowChange: false };
  await dbOf(t.tenantId)
    .insert(votes)
    .values({
      id: `v-${crypto.randomUUID()}`,
      tenantId: t.tenantId,
      meetingId: id,
      motion: "Kết nạp quần chúng Nguyễn Văn A",
      ruleJson: JSON.stringify(edited),
      openedAt: at("13:00"),
      closedAt: at("13:05"),
      base: 2,
      eligible: 2,
      agree: 2,
      disagree: 0,
      abstain: 0,
      result: "passed",
    });
  await dbOf(t.tenantId)
    .insert(evaluations)
    .values({
      id: `e-${crypto.randomUUID()}`,
      tenantId: t.tenantId,
      meetingId: id,
      evaluatorPersonId: t.secretary.id,
      evaluatorKind: "branch",
      scoresJson: "{}",
      total: 92,
      grade: "good",
    });
  await dbOf(t.tenantId)
    .insert(minutes)
    .values({
      id: `min-${crypto.randomUUID()}`,
      tenantId: t.tenantId,
      meetingId: id,
      version: 1,
      body: v1,
      createdBy: t.deputy.id,
    });
  return `${base(t.tenantId)}/${id}/minutes`;
}

describe("approving the minutes checks their counts against the record", () => {
  it("refuses the draft frozen before the start, naming each count that disagrees, and changes nothing", async () => {
    const t = await branch();
    const stale = RIGHT.replace(
      "Có mặt: 3 (tại hội trường 2, trực tuyến 1)",
      "Có mặt: 3 (tại hội trường 0, trực tuyến 3)",
    )
      .replace("Phát biểu: 1 lượt, 1 người", "Phát biểu: 0 lượt, 0 người")
      .replace(
        "quy tắc tùy chỉnh: quá 1/2 số đảng viên chính thức",
        "kết nạp đảng viên: từ 2/3 số đảng viên chính thức trở lên",
      )
      .replace(/^Xếp loại.*$/m, "");
    const url = await heldMeeting(t, stale);
    const chair = await login(t.secretary.email);
    const before = await auditCount(t.tenantId);
    const res = await api<ErrorBody>("POST", `${url}/1/approve`, chair);
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe("conflict");
    expect(res.json.error.message).toContain("không khớp");
    expect(res.json.error.issues?.map((i) => i.path)).toEqual([
      "Có mặt",
      "Phát biểu",
      "Quy tắc biểu quyết số 1",
      "Xếp loại chất lượng (chi bộ)",
    ]);
    expect(res.json.error.issues?.[0]?.message).toContain(
      "biên bản ghi «3 (tại hội trường 0, trực tuyến 3)», hồ sơ ghi «3 (tại hội trường 2, trực tuyến 1)»",
    );
    expect(res.json.error.issues?.[3]?.message).toContain("biên bản không ghi");
    expect(await auditCount(t.tenantId)).toBe(before);
    expect((await api<Minutes>("GET", url, chair)).json.latest).toMatchObject({ version: 1, status: "frozen" });
  });

  it("approves a text whose counts are the record's, whatever its narrative", async () => {
    const t = await branch();
    const url = await heldMeeting(t, "Bản nháp cũ");
    const chair = await login(t.secretary.email);
    const body = `Chi bộ họp đúng giờ, không khí dân chủ.\n\n${RIGHT}\n\nCuộc họp kết thúc lúc 20 giờ 50.`;
    expect((await api("POST", url, chair, { body })).status).toBe(201);
    const res = await api<Minutes>("POST", `${url}/2/approve`, chair);
    expect(res.status).toBe(200);
    expect(res.json.latest).toMatchObject({ version: 2, status: "approved" });
  });

  it("reads each member's standing at the meeting, so recognising a member official later changes no count", async () => {
    const t = await branch();
    const url = await heldMeeting(t, RIGHT, true);
    // After the meeting the probationary member is recognised as official.
    await dbOf(t.tenantId)
      .$client.prepare("update memberships set status = 'official' where tenant_id = ? and person_id = ?")
      .bind(t.tenantId, t.probationary.id)
      .run();
    const chair = await login(t.secretary.email);
    const res = await api<Minutes>("POST", `${url}/1/approve`, chair);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.latest).toMatchObject({ version: 1, status: "approved" });
  });
});
