/**
 * Approving a built-in media meeting's minutes checks the split of the remote members (heard the hall with sound /
 * only followed the room) against D1's attendance.heard_at, as it checks every count; the record API carries
 * heardAt. A closed meeting written straight into D1, as the room leaves it.
 */
import { describe, expect, it } from "vitest";
import type { MeetingRecordAnswer } from "../../schema/api/meetings";
import { attendance, minutes } from "../../schema/db/tables";
import { api, dbOf, login } from "../support/fixtures";
import { auditCount, type Branch, base, branch, planned } from "./meetings-helpers";

type ErrorBody = { error: { code: string; issues?: { path: string; message: string }[] } };
type Minutes = { latest: { version: number; status: string } | null };

const PRESENT = "3 (tại hội trường 1, trực tuyến 2, trong đó 1 nghe qua âm thanh tích hợp, 1 chỉ theo dõi phòng họp)";
const counts = (present: string) =>
  [
    "Thời gian họp: 19:05 – 20:05 (60 phút)",
    "Tổng số đảng viên: 4 (chính thức 3, dự bị 1)",
    `Có mặt: ${present}`,
    "Vắng có lý do: 0",
    "Vắng không lý do: 1",
    "Miễn sinh hoạt: 0",
    "Cơ sở biểu quyết: 3 đảng viên chính thức",
    "Phát biểu: 0 lượt, 0 người",
    "Số lần biểu quyết: 0",
  ].join("\n");

/** The secretary in the hall, the deputy remote who heard the hall, the member remote who only followed the room. */
async function heldBuiltin(t: Branch, v1: string) {
  const m = await planned(t, { mediaMode: "builtin" });
  const at = (hhmm: string) => `2026-11-22T${hhmm}:00.000Z`;
  await dbOf(t.tenantId)
    .$client.prepare("update meetings set status = 'closed', started_at = ?, ended_at = ? where id = ?")
    .bind(at("12:05"), at("13:05"), m.id)
    .run();
  const row = (
    personId: string,
    status: "present_hall" | "present_remote" | "absent_unexcused",
    heardAt = null as string | null,
  ) => ({
    tenantId: t.tenantId,
    meetingId: m.id,
    personId,
    status,
    heardAt,
    memberStatus: personId === t.probationary.id ? ("probationary" as const) : ("official" as const),
  });
  await dbOf(t.tenantId)
    .insert(attendance)
    .values([
      row(t.secretary.id, "present_hall"),
      row(t.deputy.id, "present_remote", at("12:06")),
      row(t.member.id, "present_remote"),
      row(t.probationary.id, "absent_unexcused"),
    ]);
  await dbOf(t.tenantId)
    .insert(minutes)
    .values({
      id: `min-${crypto.randomUUID()}`,
      tenantId: t.tenantId,
      meetingId: m.id,
      version: 1,
      body: v1,
      createdBy: t.deputy.id,
    });
  return { url: `${base(t.tenantId)}/${m.id}`, meetingId: m.id };
}

describe("minutes approval in a built-in media meeting", () => {
  it("refuses a wrong count of who heard the hall (409 naming it) and changes nothing; approves the record's", async () => {
    const t = await branch();
    const wrong = counts(PRESENT.replace("trong đó 1 nghe", "trong đó 2 nghe").replace("1 chỉ theo", "0 chỉ theo"));
    const { url } = await heldBuiltin(t, wrong);
    const chair = await login(t.secretary.email);
    const before = await auditCount(t.tenantId);
    const res = await api<ErrorBody>("POST", `${url}/minutes/1/approve`, chair);
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe("conflict");
    expect(res.json.error.issues?.map((i) => i.path)).toEqual(["Có mặt"]);
    expect(res.json.error.issues?.[0]?.message).toContain(`hồ sơ ghi «${PRESENT}»`);
    expect(await auditCount(t.tenantId)).toBe(before);

    expect((await api("POST", `${url}/minutes`, chair, { body: `Chi bộ họp.\n${counts(PRESENT)}` })).status).toBe(201);
    const ok = await api<Minutes>("POST", `${url}/minutes/2/approve`, chair);
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    expect(ok.json.latest).toMatchObject({ version: 2, status: "approved" });
  });

  it("the record API carries heardAt; another tenant's meeting answers 404", async () => {
    const t = await branch();
    const { url, meetingId } = await heldBuiltin(t, counts(PRESENT));
    const chair = await login(t.secretary.email);
    const rec = await api<MeetingRecordAnswer>("GET", `${url}/record`, chair);
    expect(rec.status).toBe(200);
    const heard = new Map(rec.json.attendance.map((a) => [a.personId, a.heardAt]));
    expect(heard.get(t.deputy.id)).toBe("2026-11-22T12:06:00.000Z");
    expect(heard.get(t.member.id)).toBeNull();
    const other = await branch();
    const otherChair = await login(other.secretary.email);
    expect((await api("GET", `${base(other.tenantId)}/${meetingId}/record`, otherChair)).status).toBe(404);
    expect((await api("POST", `${base(other.tenantId)}/${meetingId}/minutes/1/approve`, otherChair)).status).toBe(404);
  });
});
