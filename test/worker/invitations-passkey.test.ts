import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Me } from "../../schema/api/auth";
import { type RedeemPasskeyOptions, redeemedSchema } from "../../schema/api/invitations";
import { memberships, passkeys, people } from "../../schema/db/tables";
import type { ErrorBody } from "../../schema/errors";
import { takeSlot, takeSlotWithPasskey } from "../../worker/data/invitation-slots";
import { api, createTenant, dbOf, directory, firstInShards, login, mirrorInto } from "../support/fixtures";
import { SoftAuthenticator } from "../support/soft-authenticator";
import { from, nextIp, passkeyLogin } from "./passkeys-helpers";

const OPTIONS = "/api/invitations/redeem/passkey-options";
const REDEEM = "/api/invitations/redeem";
const ENVELOPE = { error: { code: expect.any(String), message: expect.any(String) } };
const b64url = (s: string) => btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

type Token = { secret: string } | { code: string };

async function setUp() {
  const t = await createTenant([
    { name: "Nguyễn Văn Bí Thư", branchRole: "secretary" },
    { name: "Lê Thị Cao Tuổi", login: false },
  ]);
  const member = t.people["Lê Thị Cao Tuổi"]!;
  await dbOf(t.tenantId)
    .update(memberships)
    .set({ phone: "0905123456", birthYear: 1944 })
    .where(eq(memberships.id, member.membershipId));
  return { ...t, member, adminToken: await login(t.admin.email) };
}

async function issue(tenantId: string, membershipId: string, adminToken: string) {
  const res = await api<{ invitation: { id: string }; link: string; code: string }>(
    "POST",
    `/api/tenants/${tenantId}/members/${membershipId}/invitations`,
    adminToken,
    { purpose: "member" },
  );
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return { ...res.json, secret: res.json.link.split("/invite/")[1]! };
}

const options = (token: Token, ip = nextIp()) =>
  api<RedeemPasskeyOptions & ErrorBody>("POST", OPTIONS, undefined, token, from(ip));

/** Options, the authenticator's answer, redeem: answers the redeem's response and what was sent. */
async function redeemWithPasskey(token: Token, authenticator = new SoftAuthenticator(), ip = nextIp()) {
  const opts = await options(token, ip);
  expect(opts.status, JSON.stringify(opts.json)).toBe(200);
  const response = await authenticator.register(opts.json.options);
  const body = { ...token, passkey: { challengeToken: opts.json.challengeToken, response } };
  const res = await api<{ token: string } & ErrorBody>("POST", REDEEM, undefined, body, from(ip));
  return { res, authenticator, body, options: opts.json };
}

const accountOf = (personId: string) => directory().select().from(people).where(eq(people.id, personId)).get();
const passkeysOf = (personId: string) => directory().select().from(passkeys).where(eq(passkeys.personId, personId));
const recordOf = async (membershipId: string) => {
  const row = await firstInShards<{ linked_at: string | null; person_id: string }>(
    "select linked_at, person_id from memberships where id = ?",
    membershipId,
  );
  return row && { linkedAt: row.linked_at, personId: row.person_id };
};
const invitationRow = (id: string) =>
  firstInShards<{ redeemed_at: string | null }>("select redeemed_at from invitations where id = ?", id);

describe("passkey options for an invitation", () => {
  it("name the record's empty account by id and the committee only, and claim nothing", async () => {
    const t = await setUp();
    const issued = await issue(t.tenantId, t.member.membershipId, t.adminToken);
    const res = await options({ secret: issued.secret });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const label = `chibo · Đảng ủy thử ${t.tenantId}`;
    expect(res.json.options.user).toEqual({ id: b64url(t.member.id), name: label, displayName: label });
    expect(res.json.options.rp).toEqual({ name: "Chi bộ", id: "chibo.test" });
    expect(res.json.options.authenticatorSelection).toMatchObject({ residentKey: "required" });
    expect(res.json.challengeToken).toEqual(expect.any(String));
    // Nothing of the committee's record of the person: name, contact e-mail, phone, birth year.
    const text = JSON.stringify(res.json);
    for (const secret of [t.member.name, t.member.email, "0905123456", "1944"]) expect(text).not.toContain(secret);
    expect((await invitationRow(issued.invitation.id))?.redeemed_at).toBeNull();

    // Only for our own origin: a passkey made elsewhere would belong to another host.
    const evil = await api("POST", OPTIONS, undefined, { secret: issued.secret }, { origin: "https://evil.example" });
    expect(evil.status).toBe(403);
    expect(evil.json).toEqual(ENVELOPE);
  });

  it("answer the same 404 for an unknown and a spent code", async () => {
    const t = await setUp();
    const unknown = await options({ code: "ABCDEFGHJK" });
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual(ENVELOPE);

    const issued = await issue(t.tenantId, t.member.membershipId, t.adminToken);
    expect((await redeemWithPasskey({ code: issued.code })).res.status).toBe(200);
    const spent = await options({ code: issued.code });
    expect(spent.status).toBe(404);
    expect(spent.json).toEqual(unknown.json);
  });

  it("refuse a place whose account is somebody's already (409, nothing about them), and a reset code", async () => {
    const t = await setUp();
    const linked = t.people["Nguyễn Văn Bí Thư"]!;
    const invited = await issue(t.tenantId, linked.membershipId, t.adminToken);
    const res = await options({ secret: invited.secret });
    expect(res.status).toBe(409);
    expect(res.json).toEqual(ENVELOPE);
    expect(res.json.error.message).toMatch(/đăng nhập trước.* \/ .*log in first/);
    expect(JSON.stringify(res.json)).not.toContain(linked.email);
    expect((await invitationRow(invited.invitation.id))?.redeemed_at).toBeNull();

    const reset = await api<{ code: string }>(
      "POST",
      `/api/tenants/${t.tenantId}/members/${linked.membershipId}/invitations`,
      t.adminToken,
      { purpose: "reset" },
    );
    expect((await options({ code: reset.json.code })).status).toBe(409);
  });

  it("count as tries of a code from the client: the sixth in a window is refused", async () => {
    const ip = nextIp();
    for (let i = 0; i < 5; i++) expect((await options({ code: "ABCDEFGHJK" }, ip)).status).toBe(404);
    const refused = await options({ code: "ABCDEFGHJK" }, ip);
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe("rate_limited");
  });
});

describe("redeeming with a passkey", () => {
  it("fills the empty account with the passkey alone, signs in, links the record, and the passkey logs in", async () => {
    const t = await setUp();
    const issued = await issue(t.tenantId, t.member.membershipId, t.adminToken);
    const { res, authenticator, body } = await redeemWithPasskey({ secret: issued.secret });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(redeemedSchema.strict().parse(res.json)).toEqual({
      purpose: "member",
      tenantId: t.tenantId,
      membershipId: t.member.membershipId,
      meetingId: null,
      signedIn: true,
      token: expect.any(String),
    });
    expect(res.headers.get("set-cookie") ?? "").toMatch(/chibo_session=.+HttpOnly/i);
    const me = await api<Me>("GET", "/api/auth/me", res.json.token);
    expect(me.json.person).toMatchObject({ id: t.member.id, email: null });
    expect(me.json.tenants.map((x) => x.id)).toEqual([t.tenantId]);

    const record = await recordOf(t.member.membershipId);
    expect(record).toMatchObject({ personId: t.member.id, linkedAt: expect.any(String) });
    expect(await accountOf(t.member.id)).toMatchObject({ email: null, passwordHash: null });
    const stored = await passkeysOf(t.member.id);
    expect(stored.map((p) => p.id)).toEqual([authenticator.credentials[0]!.id]);

    const { res: loggedIn } = await passkeyLogin(authenticator);
    expect(loggedIn.status).toBe(200);
    expect(loggedIn.json.me.person.id).toBe(t.member.id);

    // Spent: the same code again, with or without a passkey, is the 404 of any unknown code.
    const again = await api<ErrorBody>("POST", REDEEM, undefined, body, from(nextIp()));
    expect(again.status).toBe(404);
    expect(again.json.error.code).toBe("not_found");
    expect(await passkeysOf(t.member.id)).toHaveLength(1);
  });

  it("refuses a challenge token made for another invitation, leaving both live", async () => {
    const t = await createTenant([
      { name: "Phạm Văn Một", login: false },
      { name: "Phạm Văn Hai", login: false },
    ]);
    const adminToken = await login(t.admin.email);
    const a = await issue(t.tenantId, t.people["Phạm Văn Một"]!.membershipId, adminToken);
    const b = await issue(t.tenantId, t.people["Phạm Văn Hai"]!.membershipId, adminToken);
    const opts = await options({ secret: a.secret });
    const response = await new SoftAuthenticator().register(opts.json.options);
    const passkey = { challengeToken: opts.json.challengeToken, response };
    const res = await api<ErrorBody>("POST", REDEEM, undefined, { secret: b.secret, passkey }, from(nextIp()));
    expect(res.status).toBe(400);
    expect(res.json).toEqual(ENVELOPE);
    expect((await invitationRow(a.invitation.id))?.redeemed_at).toBeNull();
    expect((await invitationRow(b.invitation.id))?.redeemed_at).toBeNull();
    expect(await passkeysOf(t.people["Phạm Văn Một"]!.id)).toEqual([]);
    expect(await passkeysOf(t.people["Phạm Văn Hai"]!.id)).toEqual([]);
    // Invitation B's tenant is another committee's just as well: the token carries A only.
    const elsewhere = await setUp();
    const c = await issue(elsewhere.tenantId, elsewhere.member.membershipId, elsewhere.adminToken);
    const cross = await api<ErrorBody>("POST", REDEEM, undefined, { secret: c.secret, passkey }, from(nextIp()));
    expect(cross.status).toBe(400);
    expect((await recordOf(elsewhere.member.membershipId))?.linkedAt).toBeNull();
  });

  it("refuses a passkey signed over another challenge (400) and the invitation stays live", async () => {
    const t = await setUp();
    const issued = await issue(t.tenantId, t.member.membershipId, t.adminToken);
    const opts = await options({ code: issued.code });
    const forged = { ...opts.json.options, challenge: b64url("not the challenge the server signed") };
    const response = await new SoftAuthenticator().register(forged);
    const body = { code: issued.code, passkey: { challengeToken: opts.json.challengeToken, response } };
    const res = await api<ErrorBody>("POST", REDEEM, undefined, body, from(nextIp()));
    expect(res.status).toBe(400);
    expect(res.json).toEqual(ENVELOPE);
    expect((await invitationRow(issued.invitation.id))?.redeemed_at).toBeNull();
    expect(await passkeysOf(t.member.id)).toEqual([]);
    expect((await recordOf(t.member.membershipId))?.linkedAt).toBeNull();
    // The holder tries again with the same code, and it works.
    expect((await redeemWithPasskey({ code: issued.code })).res.status).toBe(200);
  });

  it("takes a passkey or an e-mail and password, never both, and not beside a session", async () => {
    const t = await setUp();
    const issued = await issue(t.tenantId, t.member.membershipId, t.adminToken);
    const opts = await options({ code: issued.code });
    const response = await new SoftAuthenticator().register(opts.json.options);
    const passkey = { challengeToken: opts.json.challengeToken, response };
    const both = { code: issued.code, passkey, email: "ai@moi.test", password: "mat-khau-moi-cua-toi" };
    expect((await api("POST", REDEEM, undefined, both, from(nextIp()))).status).toBe(400);
    const session = await login(t.people["Nguyễn Văn Bí Thư"]!.email);
    const withSession = await api<ErrorBody>("POST", REDEEM, session, { code: issued.code, passkey }, from(nextIp()));
    expect(withSession.status).toBe(400);
    expect((await invitationRow(issued.invitation.id))?.redeemed_at).toBeNull();
  });

  it("leaves the account nobody else's to fill in: another record's invitation gives its new holder an account of their own", async () => {
    const t = await setUp();
    const issued = await issue(t.tenantId, t.member.membershipId, t.adminToken);
    expect((await redeemWithPasskey({ secret: issued.secret })).res.status).toBe(200);

    // Another committee's record that points at the same account (e.g. one kept from before): not empty any more.
    const other = await setUp();
    await mirrorInto(t.member.id, other.tenantId);
    await dbOf(other.tenantId)
      .update(memberships)
      .set({ personId: t.member.id })
      .where(eq(memberships.id, other.member.membershipId));
    const second = await issue(other.tenantId, other.member.membershipId, other.adminToken);
    expect((await options({ secret: second.secret })).status).toBe(409);
    const email = `${crypto.randomUUID().slice(0, 8)}@moi.test`;
    const body = { secret: second.secret, email, password: "mat-khau-moi-cua-toi" };
    const res = await api<ErrorBody>("POST", REDEEM, undefined, body, from(nextIp()));
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const moved = await recordOf(other.member.membershipId);
    expect(moved?.personId).not.toBe(t.member.id);
    expect(await accountOf(moved?.personId ?? "")).toMatchObject({ email });
    expect(await accountOf(t.member.id)).toMatchObject({ email: null, passwordHash: null });
    expect(await passkeysOf(t.member.id)).toHaveLength(1);
  });

  it("fills an account only while it is still empty, even when another redemption filled it after it was read", async () => {
    const t = await setUp();
    const issued = await issue(t.tenantId, t.member.membershipId, t.adminToken);
    const row = {
      id: issued.invitation.id,
      purpose: "member" as const,
      tenantId: t.tenantId,
      membershipId: t.member.membershipId,
      meetingId: null,
      personId: null,
      redeemedAt: null,
    };
    // Read as empty; then, before this redemption's batch, another one gave the account a passkey.
    const staleSlot = { personId: t.member.id, empty: true };
    await directory().insert(passkeys).values({ id: "Zmlyc3QtaG9sZGVy", personId: t.member.id, publicKey: "AQID" });

    const email = `${crypto.randomUUID().slice(0, 8)}@moi.test`;
    const places = { inv: dbOf(t.tenantId), dir: directory() };
    const withPassword = takeSlot(places, row, staleSlot, { sessionPersonId: null, email }, "pbkdf2-sha256$1$x$y");
    await expect(withPassword).rejects.toMatchObject({ code: "conflict" });
    const credential = { id: "c2Vjb25kLWhvbGRlcg", publicKey: "AQID", counter: 0, transports: [], name: "x" };
    const proven = { invitationId: row.id, personId: t.member.id, credential };
    await expect(takeSlotWithPasskey(places, row, staleSlot, proven)).rejects.toMatchObject({ code: "conflict" });

    // Nothing of either was written: no e-mail or password, no second passkey, the record not marked taken.
    expect(await accountOf(t.member.id)).toMatchObject({ email: null, passwordHash: null });
    expect((await passkeysOf(t.member.id)).map((p) => p.id)).toEqual(["Zmlyc3QtaG9sZGVy"]);
    expect((await recordOf(t.member.membershipId))?.linkedAt).toBeNull();
  });
});
