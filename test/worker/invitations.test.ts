/**
 * Invitations and reset codes (docs/identity.md): a member record joins an account only by redeeming its committee's
 * single-use secret; a reset lets the person choose their own password. Real D1 through the Worker's entry.
 */
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Me } from "../../schema/api/auth";
import {
  CODE_ALPHABET,
  type Invitation,
  invitationSchema,
  issuedInvitationSchema,
  redeemedSchema,
} from "../../schema/api/invitations";
import type { MemberPage } from "../../schema/api/members";
import { memberships, tenantRoles } from "../../schema/db/tables";
import type { ErrorBody } from "../../schema/errors";
import {
  allInShards,
  api,
  createPerson,
  createTenant,
  d1Of,
  dbOf,
  firstInShards,
  login,
  mirrorInto,
  PASSWORD,
} from "../support/fixtures";

const NEW_PASSWORD = "mat-khau-moi-cua-toi";
const invitationsOf = (tenantId: string, membershipId: string) =>
  `/api/tenants/${tenantId}/members/${membershipId}/invitations`;
/** Each test redeems from its own address, so the per-client throttle of one never reaches another. */
const fromIp = () => ({
  "cf-connecting-ip": `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
});
/** The answer is a `Redeemed` or an error envelope; a test that reads it names which. */
const redeem = <T = unknown>(body: unknown, token?: string, headers = fromIp()) =>
  api<T>("POST", "/api/invitations/redeem", token, body, headers);
const freshEmail = () => `${crypto.randomUUID().slice(0, 8)}@moi.test`;

const personOf = async (membershipId: string) =>
  (await firstInShards<{ person_id: string }>("select person_id from memberships where id = ?", membershipId))
    ?.person_id;
const rowsFor = (membershipId: string) =>
  allInShards("select * from invitations where membership_id = ? order by rowid", membershipId);
const auditRows = async (tenantId: string) =>
  (await d1Of(tenantId).prepare("select * from audit_log where tenant_id = ? order by rowid").bind(tenantId).all())
    .results;

async function setUp() {
  const t = await createTenant([
    { name: "Nguyễn Văn Bí Thư", branchRole: "secretary" },
    { name: "Lê Thị Đảng Viên", login: false },
  ]);
  const member = t.people["Lê Thị Đảng Viên"]!;
  // The committee's data about the member: never to be shown to whoever redeems.
  await dbOf(t.tenantId)
    .update(memberships)
    .set({ phone: "0905123456", birthYear: 1951 })
    .where(eq(memberships.id, member.membershipId));
  const adminToken = await login(t.admin.email);
  return { ...t, member, adminToken };
}

async function issue(tenantId: string, membershipId: string, token: string, purpose: "member" | "reset" = "member") {
  const res = await api("POST", invitationsOf(tenantId, membershipId), token, { purpose });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  issuedInvitationSchema.strict().parse(res.json);
  return res.json as { invitation: { id: string }; link: string; code: string };
}
const secretOf = (link: string) => link.split("/invite/")[1]!;

describe("member invitations", () => {
  it("issues a link and a code once; the code on a new account links the member and its login works", async () => {
    const t = await setUp();
    const issued = await issue(t.tenantId, t.member.membershipId, t.adminToken);
    expect(issued.link).toMatch(/^http:\/\/chibo\.test\/invite\/[\w-]{40,}$/);
    expect(issued.code).toHaveLength(10);
    for (const ch of issued.code) expect(CODE_ALPHABET).toContain(ch);
    // Only hashes are stored.
    const [row] = await rowsFor(t.member.membershipId);
    expect(JSON.stringify(row)).not.toContain(issued.code);
    expect(JSON.stringify(row)).not.toContain(secretOf(issued.link));
    expect(row).toMatchObject({ purpose: "member", tenant_id: t.tenantId, created_by: t.admin.id, redeemed_at: null });

    const email = freshEmail();
    const typed = `${issued.code.slice(0, 5).toLowerCase()}-${issued.code.slice(5)}`;
    const res = await redeem({ code: typed, email, password: NEW_PASSWORD });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(redeemedSchema.strict().parse(res.json)).toEqual({
      purpose: "member",
      tenantId: t.tenantId,
      membershipId: t.member.membershipId,
      meetingId: null,
      signedIn: true,
      token: expect.any(String),
    });
    // The new account is the record's own empty account, filled in: nothing recorded for it is lost.
    expect(await personOf(t.member.membershipId)).toBe(t.member.id);
    const signedIn = await api<Me>("GET", "/api/auth/me", (res.json as { token: string }).token);
    expect(signedIn.json.person.id).toBe(t.member.id);
    const text = JSON.stringify(res.json);
    for (const secret of ["0905123456", "1951", t.member.name, t.member.email]) expect(text).not.toContain(secret);

    const token = await login(email, NEW_PASSWORD);
    const me = await api<Me>("GET", "/api/auth/me", token);
    expect(me.json.person.id).toBe(await personOf(t.member.membershipId));
    expect(me.json.tenants.map((x: { id: string }) => x.id)).toEqual([t.tenantId]);
    const listed = await api<MemberPage>(
      "GET",
      `/api/tenants/${t.tenantId}/members?q=${encodeURIComponent(t.member.name)}`,
      t.adminToken,
    );
    expect(listed.json.total).toBe(1);
    // The list shows the committee's record, now marked as taken; the login e-mail stays the holder's own.
    expect(listed.json.items[0]).toMatchObject({ fullName: t.member.name, phone: "0905123456", birthYear: 1951 });
    expect(listed.json.items[0]?.linkedAt).not.toBeNull();
    expect(JSON.stringify(listed.json)).not.toContain(email);

    const again = await redeem<ErrorBody>({ code: issued.code, email: freshEmail(), password: NEW_PASSWORD });
    expect(again.status).toBe(404);
    expect(again.json.error.code).toBe("not_found");
  });

  it("joins the account of a caller who is logged in", async () => {
    const t = await setUp();
    const other = await createTenant();
    const issued = await issue(t.tenantId, t.member.membershipId, t.adminToken);
    const token = await login(other.admin.email);
    const res = await redeem({ secret: secretOf(issued.link) }, token);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(await personOf(t.member.membershipId)).toBe(other.admin.id);
    const me = await api<Me>("GET", "/api/auth/me", token);
    expect(me.json.tenants.map((x: { id: string }) => x.id).sort()).toEqual([t.tenantId, other.tenantId].sort());
  });

  it("lets exactly one of ten parallel redemptions of one secret through", async () => {
    const t = await setUp();
    const issued = await issue(t.tenantId, t.member.membershipId, t.adminToken);
    const emails = Array.from({ length: 10 }, freshEmail);
    const answers = await Promise.all(
      emails.map((email, i) =>
        redeem({ secret: secretOf(issued.link), email, password: NEW_PASSWORD }, undefined, {
          "cf-connecting-ip": `10.9.9.${i}`,
        }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, ...Array(9).fill(404)]);
    const created = await env.DB.prepare(
      `select count(*) as n from people where email in (${emails.map(() => "?").join(",")})`,
    )
      .bind(...emails)
      .first<{ n: number }>();
    expect(created?.n).toBe(1);
  });

  it("answers the same 404 for expired, revoked, replaced and unknown codes", async () => {
    const t = await setUp();
    const first = await issue(t.tenantId, t.member.membershipId, t.adminToken);
    const second = await issue(t.tenantId, t.member.membershipId, t.adminToken);
    const body = (code: string) => ({ code, email: freshEmail(), password: NEW_PASSWORD });
    const replaced = await redeem(body(first.code));
    expect(replaced.status).toBe(404);

    const revoked = await api<Invitation>(
      "POST",
      `${invitationsOf(t.tenantId, t.member.membershipId)}/${second.invitation.id}/revoke`,
      t.adminToken,
    );
    expect(revoked.status).toBe(200);
    expect(revoked.json.revokedAt).toEqual(expect.any(String));
    const afterRevoke = await redeem(body(second.code));

    const third = await issue(t.tenantId, t.member.membershipId, t.adminToken);
    await d1Of(t.tenantId)
      .prepare("update invitations set expires_at = '2020-01-01T00:00:00.000Z' where id = ?")
      .bind(third.invitation.id)
      .run();
    const expired = await redeem(body(third.code));
    const unknown = await redeem(body("ABCDEFGHJK"));
    for (const r of [replaced, afterRevoke, expired, unknown]) {
      expect(r.status).toBe(404);
      expect(r.json).toEqual(replaced.json);
    }
    expect(await personOf(t.member.membershipId)).toBe(t.member.id);

    const list = await api<Invitation[]>("GET", invitationsOf(t.tenantId, t.member.membershipId), t.adminToken);
    expect(list.status).toBe(200);
    expect(list.json).toHaveLength(3);
    for (const item of list.json) invitationSchema.strict().parse(item);
    const listed = JSON.stringify(list.json);
    for (const i of [first, second, third]) {
      expect(listed).not.toContain(i.code);
      expect(listed).not.toContain(secretOf(i.link));
    }
    expect(listed).not.toContain("hash");
  });

  it("throttles wrong codes per client, and counts before looking", async () => {
    const t = await setUp();
    const issued = await issue(t.tenantId, t.member.membershipId, t.adminToken);
    const ip = { "cf-connecting-ip": "10.7.7.7" };
    const guesses = await Promise.all(
      Array.from({ length: 8 }, () =>
        redeem({ code: "ZZZZZZZZZZ", email: freshEmail(), password: NEW_PASSWORD }, undefined, ip),
      ),
    );
    expect(guesses.map((g) => g.status).sort()).toEqual([404, 404, 404, 404, 404, 429, 429, 429]);
    const right = await redeem({ code: issued.code, email: freshEmail(), password: NEW_PASSWORD }, undefined, ip);
    expect(right.status).toBe(429);
    expect(await personOf(t.member.membershipId)).toBe(t.member.id);
  });

  it("lets the branch secretary invite their own members, and nobody else below admin", async () => {
    const t = await setUp();
    const secretaryToken = await login(t.people["Nguyễn Văn Bí Thư"]!.email);
    await issue(t.tenantId, t.member.membershipId, secretaryToken);
    const organizer = await createPerson("Cán Bộ Tổ Chức");
    await dbOf(t.tenantId)
      .insert(tenantRoles)
      .values({ tenantId: t.tenantId, personId: organizer.id, role: "organizer" });
    const organizerToken = await login(organizer.email);
    const refused = await api("POST", invitationsOf(t.tenantId, t.member.membershipId), organizerToken, {
      purpose: "member",
    });
    expect(refused.status).toBe(403);
  });

  it("lets another tenant's admin neither issue, list nor revoke for our members", async () => {
    const t = await setUp();
    const issued = await issue(t.tenantId, t.member.membershipId, t.adminToken);
    const before = { invitations: await rowsFor(t.member.membershipId), audit: await auditRows(t.tenantId) };
    const other = await createTenant();
    const otherToken = await login(other.admin.email);
    for (const base of [
      invitationsOf(other.tenantId, t.member.membershipId),
      invitationsOf(t.tenantId, t.member.membershipId),
    ]) {
      const issue2 = await api<ErrorBody>("POST", base, otherToken, { purpose: "member" });
      const reset = await api<ErrorBody>("POST", base, otherToken, { purpose: "reset" });
      const list = await api<ErrorBody>("GET", base, otherToken);
      const revoke = await api<ErrorBody>("POST", `${base}/${issued.invitation.id}/revoke`, otherToken);
      for (const r of [issue2, reset, list, revoke]) {
        expect(r.status).toBe(404);
        expect(r.json.error.code).toBe("not_found");
      }
    }
    expect(await rowsFor(t.member.membershipId)).toEqual(before.invitations);
    expect(await auditRows(t.tenantId)).toEqual(before.audit);
    const stillWorks = await redeem({ code: issued.code, email: freshEmail(), password: NEW_PASSWORD });
    expect(stillWorks.status).toBe(200);
  });
});

describe("reset codes", () => {
  it("sets the password the person chose and ends every session of theirs", async () => {
    const t = await setUp();
    const secretary = t.people["Nguyễn Văn Bí Thư"]!;
    const phone = await login(secretary.email);
    const laptop = await login(secretary.email);
    const issued = await issue(t.tenantId, secretary.membershipId, t.adminToken, "reset");
    const res = await redeem({ code: issued.code, password: NEW_PASSWORD });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toMatchObject({
      purpose: "reset",
      tenantId: t.tenantId,
      membershipId: secretary.membershipId,
      signedIn: true,
    });
    for (const token of [phone, laptop]) expect((await api("GET", "/api/auth/me", token)).status).toBe(401);
    await expect(login(secretary.email, PASSWORD)).rejects.toThrow(/401/);
    const fresh = await login(secretary.email, NEW_PASSWORD);
    expect((await api<Me>("GET", "/api/auth/me", fresh)).json.person.id).toBe(secretary.id);
    expect(await personOf(secretary.membershipId)).toBe(secretary.id);
    expect((await redeem({ code: issued.code, password: "another-password-1" })).status).toBe(404);
  });

  it("never resets an account that another committee also uses, and issuing does not tell", async () => {
    const t = await setUp();
    const other = await createTenant();
    // Our member's record is linked to the other committee's admin (they redeemed our invitation).
    const joined = await issue(t.tenantId, t.member.membershipId, t.adminToken);
    expect((await redeem({ secret: secretOf(joined.link) }, await login(other.admin.email))).status).toBe(200);
    // Issuing answers as for any linked record of ours: whether the account serves elsewhere is not observable here.
    const refused = await redeem<ErrorBody>({
      code: (await issue(t.tenantId, t.member.membershipId, t.adminToken, "reset")).code,
      password: NEW_PASSWORD,
    });
    // The holder of the code is told to use "forgot password" by e-mail or a passkey; the password stays.
    expect(refused.status).toBe(409);
    await expect(login(other.admin.email, NEW_PASSWORD)).rejects.toThrow(/401/);
    // A reset issued before the account was shared is refused when redeemed, and the password stays.
    const secretary = t.people["Nguyễn Văn Bí Thư"]!;
    const early = await issue(t.tenantId, secretary.membershipId, t.adminToken, "reset");
    await mirrorInto(secretary.id, other.tenantId);
    await dbOf(other.tenantId)
      .insert(memberships)
      .values({
        id: `m-shared-${secretary.id}`,
        tenantId: other.tenantId,
        organizationId: other.branchId,
        personId: secretary.id,
        status: "official",
      });
    const late = await redeem({ code: early.code, password: NEW_PASSWORD });
    expect(late.status).toBe(409);
    await expect(login(secretary.email, NEW_PASSWORD)).rejects.toThrow(/401/);
    expect((await api("GET", "/api/auth/me", await login(secretary.email, PASSWORD))).status).toBe(200);
  });

  it("needs a new password, and keeps the code for a second try without one", async () => {
    const t = await setUp();
    const unlinked = await api("POST", invitationsOf(t.tenantId, t.member.membershipId), t.adminToken, {
      purpose: "reset",
    });
    // Nobody took the record yet: there is no password to reset, the committee sends an invitation instead.
    expect(unlinked.status).toBe(409);
    const secretary = t.people["Nguyễn Văn Bí Thư"]!;
    const issued = await issue(t.tenantId, secretary.membershipId, t.adminToken, "reset");
    const missing = await redeem({ code: issued.code });
    expect(missing.status).toBe(400);
    const ok = await redeem({ code: issued.code, password: NEW_PASSWORD });
    expect(ok.status).toBe(200);
  });

  it("refuses a body with both or neither of secret and code", async () => {
    expect((await redeem({ password: NEW_PASSWORD })).status).toBe(400);
    expect((await redeem({ code: "ABCDEFGHJK", secret: "x".repeat(43), password: NEW_PASSWORD })).status).toBe(400);
  });
});
