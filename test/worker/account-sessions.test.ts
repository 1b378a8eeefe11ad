/**
 * The account page's sessions: a person lists their own live sessions (the current one marked, never a token),
 * ends one of them, or signs out everywhere, which also closes their room sockets (4401). Another person's
 * session id answers 404 and changes nothing.
 */
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { accountSessionsSchema } from "../../schema/api/auth";
import { auditLog, sessions } from "../../schema/db/tables";
import { createMeeting, MEMBER_NAMES } from "../party/meeting-fixture";
import { api, createTenant, directory, login } from "../support/fixtures";
import { closeAllRooms, eventually, joinRoom } from "../support/room-client";

afterEach(closeAllRooms);

const listOf = async (token: string) => {
  const res = await api("GET", "/api/auth/sessions", token);
  expect(res.status).toBe(200);
  expect(accountSessionsSchema.strict().safeParse(res.json).success).toBe(true);
  return accountSessionsSchema.parse(res.json).sessions;
};

describe("account sessions", () => {
  it("lists both of a person's sessions, the current one marked, with no token in the answer", async () => {
    const t = await createTenant();
    const first = await login(t.admin.email);
    const second = await login(t.admin.email);
    const res = await api("GET", "/api/auth/sessions", second);
    expect(JSON.stringify(res.json)).not.toContain(first);
    expect(JSON.stringify(res.json)).not.toContain(second);
    const list = await listOf(second);
    expect(list).toHaveLength(2);
    expect(list.filter((s) => s.current)).toHaveLength(1);
    const fromFirst = await listOf(first);
    // Each session sees itself as the current one.
    expect(fromFirst.find((s) => s.current)!.id).not.toBe(list.find((s) => s.current)!.id);
    // Another person's sessions are not listed.
    const other = await createTenant();
    await login(other.admin.email);
    expect((await listOf(second)).map((s) => s.id).sort()).toEqual(list.map((s) => s.id).sort());
    expect((await api("GET", "/api/auth/sessions")).status).toBe(401);
  });

  it("ends another session of mine: its token answers 401, mine still works, and it is audited", async () => {
    const t = await createTenant();
    const other = await login(t.admin.email);
    const mine = await login(t.admin.email);
    const target = (await listOf(mine)).find((s) => !s.current)!;
    const res = await api("POST", `/api/auth/sessions/${target.id}/revoke`, mine);
    expect(res.status).toBe(200);
    expect((await api("GET", "/api/auth/me", other)).status).toBe(401);
    expect((await api("GET", "/api/auth/me", mine)).status).toBe(200);
    expect((await listOf(mine)).map((s) => s.id)).not.toContain(target.id);
    const audit = await directory().select().from(auditLog).where(eq(auditLog.entityId, target.id));
    expect(audit.map((a) => a.action)).toContain("revoke_session");
    // Already ended: nothing more to end.
    const again = await api("POST", `/api/auth/sessions/${target.id}/revoke`, mine);
    expect(again.status).toBe(404);
  });

  it("ending the session the request came with is a logout: its token stops working and the cookie is cleared", async () => {
    const t = await createTenant();
    const token = await login(t.admin.email);
    const current = (await listOf(token)).find((s) => s.current)!;
    const res = await api("POST", `/api/auth/sessions/${current.id}/revoke`, token);
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie") ?? "").toMatch(/chibo_session=;.*Max-Age=0/i);
    expect((await api("GET", "/api/auth/me", token)).status).toBe(401);
  });

  it("another person's session id answers 404 in the envelope and leaves that session live", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const victim = await login(b.admin.email);
    const victimSession = (await listOf(victim))[0]!;
    const attacker = await login(a.admin.email);
    for (const id of [victimSession.id, "no-such-session"]) {
      const res = await api("POST", `/api/auth/sessions/${id}/revoke`, attacker);
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ error: { code: "not_found", message: expect.any(String) } });
    }
    const row = await directory().select().from(sessions).where(eq(sessions.id, victimSession.id)).get();
    expect(row?.revokedAt).toBeNull();
    expect((await api("GET", "/api/auth/me", victim)).status).toBe(200);
  });

  it("a cross-site form post with the cookie cannot sign the person out", async () => {
    const t = await createTenant();
    const token = await login(t.admin.email);
    const res = await api("POST", "/api/auth/sign-out-everywhere", undefined, "x=1", {
      cookie: `chibo_session=${token}`,
      origin: "https://evil.example",
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(res.status).toBe(403);
    expect((await api("GET", "/api/auth/me", token)).status).toBe(200);
  });

  it("sign out everywhere ends every session, clears the cookie and closes the person's room sockets with 4401", async () => {
    const f = await createMeeting();
    const chair = await f.join("chair");
    await chair.ok({ type: "meeting/start" });
    const email = f.people[MEMBER_NAMES.m1]!.email;
    const phone = await login(email);
    const laptop = await login(email);
    const ticket = await api("POST", `/api/tenants/${f.tenantId}/tickets`, phone, { meetingId: f.meetingId });
    expect(ticket.status).toBe(200);
    const socket = await joinRoom(f.meetingId, (ticket.json as { ticket: string }).ticket);
    const m2 = await login(f.people[MEMBER_NAMES.m2]!.email);

    const res = await api("POST", "/api/auth/sign-out-everywhere", laptop);
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie") ?? "").toMatch(/chibo_session=;.*Max-Age=0/i);
    await eventually(async () => socket.closed && socket.closeCode === 4401, 5000);
    for (const token of [phone, laptop]) expect((await api("GET", "/api/auth/me", token)).status).toBe(401);
    // Someone else's session is untouched, and so is the chair's socket.
    expect((await api("GET", "/api/auth/me", m2)).status).toBe(200);
    expect(chair.closed).toBe(false);
    const audit = await directory().select().from(auditLog).where(eq(auditLog.action, "sign_out_everywhere"));
    expect(audit.some((a) => a.personId === f.idOf("m1"))).toBe(true);
  });
});
