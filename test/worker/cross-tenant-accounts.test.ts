import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Me } from "../../schema/api/auth";
import type { Member, MemberPage } from "../../schema/api/members";
import { people } from "../../schema/db/tables";
import { allInShards, api, createPerson, createTenant, d1Of, directory, login } from "../support/fixtures";

async function twoCommittees() {
  const a = await createTenant([{ name: "Phạm Văn Chi Bộ A", branchRole: "secretary" }]);
  const b = await createTenant([]);
  // B's account: an e-mail B knows, a password B knows, and data about the person only B entered.
  const held = await createPerson("Người Của B");
  await directory().update(people).set({ phone: "0912000111", birthYear: 1960 }).where(eq(people.id, held.id));
  const aToken = await login(a.admin.email);
  return { a, b, held, aToken };
}

/** What B's holder of X sees when logging in with B's password. */
async function tenantsOfHolder(email: string) {
  const token = await login(email);
  const me = await api<Me>("GET", "/api/auth/me", token);
  return { token, tenantIds: me.json.tenants.map((t) => t.id) };
}

const membersOf = async (tenantId: string, token: string) =>
  (await api<MemberPage>("GET", `/api/tenants/${tenantId}/members?limit=200`, token)).json.items;

describe("no way into another committee by e-mail", () => {
  it("adding a member with a known e-mail makes a record of ours, never attached to that account", async () => {
    const { a, held, aToken } = await twoCommittees();
    // The same name as B's person (the old code reused the account when names agreed) …
    const same = await api<Member>("POST", `/api/tenants/${a.tenantId}/members`, aToken, {
      fullName: held.name,
      email: held.email,
      organizationId: a.branchId,
      status: "official",
    });
    expect(same.status, JSON.stringify(same.json)).toBe(201);
    expect(same.json.personId).not.toBe(held.id);
    // … and a different name (the old code answered 409: "this e-mail is someone else's").
    // (A third committee, so the same contact e-mail is not twice in one of our branches.)
    const c = await createTenant([]);
    const other = await api<Member>("POST", `/api/tenants/${c.tenantId}/members`, await login(c.admin.email), {
      fullName: "Tên Khác Hẳn",
      email: held.email,
      organizationId: c.branchId,
      status: "official",
    });
    expect(other.status, JSON.stringify(other.json)).toBe(201);
    // The answer is what A entered: no phone, no birth year, A's name.
    expect(other.json).toMatchObject({ fullName: "Tên Khác Hẳn", email: held.email, phone: null, birthYear: null });
    expect(same.json).toMatchObject({ phone: null, birthYear: null });

    const holder = await tenantsOfHolder(held.email);
    expect(holder.tenantIds).not.toContain(a.tenantId);
    expect(holder.tenantIds).not.toContain(c.tenantId);
    const probe = await api("GET", `/api/tenants/${a.tenantId}/members`, holder.token);
    expect(probe.status).toBe(404);
  });

  it("a CSV import with a known e-mail attaches nothing and shows only the file's data", async () => {
    const { a, held, aToken } = await twoCommittees();
    const csv = [
      "Họ và tên,Email,Điện thoại,Năm sinh,Chi bộ,Trạng thái,Ngày vào dự bị,Chức vụ",
      `Tên Trong Tệp,${held.email},,,${a.branchId},Chính thức,,Đảng viên`,
    ].join("\n");
    const res = await api("POST", `/api/tenants/${a.tenantId}/members/import`, aToken, csv, {
      "content-type": "text/csv",
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(JSON.stringify(res.json)).not.toContain("Người Của B");
    const imported = (await membersOf(a.tenantId, aToken)).find((m) => m.email === held.email);
    expect(imported).toMatchObject({ fullName: "Tên Trong Tệp", phone: null, birthYear: null });
    expect(imported?.personId).not.toBe(held.id);
    expect((await tenantsOfHolder(held.email)).tenantIds).not.toContain(a.tenantId);
  });

  it("inviting a guest with a known e-mail admits nobody until the invitation is redeemed", async () => {
    const { a, held, aToken } = await twoCommittees();
    const meeting = await api<{ id: string }>("POST", `/api/tenants/${a.tenantId}/meetings`, aToken, {
      organizationId: a.branchId,
      kind: "regular",
      topic: "Sinh hoạt thường kỳ",
      scheduledAt: "2027-01-10T01:00:00.000Z",
      place: "Hội trường",
    });
    expect(meeting.status, JSON.stringify(meeting.json)).toBe(201);
    const guest = await api("POST", `/api/tenants/${a.tenantId}/meetings/${meeting.json.id}/guests`, aToken, {
      email: held.email,
      fullName: "Khách Mời",
      title: "Phó Bí thư",
    });
    expect(guest.status, JSON.stringify(guest.json)).toBe(201);
    expect(JSON.stringify(guest.json)).not.toContain("Người Của B");
    const holder = await tenantsOfHolder(held.email);
    expect(holder.tenantIds).not.toContain(a.tenantId);
    const ticket = await api("POST", `/api/tenants/${a.tenantId}/tickets`, holder.token, {
      meetingId: meeting.json.id,
    });
    expect(ticket.status).toBe(404);
  });

  it("a visit plan cannot name a person of another committee, by id or by e-mail", async () => {
    const { a, held, aToken } = await twoCommittees();
    for (const by of [{ leaderPersonId: held.id }, { leaderEmail: held.email }]) {
      const res = await api("POST", `/api/tenants/${a.tenantId}/visits`, aToken, {
        ...by,
        organizationId: a.branchId,
        month: "2027-01",
      });
      expect(res.status, JSON.stringify(res.json)).toBe(404);
    }
    const leaders = await api("GET", `/api/tenants/${a.tenantId}/visits/leaders`, aToken);
    expect(JSON.stringify(leaders.json)).not.toContain(held.id);
    const rows = await allInShards("select 1 from visit_plans where leader_person_id = ?", held.id);
    expect(rows).toEqual([]);
  });

  it("editing a member's record never answers that the person stands elsewhere, and never changes B's view", async () => {
    const { a, b, aToken } = await twoCommittees();
    // One account holding records in both committees (each linked by redeeming its own invitation).
    const shared = await createPerson("Người Hai Nơi");
    const ids: Record<string, string> = {};
    for (const t of [a, b]) {
      ids[t.tenantId] = `m-${crypto.randomUUID().slice(0, 8)}`;
      await d1Of(t.tenantId)
        .prepare(
          "insert into memberships (id, tenant_id, organization_id, person_id, status, full_name) values (?, ?, ?, ?, 'official', ?)",
        )
        .bind(ids[t.tenantId], t.tenantId, t.branchId, shared.id, shared.name)
        .run();
    }
    const res = await api<Member>("PATCH", `/api/tenants/${a.tenantId}/members/${ids[a.tenantId]}`, aToken, {
      fullName: "Tên A Đặt",
      phone: "0909999999",
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.fullName).toBe("Tên A Đặt");
    const bToken = await login(b.admin.email);
    const inB = (await membersOf(b.tenantId, bToken)).find((m) => m.membershipId === ids[b.tenantId]);
    expect(inB).toMatchObject({ fullName: "Người Hai Nơi", phone: null });
    // And nobody of a committee sets another person's password any more.
    const pw = await api("POST", `/api/tenants/${a.tenantId}/members/${ids[a.tenantId]}/password`, aToken, {
      password: "mat-khau-cua-uy-ban",
    });
    expect(pw.status).toBe(404);
  });
});

describe("a committee's pages use its own record of a member", () => {
  it("names the member in the meeting and its record as the committee recorded them, not by the account's name", async () => {
    const t = await createTenant([{ name: "Nguyễn Văn Hồ Sơ", branchRole: "secretary" }]);
    const member = t.people["Nguyễn Văn Hồ Sơ"]!;
    // The holder's account carries a name of their own (say, from another committee's invitation).
    await directory().update(people).set({ fullName: "Tên Của Tài Khoản" }).where(eq(people.id, member.id));
    const token = await login(t.admin.email);
    const meeting = await api<{ id: string; chairName: string | null }>(
      "POST",
      `/api/tenants/${t.tenantId}/meetings`,
      token,
      {
        organizationId: t.branchId,
        kind: "regular",
        topic: "Sinh hoạt thường kỳ",
        scheduledAt: "2027-02-10T01:00:00.000Z",
        place: "Hội trường",
        chairPersonId: member.id,
      },
    );
    expect(meeting.status, JSON.stringify(meeting.json)).toBe(201);
    expect(meeting.json.chairName).toBe("Nguyễn Văn Hồ Sơ");
    await d1Of(t.tenantId)
      .prepare("insert into attendance (tenant_id, meeting_id, person_id, status) values (?, ?, ?, 'present_hall')")
      .bind(t.tenantId, meeting.json.id, member.id)
      .run();
    const record = await api<{ attendance: { personId: string; fullName: string }[] }>(
      "GET",
      `/api/tenants/${t.tenantId}/meetings/${meeting.json.id}/record`,
      token,
    );
    expect(record.status).toBe(200);
    expect(record.json.attendance).toEqual([
      expect.objectContaining({ personId: member.id, fullName: "Nguyễn Văn Hồ Sơ" }),
    ]);
  });
});
