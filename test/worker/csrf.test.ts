/**
 * CSRF is decided by which credential authenticates a request, not by which headers it carries: a browser sends
 * a cached `Authorization: Basic` (a proxy's login) with a cross-site form post on its own, so "has an
 * Authorization header" once switched the Origin check off for a request the cookie authenticated.
 * Logout is the write a cross-site form can drive with no JSON body; its session row shows whether it happened.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Me } from "../../schema/api/auth";
import { sessions } from "../../schema/db/tables";
import type { ErrorBody } from "../../schema/errors";
import { api, createPerson, directory, PASSWORD } from "../support/fixtures";

const OWN = "http://chibo.test";
const FOREIGN = "https://evil.example";
const FORM = { "content-type": "application/x-www-form-urlencoded" };

/** A person logged in through the API: their token, which is also their cookie's value, and its session row. */
async function loggedIn() {
  const person = await createPerson("Nguyễn Văn Thử");
  const res = await api<{ token: string }>("POST", "/api/auth/login", undefined, {
    email: person.email,
    password: PASSWORD,
  });
  expect(res.status).toBe(200);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  expect(cookie).toBe(`chibo_session=${res.json.token}`);
  return { person, token: res.json.token as string, cookie };
}

/** Whether the person's (only) session row has been revoked. */
async function revoked(personId: string) {
  const rows = await directory().select().from(sessions).where(eq(sessions.personId, personId));
  expect(rows).toHaveLength(1);
  return rows[0]!.revokedAt !== null;
}

const logout = (headers: Record<string, string>) =>
  api<ErrorBody>("POST", "/api/auth/logout", undefined, "x=1", headers);

describe("csrf: the cookie authenticates, so the Origin is checked whatever other headers come along", () => {
  it.each([
    ["Basic (a browser sends cached proxy credentials cross-site)", "Basic eDp5"],
    ["Basic with junk", "Basic x"],
    ["a Bearer without a token", "Bearer"],
    ["a malformed Bearer", "Bearer two tokens"],
    ["an unknown scheme", "Token abc"],
  ])("refuses a cross-site form post with %s and changes nothing", async (_, authorization) => {
    const u = await loggedIn();
    const res = await logout({ ...FORM, cookie: u.cookie, authorization, origin: FOREIGN });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe("forbidden");
    expect(await revoked(u.person.id)).toBe(false);
    expect((await api("GET", "/api/auth/me", undefined, undefined, { cookie: u.cookie })).status).toBe(200);
  });

  it("accepts the same post from our own origin", async () => {
    const u = await loggedIn();
    const res = await logout({ ...FORM, cookie: u.cookie, authorization: "Basic x", origin: OWN });
    expect(res.status).toBe(200);
    expect(await revoked(u.person.id)).toBe(true);
  });

  it("refuses a cross-site post whose Bearer token is invalid: the bearer alone is read, the cookie is not", async () => {
    const u = await loggedIn();
    const res = await logout({ ...FORM, cookie: u.cookie, authorization: "Bearer forged.token", origin: FOREIGN });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("unauthorized");
    expect(await revoked(u.person.id)).toBe(false);
  });
});

describe("csrf: a bearer token authenticates, so the cookie is ignored and no Origin is asked", () => {
  it("lets an API client with a real bearer token and no cookie post from anywhere", async () => {
    const u = await loggedIn();
    const res = await logout({ ...FORM, authorization: `Bearer ${u.token}`, origin: FOREIGN });
    expect(res.status).toBe(200);
    expect(await revoked(u.person.id)).toBe(true);
  });

  it("acts as the bearer's person when the cookie belongs to someone else", async () => {
    const bearer = await loggedIn();
    const other = await loggedIn();
    const headers = { authorization: `Bearer ${bearer.token}`, cookie: other.cookie, origin: FOREIGN };
    const me = await api<Me>("GET", "/api/auth/me", undefined, undefined, headers);
    expect(me.status).toBe(200);
    expect(me.json.person.id).toBe(bearer.person.id);
    expect((await logout({ ...FORM, ...headers })).status).toBe(200);
    expect(await revoked(bearer.person.id)).toBe(true);
    expect(await revoked(other.person.id)).toBe(false);
  });
});
