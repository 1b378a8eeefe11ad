import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Member, MemberPage } from "../../schema/api/members";
import { memberships, tenantRoles } from "../../schema/db/tables";
import type { ErrorBody } from "../../schema/errors";
import { api, createPerson, createTenant, d1Of, dbOf, firstInShards, login } from "../support/fixtures";

/** A member page whose first item the tests read directly. */
type Page = Omit<MemberPage, "items"> & { items: [Member, ...Member[]] };
/** A member answered with the exemption just set. */
type Exempted = Member & { exemption: NonNullable<Member["exemption"]> };

const base = (tenantId: string) => `/api/tenants/${tenantId}/members`;
const auditCount = async (tenantId: string) =>
  (
    (await d1Of(tenantId)
      .prepare("select count(*) as n from audit_log where tenant_id = ?")
      .bind(tenantId)
      .first()) as {
      n: number;
    }
  ).n;
const row = (membershipId: string) =>
  firstInShards(
    "select m.status, m.standing, m.branch_role, m.probation_start, m.exempt_reason, m.full_name, m.email, m.phone from memberships m where m.id = ?",
    membershipId,
  );

async function staff(tenantId: string, role: "admin" | "organizer" | "viewer") {
  const p = await createPerson(`Cán bộ ${role}`);
  await dbOf(tenantId).insert(tenantRoles).values({ tenantId, personId: p.id, role });
  return login(p.email);
}

describe("member list", () => {
  it("pages and searches names without diacritics, and by e-mail", async () => {
    const t = await createTenant([
      { name: "Nguyễn Văn Đức", branchRole: "secretary" },
      { name: "Trần Thị Hồng" },
      { name: "Lê Đức Thọ", status: "probationary" },
      { name: "Phạm Thị Lan", exempt: true },
    ]);
    const token = await login(t.admin.email);
    const all = await api<Page>("GET", `${base(t.tenantId)}?pageSize=2`, token);
    expect(all.status).toBe(200);
    expect(all.json).toMatchObject({ total: 4, page: 1, pageSize: 2 });
    expect(all.json.items).toHaveLength(2);
    const page2 = await api<Page>("GET", `${base(t.tenantId)}?pageSize=2&page=2`, token);
    expect(page2.json.items.map((m: { fullName: string }) => m.fullName)).not.toContain(all.json.items[0].fullName);

    const duc = await api<Page>("GET", `${base(t.tenantId)}?q=${encodeURIComponent("duc")}`, token);
    expect(duc.json.items.map((m: { fullName: string }) => m.fullName).sort()).toEqual([
      "Lê Đức Thọ",
      "Nguyễn Văn Đức",
    ]);
    const accented = await api<Page>("GET", `${base(t.tenantId)}?q=${encodeURIComponent("Hồng")}`, token);
    expect(accented.json.items.map((m: { fullName: string }) => m.fullName)).toEqual(["Trần Thị Hồng"]);
    const byEmail = await api<Page>(
      "GET",
      `${base(t.tenantId)}?q=${encodeURIComponent(t.people["Phạm Thị Lan"]!.email)}`,
      token,
    );
    expect(byEmail.json.total).toBe(1);
    const wildcard = await api<Page>("GET", `${base(t.tenantId)}?q=${encodeURIComponent("%")}`, token);
    expect(wildcard.json.total).toBe(0);

    const lan = byEmail.json.items[0];
    expect(lan).toMatchObject({
      membershipId: t.people["Phạm Thị Lan"]!.membershipId,
      personId: t.people["Phạm Thị Lan"]!.id,
      organizationId: t.branchId,
      organizationName: "Chi bộ khu phố 1",
      status: "official",
      branchRole: "member",
      exemption: { reason: "Tuổi cao, sức yếu", from: "2026-01-01", to: null },
    });
    expect(
      (await api<Page>("GET", `${base(t.tenantId)}?status=probationary`, token)).json.items.map(
        (m: { fullName: string }) => m.fullName,
      ),
    ).toEqual(["Lê Đức Thọ"]);
    expect((await api<Page>("GET", `${base(t.tenantId)}?status=exempt`, token)).json.total).toBe(1);
    expect((await api<Page>("GET", `${base(t.tenantId)}?organizationId=${t.committeeId}`, token)).json.total).toBe(4);
    expect((await api<Page>("GET", `${base(t.tenantId)}?organizationId=${t.branchId}&q=lan`, token)).json.total).toBe(
      1,
    );
    expect((await api<Page>("GET", `${base(t.tenantId)}?organizationId=unknown-org`, token)).json.total).toBe(0);
  });

  it("shows a plain member only their own branches; staff see all; guests get 403", async () => {
    const t = await createTenant([{ name: "Đảng viên A" }, { name: "Đảng viên B" }]);
    // A second branch with one member that A does not belong to.
    const otherBranch = `org-${crypto.randomUUID().slice(0, 8)}`;
    await d1Of(t.tenantId)
      .prepare(
        "insert into organizations (id, tenant_id, parent_id, kind, name, branch_type) values (?, ?, ?, 'branch', 'Chi bộ 2', 'agency')",
      )
      .bind(otherBranch, t.tenantId, t.committeeId)
      .run();
    const c = await createPerson("Đảng viên C");
    await dbOf(t.tenantId)
      .insert(memberships)
      .values({
        id: `m-${c.id}`,
        tenantId: t.tenantId,
        organizationId: otherBranch,
        personId: c.id,
        status: "official",
      });

    const asMember = await api<Page>("GET", base(t.tenantId), await login(t.people["Đảng viên A"]!.email));
    expect(asMember.status).toBe(200);
    expect(asMember.json.total).toBe(2);
    expect(asMember.json.items.map((m: { fullName: string }) => m.fullName)).not.toContain("Đảng viên C");
    const peek = await api<Page>(
      "GET",
      `${base(t.tenantId)}?organizationId=${otherBranch}`,
      await login(t.people["Đảng viên A"]!.email),
    );
    expect(peek.json.total).toBe(0);
    expect((await api<Page>("GET", base(t.tenantId), await staff(t.tenantId, "viewer"))).json.total).toBe(3);

    const guest = await createPerson("Khách mời");
    const meetingId = `mt-${crypto.randomUUID().slice(0, 8)}`;
    await d1Of(t.tenantId)
      .prepare(
        "insert into meetings (id, tenant_id, organization_id, kind, topic, scheduled_at) values (?, ?, ?, 'regular', 'Họp', '2026-12-01T12:00:00Z')",
      )
      .bind(meetingId, t.tenantId, t.branchId)
      .run();
    await d1Of(t.tenantId)
      .prepare("insert into meeting_guests (tenant_id, meeting_id, person_id) values (?, ?, ?)")
      .bind(t.tenantId, meetingId, guest.id)
      .run();
    const asGuest = await api<ErrorBody>("GET", base(t.tenantId), await login(guest.email));
    expect(asGuest.status).toBe(403);
    expect(asGuest.json.error.code).toBe("forbidden");
  });

  it("says which records an account has taken (linkedAt), so the committee knows whom to invite", async () => {
    const t = await createTenant([{ name: "Đã Nhận Lời" }, { name: "Chưa Nhận Lời", login: false }]);
    const taken = t.people["Đã Nhận Lời"]!.membershipId;
    await dbOf(t.tenantId)
      .update(memberships)
      .set({ linkedAt: "2026-12-01T03:00:00.000Z" })
      .where(eq(memberships.id, taken));
    const page = await api<MemberPage>("GET", base(t.tenantId), await login(t.admin.email));
    expect(Object.fromEntries(page.json.items.map((m) => [m.membershipId, m.linkedAt]))).toEqual({
      [taken]: "2026-12-01T03:00:00.000Z",
      [t.people["Chưa Nhận Lời"]!.membershipId]: null,
    });
  });

  it("answers bad queries with 400", async () => {
    const t = await createTenant();
    const token = await login(t.admin.email);
    for (const q of [
      "page=0",
      "page=x",
      "pageSize=1000",
      "status=dead",
      `q=${"a".repeat(101)}`,
      "organizationId=a%20b",
    ]) {
      const res = await api<ErrorBody>("GET", `${base(t.tenantId)}?${q}`, token);
      expect(res.status, q).toBe(400);
      expect(res.json.error.code).toBe("bad_request");
    }
  });
});

describe("creating members", () => {
  it("creates the person and membership, with an audit row", async () => {
    const t = await createTenant();
    const token = await staff(t.tenantId, "organizer");
    const before = await auditCount(t.tenantId);
    const res = await api<Member>("POST", base(t.tenantId), token, {
      fullName: "Hoàng Văn Mới",
      email: "Moi.Hoang@Chibo.test",
      phone: "0912 345 678",
      birthYear: 1980,
      organizationId: t.branchId,
      status: "probationary",
      probationStart: "2026-05-19",
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      fullName: "Hoàng Văn Mới",
      email: "moi.hoang@chibo.test",
      status: "probationary",
      probationStart: "2026-05-19",
      branchRole: "member",
      exemption: null,
    });
    expect(await auditCount(t.tenantId)).toBe(before + 1);
    const found = await api<Page>("GET", `${base(t.tenantId)}?q=hoang van moi`, token);
    expect(found.json.total).toBe(1);
  });

  it("makes each record its own empty account, and refuses the same contact e-mail twice in one branch", async () => {
    const t = await createTenant();
    const token = await login(t.admin.email);
    const body = { fullName: "Lê Văn Mới", email: "le.moi@chibo.test", organizationId: t.branchId, status: "official" };
    const first = await api<Member>("POST", base(t.tenantId), token, body);
    expect(first.status).toBe(201);
    expect(first.json.linkedAt).toBeNull();
    const account = await d1Of(t.tenantId)
      .prepare("select email, password_hash from people where id = ?")
      .bind(first.json.personId)
      .first();
    // The contact e-mail is the committee's; the account has no login until its holder redeems the invitation.
    expect(account).toEqual({ email: null, password_hash: null });
    // An empty account lives in the committee's shard only; the directory gets it when someone redeems it.
    expect(await env.DB.prepare("select 1 from people where id = ?").bind(first.json.personId).first()).toBeNull();
    const again = await api<ErrorBody>("POST", base(t.tenantId), token, { ...body, fullName: "Lê Văn Khác" });
    expect(again.status).toBe(409);
  });

  it("refuses a second secretary, a committee as the organization, and probation without a date", async () => {
    const t = await createTenant([{ name: "Bí Thư", branchRole: "secretary" }]);
    const token = await login(t.admin.email);
    const second = await api<ErrorBody>("POST", base(t.tenantId), token, {
      fullName: "Bí Thư Hai",
      organizationId: t.branchId,
      status: "official",
      branchRole: "secretary",
    });
    expect(second.status).toBe(409);
    expect(second.json.error.code).toBe("conflict");
    const toCommittee = await api("POST", base(t.tenantId), token, {
      fullName: "X",
      organizationId: t.committeeId,
      status: "official",
    });
    expect(toCommittee.status).toBe(400);
    const noDate = await api<ErrorBody>("POST", base(t.tenantId), token, {
      fullName: "X",
      organizationId: t.branchId,
      status: "probationary",
    });
    expect(noDate.status).toBe(400);
    expect(noDate.json.error.issues).toEqual([expect.objectContaining({ path: "probationStart" })]);
  });

  it("answers bad bodies with 400, unknown organizations with 404, oversized with 413", async () => {
    const t = await createTenant();
    const token = await login(t.admin.email);
    const ok = { fullName: "X", organizationId: t.branchId, status: "official" };
    const bodies: unknown[] = [
      "{not json",
      {},
      { ...ok, fullName: 5 },
      { ...ok, fullName: "x".repeat(201) },
      { ...ok, email: "not-an-email" },
      { ...ok, phone: "call me" },
      { ...ok, birthYear: "1980" },
      { ...ok, status: "expelled" },
      { ...ok, branchRole: "king" },
      { ...ok, probationStart: "2026-13-01", status: "probationary" },
      { ...ok, unknownField: true },
    ];
    for (const body of bodies) {
      const res = await api<ErrorBody>("POST", base(t.tenantId), token, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBe("bad_request");
    }
    expect((await api("POST", base(t.tenantId), token, { ...ok, organizationId: "no-such-org" })).status).toBe(404);
    expect(
      (await api("POST", base(t.tenantId), token, JSON.stringify({ ...ok, fullName: "x".repeat(1_100_000) }))).status,
    ).toBe(413);
  });
});

describe("editing members", () => {
  it("changes status, role, name, phone and e-mail, writing an audit row each time", async () => {
    const t = await createTenant([{ name: "Đảng Viên Dự Bị", status: "probationary" }]);
    const m = t.people["Đảng Viên Dự Bị"]!;
    const token = await login(t.admin.email);
    const before = await auditCount(t.tenantId);
    const official = await api<Member>("PATCH", `${base(t.tenantId)}/${m.membershipId}`, token, {
      status: "official",
      branchRole: "deputy",
    });
    expect(official.status).toBe(200);
    expect(official.json).toMatchObject({ status: "official", probationStart: null, branchRole: "deputy" });
    const person = await api<Member>("PATCH", `${base(t.tenantId)}/${m.membershipId}`, token, {
      fullName: "Đảng Viên Đổi Tên",
      phone: "0987654321",
      email: "doi.ten@chibo.test",
    });
    expect(person.status).toBe(200);
    expect(await row(m.membershipId)).toMatchObject({
      full_name: "Đảng Viên Đổi Tên",
      phone: "0987654321",
      email: "doi.ten@chibo.test",
      branch_role: "deputy",
    });
    expect((await api<Page>("GET", `${base(t.tenantId)}?q=doi ten`, token)).json.total).toBe(1);
    const back = await api<Member>("PATCH", `${base(t.tenantId)}/${m.membershipId}`, token, {
      status: "probationary",
      probationStart: "2026-02-03",
    });
    expect(back.json).toMatchObject({ status: "probationary", probationStart: "2026-02-03" });
    expect(
      (await api("PATCH", `${base(t.tenantId)}/${m.membershipId}`, token, { status: "probationary" })).status,
    ).toBe(400);
    expect(await auditCount(t.tenantId)).toBe(before + 3);
  });

  it("sets a member's standing (transferred, suspended, detained, active again) with an audit row, and lists it", async () => {
    const t = await createTenant([{ name: "Đảng Viên Tạm Chuyển" }]);
    const m = t.people["Đảng Viên Tạm Chuyển"]!;
    const token = await login(t.admin.email);
    expect((await api<Page>("GET", `${base(t.tenantId)}?q=tam chuyen`, token)).json.items[0].standing).toBe("active");
    const before = await auditCount(t.tenantId);
    for (const standing of ["transferred", "suspended", "detained", "active"]) {
      const res = await api<Member>("PATCH", `${base(t.tenantId)}/${m.membershipId}`, token, { standing });
      expect(res.status, standing).toBe(200);
      expect(res.json.standing).toBe(standing);
      expect(await row(m.membershipId)).toMatchObject({ standing, status: "official", branch_role: "member" });
    }
    expect(await auditCount(t.tenantId)).toBe(before + 4);
    const audit = await d1Of(t.tenantId)
      .prepare("select detail from audit_log where tenant_id = ? and entity_id = ? order by rowid desc limit 1")
      .bind(t.tenantId, m.membershipId)
      .first<{ detail: string }>();
    expect(JSON.parse(audit!.detail)).toEqual({ standing: "active" });
    for (const standing of ["expelled", "", null, 1]) {
      const res = await api<ErrorBody>("PATCH", `${base(t.tenantId)}/${m.membershipId}`, token, { standing });
      expect(res.status, String(standing)).toBe(400);
      expect(res.json.error.code).toBe("bad_request");
    }
  });

  it("keeps one secretary per branch (409)", async () => {
    const t = await createTenant([{ name: "Bí Thư", branchRole: "secretary" }, { name: "Đảng Viên" }]);
    const token = await login(t.admin.email);
    const m = t.people["Đảng Viên"]!;
    const secretary = await api("PATCH", `${base(t.tenantId)}/${m.membershipId}`, token, { branchRole: "secretary" });
    expect(secretary.status).toBe(409);
    // The sitting secretary may be re-saved as secretary.
    expect(
      (
        await api("PATCH", `${base(t.tenantId)}/${t.people["Bí Thư"]!.membershipId}`, token, {
          branchRole: "secretary",
        })
      ).status,
    ).toBe(200);
    expect(await row(m.membershipId)).toMatchObject({ branch_role: "member", email: m.email });
  });

  it("exempts a member and lifts the exemption", async () => {
    const t = await createTenant([{ name: "Cụ Già" }]);
    const m = t.people["Cụ Già"]!;
    const token = await staff(t.tenantId, "organizer");
    const put = await api<Member>("PUT", `${base(t.tenantId)}/${m.membershipId}/exemption`, token, {
      reason: "Tuổi cao",
      from: "2026-01-01",
    });
    expect(put.status).toBe(200);
    expect(put.json.exemption).toEqual({ reason: "Tuổi cao", from: "2026-01-01", to: null });
    const bounded = await api<Exempted>("PUT", `${base(t.tenantId)}/${m.membershipId}/exemption`, token, {
      reason: "Ốm",
      from: "2026-01-01",
      to: "2026-06-30",
    });
    expect(bounded.json.exemption.to).toBe("2026-06-30");
    const del = await api<Member>("DELETE", `${base(t.tenantId)}/${m.membershipId}/exemption`, token);
    expect(del.status).toBe(200);
    expect(del.json.exemption).toBeNull();
    for (const body of [
      { reason: "x", from: "2026-05-01", to: "2026-04-01" },
      { reason: "", from: "2026-01-01" },
      { from: "hôm nay", reason: "x" },
      { reason: "x".repeat(501), from: "2026-01-01" },
      "{",
    ]) {
      expect(
        (await api("PUT", `${base(t.tenantId)}/${m.membershipId}/exemption`, token, body)).status,
        JSON.stringify(body),
      ).toBe(400);
    }
  });
});

describe("roles and isolation", () => {
  it("forbids writes to a plain member and to a viewer", async () => {
    const t = await createTenant([{ name: "Đảng Viên" }]);
    const m = t.people["Đảng Viên"]!;
    for (const token of [await login(m.email), await staff(t.tenantId, "viewer")]) {
      const calls = [
        api("POST", base(t.tenantId), token, { fullName: "X", organizationId: t.branchId, status: "official" }),
        api("PATCH", `${base(t.tenantId)}/${m.membershipId}`, token, { branchRole: "secretary" }),
        api("PUT", `${base(t.tenantId)}/${m.membershipId}/exemption`, token, { reason: "x", from: "2026-01-01" }),
        api("DELETE", `${base(t.tenantId)}/${m.membershipId}/exemption`, token),
        api("POST", `${base(t.tenantId)}/import`, token, {
          csv: "Họ và tên,Chi bộ,Trạng thái\nA,Chi bộ khu phố 1,Chính thức",
        }),
      ];
      for (const res of await Promise.all(calls)) expect(res.status).toBe(403);
    }
    expect(await row(m.membershipId)).toMatchObject({ branch_role: "member", exempt_reason: null });
  });

  it("answers another tenant's membership ids with 404 and changes nothing", async () => {
    const mine = await createTenant();
    const other = await createTenant([{ name: "Của Người Khác" }]);
    const target = other.people["Của Người Khác"]!;
    const token = await login(mine.admin.email);
    const before = await row(target.membershipId);
    const calls = [
      api<ErrorBody>("PATCH", `${base(mine.tenantId)}/${target.membershipId}`, token, {
        fullName: "Bị Sửa",
        branchRole: "secretary",
      }),
      api<ErrorBody>("PATCH", `${base(mine.tenantId)}/${target.membershipId}`, token, { standing: "suspended" }),
      api<ErrorBody>("PUT", `${base(mine.tenantId)}/${target.membershipId}/exemption`, token, {
        reason: "x",
        from: "2026-01-01",
      }),
      api<ErrorBody>("DELETE", `${base(mine.tenantId)}/${target.membershipId}/exemption`, token),
      api<ErrorBody>("POST", `${base(mine.tenantId)}/${target.membershipId}/password`, token, {
        password: "mat-khau-dai-du",
      }),
      api<ErrorBody>("POST", base(mine.tenantId), token, {
        fullName: "X",
        organizationId: other.branchId,
        status: "official",
      }),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.status).toBe(404);
      expect(res.json.error.code).toBe("not_found");
    }
    expect(await row(target.membershipId)).toEqual(before);
    expect((await api<Page>("GET", `${base(mine.tenantId)}?organizationId=${other.branchId}`, token)).json.total).toBe(
      0,
    );
    expect((await api<Page>("GET", base(other.tenantId), token)).status).toBe(404);
    await expect(login(target.email, "mat-khau-dai-du")).rejects.toThrow(/401/);
  });

  it("answers unknown ids and bad bodies on edits", async () => {
    const t = await createTenant([{ name: "A" }]);
    const token = await login(t.admin.email);
    const m = t.people.A!;
    expect((await api("PATCH", `${base(t.tenantId)}/nope`, token, { branchRole: "member" })).status).toBe(404);
    expect(
      (await api("PUT", `${base(t.tenantId)}/nope/exemption`, token, { reason: "x", from: "2026-01-01" })).status,
    ).toBe(404);
    expect((await api("DELETE", `${base(t.tenantId)}/nope/exemption`, token)).status).toBe(404);
    expect(
      (await api("POST", `${base(t.tenantId)}/nope/password`, token, { password: "mat-khau-dai-du" })).status,
    ).toBe(404);
    for (const body of [
      "{",
      {},
      { branchRole: 1 },
      { fullName: "x".repeat(201) },
      { email: "x" },
      { status: "official", extra: 1 },
      { birthYear: 1800 },
    ]) {
      const res = await api("PATCH", `${base(t.tenantId)}/${m.membershipId}`, token, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect(
      (await api("PATCH", `${base(t.tenantId)}/${m.membershipId}`, token, { probationStart: "2026-01-01" })).status,
    ).toBe(400);
    expect(
      (
        await api(
          "PATCH",
          `${base(t.tenantId)}/${m.membershipId}`,
          token,
          JSON.stringify({ fullName: "x".repeat(1_100_000) }),
        )
      ).status,
    ).toBe(413);
  });
});
