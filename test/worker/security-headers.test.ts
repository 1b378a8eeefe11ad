/**
 * The security headers through the Worker's real entry: on an API answer, on the room page (with and without
 * the visitor's ticket), on any other page of the client (index.html from the built web/dist behind ASSETS),
 * on a refused room request; HSTS only over HTTPS. web/public/_headers gives the hashed assets nosniff.
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../../worker/lib/session-token";
import { HSTS } from "../../worker/security-headers";
import { login } from "../support/fixtures";
import { branch, planned } from "./meetings-helpers";

const get = (url: string, headers: Record<string, string> = {}) => exports.default.fetch(url, { headers });

/** The CSP's directives by name. */
function csp(res: Response): Map<string, string[]> {
  const header = res.headers.get("content-security-policy");
  expect(header, `no CSP on ${res.url}`).toBeTruthy();
  return new Map(
    header!.split(";").map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

function expectSecure(res: Response, origin: string) {
  const policy = csp(res);
  const socket = origin.replace(/^http/, "ws");
  expect(policy.get("default-src")).toEqual(["'self'"]);
  expect(policy.get("script-src")).toEqual(["'self'"]);
  expect(policy.get("style-src")).toEqual(["'self'"]);
  expect(policy.get("connect-src")).toEqual(["'self'", socket]);
  expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
  expect(policy.get("object-src")).toEqual(["'none'"]);
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  expect(res.headers.get("referrer-policy")).toBe("same-origin");
  expect(res.headers.get("x-frame-options")).toBe("DENY");
  expect(res.headers.get("strict-transport-security")).toBe(origin.startsWith("https:") ? HSTS : null);
}

describe("security headers", () => {
  it("are on API answers, with HSTS only over HTTPS", async () => {
    for (const origin of ["http://chibo.test", "https://chibo.example"]) {
      const ok = await get(`${origin}/api/health`);
      expect(ok.status).toBe(200);
      expectSecure(ok, origin);
      const missing = await get(`${origin}/api/no-such-route`);
      expect(missing.status).toBe(404);
      expectSecure(missing, origin);
    }
  });

  it("are on index.html for every page of the client, and nosniff on the hashed assets", async () => {
    // /invite/<secret> is the link on an invitation slip, /invite the page to type its code.
    for (const path of [
      "/",
      "/login",
      "/t/some-tenant/members",
      "/invite/Zm9vYmFyLWJhei1xdXV4LTAxMjM0NTY3ODk",
      "/invite",
    ]) {
      for (const origin of ["http://chibo.test", "https://chibo.example"]) {
        const res = await get(`${origin}${path}`, { accept: "text/html", "sec-fetch-mode": "navigate" });
        expect(res.status, path).toBe(200);
        const html = await res.text();
        expect(html).toContain('<div id="app">');
        // No inline script anywhere: every <script> either loads a file or is a JSON data block.
        for (const tag of html.match(/<script[^>]*>/g) ?? []) expect(tag).toMatch(/ src="|type="application\/json"/);
        expectSecure(res, origin);
      }
    }
    const boot = /src="(\/assets\/room-boot-[^"]+\.js)"/.exec(await (await get("http://chibo.test/")).text());
    expect(boot).not.toBeNull();
    const asset = await env.ASSETS.fetch(`http://chibo.test${boot![1]}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("are on the room page, with or without the visitor's ticket, and on refused room requests", async () => {
    const t = await branch();
    const m = await planned(t);
    const token = await login(t.member.email);
    for (const origin of ["http://chibo.test", "https://chibo.example"]) {
      const path = `${origin}/t/${t.tenantId}/meetings/${m.id}/room`;
      const withTicket = await get(path, { cookie: `${SESSION_COOKIE}=${token}` });
      expect(await withTicket.text()).toContain('id="chibo-ticket"');
      expectSecure(withTicket, origin);
      const plain = await get(path);
      expect(await plain.text()).not.toContain('id="chibo-ticket"');
      expectSecure(plain, origin);
      const refused = await get(`${origin}/parties/meeting-room/${m.id}`);
      expect(refused.status).toBe(404);
      expectSecure(refused, origin);
    }
  });
});
