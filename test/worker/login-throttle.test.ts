import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { vnWallTime } from "../../schema/calendar";
import type { ErrorBody } from "../../schema/errors";
import { api, createTenant, login, PASSWORD } from "../support/fixtures";

/** What the tests read of a login answer: the token when it succeeds, the envelope when refused. */
type LoginAnswer = { token: string } & ErrorBody;

// The Worker reads the client's address from CF-Connecting-IP, which Cloudflare sets on every request.
const from = (ip: string) => ({ "cf-connecting-ip": ip });
// Each test its own addresses, and at most 300 requests from one within a minute: past that the per-IP shield
// (test/worker/ip-shield.test.ts) answers before these throttles are reached.
let hosts = 0;
const nextIp = () => `198.51.100.${++hosts}`;

const loginFrom = (ip: string, email: string, password: string) =>
  api<LoginAnswer>("POST", "/api/auth/login", undefined, { email, password }, from(ip));

const statuses = (results: { status: number }[]) =>
  results.reduce<Record<number, number>>((acc, r) => {
    acc[r.status] = (acc[r.status] ?? 0) + 1;
    return acc;
  }, {});

/** Password checks that failed for this person, as the audit log recorded them (one row per check). */
async function failedChecks(personId: string, action: string) {
  const row = await env.DB.prepare("select count(*) as n from audit_log where person_id = ? and action = ?")
    .bind(personId, action)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/** `HH:mm (giờ Việt Nam)` / `HH:mm (Vietnam time)` of the window this client's key ends at, read from D1. */
async function lockText(key: string) {
  const row = await env.DB.prepare("select window_ends_at as at from login_throttle where key = ?")
    .bind(key)
    .first<{ at: string }>();
  if (!row) throw new Error(`no throttle row for ${key}`);
  const t = vnWallTime(row.at);
  const hhmm = `${String(t.hour).padStart(2, "0")}:${String(t.minute).padStart(2, "0")}`;
  return { vi: `${hhmm} (giờ Việt Nam)`, en: `${hhmm} (Vietnam time)` };
}

/** Each 429 names the end of the lock on Vietnam's clock, never a raw UTC instant. */
function expectVnLock(message: string, lock: { vi: string; en: string }) {
  expect(message).toContain(`thử lại sau ${lock.vi}`);
  expect(message).toContain(`try again after ${lock.en}`);
  expect(message).not.toMatch(/\d{4}-\d\d-\d\dT/);
}

describe("login warnings before the lockout", () => {
  it("counts down the tries this client has left, then names the lock's end in Vietnam time", async () => {
    const t = await createTenant();
    const ip = nextIp();
    for (const left of [4, 3, 2, 1]) {
      const r = await loginFrom(ip, t.admin.email, `sai-${left}`);
      expect(r.status).toBe(401);
      expect(r.json.error.code).toBe("unauthorized");
      expect(r.json.error.message).toBe(
        `Sai e-mail hoặc mật khẩu. Còn ${left} lần thử / Wrong e-mail or password. ${left} ${left === 1 ? "try" : "tries"} left`,
      );
    }
    // The fifth wrong password uses the last try: the answer says so, and when the lock ends.
    const last = await loginFrom(ip, t.admin.email, "sai-0");
    expect(last.status).toBe(401);
    const lock = await lockText(`client:${t.admin.email}|${ip}`);
    expect(last.json.error.message).toBe(
      `Sai e-mail hoặc mật khẩu. Hết lượt thử, thử lại sau ${lock.vi} / Wrong e-mail or password. No tries left, try again after ${lock.en}`,
    );
    const locked = await loginFrom(ip, t.admin.email, PASSWORD);
    expect(locked.status).toBe(429);
    expectVnLock(locked.json.error.message, lock);
  });

  it("counts down an unknown e-mail exactly like a known one, so the answer tells nothing", async () => {
    const t = await createTenant();
    const [knownIp, unknownIp] = [nextIp(), nextIp()];
    const unknown = `khong-co-ai-${hosts}@example.vn`;
    for (let i = 0; i < 6; i++) {
      const known = await loginFrom(knownIp, t.admin.email, `sai-${i}`);
      const stranger = await loginFrom(unknownIp, unknown, `sai-${i}`);
      expect(stranger.status).toBe(known.status);
      const k = await lockText(`client:${t.admin.email}|${knownIp}`);
      const u = await lockText(`client:${unknown}|${unknownIp}`);
      // Same words once the two windows' ends (which may differ by a minute) are taken out.
      expect(stranger.json.error.message.replaceAll(u.vi, "X").replaceAll(u.en, "X")).toBe(
        known.json.error.message.replaceAll(k.vi, "X").replaceAll(k.en, "X"),
      );
    }
  });

  it("warns of two tries, not five, once the account is under attack", async () => {
    const t = await createTenant();
    for (let i = 0; i < 4; i++) {
      await Promise.all(
        Array.from({ length: 5 }, (_, j) => loginFrom(`203.0.113.${60 + i}`, t.admin.email, `doan-${i}-${j}`)),
      );
    }
    const r = await loginFrom(nextIp(), t.admin.email, "sai");
    expect(r.status).toBe(401);
    expect(r.json.error.message).toContain("Còn 1 lần thử / ");
  });

  it("names the lock's end in Vietnam time for password change, forgot password and code redemption too", async () => {
    const t = await createTenant();
    const ip = nextIp();
    const token = (await loginFrom(ip, t.admin.email, PASSWORD)).json.token as string;
    let change: { status: number; json: ErrorBody } | undefined;
    for (let i = 0; i < 6; i++) {
      change = await api<ErrorBody>(
        "POST",
        "/api/auth/password",
        token,
        { currentPassword: `sai-${i}`, newPassword: "mat-khau-moi-dai" },
        from(ip),
      );
    }
    expect(change?.status).toBe(429);
    expectVnLock(change!.json.error.message, await lockText(`client:${t.admin.email}|${ip}`));

    const email = `quen-${hosts}@example.vn`;
    let forgot: { status: number; json: ErrorBody } | undefined;
    for (let i = 0; i < 6; i++)
      forgot = await api<ErrorBody>("POST", "/api/auth/forgot", undefined, { email }, from(ip));
    expect(forgot?.status).toBe(429);
    expectVnLock(forgot!.json.error.message, await lockText(`client:forgot:${email}|${ip}`));

    let redeem: { status: number; json: ErrorBody } | undefined;
    for (let i = 0; i < 6; i++) {
      redeem = await api<ErrorBody>(
        "POST",
        "/api/invitations/redeem",
        undefined,
        { code: `SAIMA${i}XX`, password: "mat-khau-moi-that-dai" },
        from(ip),
      );
    }
    expect(redeem?.status).toBe(429);
    expectVnLock(redeem!.json.error.message, await lockText(`client:code:${ip}|${ip}`));
  });
});

describe("login throttling", () => {
  it("checks exactly five of forty parallel wrong passwords; the rest answer 429 in the envelope", async () => {
    const t = await createTenant();
    const HOLDER_IP = nextIp();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => loginFrom(HOLDER_IP, t.admin.email, `sai-${i}`)),
    );
    expect(statuses(results)).toEqual({ 401: 5, 429: 35 });
    for (const r of results.filter((x) => x.status === 429)) {
      expect(r.json.error.code).toBe("rate_limited");
      expect(r.json.error.message).toMatch(/^Đăng nhập sai nhiều lần.* \/ Too many failed logins/);
    }
    expect(await failedChecks(t.admin.id, "login_failed")).toBe(5);
    // Even the right password is refused unchecked from that client until the window ends.
    expect((await loginFrom(HOLDER_IP, t.admin.email, PASSWORD)).status).toBe(429);
    expect(await failedChecks(t.admin.id, "login_failed")).toBe(5);
  });

  it("still lets the real holder in with a reset code after forty parallel wrong passwords from their address", async () => {
    const t = await createTenant([{ name: "Nguyễn Văn Bí Thư", branchRole: "secretary" }]);
    const holder = t.people["Nguyễn Văn Bí Thư"]!;
    const HOLDER_IP = nextIp();
    const flood = await Promise.all(
      Array.from({ length: 40 }, (_, i) => loginFrom(HOLDER_IP, holder.email, `quen-${i}`)),
    );
    expect(statuses(flood)).toEqual({ 401: 5, 429: 35 });
    expect(await failedChecks(holder.id, "login_failed")).toBe(5);
    // The secretary's committee hands them a reset code; redeemed from the very same address, it signs them in.
    const issued = await api<{ code: string }>(
      "POST",
      `/api/tenants/${t.tenantId}/members/${holder.membershipId}/invitations`,
      await login(t.admin.email),
      { purpose: "reset" },
    );
    expect(issued.status).toBe(201);
    const redeemed = await api<{ signedIn: boolean; token: string }>(
      "POST",
      "/api/invitations/redeem",
      undefined,
      { code: issued.json.code, password: "mat-khau-moi-that-dai" },
      from(HOLDER_IP),
    );
    expect(redeemed.status, JSON.stringify(redeemed.json)).toBe(200);
    expect(redeemed.json.signedIn).toBe(true);
    expect((await api("GET", "/api/auth/me", redeemed.json.token)).status).toBe(200);
  });

  it("lets the holder in from their own address after a stranger's flood from another", async () => {
    const t = await createTenant();
    const [HOLDER_IP, STRANGER_IP] = [nextIp(), nextIp()];
    const flood = await Promise.all(
      Array.from({ length: 40 }, (_, i) => loginFrom(STRANGER_IP, t.admin.email, `doan-${i}`)),
    );
    expect(statuses(flood)).toEqual({ 401: 5, 429: 35 });
    const holder = await loginFrom(HOLDER_IP, t.admin.email, PASSWORD);
    expect(holder.status).toBe(200);
    expect(holder.json.token).toBeTruthy();
  });

  it("slows an account under attack: every other client then gets two tries, not five", async () => {
    const t = await createTenant();
    const HOLDER_IP = nextIp();
    for (let i = 0; i < 4; i++) {
      await Promise.all(
        Array.from({ length: 5 }, (_, j) => loginFrom(`203.0.113.${10 + i}`, t.admin.email, `doan-${i}-${j}`)),
      );
    }
    const third = "192.0.2.50";
    expect((await loginFrom(third, t.admin.email, "sai-1")).status).toBe(401);
    expect((await loginFrom(third, t.admin.email, "sai-2")).status).toBe(401);
    expect((await loginFrom(third, t.admin.email, "sai-3")).status).toBe(429);
    // The holder, on a device of their own, still has their tries.
    expect((await loginFrom(HOLDER_IP, t.admin.email, PASSWORD)).status).toBe(200);
  });

  it("resets the client's count on success, so a forgetful holder is never locked out for good", async () => {
    const t = await createTenant();
    const HOLDER_IP = nextIp();
    // 8 rounds of 4 mistakes and a success: 32 failures from one address over time, never 5 in a row.
    for (let round = 0; round < 8; round++) {
      for (let i = 0; i < 4; i++) {
        expect((await loginFrom(HOLDER_IP, t.admin.email, `sai-${round}-${i}`)).status).toBe(401);
      }
      expect((await loginFrom(HOLDER_IP, t.admin.email, PASSWORD)).status).toBe(200);
    }
  });

  it("forgets the count when the 15-minute window has passed", async () => {
    const t = await createTenant();
    const [HOLDER_IP, STRANGER_IP] = [nextIp(), nextIp()];
    for (let i = 0; i < 6; i++) await loginFrom(HOLDER_IP, t.admin.email, `sai-${i}`);
    expect((await loginFrom(HOLDER_IP, t.admin.email, PASSWORD)).status).toBe(429);
    // Move the windows into the past instead of waiting a quarter of an hour.
    await env.DB.prepare("update login_throttle set window_ends_at = ?").bind("2000-01-01T00:00:00.000Z").run();
    expect((await loginFrom(HOLDER_IP, t.admin.email, PASSWORD)).status).toBe(200);
    // That success swept the ended windows, so guesses at e-mails nobody has do not pile up.
    await loginFrom(STRANGER_IP, "khong-ai@example.vn", "doan");
    await env.DB.prepare("update login_throttle set window_ends_at = ? where key like ?")
      .bind("2000-01-01T00:00:00.000Z", "%khong-ai@example.vn%")
      .run();
    expect((await loginFrom(HOLDER_IP, t.admin.email, PASSWORD)).status).toBe(200);
    const left = await env.DB.prepare("select count(*) as n from login_throttle where window_ends_at <= ?")
      .bind(new Date().toISOString())
      .first<{ n: number }>();
    expect(left?.n).toBe(0);
  });

  it("throttles password change the same way: five checks of twenty-five, then 429 even for the right one", async () => {
    const t = await createTenant();
    const HOLDER_IP = nextIp();
    const login = await loginFrom(HOLDER_IP, t.admin.email, PASSWORD);
    const token = login.json.token as string;
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        api<ErrorBody>(
          "POST",
          "/api/auth/password",
          token,
          { currentPassword: `sai-${i}`, newPassword: "mat-khau-moi-dai" },
          from(HOLDER_IP),
        ),
      ),
    );
    expect(statuses(results)).toEqual({ 403: 5, 429: 35 });
    expect(results.find((r) => r.status === 429)?.json.error.code).toBe("rate_limited");
    expect(await failedChecks(t.admin.id, "change_password_failed")).toBe(5);
    const right = await api(
      "POST",
      "/api/auth/password",
      token,
      { currentPassword: PASSWORD, newPassword: "mat-khau-moi-dai" },
      from(HOLDER_IP),
    );
    expect(right.status).toBe(429);
  });
});
