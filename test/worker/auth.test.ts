import { describe, expect, it } from "vitest";
import { type Me, meSchema } from "../../schema/api/auth";
import type { ErrorBody } from "../../schema/errors";
import { api, createTenant, login, PASSWORD } from "../support/fixtures";

/** The login answer, with the first tenant read directly. */
type LoginOk = { token: string; me: { tenants: [Me["tenants"][number], ...Me["tenants"]] } };

describe("session", () => {
  it("logs in with a bearer token and tells who I am, with my tenants", async () => {
    const t = await createTenant();
    const token = await login(t.admin.email);
    const me = await api<Me>("GET", "/api/auth/me", token);
    expect(me.status).toBe(200);
    expect(me.json.person.fullName).toBe("Trần Thị Quản Trị");
    expect(me.json.tenants).toEqual([
      expect.objectContaining({
        id: t.tenantId,
        role: "admin",
        organizationIds: [],
        branchRoles: [],
        guestMeetingIds: [],
      }),
    ]);
  });

  it("tells a branch member their role in each branch, so the client offers planning to a secretary or deputy", async () => {
    const t = await createTenant([
      { name: "Nguyễn Văn Bí Thư", branchRole: "secretary" },
      { name: "Trần Thị Phó", branchRole: "deputy" },
      { name: "Lê Văn Đảng Viên" },
    ]);
    const rolesOf = async (name: string) => {
      const me = await api<Me>("GET", "/api/auth/me", await login(t.people[name]!.email));
      expect(me.status).toBe(200);
      // The answer is exactly the shared contract the client is typed by.
      expect(meSchema.safeParse(me.json).success).toBe(true);
      return me.json.tenants.map((x: { id: string; role: unknown; branchRoles: unknown }) => ({
        id: x.id,
        role: x.role,
        branchRoles: x.branchRoles,
      }));
    };
    expect(await rolesOf("Nguyễn Văn Bí Thư")).toEqual([
      { id: t.tenantId, role: null, branchRoles: [{ organizationId: t.branchId, branchRole: "secretary" }] },
    ]);
    expect(await rolesOf("Trần Thị Phó")).toEqual([
      { id: t.tenantId, role: null, branchRoles: [{ organizationId: t.branchId, branchRole: "deputy" }] },
    ]);
    expect(await rolesOf("Lê Văn Đảng Viên")).toEqual([
      { id: t.tenantId, role: null, branchRoles: [{ organizationId: t.branchId, branchRole: "member" }] },
    ]);
    // The login answer carries the same, so the client knows before its first /me.
    const res = await api<LoginOk>("POST", "/api/auth/login", undefined, {
      email: t.people["Trần Thị Phó"]!.email,
      password: PASSWORD,
    });
    expect(res.json.me.tenants[0].branchRoles).toEqual([{ organizationId: t.branchId, branchRole: "deputy" }]);
  });

  it("sets an HttpOnly SameSite cookie that authenticates too", async () => {
    const t = await createTenant();
    const res = await api("POST", "/api/auth/login", undefined, { email: t.admin.email, password: PASSWORD });
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/chibo_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const me = await api("GET", "/api/auth/me", undefined, undefined, { cookie: cookie.split(";")[0]! });
    expect(me.status).toBe(200);
  });

  it("refuses a wrong password with 401 in the envelope", async () => {
    const t = await createTenant();
    const res = await api<ErrorBody>("POST", "/api/auth/login", undefined, { email: t.admin.email, password: "sai" });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("unauthorized");
  });

  it("locks an account out with 429 after repeated failures, even for the right password", async () => {
    const t = await createTenant();
    for (let i = 0; i < 5; i++) {
      const res = await api("POST", "/api/auth/login", undefined, { email: t.admin.email, password: `sai-${i}` });
      expect(res.status).toBe(401);
    }
    const locked = await api<ErrorBody>("POST", "/api/auth/login", undefined, {
      email: t.admin.email,
      password: PASSWORD,
    });
    expect(locked.status).toBe(429);
    expect(locked.json.error.code).toBe("rate_limited");
  });

  it("logging out revokes the token", async () => {
    const t = await createTenant();
    const token = await login(t.admin.email);
    expect((await api("POST", "/api/auth/logout", token)).status).toBe(200);
    expect((await api("GET", "/api/auth/me", token)).status).toBe(401);
  });

  it("changes the password: the old one stops working, other sessions end, this one stays", async () => {
    const t = await createTenant();
    const token = await login(t.admin.email);
    const other = await login(t.admin.email);
    const wrong = await api("POST", "/api/auth/password", token, {
      currentPassword: "sai",
      newPassword: "mat-khau-moi-dai",
    });
    expect(wrong.status).toBe(403);
    const ok = await api("POST", "/api/auth/password", token, {
      currentPassword: PASSWORD,
      newPassword: "mat-khau-moi-dai",
    });
    expect(ok.status).toBe(200);
    expect((await api("GET", "/api/auth/me", token)).status).toBe(200);
    expect((await api("GET", "/api/auth/me", other)).status).toBe(401);
    await expect(login(t.admin.email)).rejects.toThrow(/401/);
    expect(await login(t.admin.email, "mat-khau-moi-dai")).toBeTruthy();
  });

  it("answers bad input with 400 and never 500", async () => {
    const cases: [string, unknown][] = [
      ["{not json", "malformed"],
      [JSON.stringify({ email: 42, password: true }), "wrong types"],
      [JSON.stringify({}), "missing"],
      [JSON.stringify({ email: `${"a".repeat(300)}@x.vn`, password: "x" }), "too long"],
    ];
    for (const [body] of cases) {
      const res = await api<ErrorBody>("POST", "/api/auth/login", undefined, body as string);
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe("bad_request");
    }
    const huge = await api<ErrorBody>(
      "POST",
      "/api/auth/login",
      undefined,
      JSON.stringify({ email: "a@b.vn", password: "x".repeat(2_000_000) }),
    );
    expect(huge.status).toBe(413);
    expect(huge.json.error.code).toBe("payload_too_large");
  });

  it("refuses requests without a session", async () => {
    expect((await api("GET", "/api/auth/me")).status).toBe(401);
    expect((await api("GET", "/api/auth/me", "forged.token")).status).toBe(401);
  });
});

describe("csrf", () => {
  it("refuses a cookie-authenticated form post from another site and accepts our own origin", async () => {
    const t = await createTenant();
    const res = await api("POST", "/api/auth/login", undefined, { email: t.admin.email, password: PASSWORD });
    const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
    const forged = await api<ErrorBody>("POST", "/api/auth/logout", undefined, "x=1", {
      cookie,
      "content-type": "application/x-www-form-urlencoded",
      origin: "https://evil.example",
    });
    expect(forged.status).toBe(403);
    expect(forged.json.error.code).toBe("forbidden");
    expect((await api("GET", "/api/auth/me", undefined, undefined, { cookie })).status).toBe(200);
    const own = await api("POST", "/api/auth/logout", undefined, undefined, { cookie, origin: "http://chibo.test" });
    expect(own.status).toBe(200);
  });
});
