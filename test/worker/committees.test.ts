/**
 * A province and its committees over the real API and D1: its admins create a child committee (the first admin's
 * empty account, admin role and staff invitation, answered once as a link and a code), its staff list them, and a
 * child offers the province's officers as visiting leaders. Isolation: nothing of another tenant, ever.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { CommitteeList, CreatedCommittee, GuestCandidateList } from "../../schema/api/committees";
import { INVITATION_DAYS } from "../../schema/api/invitations";
import { memberships, organizations } from "../../schema/db/tables";
import type { ErrorBody } from "../../schema/errors";
import { hashCode, hashSecret } from "../../worker/lib/invitation-secret";
import { allInShards, api, createPerson, createTenant, dbOf, login, SHARDS } from "../support/fixtures";
import { branch, staff } from "./meetings-helpers";
import { createProvince, officer, placeUnder } from "./province-fixture";

const committeesOf = (tenantId: string) => `/api/tenants/${tenantId}/committees`;
const candidatesOf = (tenantId: string) => `/api/tenants/${tenantId}/guest-candidates`;
/** A tenant's rows, from the shard that holds them (a province's committees live in its shard). */
const all = (sql: string, ...binds: string[]) => allInShards(sql, ...binds);
/** Rows in the directory and every shard: "nothing written" means nowhere. */
const count = async (table: string) => {
  let n = 0;
  for (const d1 of [env.DB, ...SHARDS.map((s) => env[s])])
    n += ((await d1.prepare(`select count(*) as n from ${table}`).first()) as { n: number }).n;
  return n;
};
const counts = async () => ({
  tenants: await count("tenants"),
  people: await count("people"),
  tenant_roles: await count("tenant_roles"),
  invitations: await count("invitations"),
});

describe("a province's committees", () => {
  it("lets the province's admin create a committee with its first admin's empty account and a staff invitation", async () => {
    const p = await createProvince();
    const started = Date.now();
    const res = await api<CreatedCommittee>("POST", committeesOf(p.id), p.admin.token, {
      name: "  Đảng ủy xã Tân Lạc ",
      adminName: "Bùi Thị Hạnh",
      adminEmail: "Hanh@TanLac.vn",
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    const { committee, link, code, expiresAt } = res.json;
    expect(committee).toEqual({
      id: expect.any(String),
      name: "Đảng ủy xã Tân Lạc",
      createdAt: expect.any(String),
      members: 0,
      branches: 0,
    });
    expect(link).toMatch(/^http:\/\/chibo\.test\/invite\/[A-Za-z0-9_-]{43}$/);
    const secret = link.split("/invite/")[1]!;

    expect(await all("select name, kind, parent_id from tenants where id = ?", committee.id)).toEqual([
      { name: "Đảng ủy xã Tân Lạc", kind: "committee", parent_id: p.id },
    ]);
    const roles = await all("select person_id, role from tenant_roles where tenant_id = ?", committee.id);
    expect(roles).toEqual([{ person_id: expect.any(String), role: "admin" }]);
    const adminId = (roles[0] as { person_id: string }).person_id;
    // An empty account: the holder chooses the login e-mail and the password; the contact e-mail is stored nowhere.
    expect(await all("select full_name, search_name, email, password_hash from people where id = ?", adminId)).toEqual([
      { full_name: "Bùi Thị Hạnh", search_name: "bui thi hanh", email: null, password_hash: null },
    ]);
    expect(await all("select 1 from people where email = ?", "hanh@tanlac.vn")).toEqual([]);
    const invitations = await all("select * from invitations where tenant_id = ?", committee.id);
    expect(invitations).toEqual([
      expect.objectContaining({
        purpose: "staff",
        person_id: adminId,
        created_by: p.admin.id,
        membership_id: null,
        meeting_id: null,
        token_hash: await hashSecret(secret),
        code_hash: await hashCode(code),
        expires_at: expiresAt,
        redeemed_at: null,
        revoked_at: null,
      }),
    ]);
    const days = (Date.parse(expiresAt) - started) / 86_400_000;
    expect(days).toBeGreaterThan(INVITATION_DAYS - 0.01);
    expect(days).toBeLessThan(INVITATION_DAYS + 0.01);
    // The province's log says who created it.
    expect(
      await all(
        "select person_id, action, entity_id from audit_log where tenant_id = ? and action = ?",
        p.id,
        "committee_created",
      ),
    ).toEqual([{ person_id: p.admin.id, action: "committee_created", entity_id: committee.id }]);

    const list = await api<CommitteeList>("GET", committeesOf(p.id), p.admin.token);
    expect(list.json.items).toEqual([committee]);
  });

  it("makes the redeemer of the staff invitation the new committee's admin, a new account or a logged-in one", async () => {
    const p = await createProvince();
    const create = (name: string) =>
      api<CreatedCommittee>("POST", committeesOf(p.id), p.admin.token, { name, adminName: "Bùi Thị Hạnh" });
    const redeem = (body: unknown, token?: string) =>
      api<{ purpose: string; tenantId: string; signedIn: boolean; token?: string }>(
        "POST",
        "/api/invitations/redeem",
        token,
        body,
        { "cf-connecting-ip": `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` },
      );
    const fresh = await create("Đảng ủy xã Một");
    const email = `${crypto.randomUUID().slice(0, 8)}@xa-mot.test`;
    const first = await redeem({ code: fresh.json.code, email, password: "mat-khau-quan-tri-xa" });
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    expect(first.json).toMatchObject({ purpose: "staff", tenantId: fresh.json.committee.id, signedIn: true });
    const admin = first.json.token!;
    expect((await api("GET", `/api/tenants/${fresh.json.committee.id}/organizations`, admin)).status).toBe(200);
    expect(
      (
        await api("POST", `/api/tenants/${fresh.json.committee.id}/organizations`, admin, {
          kind: "grassroots_branch",
          name: "Chi bộ Thôn Một",
          branchType: "residential",
        })
      ).status,
    ).toBe(201);
    // The same person takes a second committee's invitation while logged in: their account holds both offices.
    const second = await create("Đảng ủy xã Hai");
    const taken = await redeem({ secret: second.json.link.split("/invite/")[1] }, admin);
    expect(taken.status, JSON.stringify(taken.json)).toBe(200);
    expect(taken.json.signedIn).toBe(false);
    const me = await api<{ tenants: { id: string; role: string | null }[] }>("GET", "/api/auth/me", admin);
    const roles = Object.fromEntries(me.json.tenants.map((x) => [x.id, x.role]));
    expect(roles).toMatchObject({ [fresh.json.committee.id]: "admin", [second.json.committee.id]: "admin" });
    // Spent: the link works once.
    expect(
      (await redeem({ code: second.json.code, email: "khac@xa-hai.test", password: "mat-khau-khac-1" })).status,
    ).toBe(404);
  });

  it("lists the province's own committees, with members and branches counted, to its admin and viewer", async () => {
    const p = await createProvince();
    const child = await branch(); // one grassroots committee, one branch, four members
    await placeUnder(child.tenantId, p.id);
    await dbOf(child.tenantId)
      .insert(organizations)
      .values({
        id: `org-${crypto.randomUUID().slice(0, 8)}`,
        tenantId: child.tenantId,
        kind: "grassroots_branch",
        name: "Chi bộ Trường",
        branchType: "school",
      });
    const empty = await api<CreatedCommittee>("POST", committeesOf(p.id), p.admin.token, {
      name: "Đảng ủy phường An Bình",
      adminName: "Phan Văn Lực",
    });
    // Someone else's committees: another province's, and one with no province.
    const other = await createProvince("Tỉnh ủy khác");
    await api("POST", committeesOf(other.id), other.admin.token, { name: "Đảng ủy xã Khác", adminName: "Người Khác" });
    await createTenant();

    for (const token of [p.admin.token, p.viewer.token]) {
      const res = await api<CommitteeList>("GET", committeesOf(p.id), token);
      expect(res.status).toBe(200);
      expect(res.json.items.map(({ name, members, branches }) => ({ name, members, branches }))).toEqual([
        { name: "Đảng ủy phường An Bình", members: 0, branches: 0 },
        { name: `Đảng ủy thử ${child.tenantId}`, members: 4, branches: 2 },
      ]);
      expect(res.json.items[0]!.id).toBe(empty.json.committee.id);
    }
  });

  it("refuses bad bodies in the envelope and writes nothing", async () => {
    const p = await createProvince();
    const before = await counts();
    for (const body of [
      {},
      { name: "", adminName: "A" },
      { name: "Đảng ủy X", adminName: "   " },
      { name: "Đảng ủy X", adminName: "A", adminEmail: "not-an-email" },
      { name: "x".repeat(201), adminName: "A" },
      { name: "Đảng ủy X", adminName: "A", password: "chosen-by-the-province" },
      { name: 42, adminName: "A" },
    ]) {
      const res = await api<ErrorBody>("POST", committeesOf(p.id), p.admin.token, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBe("bad_request");
    }
    expect(await counts()).toEqual(before);
  });

  it("lets only the province's admins create: viewer and organizer 403, a committee's admin 403, strangers 404", async () => {
    const p = await createProvince();
    const organizer = await officer(p.id, "Vũ Văn Tổ Chức", "organizer");
    const child = await branch();
    await placeUnder(child.tenantId, p.id);
    const body = { name: "Đảng ủy xã Mới", adminName: "Nguyễn Văn Mới" };
    const other = await createProvince();
    const before = await counts();
    for (const token of [p.viewer.token, organizer.token])
      expect((await api("POST", committeesOf(p.id), token, body)).status).toBe(403);
    // A committee has no committees under it, not even for its own admin; the province's admin reads it but writes
    // nothing there.
    expect((await api("POST", committeesOf(child.tenantId), child.adminToken, body)).status).toBe(403);
    expect((await api("GET", committeesOf(child.tenantId), child.adminToken)).status).toBe(403);
    expect((await api("POST", committeesOf(child.tenantId), p.admin.token, body)).status).toBe(403);
    // The child's admin, another province's admin, and the child's members have no standing in the province.
    for (const token of [child.adminToken, other.admin.token, await login(child.member.email)]) {
      expect((await api("POST", committeesOf(p.id), token, body)).status).toBe(404);
      expect((await api("GET", committeesOf(p.id), token)).status).toBe(404);
    }
    expect(await counts()).toEqual(before);
  });
});

describe("guest candidates: the province's officers, offered to a child committee's meetings", () => {
  async function setUp() {
    const p = await createProvince();
    const child = await branch();
    await placeUnder(child.tenantId, p.id);
    // The province keeps its own record of its admin as a member of one of its organizations, under the name it uses.
    const org = `org-${crypto.randomUUID().slice(0, 8)}`;
    await dbOf(p.id).insert(organizations).values({
      id: org,
      tenantId: p.id,
      kind: "grassroots_branch",
      name: "Chi bộ Văn phòng Tỉnh ủy",
      branchType: "agency",
    });
    await dbOf(p.id)
      .insert(memberships)
      .values({
        id: `m-${crypto.randomUUID().slice(0, 8)}`,
        tenantId: p.id,
        organizationId: org,
        personId: p.admin.id,
        status: "official",
        fullName: "Đồng chí Hà Văn Tỉnh (Chánh Văn phòng)",
      });
    return { p, child };
  }

  it("lists the province's officers by the names the province recorded, to the child's admin, organizer and secretary", async () => {
    const { p, child } = await setUp();
    // Officers of other tenants (a sibling committee, another province) never show.
    const sibling = await createTenant();
    await placeUnder(sibling.tenantId, p.id);
    const other = await createProvince();
    const organizer = await staff(child.tenantId, "organizer");
    for (const token of [child.adminToken, organizer.token, await login(child.secretary.email)]) {
      const res = await api<GuestCandidateList>("GET", candidatesOf(child.tenantId), token);
      expect(res.status, JSON.stringify(res.json)).toBe(200);
      expect(res.json.items).toEqual([
        { personId: p.viewer.id, fullName: "Đinh Thị Theo Dõi" },
        { personId: p.admin.id, fullName: "Đồng chí Hà Văn Tỉnh (Chánh Văn phòng)" },
      ]);
    }
    expect(JSON.stringify(await api("GET", candidatesOf(child.tenantId), child.adminToken))).not.toContain(
      other.admin.id,
    );
  });

  it("is refused to members, viewers and the province's own staff (403), and to other committees (404)", async () => {
    const { p, child } = await setUp();
    const viewer = await staff(child.tenantId, "viewer");
    for (const token of [await login(child.member.email), viewer.token, p.admin.token, p.viewer.token])
      expect((await api("GET", candidatesOf(child.tenantId), token)).status).toBe(403);
    const sibling = await branch();
    await placeUnder(sibling.tenantId, p.id);
    const stranger = await createProvince();
    for (const token of [sibling.adminToken, stranger.admin.token])
      expect((await api("GET", candidatesOf(child.tenantId), token)).status).toBe(404);
  });

  it("offers nobody to a committee with no province", async () => {
    const t = await branch();
    await createPerson("Người Ngoài");
    const res = await api<GuestCandidateList>("GET", candidatesOf(t.tenantId), t.adminToken);
    expect(res.status).toBe(200);
    expect(res.json.items).toEqual([]);
  });
});
