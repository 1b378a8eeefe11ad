/**
 * An isolate remembers which session tokens' signatures it has checked (worker/lib/session-token.ts), so a tenant
 * request does not decode and HMAC the same token again. What it remembers must never stand in for the session itself:
 * a revoked session is refused on the very next request, an expired token is refused though its signature was checked
 * before, and a token altered after a genuine one was checked is refused.
 */
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { configOf } from "../../server/config";
import { signToken } from "../../server/signed-token";
import { verifySessionToken } from "../../worker/lib/session-token";
import { api, createTenant, login } from "../support/fixtures";

afterEach(() => {
  vi.useRealTimers();
});

describe("session tokens checked once per isolate", () => {
  it("refuses a tenant route on the request after logout, though the token was checked before", async () => {
    const t = await createTenant();
    const token = await login(t.admin.email);
    const members = `/api/tenants/${t.tenantId}/members`;
    expect((await api("GET", members, token)).status).toBe(200);
    expect((await api("GET", members, token)).status).toBe(200);
    expect((await api("POST", "/api/auth/logout", token)).status).toBe(200);
    expect((await api("GET", members, token)).status).toBe(401);
  });

  it("refuses a token once it has expired, though its signature was checked while it was good", async () => {
    const now = Date.now();
    const exp = Math.floor(now / 1000) + 60;
    const token = await signToken({ sid: "s-expiring", pid: "p-expiring", exp }, configOf(env).sessionSecret);
    expect(await verifySessionToken(env, token)).toEqual({ sessionId: "s-expiring", personId: "p-expiring" });
    vi.useFakeTimers();
    vi.setSystemTime(exp * 1000 + 1_000);
    expect(await verifySessionToken(env, token)).toBeNull();
  });

  it("refuses a token whose payload was changed after the genuine one was checked", async () => {
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const token = await signToken({ sid: "s-genuine", pid: "p-genuine", exp }, configOf(env).sessionSecret);
    expect(await verifySessionToken(env, token)).not.toBeNull();
    const [, sig] = token.split(".");
    const forgedBody = btoa(JSON.stringify({ sid: "s-genuine", pid: "p-someone-else", exp }))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");
    expect(await verifySessionToken(env, `${forgedBody}.${sig}`)).toBeNull();
    expect(await verifySessionToken(env, `${token}x`)).toBeNull();
  });
});
