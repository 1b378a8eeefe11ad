import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { type BulkInvited, bulkInvitedSchema, MAX_BULK_INVITATIONS } from "../../schema/api/invitation-slips";
import { CODE_ALPHABET } from "../../schema/api/invitations";
import { memberships, organizations, people, tenantRoles } from "../../schema/db/tables";
import type { ErrorBody } from "../../schema/errors";
import { api, createPerson, createTenant, d1Of, dbOf, login, runInShards } from "../support/fixtures";

const bulkOf = (tenantId: string) => `/api/tenants/${tenantId}/invitations/members`;
const fromIp = () => ({
  "cf-connecting-ip": `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
});
const redeem = (body: unknown) => api("POST", "/api/invitations/redeem", undefined, body, fromIp());
const freshEmail = () => `${crypto.randomUUID().slice(0, 8)}@phieu.test`;

const invitationRows = async (tenantId: string) =>
  (await d1Of(tenantId).prepare("select * from invitations where tenant_id = ? order by rowid").bind(tenantId).all())
    .results;
const auditRows = async (tenantId: string) =>
  (await d1Of(tenantId).prepare("select * from audit_log where tenant_id = ? order by rowid").bind(tenantId).all())
    .results;

/**
 * A committee with two branches: the first has a secretary and three members, the second one member. Each member
 * record carries the committee's own name for the member, unlike the name on the account (people), which the slip
 * must never show.
 */
async function setUp() {
  const t = await createTenant([
    { name: "Nguyễn Văn Bí Thư", branchRole: "secretary" },
    { name: "Lê Thị Một", login: false },
    { name: "Phạm Văn Hai", login: false },
    { name: "Võ Thị Ba", login: false },
  ]);
  const secondBranchId = `org-${crypto.randomUUID().slice(0, 8)}`;
  await dbOf(t.tenantId).insert(organizations).values({
    id: secondBranchId,
    tenantId: t.tenantId,
    parentId: t.committeeId,
    kind: "branch",
    name: "Chi bộ khu phố 2",
    branchType: "residential",
  });
  const elsewhere = await createPerson("Đỗ Văn Khác", false);
  const elsewhereId = `m-${crypto.randomUUID().slice(0, 8)}`;
  await dbOf(t.tenantId).insert(memberships).values({
    id: elsewhereId,
    tenantId: t.tenantId,
    organizationId: secondBranchId,
    personId: elsewhere.id,
    status: "official",
  });
  const record = (name: string) => `Đ/c ${name} (hồ sơ chi bộ)`;
  const members = ["Lê Thị Một", "Phạm Văn Hai", "Võ Thị Ba"].map((n) => ({ ...t.people[n]!, recordName: record(n) }));
  for (const m of [...members, { membershipId: elsewhereId, recordName: record("Đỗ Văn Khác") }]) {
    await dbOf(t.tenantId)
      .update(memberships)
      .set({ fullName: m.recordName })
      .where(eq(memberships.id, m.membershipId));
  }
  return {
    ...t,
    members,
    secondBranchId,
    elsewhereId,
    adminToken: await login(t.admin.email),
    secretaryToken: await login(t.people["Nguyễn Văn Bí Thư"]!.email),
  };
}

const linkRecord = (membershipId: string) =>
  runInShards("update memberships set linked_at = ? where id = ?", new Date().toISOString(), membershipId);

describe("bulk member invitations", () => {
  it("answers one slip per record with the committee's name for it, skipping records already linked", async () => {
    const t = await setUp();
    const [one, two, three] = [t.members[0]!, t.members[1]!, t.members[2]!];
    await linkRecord(two.membershipId);
    const res = await api<BulkInvited>("POST", bulkOf(t.tenantId), t.adminToken, {
      membershipIds: [three.membershipId, one.membershipId, two.membershipId, t.elsewhereId, one.membershipId],
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    const body = bulkInvitedSchema.strict().parse(res.json);
    // In the order asked, each once; the linked record named, never issued.
    expect(body.slips.map((s) => [s.membershipId, s.fullName, s.organizationName])).toEqual([
      [three.membershipId, three.recordName, "Chi bộ khu phố 1"],
      [one.membershipId, one.recordName, "Chi bộ khu phố 1"],
      [t.elsewhereId, "Đ/c Đỗ Văn Khác (hồ sơ chi bộ)", "Chi bộ khu phố 2"],
    ]);
    expect(body.skipped).toEqual([{ membershipId: two.membershipId, fullName: two.recordName }]);
    // Nothing from the accounts: not their names, not their e-mails.
    const text = JSON.stringify(body);
    for (const m of t.members) {
      expect(text).not.toContain(`"${m.name}"`);
      expect(text).not.toContain(m.email);
    }
    for (const slip of body.slips) {
      expect(slip.link).toMatch(/^http:\/\/chibo\.test\/invite\/[\w-]{40,}$/);
      expect(slip.code).toHaveLength(10);
      for (const ch of slip.code) expect(CODE_ALPHABET).toContain(ch);
      const days = (Date.parse(slip.expiresAt) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(13.9);
      expect(days).toBeLessThanOrEqual(14);
    }
    expect(new Set(body.slips.map((s) => s.code)).size).toBe(3);

    const rows = await invitationRows(t.tenantId);
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toMatchObject({ purpose: "member", created_by: t.admin.id, revoked_at: null });
    expect(rows.map((r) => r.membership_id).sort()).toEqual(body.slips.map((s) => s.membershipId).sort());
    // Only hashes are stored.
    for (const slip of body.slips) {
      expect(JSON.stringify(rows)).not.toContain(slip.code);
      expect(JSON.stringify(rows)).not.toContain(slip.link.split("/invite/")[1]);
    }

    // A slip's code works like any invitation's: it makes the holder's account and links the record.
    const email = freshEmail();
    const redeemed = await redeem({ code: body.slips[0]!.code, email, password: "mat-khau-cua-toi" });
    expect(redeemed.status, JSON.stringify(redeemed.json)).toBe(200);
    expect(redeemed.json).toMatchObject({ purpose: "member", tenantId: t.tenantId, membershipId: three.membershipId });
  });

  it("replaces the record's earlier link and code, as a single re-issue does", async () => {
    const t = await setUp();
    const ids = { membershipIds: [t.members[0]!.membershipId] };
    const first = await api<BulkInvited>("POST", bulkOf(t.tenantId), t.adminToken, ids);
    const second = await api<BulkInvited>("POST", bulkOf(t.tenantId), t.adminToken, ids);
    expect([first.status, second.status]).toEqual([201, 201]);
    const old = await redeem({ code: first.json.slips[0]!.code, email: freshEmail(), password: "mat-khau-cua-toi" });
    expect(old.status).toBe(404);
    const rows = await invitationRows(t.tenantId);
    expect(rows.map((r) => r.revoked_at === null)).toEqual([false, true]);
  });

  it("reads more ids than a statement may bind", async () => {
    const t = await setUp();
    const many = Array.from({ length: 120 }, (_, i) => ({
      personId: `p-many-${t.tenantId}-${i}`,
      id: `m-many-${t.tenantId}-${i}`,
      name: `Đảng Viên Số ${i}`,
    }));
    // D1 binds at most 100 parameters a statement: rows go in by tens.
    for (let i = 0; i < many.length; i += 10) {
      const chunk = many.slice(i, i + 10);
      // The committee's empty accounts, in its shard, as the members screen makes them.
      await dbOf(t.tenantId)
        .insert(people)
        .values(chunk.map((m) => ({ id: m.personId, fullName: m.name, searchName: m.name })));
      await dbOf(t.tenantId)
        .insert(memberships)
        .values(
          chunk.map((m) => ({
            id: m.id,
            tenantId: t.tenantId,
            organizationId: t.secondBranchId,
            personId: m.personId,
            status: "official" as const,
            fullName: m.name,
          })),
        );
    }
    const res = await api<BulkInvited>("POST", bulkOf(t.tenantId), t.adminToken, {
      membershipIds: many.map((m) => m.id),
    });
    expect(res.status, JSON.stringify(res.json).slice(0, 300)).toBe(201);
    expect(res.json.slips.map((s) => s.fullName)).toEqual(many.map((m) => m.name));
    expect(await invitationRows(t.tenantId)).toHaveLength(120);
  });

  it("refuses an empty list, more than the limit, and ids that are no ids, writing nothing", async () => {
    const t = await setUp();
    const tooMany = Array.from({ length: MAX_BULK_INVITATIONS + 1 }, () => t.members[0]!.membershipId);
    for (const body of [{ membershipIds: [] }, { membershipIds: tooMany }, { membershipIds: ["a b"] }, {}]) {
      const res = await api<ErrorBody>("POST", bulkOf(t.tenantId), t.adminToken, body);
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe("bad_request");
    }
    expect(await invitationRows(t.tenantId)).toEqual([]);
  });
});

describe("bulk invitations across tenants and branches", () => {
  it("answers 404 for the whole request when one id is another tenant's, and issues nothing anywhere", async () => {
    const t = await setUp();
    const other = await setUp();
    const before = {
      ours: await invitationRows(t.tenantId),
      theirs: await invitationRows(other.tenantId),
      ourAudit: await auditRows(t.tenantId),
      theirAudit: await auditRows(other.tenantId),
    };
    const mixed = [t.members[0]!.membershipId, other.members[0]!.membershipId, t.members[1]!.membershipId];
    for (const [path, token] of [
      // Our tenant in the path, one of theirs among our ids.
      [bulkOf(t.tenantId), t.adminToken],
      // Their admin, their tenant in the path, our ids.
      [bulkOf(other.tenantId), other.adminToken],
      // Their admin, our tenant in the path: no standing here.
      [bulkOf(t.tenantId), other.adminToken],
    ] as const) {
      const ids = path === bulkOf(other.tenantId) ? [t.members[0]!.membershipId] : mixed;
      const res = await api<ErrorBody>("POST", path, token, { membershipIds: ids });
      expect(res.status, `${path} ${JSON.stringify(res.json)}`).toBe(404);
      expect(res.json.error.code).toBe("not_found");
      expect(JSON.stringify(res.json)).not.toContain("Đ/c");
    }
    expect(await invitationRows(t.tenantId)).toEqual(before.ours);
    expect(await invitationRows(other.tenantId)).toEqual(before.theirs);
    expect(await auditRows(t.tenantId)).toEqual(before.ourAudit);
    expect(await auditRows(other.tenantId)).toEqual(before.theirAudit);
    const anyRow = await d1Of(t.tenantId)
      .prepare("select count(*) as n from invitations where membership_id in (?, ?, ?)")
      .bind(...mixed)
      .first<{ n: number }>();
    expect(anyRow?.n).toBe(0);
  });

  it("lets a branch secretary invite their own branch's members, and refuses another branch's with 403", async () => {
    const t = await setUp();
    const own = t.members.map((m) => m.membershipId);
    const res = await api<BulkInvited>("POST", bulkOf(t.tenantId), t.secretaryToken, { membershipIds: own });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json.slips).toHaveLength(3);
    const before = { rows: await invitationRows(t.tenantId), audit: await auditRows(t.tenantId) };

    const refused = await api<ErrorBody>("POST", bulkOf(t.tenantId), t.secretaryToken, {
      membershipIds: [...own, t.elsewhereId],
    });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe("forbidden");
    expect(await invitationRows(t.tenantId)).toEqual(before.rows);
    expect(await auditRows(t.tenantId)).toEqual(before.audit);
  });

  it("refuses staff below admin and plain members", async () => {
    const t = await setUp();
    const organizer = await createPerson("Cán Bộ Tổ Chức");
    await dbOf(t.tenantId)
      .insert(tenantRoles)
      .values({ tenantId: t.tenantId, personId: organizer.id, role: "organizer" });
    // A plain member who can log in: a record of the branch taken by an account of its own.
    const plain = await createPerson("Đảng Viên Thường");
    await dbOf(t.tenantId)
      .update(memberships)
      .set({ personId: plain.id, linkedAt: new Date().toISOString() })
      .where(eq(memberships.id, t.members[1]!.membershipId));
    const memberToken = await login(plain.email);
    for (const token of [await login(organizer.email), memberToken]) {
      const res = await api("POST", bulkOf(t.tenantId), token, { membershipIds: [t.members[2]!.membershipId] });
      expect(res.status).toBe(403);
    }
    expect(await invitationRows(t.tenantId)).toEqual([]);
  });
});
