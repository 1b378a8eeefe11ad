/**
 * Every route of the API, read from the Hono app itself (so a route added later is covered or this test
 * fails): malformed JSON, a body of the wrong type, an oversized body, unknown ids, and another tenant's ids.
 * Each answer is one of the listed 4xx codes in the error envelope, never a 500; another tenant's ids answer
 * 404 and leave that tenant's rows as they were. Field-level checks (missing fields, over-long strings) are
 * in each resource's own test; this one makes sure no route was left out.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { IssuedInvitation } from "../../schema/api/invitations";
import { evaluations } from "../../schema/db/tables";
import { errorCodes, statusOfCode } from "../../schema/errors";
import { app, MAX_BODY_BYTES } from "../../worker/app";
import { api, createLeader, d1Of, dbOf, login } from "../support/fixtures";
import { branch, planned, setStatus } from "./meetings-helpers";

type Created = { id: string };

/** Routes outside a tenant, checked by auth.test.ts, account-sessions.test.ts and health.test.ts. */
const UNSCOPED = new Set([
  "GET /api/health",
  "POST /api/auth/login",
  "POST /api/auth/logout",
  "GET /api/auth/me",
  "POST /api/auth/password",
  "GET /api/auth/sessions",
  "POST /api/auth/sessions/:id/revoke",
  "POST /api/auth/sign-out-everywhere",
  // Public, the same answer for every e-mail: checked by forgot-password.test.ts.
  "POST /api/auth/forgot",
  // Public, by secret or code: checked by invitations.test.ts and invitations-passkey.test.ts.
  "POST /api/invitations/redeem",
  "POST /api/invitations/redeem/passkey-options",
  // A person's own passkeys and logging in with one: checked by passkeys.test.ts and passkeys-account.test.ts.
  "POST /api/auth/passkeys/register/options",
  "POST /api/auth/passkeys/register/verify",
  "POST /api/auth/passkeys/login/options",
  "POST /api/auth/passkeys/login/verify",
  "GET /api/auth/passkeys",
  "PATCH /api/auth/passkeys/:id",
  "DELETE /api/auth/passkeys/:id",
]);
const ENVELOPE = { error: { code: expect.any(String), message: expect.any(String) } };
const CLIENT_ERRORS = errorCodes.filter((code) => code !== "internal").map((code) => statusOfCode[code]);

/** Tables whose rows a tenant owns: another tenant's requests must leave them exactly as they were. */
const TENANT_TABLES = [
  "organizations",
  "memberships",
  "tenant_roles",
  "meetings",
  "agenda_items",
  "meeting_documents",
  "meeting_guests",
  "minutes",
  "evaluations",
  "visit_plans",
  "audit_log",
  "invitations",
  "resolutions",
  "resolution_tasks",
  "task_reviews",
];

function routeList() {
  const seen = new Set<string>();
  const list: { method: string; path: string }[] = [];
  for (const r of app.routes) {
    if (r.method === "ALL") continue; // middleware
    const key = `${r.method} ${r.path}`;
    if (seen.has(key) || UNSCOPED.has(key)) continue;
    seen.add(key);
    list.push({ method: r.method, path: r.path });
  }
  return list;
}

/** A tenant with one of everything a route can name, made through the API where the API makes it. */
async function world() {
  const t = await branch();
  const meeting = await planned(t, { template: true });
  const tokenOf = t.adminToken;
  const base = `/api/tenants/${t.tenantId}`;
  const doc = await api<Created>("POST", `${base}/meetings/${meeting.id}/documents`, tokenOf, {
    title: "Dự thảo nghị quyết",
    body: "Nội dung",
  });
  const guest = await api<{ personId: string }>("POST", `${base}/meetings/${meeting.id}/guests`, tokenOf, {
    email: `${crypto.randomUUID().slice(0, 8)}@khach.test`,
    fullName: "Khách Mời",
  });
  // Minutes are written after a meeting: a second, closed one holds them, so the first stays open to edits
  // (a closed meeting would answer 409 before it looks at the id in the path).
  const past = await planned(t, { topic: "Sinh hoạt tháng trước" });
  await setStatus(past.id, "closed");
  const minutes = await api("POST", `${base}/meetings/${past.id}/minutes`, tokenOf, { body: "Biên bản" });
  // An issued resolution a month back, whose task the open meeting reviews (and has reviewed once).
  const prior = await planned(t, {
    topic: "Tháng trước nữa",
    scheduledAt: new Date(Date.now() - 30 * 86400_000).toISOString(),
  });
  await setStatus(prior.id, "closed");
  const draft = await api<{ tasks: Created[] }>("PUT", `${base}/meetings/${prior.id}/resolution`, tokenOf, {
    body: "Quyết nghị",
    tasks: [{ title: "Thu đảng phí", deadline: "2031-01-31" }],
  });
  const issue = await api("POST", `${base}/meetings/${prior.id}/resolution/issue`, tokenOf);
  const taskId = draft.json.tasks[0]!.id;
  const review = await api("PUT", `${base}/meetings/${meeting.id}/task-reviews/${taskId}`, tokenOf, {
    status: "in_progress",
  });
  const leader = await createLeader(t.tenantId, "Lãnh Đạo Dự");
  const visit = await api<Created>("POST", `${base}/visits`, tokenOf, {
    leaderPersonId: leader.id,
    organizationId: t.branchId,
    month: "2031-01",
  });
  const invitation = await api<IssuedInvitation>(
    "POST",
    `${base}/members/${t.secretary.membershipId}/invitations`,
    tokenOf,
    {
      purpose: "member",
    },
  );
  for (const r of [doc, guest, minutes, draft, issue, review, visit, invitation])
    if (r.status >= 300) throw new Error(`set-up failed: ${r.status} ${JSON.stringify(r.json)}`);
  const evaluationId = `ev-${crypto.randomUUID().slice(0, 8)}`;
  await dbOf(t.tenantId).insert(evaluations).values({
    id: evaluationId,
    tenantId: t.tenantId,
    meetingId: meeting.id,
    evaluatorPersonId: t.secretary.id,
    evaluatorKind: "branch",
    scoresJson: "{}",
    total: 90,
    grade: "good",
  });
  const params: Record<string, string> = {
    tenantId: t.tenantId,
    meetingId: meeting.id,
    itemId: meeting.agenda[0]!.id,
    docId: doc.json.id,
    personId: guest.json.personId,
    membershipId: t.secretary.membershipId,
    orgId: t.branchId,
    id: visit.json.id,
    evaluationId,
    invitationId: invitation.json.invitation.id,
    taskId,
    version: "1",
    report: "meetings",
  };
  return { ...t, params };
}

const fill = (path: string, params: Record<string, string>) =>
  path.replace(/:(\w+)/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`no value for :${name} in ${path}: add it to world()`);
    return encodeURIComponent(v);
  });

async function snapshot(tenantId: string) {
  const out: Record<string, unknown[]> = {};
  for (const table of TENANT_TABLES) {
    out[table] = (
      await d1Of(tenantId).prepare(`select * from ${table} where tenant_id = ? order by rowid`).bind(tenantId).all()
    ).results;
  }
  return out;
}

const raw = (method: string, path: string, token: string, body: string, contentType = "application/json") =>
  app.request(
    path,
    {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": contentType, "content-length": String(body.length) },
      body,
    },
    env,
  );

async function expectEnvelope(res: Response, label: string, statuses = CLIENT_ERRORS) {
  const text = await res.text();
  expect(statuses, `${label}: ${res.status} ${text.slice(0, 200)}`).toContain(res.status);
  if (res.status !== 200) expect(JSON.parse(text), label).toMatchObject(ENVELOPE);
}

const writes = (method: string) => method !== "GET";
/** Routes that take no body ignore one, and may answer 200. */
const NO_BODY = new Set([
  "POST /api/tenants/:tenantId/evaluations/:evaluationId/confirm",
  "POST /api/tenants/:tenantId/evaluations/:evaluationId/unconfirm",
  "POST /api/tenants/:tenantId/meetings/:meetingId/minutes/:version/approve",
  "POST /api/tenants/:tenantId/meetings/:meetingId/resolution/issue",
  "POST /api/tenants/:tenantId/members/:membershipId/invitations/:invitationId/revoke",
]);
const bodyStatuses = (method: string, path = "") =>
  method === "DELETE" || NO_BODY.has(`${method} ${path}`) ? [200, 201, ...CLIENT_ERRORS] : CLIENT_ERRORS;

describe("every tenant route", () => {
  const routes = routeList();

  it("covers the routes of every resource", () => {
    const resources = new Set(routes.map((r) => r.path.split("/")[4]));
    expect([...resources].sort()).toEqual([
      "committees",
      "evaluations",
      "guest-candidates",
      "invitations",
      "meetings",
      "members",
      "organizations",
      "reports",
      "tickets",
      "visits",
    ]);
    const meetingParts = new Set(
      routes.filter((r) => r.path.includes("/meetings/:meetingId/")).map((r) => r.path.split("/")[6]),
    );
    for (const part of ["agenda", "documents", "guests", "minutes", "record", "resolution", "task-reviews"])
      expect([...meetingParts]).toContain(part);
  });

  it("answers malformed JSON, wrong types and oversized bodies in the envelope, never 500", async () => {
    const a = await world();
    for (const { method, path } of routes.filter((r) => writes(r.method))) {
      const url = fill(path, a.params);
      const label = `${method} ${path}`;
      await expectEnvelope(
        await raw(method, url, a.adminToken, '{"title": "x",'),
        `${label} malformed`,
        bodyStatuses(method, path),
      );
      await expectEnvelope(
        await raw(method, url, a.adminToken, "[1, 2, 3]"),
        `${label} array body`,
        bodyStatuses(method, path),
      );
      await expectEnvelope(
        await raw(method, url, a.adminToken, '{"title": 42, "itemIds": "x", "body": [], "month": false}'),
        `${label} wrong types`,
        bodyStatuses(method, path),
      );
      await expectEnvelope(
        await raw(method, url, a.adminToken, JSON.stringify({ title: "x".repeat(MAX_BODY_BYTES) })),
        `${label} oversized`,
        [413],
      );
    }
    // Reads with a query they cannot parse.
    for (const { method, path } of routes.filter((r) => !writes(r.method))) {
      const res = await app.request(
        `${fill(path, a.params)}?page=x&year=abc&month=13&status=lost`,
        { headers: { authorization: `Bearer ${a.adminToken}` } },
        env,
      );
      // Routes that take no query ignore it (200); the others refuse it in the envelope.
      await expectEnvelope(res, `${method} ${path} bad query`, [200, ...CLIENT_ERRORS]);
    }
  });

  it("answers unknown ids with 404 on every route that names one", async () => {
    const a = await world();
    for (const { method, path } of routes) {
      const names = [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!).filter((n) => n !== "tenantId");
      for (const name of names) {
        const params = {
          ...a.params,
          [name]: name === "version" ? "999" : name === "report" ? "nonexistent" : "unknown-id-0",
        };
        const res = await app.request(
          fill(path, params),
          {
            method,
            headers: { authorization: `Bearer ${a.adminToken}`, "content-type": "application/json" },
            body: writes(method) ? "{}" : undefined,
          },
          env,
        );
        // A write validates its body before it looks the id up: an empty body may be refused first (400).
        // Minutes are approved only once the meeting is closed: on this open one the version is not looked at (409).
        const allowed = name === "version" ? [404, 409] : name === "report" || writes(method) ? [400, 404] : [404];
        await expectEnvelope(res, `${method} ${path} unknown :${name}`, allowed);
      }
    }
  });

  it("answers another tenant's ids with 404 and changes nothing there", async () => {
    const a = await world();
    const b = await world();
    const before = await snapshot(b.tenantId);
    const bToken = await login(b.admin.email);
    expect(bToken).toBeTruthy();
    for (const { method, path } of routes) {
      const names = [...path.matchAll(/:(\w+)/g)]
        .map((m) => m[1]!)
        .filter((n) => !["tenantId", "version", "report"].includes(n));
      const body = writes(method) ? "{}" : undefined;
      const init = {
        method,
        headers: { authorization: `Bearer ${a.adminToken}`, "content-type": "application/json" },
        body,
      };
      // B's tenant in the path, with B's ids: A has no standing there.
      await expectEnvelope(await app.request(fill(path, b.params), init, env), `${method} ${path} in B`, [404]);
      // A's tenant in the path, one of B's ids at a time.
      for (const name of names) {
        const res = await app.request(fill(path, { ...a.params, [name]: b.params[name]! }), init, env);
        await expectEnvelope(res, `${method} ${path} with B's :${name}`, writes(method) ? [400, 404] : [404]);
      }
    }
    expect(await snapshot(b.tenantId)).toEqual(before);
  });
});
