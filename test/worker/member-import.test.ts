import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { ImportResult, MemberPage } from "../../schema/api/members";
import type { OrganizationTree } from "../../schema/api/organizations";
import { organizations, tenantRoles } from "../../schema/db/tables";
import type { ErrorBody, ErrorIssue } from "../../schema/errors";
import { api, createPerson, createTenant, dbOf, firstInShards, login } from "../support/fixtures";

/** An import answer as the tests read it: the result, or the envelope with its issues listed. */
type ImportAnswer = ImportResult & { error: ErrorBody["error"] & { issues: ErrorIssue[] } };

const importUrl = (tenantId: string, dryRun = false) =>
  `/api/tenants/${tenantId}/members/import${dryRun ? "?dryRun=1" : ""}`;
const HEADER = "Họ và tên,Email,Điện thoại,Năm sinh,Chi bộ,Trạng thái,Ngày vào dự bị,Chức vụ";
const count = async (sql: string, ...binds: unknown[]) => ((await firstInShards(sql, ...binds)) as { n: number }).n;
const memberCount = (tenantId: string) => count("select count(*) as n from memberships where tenant_id = ?", tenantId);
const auditCount = (tenantId: string) =>
  count("select count(*) as n from audit_log where tenant_id = ? and action = 'import'", tenantId);
const csvPost = (tenantId: string, token: string, csv: string, dryRun = false) =>
  api<ImportAnswer>("POST", importUrl(tenantId, dryRun), token, csv, { "content-type": "text/csv; charset=utf-8" });

async function secondBranch(tenantId: string, parentId: string, name: string) {
  const id = `org-${crypto.randomUUID().slice(0, 8)}`;
  await dbOf(tenantId)
    .insert(organizations)
    .values({ id, tenantId, parentId, kind: "branch", name, branchType: "agency" });
  return id;
}

describe("member CSV import", () => {
  it("imports a Vietnamese file by branch name or id, and an English one as JSON", async () => {
    const t = await createTenant([]);
    const token = await login(t.admin.email);
    const before = await memberCount(t.tenantId);
    const csv = [
      HEADER,
      "Nguyễn Văn Một,mot@chibo.test,0912345678,1960,Chi bộ khu phố 1,Chính thức,,Bí thư",
      `"Trần, Thị Hai",,,1990,${t.branchId},Dự bị,15/03/2026,`,
      "Lê Văn Ba,,,,chi bo khu pho 1,chính thức,,Chi ủy viên",
    ].join("\r\n");
    const res = await csvPost(t.tenantId, token, csv);
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ dryRun: false, rows: 3 });
    expect(res.json.membershipIds).toHaveLength(3);
    expect(res.json.byOrganization).toEqual([
      { organizationId: t.branchId, organizationName: "Chi bộ khu phố 1", rows: 3 },
    ]);
    expect(await memberCount(t.tenantId)).toBe(before + 3);
    expect(await auditCount(t.tenantId)).toBe(1);
    const list = await api<MemberPage>("GET", `/api/tenants/${t.tenantId}/members?q=thi hai`, token);
    expect(list.json.items[0]).toMatchObject({
      fullName: "Trần, Thị Hai",
      status: "probationary",
      probationStart: "2026-03-15",
      birthYear: 1990,
    });
    const mot = await api<MemberPage>("GET", `/api/tenants/${t.tenantId}/members?q=mot@chibo.test`, token);
    expect(mot.json.items[0]).toMatchObject({ branchRole: "secretary", phone: "0912345678", email: "mot@chibo.test" });

    const en = await api<ImportResult>("POST", importUrl(t.tenantId), token, {
      csv: "Full name;Branch;Status;Role\nPhạm Văn Bốn;Chi bộ khu phố 1;official;member\n",
    });
    expect(en.status).toBe(201);
    expect(en.json.rows).toBe(1);
  });

  it("previews with ?dryRun=1 and writes nothing", async () => {
    const t = await createTenant([]);
    const token = await login(t.admin.email);
    const before = await memberCount(t.tenantId);
    const res = await csvPost(
      t.tenantId,
      token,
      `${HEADER}\nA Một,,,,Chi bộ khu phố 1,Chính thức,,\nB Hai,,,,Chi bộ khu phố 1,Chính thức,,`,
      true,
    );
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ dryRun: true, rows: 2 });
    expect(res.json.preview).toEqual([
      expect.objectContaining({ line: 2, fullName: "A Một", organizationId: t.branchId, status: "official" }),
      expect.objectContaining({ line: 3, fullName: "B Hai" }),
    ]);
    expect(await memberCount(t.tenantId)).toBe(before);
    expect(await auditCount(t.tenantId)).toBe(0);
  });

  it("reports every bad row with its line and reason, and imports nothing", async () => {
    const t = await createTenant([{ name: "Bí Thư Cũ", branchRole: "secretary" }, { name: "Đã Có" }]);
    const other = await createTenant([{ name: "Người Tỉnh Khác" }]);
    await secondBranch(t.tenantId, t.committeeId, "Chi bộ cơ quan");
    const token = await login(t.admin.email);
    const before = await memberCount(t.tenantId);
    const existing = t.people["Đã Có"]!;
    const foreign = other.people["Người Tỉnh Khác"]!;
    const lines = [
      HEADER, // 1
      "Tốt Một,tot1@chibo.test,,,Chi bộ khu phố 1,Chính thức,,", // 2 fine
      ",,,,Chi bộ khu phố 1,Chính thức,,", // 3 missing name
      "Sai Chi Bộ,,,,Chi bộ không có,Chính thức,,", // 4 unknown branch
      "Sai Trạng Thái,,,,Chi bộ khu phố 1,Khai trừ,,", // 5 bad status
      "Sai Ngày,,,,Chi bộ khu phố 1,Dự bị,31/02/2026,", // 6 bad date
      "Trùng Mail,tot1@chibo.test,,,Chi bộ cơ quan,Chính thức,,", // 7 duplicate e-mail in file
      `Tên Khác,${foreign.email},,,Chi bộ khu phố 1,Chính thức,,`, // 8 fine: an e-mail known to another committee is no business of ours
      `Đã Có,${existing.email},,,Chi bộ khu phố 1,Chính thức,,`, // 9 already a member of the branch
      "Bí Thư Mới,,,,Chi bộ khu phố 1,Chính thức,,Bí thư", // 10 branch already has a secretary
      "Bí Thư A,,,,Chi bộ cơ quan,Chính thức,,Bí thư", // 11 fine
      "Bí Thư B,,,,Chi bộ cơ quan,Chính thức,,Bí thư", // 12 second secretary in file
      "Đảng Ủy,,,,Đảng bộ phường Một,Chính thức,,", // 13 a committee, not a branch
      `"Dòng""Hỏng,,,,Chi bộ khu phố 1,Chính thức,,`, // 14..: stray quote → whole file unreadable, tested apart
    ];
    const res = await csvPost(t.tenantId, token, lines.slice(0, 13).join("\n"));
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("bad_request");
    const byLine = new Map<string, string[]>();
    for (const i of res.json.error.issues as { path: string; message: string }[])
      byLine.set(i.path, [...(byLine.get(i.path) ?? []), i.message]);
    expect([...byLine.keys()]).toEqual([
      "line 3",
      "line 4",
      "line 5",
      "line 6",
      "line 7",
      "line 9",
      "line 10",
      "line 12",
      "line 13",
    ]);
    expect(byLine.get("line 3")!.join()).toMatch(/Missing full name/);
    expect(byLine.get("line 4")!.join()).toMatch(/Unknown branch/);
    expect(byLine.get("line 5")!.join()).toMatch(/Bad status/);
    expect(byLine.get("line 6")!.join()).toMatch(/Bad date/);
    expect(byLine.get("line 7")!.join()).toMatch(/repeats line 2/);
    expect(byLine.get("line 9")!.join()).toMatch(/already has a member with this e-mail/);
    expect(byLine.get("line 10")!.join()).toMatch(/already has a secretary/);
    expect(byLine.get("line 12")!.join()).toMatch(/Second secretary \(line 11\)/);
    expect(byLine.get("line 13")!.join()).toMatch(/not a branch/);
    expect(await memberCount(t.tenantId)).toBe(before);
    expect(await count("select count(*) as n from people where email = 'tot1@chibo.test'")).toBe(0);
    expect(await auditCount(t.tenantId)).toBe(0);

    const broken = await csvPost(t.tenantId, token, lines.join("\n"));
    expect(broken.status).toBe(400);
    expect(broken.json.error.issues).toEqual([{ path: "line 14", message: expect.stringMatching(/quote/i) }]);
  });

  it("refuses bad headers, empty files, wrong content types and malformed JSON", async () => {
    const t = await createTenant([]);
    const token = await login(t.admin.email);
    const header = await csvPost(t.tenantId, token, "Tên,Quê quán\nA,B");
    expect(header.status).toBe(400);
    expect(header.json.error.issues.every((i: { path: string }) => i.path === "line 1")).toBe(true);
    expect((await csvPost(t.tenantId, token, HEADER)).json.error.issues).toEqual([
      { path: "line 1", message: expect.stringMatching(/No data rows/) },
    ]);
    expect((await csvPost(t.tenantId, token, "  \n")).status).toBe(400);
    expect(
      (await api("POST", importUrl(t.tenantId), token, "{csv:", { "content-type": "application/json" })).status,
    ).toBe(400);
    expect((await api("POST", importUrl(t.tenantId), token, { csv: 5 })).status).toBe(400);
    expect((await api("POST", importUrl(t.tenantId), token, {})).status).toBe(400);
    expect(
      (await api("POST", importUrl(t.tenantId), token, "a=b", { "content-type": "application/x-www-form-urlencoded" }))
        .status,
    ).toBe(400);
    expect((await api("POST", `${importUrl(t.tenantId)}?dryRun=maybe`, token, { csv: HEADER })).status).toBe(400);
    const longName = await csvPost(t.tenantId, token, `${HEADER}\n${"x".repeat(201)},,,,Chi bộ khu phố 1,Chính thức,,`);
    expect(longName.json.error.issues).toEqual([{ path: "line 2", message: expect.stringMatching(/over 200/) }]);
    const huge = await csvPost(
      t.tenantId,
      token,
      `${HEADER}\n${"A,,,,Chi bộ khu phố 1,Chính thức,,\n".repeat(40_000)}`,
    );
    expect(huge.status).toBe(413);
    expect(huge.json.error.code).toBe("payload_too_large");
    expect(await memberCount(t.tenantId)).toBe(0);
  });

  it("enforces roles: organizer may import, viewer and members may not", async () => {
    const t = await createTenant([{ name: "Đảng Viên" }]);
    const organizer = await createPerson("Tổ chức");
    const viewer = await createPerson("Xem");
    await dbOf(t.tenantId)
      .insert(tenantRoles)
      .values([
        { tenantId: t.tenantId, personId: organizer.id, role: "organizer" },
        { tenantId: t.tenantId, personId: viewer.id, role: "viewer" },
      ]);
    const csv = `${HEADER}\nMới,,,,Chi bộ khu phố 1,Chính thức,,`;
    expect((await csvPost(t.tenantId, await login(viewer.email), csv)).status).toBe(403);
    expect((await csvPost(t.tenantId, await login(t.people["Đảng Viên"]!.email), csv)).status).toBe(403);
    expect((await csvPost(t.tenantId, await login(organizer.email), csv)).status).toBe(201);
  });

  it("never resolves another tenant's branch by id or name, and writes nothing there", async () => {
    const mine = await createTenant([]);
    const other = await createTenant([]);
    await dbOf(other.tenantId)
      .update(organizations)
      .set({ name: "Chi bộ riêng của tỉnh khác" })
      .where(eq(organizations.id, other.branchId));
    const token = await login(mine.admin.email);
    const res = await csvPost(
      mine.tenantId,
      token,
      `${HEADER}\nA,,,,${other.branchId},Chính thức,,\nB,,,,Chi bộ riêng của tỉnh khác,Chính thức,,`,
    );
    expect(res.status).toBe(400);
    expect(res.json.error.issues.map((i: { path: string }) => i.path)).toEqual(["line 2", "line 3"]);
    expect(await memberCount(other.tenantId)).toBe(0);
    expect((await csvPost(other.tenantId, token, `${HEADER}\nA,,,,${other.branchId},Chính thức,,`)).status).toBe(404);
  });

  it("imports 5,000 generated rows across 20 branches within the body limit", async () => {
    const t = await createTenant([]);
    const branches = [t.branchId];
    for (let i = 2; i <= 20; i++) branches.push(await secondBranch(t.tenantId, t.committeeId, `Chi bộ số ${i}`));
    const names = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng"];
    const rows = [HEADER];
    for (let i = 0; i < 5000; i++) {
      const branch = i % 20 === 0 ? "Chi bộ khu phố 1" : branches[i % 20]!;
      const probation = i % 7 === 0;
      rows.push(
        [
          `${names[i % 10]} Văn Thứ ${i}`,
          i % 3 === 0 ? "" : `dv${i}-${t.tenantId}@chibo.test`,
          `09${String(i).padStart(8, "0")}`,
          String(1950 + (i % 50)),
          branch,
          probation ? "Dự bị" : "Chính thức",
          probation ? "01/06/2026" : "",
          i < 20 ? "Bí thư" : i % 11 === 0 ? "Chi ủy viên" : "",
        ].join(","),
      );
    }
    const csv = rows.join("\n");
    expect(new TextEncoder().encode(csv).length).toBeLessThan(1024 * 1024);
    const token = await login(t.admin.email);
    const started = Date.now();
    const res = await csvPost(t.tenantId, token, csv);
    const ms = Date.now() - started;
    console.log(`import of 5,000 rows (${(csv.length / 1024).toFixed(0)} KiB): ${ms} ms`);
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ rows: 5000 });
    expect(res.json.membershipIds).toHaveLength(5000);
    expect(res.json.preview).toHaveLength(100);
    expect(await memberCount(t.tenantId)).toBe(5000);
    expect(
      await count(
        "select count(*) as n from memberships where tenant_id = ? and branch_role = 'secretary'",
        t.tenantId,
      ),
    ).toBe(20);
    expect(await auditCount(t.tenantId)).toBe(1);
    const tree = await api<OrganizationTree>("GET", `/api/tenants/${t.tenantId}/organizations`, token);
    expect(tree.json.counts).toMatchObject({ total: 5000, probationary: Math.ceil(5000 / 7) });
    const search = await api<MemberPage>(
      "GET",
      `/api/tenants/${t.tenantId}/members?q=dang van thu 499&pageSize=20`,
      token,
    );
    expect(search.json.items.map((m: { fullName: string }) => m.fullName)).toContain("Đặng Văn Thứ 4999");
  });
});
