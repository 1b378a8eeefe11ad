import { describe, expect, it } from "vitest";
import type { MemberCounts, OrganizationNode } from "../../schema/api/organizations";
import { tenantRoles } from "../../schema/db/tables";
import type { ErrorBody } from "../../schema/errors";
import { api, createPerson, createTenant, d1Of, dbOf, login } from "../support/fixtures";

/** The tree answer, its first root read directly. */
type Tree = { counts: MemberCounts; items: [OrganizationNode, ...OrganizationNode[]] };
type Created = { id: string };

const base = (tenantId: string) => `/api/tenants/${tenantId}/organizations`;
const auditCount = async (tenantId: string) =>
  (
    (await d1Of(tenantId)
      .prepare("select count(*) as n from audit_log where tenant_id = ?")
      .bind(tenantId)
      .first()) as {
      n: number;
    }
  ).n;

async function staff(tenantId: string, role: "admin" | "organizer" | "viewer") {
  const p = await createPerson(`Cán bộ ${role}`);
  await dbOf(tenantId).insert(tenantRoles).values({ tenantId, personId: p.id, role });
  return login(p.email);
}

describe("organization tree", () => {
  it("nests branches under their committee with member counts (exempt within official + probationary)", async () => {
    const t = await createTenant([
      { name: "Nguyễn Văn A", branchRole: "secretary" },
      { name: "Trần Văn B" },
      { name: "Lê Thị C", status: "probationary" },
      { name: "Phạm Văn D", exempt: true },
    ]);
    const token = await login(t.admin.email);
    const res = await api<Tree>("GET", base(t.tenantId), token);
    expect(res.status).toBe(200);
    expect(res.json.counts).toEqual({ total: 4, official: 3, probationary: 1, exempt: 1 });
    expect(res.json.items).toHaveLength(1);
    const committee = res.json.items[0];
    expect(committee).toMatchObject({ id: t.committeeId, kind: "grassroots_committee", parentId: null });
    expect(committee.counts).toEqual({ total: 4, official: 3, probationary: 1, exempt: 1 });
    expect(committee.children).toEqual([
      expect.objectContaining({
        id: t.branchId,
        kind: "branch",
        branchType: "residential",
        counts: { total: 4, official: 3, probationary: 1, exempt: 1 },
        children: [],
      }),
    ]);
  });

  it("does not count an exemption that has ended or not begun", async () => {
    const t = await createTenant([{ name: "Hết miễn" }, { name: "Sắp miễn" }]);
    await d1Of(t.tenantId)
      .prepare(
        "update memberships set exempt_reason='ốm', exempt_from='2020-01-01', exempt_to='2020-12-31' where id = ?",
      )
      .bind(t.people["Hết miễn"]!.membershipId)
      .run();
    await d1Of(t.tenantId)
      .prepare("update memberships set exempt_reason='ốm', exempt_from='2999-01-01' where id = ?")
      .bind(t.people["Sắp miễn"]!.membershipId)
      .run();
    const res = await api<Tree>("GET", base(t.tenantId), await login(t.admin.email));
    expect(res.json.counts.exempt).toBe(0);
  });

  it("lets a member read the tree but refuses a guest", async () => {
    const t = await createTenant([{ name: "Đảng viên" }]);
    expect((await api("GET", base(t.tenantId), await login(t.people["Đảng viên"]!.email))).status).toBe(200);
    const outsider = await createPerson("Người ngoài");
    expect((await api("GET", base(t.tenantId), await login(outsider.email))).status).toBe(404);
  });

  it("creates committees, branches under them and grassroots branches, with audit rows", async () => {
    const t = await createTenant();
    const token = await staff(t.tenantId, "organizer");
    const before = await auditCount(t.tenantId);
    const committee = await api<Created>("POST", base(t.tenantId), token, {
      kind: "grassroots_committee",
      name: "Đảng bộ xã Hòa An",
    });
    expect(committee.status).toBe(201);
    const branch = await api("POST", base(t.tenantId), token, {
      kind: "branch",
      name: "Chi bộ ấp 3",
      parentId: committee.json.id,
      branchType: "residential",
    });
    expect(branch.status).toBe(201);
    expect(branch.json).toMatchObject({
      parentId: committee.json.id,
      kind: "branch",
      children: [],
      counts: { total: 0, official: 0, probationary: 0, exempt: 0 },
    });
    const school = await api("POST", base(t.tenantId), token, {
      kind: "grassroots_branch",
      name: "Chi bộ Trường THPT",
      branchType: "school",
    });
    expect(school.status).toBe(201);
    expect(await auditCount(t.tenantId)).toBe(before + 3);
    const tree = await api<Tree>("GET", base(t.tenantId), token);
    const hoaAn = tree.json.items.find((o: { id: string }) => o.id === committee.json.id);
    expect(hoaAn!.children.map((c: { name: string }) => c.name)).toEqual(["Chi bộ ấp 3"]);
    expect(tree.json.items.map((o: { name: string }) => o.name)).toContain("Chi bộ Trường THPT");
  });

  it("refuses inconsistent shapes: branch without parent or type, parent that is a branch, committee with a type", async () => {
    const t = await createTenant();
    const token = await login(t.admin.email);
    const bad = [
      { kind: "branch", name: "X", branchType: "residential" },
      { kind: "branch", name: "X", parentId: t.committeeId },
      { kind: "grassroots_committee", name: "X", branchType: "agency" },
      { kind: "grassroots_branch", name: "X", parentId: t.committeeId, branchType: "agency" },
    ];
    for (const body of bad) {
      const res = await api<ErrorBody>("POST", base(t.tenantId), token, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBe("bad_request");
    }
    const underBranch = await api("POST", base(t.tenantId), token, {
      kind: "branch",
      name: "X",
      parentId: t.branchId,
      branchType: "agency",
    });
    expect(underBranch.status).toBe(400);
  });

  it("renames and retypes a branch; a committee takes no branch type", async () => {
    const t = await createTenant();
    const token = await login(t.admin.email);
    const res = await api("PATCH", `${base(t.tenantId)}/${t.branchId}`, token, {
      name: "Chi bộ khu phố 1 mới",
      branchType: "agency",
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ name: "Chi bộ khu phố 1 mới", branchType: "agency", counts: { total: 1 } });
    expect((await api("PATCH", `${base(t.tenantId)}/${t.committeeId}`, token, { branchType: "agency" })).status).toBe(
      400,
    );
    expect((await api("PATCH", `${base(t.tenantId)}/${t.committeeId}`, token, { name: "Đảng bộ mới" })).status).toBe(
      200,
    );
  });

  it("enforces roles: viewer and plain member cannot write", async () => {
    const t = await createTenant([{ name: "Đảng viên" }]);
    const viewer = await staff(t.tenantId, "viewer");
    const member = await login(t.people["Đảng viên"]!.email);
    for (const token of [viewer, member]) {
      expect((await api("POST", base(t.tenantId), token, { kind: "grassroots_committee", name: "X" })).status).toBe(
        403,
      );
      expect((await api("PATCH", `${base(t.tenantId)}/${t.branchId}`, token, { name: "X" })).status).toBe(403);
    }
    expect((await api("GET", base(t.tenantId), viewer)).status).toBe(200);
  });

  it("answers another tenant's organizations with 404 and leaves them unchanged", async () => {
    const mine = await createTenant();
    const other = await createTenant();
    const token = await login(mine.admin.email);
    const patch = await api<ErrorBody>("PATCH", `${base(mine.tenantId)}/${other.branchId}`, token, {
      name: "Bị chiếm",
    });
    expect(patch.status).toBe(404);
    expect(patch.json.error.code).toBe("not_found");
    const asParent = await api("POST", base(mine.tenantId), token, {
      kind: "branch",
      name: "Chi bộ lạ",
      parentId: other.committeeId,
      branchType: "agency",
    });
    expect(asParent.status).toBe(404);
    const row = await d1Of(other.tenantId)
      .prepare("select name from organizations where id = ?")
      .bind(other.branchId)
      .first();
    expect(row).toEqual({ name: "Chi bộ khu phố 1" });
    expect((await api("GET", base(other.tenantId), token)).status).toBe(404);
    const otherTree = await api<Tree>("GET", base(other.tenantId), await login(other.admin.email));
    expect(otherTree.json.items[0].children).toHaveLength(1);
  });

  it("answers bad input with 400 and never 500", async () => {
    const t = await createTenant();
    const token = await login(t.admin.email);
    const bodies: unknown[] = [
      "{not json",
      { kind: 3, name: ["x"] },
      {},
      { kind: "grassroots_committee" },
      { kind: "grassroots_committee", name: "x".repeat(201) },
      { kind: "grassroots_committee", name: "   " },
      { kind: "nation", name: "X" },
      { kind: "grassroots_committee", name: "X", extra: 1 },
      { kind: "branch", name: "X", parentId: "../../etc", branchType: "agency" },
    ];
    for (const body of bodies) {
      const res = await api<ErrorBody>("POST", base(t.tenantId), token, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBe("bad_request");
    }
    expect((await api("PATCH", `${base(t.tenantId)}/${t.branchId}`, token, {})).status).toBe(400);
    expect((await api("PATCH", `${base(t.tenantId)}/${t.branchId}`, token, "{")).status).toBe(400);
    expect((await api("PATCH", `${base(t.tenantId)}/${t.branchId}`, token, { branchType: "castle" })).status).toBe(400);
    expect((await api("PATCH", `${base(t.tenantId)}/no-such-org`, token, { name: "X" })).status).toBe(404);
    expect((await api("PATCH", `${base(t.tenantId)}/bad%20id`, token, { name: "X" })).status).toBe(400);
    const unknownParent = await api("POST", base(t.tenantId), token, {
      kind: "branch",
      name: "X",
      parentId: "nope",
      branchType: "agency",
    });
    expect(unknownParent.status).toBe(404);
    const huge = await api(
      "POST",
      base(t.tenantId),
      token,
      JSON.stringify({ kind: "grassroots_committee", name: "x".repeat(1_100_000) }),
    );
    expect(huge.status).toBe(413);
  });
});
