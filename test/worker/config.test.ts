/**
 * The Worker's configuration, read from its env: the API and the rooms must agree on it. Requests go through
 * the Worker's real entry with a changed env (real D1, the real room Durable Object behind it).
 */
import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ConfigError, configOf } from "../../server/config";
import worker from "../../worker/index";
import { createMeeting } from "../party/meeting-fixture";
import { createTenant, PASSWORD } from "../support/fixtures";
import { closeAllRooms } from "../support/room-client";

/** What the Worker's fetch is handed by the runtime. */
const IncomingRequest = Request<unknown, IncomingRequestCfProperties>;
const withOrigins = (list: string) => ({ ...env, ALLOWED_ORIGINS: list }) as Cloudflare.Env;

/** A cookie-authenticated write (logout) from `origin`: what the API's origin check answers. */
async function apiWriteFrom(origin: string, config: Cloudflare.Env) {
  const t = await createTenant();
  const call = (path: string, init: RequestInit<IncomingRequestCfProperties>) =>
    worker.fetch(new IncomingRequest(`http://chibo.test${path}`, init), config, createExecutionContext());
  const login = await call("/api/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: t.admin.email, password: PASSWORD }),
  });
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
  const res = await call("/api/auth/logout", { method: "POST", headers: { cookie, origin } });
  return res.status;
}

/** A room socket opened from `origin` with a good ticket: 101 when admitted. */
async function roomConnectFrom(origin: string, config: Cloudflare.Env) {
  const f = await createMeeting();
  const url = `http://chibo.test/parties/meeting-room/${f.meetingId}?_pk=config-test&ticket=${await f.ticket("m1")}`;
  const res = await worker.fetch(
    new IncomingRequest(url, { headers: { Upgrade: "websocket", Origin: origin } }),
    config,
    createExecutionContext(),
  );
  if (res.webSocket) {
    res.webSocket.accept();
    res.webSocket.close();
  }
  closeAllRooms();
  return res.status;
}

describe("allowed origins", () => {
  it("accepts every listed origin, spaces after the commas or not, in both the API and the room", async () => {
    const config = withOrigins("https://a.example, https://b.example ,https://c.example");
    for (const origin of ["https://a.example", "https://b.example", "https://c.example"]) {
      expect(await apiWriteFrom(origin, config), `API, ${origin}`).toBe(200);
      expect(await roomConnectFrom(origin, config), `room, ${origin}`).toBe(101);
    }
  });

  it("refuses an unlisted origin in both the API and the room", async () => {
    const config = withOrigins("https://a.example, https://b.example");
    for (const origin of ["https://evil.example", "https://a.example.evil.example", "https://b.example/"]) {
      expect(await apiWriteFrom(origin, config), `API, ${origin}`).toBe(403);
      expect(await roomConnectFrom(origin, config), `room, ${origin}`).toBe(403);
    }
  });
});

describe("configuration", () => {
  it("parses the env once per env object, into a typed config", () => {
    const config = withOrigins(" https://a.example ,, https://b.example:8443 ");
    expect(configOf(config)).toEqual({
      allowedOrigins: ["https://a.example", "https://b.example:8443"],
      sessionSecret: env.SESSION_SECRET,
      // No e-mail sender in the tests (test/worker/mail.test.ts hands one in); the outbox pages on.
      mail: null,
      devOutbox: true,
    });
    expect(configOf(config)).toBe(configOf(config));
    expect(configOf(withOrigins("")).allowedOrigins).toEqual([]);
  });

  it("refuses a missing or short secret and an entry that is no origin, naming the variable, not the value", () => {
    const cases: [Partial<Record<keyof Cloudflare.Env, unknown>>, RegExp][] = [
      [{ SESSION_SECRET: undefined }, /SESSION_SECRET is not set/],
      [{ SESSION_SECRET: "short-secret" }, /SESSION_SECRET is shorter than 16 characters/],
      [
        { ALLOWED_ORIGINS: "https://a.example, https://b.example/" },
        /ALLOWED_ORIGINS lists "https:\/\/b.example\/", which is not an origin/,
      ],
      [{ ALLOWED_ORIGINS: "a.example" }, /ALLOWED_ORIGINS lists "a.example", which is not an origin/],
    ];
    for (const [change, message] of cases) {
      const broken = { ...env, ...change } as Cloudflare.Env;
      expect(() => configOf(broken)).toThrow(ConfigError);
      expect(() => configOf(broken)).toThrow(message);
      if (change.SESSION_SECRET) expect(() => configOf(broken)).not.toThrow(String(change.SESSION_SECRET));
    }
  });

  it("answers every request with the error envelope while the secret is missing, never serving half-configured", async () => {
    const broken = { ...env, SESSION_SECRET: undefined } as unknown as Cloudflare.Env;
    for (const path of [
      "/api/health",
      "/api/auth/login",
      "/parties/meeting-room/any?ticket=x",
      "/t/x/meetings/y/room",
    ]) {
      const res = await worker.fetch(new IncomingRequest(`http://chibo.test${path}`), broken, createExecutionContext());
      expect(res.status, path).toBe(500);
      expect(await res.json(), path).toEqual({
        error: { code: "internal", message: "Máy chủ chưa được cấu hình đúng / The server is misconfigured" },
      });
    }
  });
});
