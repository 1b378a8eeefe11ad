import { describe, expect, it } from "vitest";
import { meetingGuests } from "../../schema/db/tables";
import { api, createPerson, d1Of, dbOf, login } from "../support/fixtures";
import { base, branch, planned } from "./meetings-helpers";

type Expected = { personId: string; fullName: string; branchRole: string } & Record<string, unknown>;
type Detail = { id: string; expected: Expected[]; agenda: unknown[]; documents: unknown[] };

describe("who the meeting expects", () => {
  it("shows a visiting leader the branch's active members by the committee's record, without contact data", async () => {
    const t = await branch();
    const m = await planned(t);
    // The committee's record names the member (not the account), carries a phone, and one member is suspended.
    await d1Of(t.tenantId)
      .prepare("update memberships set full_name = ?, phone = ? where person_id = ?")
      .bind("Lê Văn Đảng Viên (hồ sơ)", "0901234567", t.member.id)
      .run();
    await d1Of(t.tenantId)
      .prepare("update memberships set standing = 'suspended' where person_id = ?")
      .bind(t.probationary.id)
      .run();
    const leader = await createPerson("Lãnh Đạo Thăm");
    await dbOf(t.tenantId).insert(meetingGuests).values({ tenantId: t.tenantId, meetingId: m.id, personId: leader.id });
    const token = await login(leader.email);
    // The member list stays closed to a guest: the meeting answer is where they read who is expected.
    expect((await api("GET", `/api/tenants/${t.tenantId}/members?organizationId=${t.branchId}`, token)).status).toBe(
      403,
    );

    const res = await api<Detail>("GET", `${base(t.tenantId)}/${m.id}`, token);
    expect(res.status).toBe(200);
    expect(res.json.expected).toEqual([
      { personId: t.secretary.id, fullName: "Nguyễn Văn Bí Thư", branchRole: "secretary" },
      { personId: t.deputy.id, fullName: "Trần Thị Phó", branchRole: "deputy" },
      { personId: t.member.id, fullName: "Lê Văn Đảng Viên (hồ sơ)", branchRole: "member" },
    ]);
    const text = JSON.stringify(res.json.expected);
    for (const secret of ["0901234567", t.member.email, t.secretary.email, "@"]) expect(text).not.toContain(secret);
    // Staff read the same list.
    const staffView = await api<Detail>("GET", `${base(t.tenantId)}/${m.id}`, t.adminToken);
    expect(staffView.json.expected).toEqual(res.json.expected);
  });

  it("gives another committee's guest nothing of this meeting", async () => {
    const t = await branch();
    const other = await branch();
    const m = await planned(t);
    const theirs = await planned(other);
    const leader = await createPerson("Lãnh Đạo Nơi Khác");
    await dbOf(other.tenantId)
      .insert(meetingGuests)
      .values({ tenantId: other.tenantId, meetingId: theirs.id, personId: leader.id });
    const token = await login(leader.email);
    expect((await api("GET", `${base(t.tenantId)}/${m.id}`, token)).status).toBe(404);
    expect((await api("GET", `${base(other.tenantId)}/${m.id}`, token)).status).toBe(404);
  });
});
