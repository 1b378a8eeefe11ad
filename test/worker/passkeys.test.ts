/**
 * Passkey ceremonies through the real API in workerd, answered by a software authenticator
 * (test/support/soft-authenticator.ts): who may ask for options, a registration stored and a discoverable login that
 * starts a session like /login does, replays refused, the login throttle cleared for the holder, and every kind of
 * bad input (malformed, another ceremony's or person's token, an expired one, an unknown credential) answered in
 * the envelope, never 500, writing nothing.
 */
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Me } from "../../schema/api/auth";
import { auditLog, passkeys, sessions } from "../../schema/db/tables";
import { signToken } from "../../server/signed-token";
import { challengeKey } from "../../worker/lib/passkey-challenge";
import { api, createTenant, directory, login, PASSWORD } from "../support/fixtures";
import { SoftAuthenticator } from "../support/soft-authenticator";
import {
  ANDROID_CHROME,
  from,
  type LoginAnswer,
  loginOptions,
  nextIp,
  PASSKEYS,
  passkeyLogin,
  registerOptions,
  registerPasskey,
} from "./passkeys-helpers";

const ENVELOPE = { error: { code: expect.any(String), message: expect.any(String) } };
const b64url = (s: string) => btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const rowsOf = (personId: string) => directory().select().from(passkeys).where(eq(passkeys.personId, personId));

describe("passkey options", () => {
  it("gives registration options only to a logged-in person: discoverable, their id as user handle, their passkeys excluded", async () => {
    const t = await createTenant();
    const res = await api("POST", `${PASSKEYS}/register/options`, undefined, {});
    expect(res.status).toBe(401);
    expect(res.json).toEqual(ENVELOPE);

    const token = await login(t.admin.email);
    const first = await registerOptions(token);
    expect(first.options.rp).toEqual({ name: "Chi bộ", id: "chibo.test" });
    expect(first.options.user).toMatchObject({
      id: b64url(t.admin.id),
      name: t.admin.email,
      displayName: t.admin.name,
    });
    expect(first.options.authenticatorSelection).toMatchObject({
      residentKey: "required",
      userVerification: "preferred",
    });
    expect(first.options.excludeCredentials).toEqual([]);
    expect(first.challengeToken).toEqual(expect.any(String));

    const { res: added } = await registerPasskey(token);
    expect(added.status).toBe(201);
    const second = await registerOptions(token);
    expect(second.options.excludeCredentials).toEqual([
      { id: added.json.id, type: "public-key", transports: ["internal"] },
    ]);
    expect(second.options.challenge).not.toBe(first.options.challenge);
  });

  it("gives login options to anyone, naming no credential (the browser offers the ones it holds)", async () => {
    const res = await loginOptions();
    expect(res.options.rpId).toBe("chibo.test");
    expect(res.options.userVerification).toBe("preferred");
    expect(res.options.allowCredentials ?? []).toEqual([]);
  });

  it("refuses options for an origin that is not ours, even with a bearer token (which skips the CSRF check)", async () => {
    const t = await createTenant();
    const token = await login(t.admin.email);
    const evil = { origin: "https://evil.example" };
    const reg = await api("POST", `${PASSKEYS}/register/options`, token, {}, evil);
    expect(reg.status).toBe(403);
    expect(reg.json).toEqual(ENVELOPE);
    expect((await api("POST", `${PASSKEYS}/login/options`, undefined, {}, evil)).status).toBe(403);
  });
});

describe("registering and logging in with a passkey", () => {
  it("stores the passkey named after the device, then logs in with it like /login: cookie, token, me, audit", async () => {
    const t = await createTenant();
    const token = await login(t.admin.email);
    const { res, authenticator } = await registerPasskey(token, undefined, {}, { "user-agent": ANDROID_CHROME });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      id: authenticator.credentials[0]!.id,
      name: "Android · Chrome",
      createdAt: expect.any(String),
      lastUsedAt: null,
    });
    const [row] = await rowsOf(t.admin.id);
    expect(row).toMatchObject({ counter: 0, transports: '["internal"]' });

    const { res: loggedIn } = await passkeyLogin(authenticator);
    expect(loggedIn.status).toBe(200);
    expect(loggedIn.json.me.person.id).toBe(t.admin.id);
    expect(loggedIn.headers.get("set-cookie") ?? "").toMatch(/chibo_session=.+HttpOnly/i);
    const me = await api<Me>("GET", "/api/auth/me", loggedIn.json.token);
    expect(me.status).toBe(200);
    expect(me.json.tenants.map((x) => x.id)).toEqual([t.tenantId]);

    const [used] = await rowsOf(t.admin.id);
    expect(used!.counter).toBe(1);
    expect(used!.lastUsedAt).toEqual(expect.any(String));
    const actions = (await directory().select().from(auditLog).where(eq(auditLog.personId, t.admin.id))).map(
      (a) => a.action,
    );
    expect(actions).toEqual(expect.arrayContaining(["add_passkey", "login"]));
  });

  it("keeps a name the person gave", async () => {
    const t = await createTenant();
    const { res } = await registerPasskey(await login(t.admin.email), undefined, { name: "  Điện thoại của tôi " });
    expect(res.json.name).toBe("Điện thoại của tôi");
  });

  it("refuses a replayed login, even from an authenticator that never counts, and only one of parallel copies logs in", async () => {
    const t = await createTenant();
    const token = await login(t.admin.email);
    for (const counting of [true, false]) {
      const { authenticator } = await registerPasskey(token, new SoftAuthenticator(undefined, counting));
      const ip = nextIp();
      const { res, body } = await passkeyLogin(authenticator, ip);
      expect(res.status).toBe(200);
      const sessionsBefore = (await directory().select().from(sessions).where(eq(sessions.personId, t.admin.id)))
        .length;
      const again = await api<LoginAnswer>("POST", `${PASSKEYS}/login/verify`, undefined, body, from(ip));
      expect(again.status).toBe(401);
      expect(again.json).toEqual(ENVELOPE);
      expect((await directory().select().from(sessions).where(eq(sessions.personId, t.admin.id))).length).toBe(
        sessionsBefore,
      );
    }
    const { authenticator } = await registerPasskey(token, new SoftAuthenticator(undefined, false));
    const { options, challengeToken } = await loginOptions();
    const body = { challengeToken, response: await authenticator.login(options) };
    const copies = await Promise.all(
      Array.from({ length: 5 }, () => api("POST", `${PASSKEYS}/login/verify`, undefined, body, from(nextIp()))),
    );
    expect(copies.map((r) => r.status).sort()).toEqual([200, 401, 401, 401, 401]);
  });

  it("lets the holder in while strangers' wrong passwords have locked password login, and clears that client's count", async () => {
    const t = await createTenant();
    const { authenticator } = await registerPasskey(await login(t.admin.email));
    const ip = nextIp();
    const password = (pw: string) =>
      api("POST", "/api/auth/login", undefined, { email: t.admin.email, password: pw }, from(ip));
    for (let i = 0; i < 5; i++) expect((await password(`sai-${i}`)).status).toBe(401);
    expect((await password(PASSWORD)).status).toBe(429);

    const { res } = await passkeyLogin(authenticator, ip);
    expect(res.status).toBe(200);
    // The holder proved themselves from this client: its password count starts afresh.
    expect((await password(PASSWORD)).status).toBe(200);
  });

  it("refuses a registration sent twice (409, nothing overwritten) and a login whose user handle names someone else", async () => {
    const t = await createTenant([{ name: "Lê Văn Hai" }]);
    const token = await login(t.admin.email);
    const { res, body, authenticator } = await registerPasskey(token, undefined, { name: "Lần đầu" });
    expect(res.status).toBe(201);
    const again = await api("POST", `${PASSKEYS}/register/verify`, token, { ...body, name: "Lần hai" });
    expect(again.status).toBe(409);
    expect(again.json).toEqual(ENVELOPE);
    expect((await rowsOf(t.admin.id)).map((r) => r.name)).toEqual(["Lần đầu"]);

    const { options, challengeToken } = await loginOptions();
    const response = await authenticator.login(options);
    const other = b64url(t.people["Lê Văn Hai"]!.id);
    const forged = await api("POST", `${PASSKEYS}/login/verify`, undefined, {
      challengeToken,
      response: { ...response, response: { ...response.response, userHandle: other } },
    });
    expect(forged.status).toBe(401);
    expect(forged.json).toEqual(ENVELOPE);
  });

  it("refuses a registration token of another person, a login token for a registration and the other way round", async () => {
    const t = await createTenant([{ name: "Lê Văn Hai" }]);
    const mine = await login(t.admin.email);
    const theirs = await login(t.people["Lê Văn Hai"]!.email);
    const authenticator = new SoftAuthenticator();
    const { options, challengeToken } = await registerOptions(theirs);
    const response = await authenticator.register(options);
    const stolen = await api("POST", `${PASSKEYS}/register/verify`, mine, { challengeToken, response });
    expect(stolen.status).toBe(400);
    expect(stolen.json).toEqual(ENVELOPE);

    const login1 = await loginOptions();
    const asRegistration = await api("POST", `${PASSKEYS}/register/verify`, mine, {
      challengeToken: login1.challengeToken,
      response: await new SoftAuthenticator().register({ ...options, challenge: login1.options.challenge }),
    });
    expect(asRegistration.status).toBe(400);

    const { authenticator: holder } = await registerPasskey(mine);
    const reg = await registerOptions(mine);
    const asLogin = await api("POST", `${PASSKEYS}/login/verify`, undefined, {
      challengeToken: reg.challengeToken,
      response: await holder.login({ challenge: reg.options.challenge, rpId: "chibo.test" }),
    });
    expect(asLogin.status).toBe(400);
    expect(await rowsOf(t.people["Lê Văn Hai"]!.id)).toEqual([]);
    expect(await rowsOf(t.admin.id)).toHaveLength(1);
  });

  it("refuses an expired challenge token, an assertion over another challenge, and an unknown credential", async () => {
    const t = await createTenant();
    const { authenticator } = await registerPasskey(await login(t.admin.email));
    const { options } = await loginOptions();
    const expired = await signToken(
      { k: "passkey-login", c: options.challenge, o: "http://chibo.test", iat: Date.now() - 600_000, exp: 1 },
      challengeKey(env.SESSION_SECRET),
    );
    const late = await api("POST", `${PASSKEYS}/login/verify`, undefined, {
      challengeToken: expired,
      response: await authenticator.login(options),
    });
    expect(late.status).toBe(400);
    expect(late.json).toEqual(ENVELOPE);

    const other = await loginOptions();
    const wrong = await api("POST", `${PASSKEYS}/login/verify`, undefined, {
      challengeToken: other.challengeToken,
      response: await authenticator.login(options),
    });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual(ENVELOPE);
    const failed = await directory().select().from(auditLog).where(eq(auditLog.action, "passkey_login_failed"));
    expect(failed.some((a) => a.personId === t.admin.id)).toBe(true);

    const stranger = new SoftAuthenticator();
    await stranger.register({ ...(await registerOptions(await login(t.admin.email))).options });
    const fresh = await loginOptions();
    const unknown = await api("POST", `${PASSKEYS}/login/verify`, undefined, {
      challengeToken: fresh.challengeToken,
      response: await stranger.login(fresh.options),
    });
    expect(unknown.status).toBe(401);
    expect(unknown.json).toEqual(ENVELOPE);
  });

  it("answers malformed, garbage and mistyped bodies with 400 in the envelope and stores nothing", async () => {
    const t = await createTenant();
    const token = await login(t.admin.email);
    const { challengeToken } = await registerOptions(token);
    const garbage = {
      id: "abc",
      rawId: "abc",
      type: "public-key",
      response: { clientDataJSON: "eyJ9", attestationObject: "AAAA", authenticatorData: "AAAA", signature: "AAAA" },
      clientExtensionResults: {},
    };
    const bodies: unknown[] = [
      '{"challengeToken": "x",',
      "[1, 2, 3]",
      {},
      { challengeToken: 42, response: "x" },
      { challengeToken, response: garbage },
      { challengeToken: "not-a-token-at-all", response: garbage },
      { challengeToken, response: { ...garbage, type: "password" } },
    ];
    for (const path of ["register/verify", "login/verify"]) {
      for (const body of bodies) {
        const res = await api("POST", `${PASSKEYS}/${path}`, path.startsWith("register") ? token : undefined, body);
        expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(400);
        expect(res.json).toMatchObject(ENVELOPE);
      }
    }
    // A login token with a garbage assertion for a credential we do not hold: still the client's error, not a 500.
    const login1 = await loginOptions();
    const res = await api("POST", `${PASSKEYS}/login/verify`, undefined, {
      challengeToken: login1.challengeToken,
      response: garbage,
    });
    expect(res.status).toBe(401);
    expect(await rowsOf(t.admin.id)).toEqual([]);
  });
});
