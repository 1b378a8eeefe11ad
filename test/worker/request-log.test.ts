/**
 * The Worker's structured logs through its real entry: one object per request with the route's pattern,
 * status, tenant and time, one per room admission, and none of the secrets that passed through (password,
 * session token and cookie, room tickets, query strings). console.log is spied on: it is workerd's, not ours.
 */
import { exports } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from "vitest";
import type { TicketResponse } from "../../schema/api/tickets";
import { SESSION_COOKIE } from "../../worker/lib/session-token";
import type { RequestLogLine, RoomAdmissionLogLine } from "../../worker/request-log";
import { api, PASSWORD } from "../support/fixtures";
import { closeAllRooms, connectRoom, RoomClient } from "../support/room-client";
import { branch, planned } from "./meetings-helpers";

let spy: MockInstance<typeof console.log>;
beforeEach(() => {
  spy = vi.spyOn(console, "log").mockImplementation(() => undefined);
});
afterEach(() => {
  spy.mockRestore();
  closeAllRooms();
});

type Line = RequestLogLine | RoomAdmissionLogLine;
const lines = (): Line[] =>
  spy.mock.calls.map((args) => {
    // One object per call: Workers Logs index its fields.
    expect(args).toHaveLength(1);
    return args[0] as Line;
  });

describe("request logs", () => {
  it("log each request's method, route pattern, status, tenant and time, and no secret", async () => {
    const t = await branch();
    const m = await planned(t);
    spy.mockClear();

    const wrong = await api("POST", "/api/auth/login", undefined, {
      email: t.member.email,
      password: "sai-mat-khau-9",
    });
    expect(wrong.status).toBe(401);
    const res = await exports.default.fetch("http://chibo.test/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: t.member.email, password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    const { token } = (await res.json()) as { token: string };
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
    expect(cookie).toBeDefined();

    const search = await api("GET", `/api/tenants/${t.tenantId}/members?q=bi-mat-tim-kiem`, token);
    expect(search.status).toBe(200);
    const ticket = await api("POST", `/api/tenants/${t.tenantId}/tickets`, token, { meetingId: m.id });
    expect(ticket.status).toBe(200);
    const issued = ticket.json as TicketResponse;

    const page = await exports.default.fetch(`http://chibo.test/t/${t.tenantId}/meetings/${m.id}/room?x=bi-mat-trang`, {
      headers: { cookie: `${SESSION_COOKIE}=${token}` },
    });
    const html = await page.text();
    const embedded = /"ticket":"([^"]+)"/.exec(html)?.[1];
    expect(embedded).toBeDefined();

    const admitted = await connectRoom(m.id, issued.ticket);
    expect(admitted).toBeInstanceOf(RoomClient);
    const refused = await connectRoom(m.id, `${issued.ticket.slice(0, -4)}abcd`);
    expect(refused).toMatchObject({ status: 401 });

    const logged = lines();
    const requests = logged.filter((l): l is RequestLogLine => l.kind === "request");
    for (const l of requests) {
      expect(Object.keys(l).sort()).toEqual(["kind", "method", "ms", "route", "status", "tenant"]);
      expect(l.ms).toBeGreaterThanOrEqual(0);
    }
    expect(requests.map(({ method, route, status, tenant }) => ({ method, route, status, tenant }))).toEqual([
      { method: "POST", route: "/api/auth/login", status: 401, tenant: null },
      { method: "POST", route: "/api/auth/login", status: 200, tenant: null },
      { method: "GET", route: "/api/tenants/:tenantId/members", status: 200, tenant: t.tenantId },
      { method: "POST", route: "/api/tenants/:tenantId/tickets", status: 200, tenant: t.tenantId },
      { method: "GET", route: "/t/:tenantId/meetings/:meetingId/room", status: 200, tenant: null },
    ]);
    expect(logged.filter((l) => l.kind === "room-admission")).toEqual([
      { kind: "room-admission", meeting: m.id, outcome: "admitted", status: 101, ms: expect.any(Number) },
      { kind: "room-admission", meeting: m.id, outcome: "refused", status: 401, ms: expect.any(Number) },
    ]);

    const everything = JSON.stringify(spy.mock.calls);
    const secrets = [PASSWORD, "sai-mat-khau-9", token, cookie.split(";")[0]!, issued.ticket, embedded!];
    for (const secret of [...secrets, "bi-mat-tim-kiem", "bi-mat-trang", "?"]) {
      expect(everything.includes(secret), `the logs hold ${secret}`).toBe(false);
    }
  });
});
