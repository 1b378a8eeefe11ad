import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Me } from "../../schema/api/auth";
import type { MeetingList } from "../../schema/api/meetings";
import type { ReportResult } from "../../schema/api/reports";
import type { TicketResponse } from "../../schema/api/tickets";
import {
  evaluations,
  invitations,
  meetingDocuments,
  meetingGuests,
  tenantRoles,
  tenants,
  visitPlans,
} from "../../schema/db/tables";
import { app } from "../../worker/app";
import { api, createPerson, d1Of, dbOf, login, moveTenant, shardOf } from "../support/fixtures";
import { branch, planned } from "./meetings-helpers";
import { createProvince, placeUnder } from "./province-fixture";

const uid = (p: string) => `${p}-${crypto.randomUUID().slice(0, 8)}`;

/** A province with one committee under it holding one of everything a route can name. */
async function world() {
  const p = await createProvince();
  const child = await branch();
  await placeUnder(child.tenantId, p.id);
  const meeting = await planned(child, { template: true });
  const tenantId = child.tenantId;
  const guest = await createPerson("Khách Mời");
  const ids = { doc: uid("doc"), visit: uid("vp"), evaluation: uid("ev"), invitation: uid("inv") };
  await dbOf(tenantId)
    .insert(meetingDocuments)
    .values({ id: ids.doc, tenantId, meetingId: meeting.id, title: "Dự thảo", body: "Nội dung" });
  await dbOf(tenantId).insert(meetingGuests).values({ tenantId, meetingId: meeting.id, personId: guest.id });
  await dbOf(tenantId)
    .insert(visitPlans)
    .values({ id: ids.visit, tenantId, leaderPersonId: guest.id, organizationId: child.branchId, month: "2031-01" });
  await dbOf(tenantId).insert(evaluations).values({
    id: ids.evaluation,
    tenantId,
    meetingId: meeting.id,
    evaluatorPersonId: child.secretary.id,
    evaluatorKind: "branch",
    scoresJson: "{}",
    total: 90,
    grade: "good",
  });
  await dbOf(tenantId)
    .insert(invitations)
    .values({
      id: ids.invitation,
      tokenHash: uid("token"),
      codeHash: uid("code"),
      purpose: "member",
      tenantId,
      membershipId: child.member.membershipId,
      createdBy: child.admin.id,
      expiresAt: "2031-01-01T00:00:00.000Z",
    });
  const params: Record<string, string> = {
    tenantId,
    meetingId: meeting.id,
    itemId: meeting.agenda[0]!.id,
    docId: ids.doc,
    personId: guest.id,
    membershipId: child.member.membershipId,
    orgId: child.branchId,
    id: ids.visit,
    evaluationId: ids.evaluation,
    invitationId: ids.invitation,
    version: "1",
    report: "meetings",
  };
  return { p, child, meeting, guest, params };
}
type World = Awaited<ReturnType<typeof world>>;

/** A body each write route accepts, so the answer is about who asks (403), not about what was sent (400). */
function bodies(w: World): Record<string, unknown> {
  const t = "/api/tenants/:tenantId";
  const m = `${t}/meetings/:meetingId`;
  return {
    [`POST ${t}/committees`]: { name: "Đảng ủy xã Mới", adminName: "Nguyễn Văn Mới" },
    [`POST ${t}/evaluations/:evaluationId/confirm`]: undefined,
    [`POST ${t}/evaluations/:evaluationId/unconfirm`]: undefined,
    [`POST ${t}/members/:membershipId/invitations`]: { purpose: "member" },
    [`POST ${t}/members/:membershipId/invitations/:invitationId/revoke`]: undefined,
    [`POST ${t}/invitations/members`]: { membershipIds: [w.params.membershipId] },
    [`POST ${m}/agenda`]: { title: "Mục mới" },
    [`PUT ${m}/agenda/order`]: { itemIds: w.meeting.agenda.map((a) => a.id).reverse() },
    [`PATCH ${m}/agenda/:itemId`]: { title: "Khai mạc (sửa)" },
    [`DELETE ${m}/agenda/:itemId`]: undefined,
    [`POST ${m}/documents`]: { title: "Tài liệu", body: "Nội dung" },
    [`DELETE ${m}/documents/:docId`]: undefined,
    [`POST ${m}/guests`]: { email: "khach@moi.test", fullName: "Khách Mới" },
    [`DELETE ${m}/guests/:personId`]: undefined,
    [`POST ${m}/minutes`]: { body: "Biên bản" },
    [`POST ${m}/minutes/:version/approve`]: undefined,
    [`PUT ${m}/resolution`]: { body: "Quyết nghị" },
    [`POST ${m}/resolution/issue`]: undefined,
    [`PUT ${m}/task-reviews/:taskId`]: { status: "done" },
    // Built-in media through the SFU: only the meeting's participants, never the province reading down.
    [`POST ${m}/media/sfu/session`]: {},
    [`POST ${m}/media/sfu/publish`]: { sessionId: "s", sessionToken: "t", offer: "v=0", tracks: [] },
    [`POST ${m}/media/sfu/subscribe`]: { sessionId: "s", sessionToken: "t", tracks: [] },
    [`POST ${m}/media/sfu/renegotiate`]: { sessionId: "s", sessionToken: "t", answer: "v=0" },
    [`POST ${m}/media/sfu/close`]: { sessionId: "s", sessionToken: "t", mids: [] },
    [`POST ${t}/meetings`]: {
      organizationId: w.child.branchId,
      kind: "regular",
      topic: "Sinh hoạt",
      scheduledAt: "2031-03-10T19:30:00+07:00",
    },
    [`POST ${t}/meetings/plan-year`]: { organizationId: w.child.branchId, year: 2031, dayOfMonth: 10, time: "19:30" },
    [`PATCH ${m}`]: { topic: "Chủ đề mới" },
    [`POST ${m}/cancel`]: { reason: "Mưa bão" },
    [`POST ${t}/members`]: { fullName: "Đảng Viên Mới", organizationId: w.child.branchId, status: "official" },
    [`POST ${t}/members/import`]: "ho_ten,chi_bo\nA,B\n",
    [`PATCH ${t}/members/:membershipId`]: { fullName: "Tên Khác" },
    [`PUT ${t}/members/:membershipId/exemption`]: { reason: "Tuổi cao", from: "2031-01-01" },
    [`DELETE ${t}/members/:membershipId/exemption`]: undefined,
    [`POST ${t}/organizations`]: { kind: "grassroots_branch", name: "Chi bộ Mới", branchType: "school" },
    [`PATCH ${t}/organizations/:orgId`]: { name: "Chi bộ Đổi Tên" },
    [`POST ${t}/tickets`]: { meetingId: w.meeting.id },
    [`POST ${t}/visits`]: { leaderPersonId: w.guest.id, organizationId: w.child.branchId, month: "2031-02" },
    [`PATCH ${t}/visits/:id`]: { notes: "Ghi chú" },
    [`POST ${t}/visits/:id/move`]: {},
    [`DELETE ${t}/visits/:id`]: undefined,
  };
}

const fill = (path: string, params: Record<string, string>) =>
  path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? `no-${name}`));

/** Every row the committee owns, and the committee itself. */
async function snapshot(tenantId: string) {
  const out: Record<string, unknown[]> = {};
  for (const table of [
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
  ])
    out[table] = (
      await d1Of(tenantId).prepare(`select * from ${table} where tenant_id = ? order by rowid`).bind(tenantId).all()
    ).results;
  out.tenants = (
    await d1Of(tenantId).prepare("select * from tenants where id = ? or parent_id = ?").bind(tenantId, tenantId).all()
  ).results;
  return out;
}

const tenantWrites = () => {
  const seen = new Set<string>();
  for (const r of app.routes)
    if (r.method !== "ALL" && r.method !== "GET" && r.path.startsWith("/api/tenants/:tenantId"))
      seen.add(`${r.method} ${r.path}`);
  return [...seen];
};

describe("the province's staff in a committee under it", () => {
  it("read its organizations, members, meetings, visits, grades and reports", async () => {
    const w = await world();
    const base = `/api/tenants/${w.child.tenantId}`;
    for (const token of [w.p.admin.token, w.p.viewer.token]) {
      for (const path of [
        "/organizations",
        "/members",
        `/meetings/${w.meeting.id}`,
        `/meetings/${w.meeting.id}/record`,
        "/visits",
        "/evaluations?state=all",
        "/reports/meetings",
      ])
        expect((await api("GET", `${base}${path}`, token)).status, path).toBe(200);
      const list = await api<MeetingList>("GET", `${base}/meetings`, token);
      expect(list.json.items.map((m) => m.id)).toEqual([w.meeting.id]);
      const report = await api<ReportResult>("GET", `${base}/reports/meetings`, token);
      expect(report.json.scope.name).toBe(`Đảng ủy thử ${w.child.tenantId}`);
    }
  });

  it("see the committee in who-am-I as read-only, under the province", async () => {
    const w = await world();
    const me = await api<Me>("GET", "/api/auth/me", w.p.viewer.token);
    expect(me.json.tenants.sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
      expect.objectContaining({
        id: w.child.tenantId,
        kind: "committee",
        parentId: w.p.id,
        viaProvince: true,
        provinceRole: "viewer",
        role: "viewer",
      }),
      expect.objectContaining({ id: w.p.id, kind: "province", parentId: null, viaProvince: false, role: "viewer" }),
    ]);
    // The committee's own admin sees it as theirs.
    const own = await api<Me>("GET", "/api/auth/me", w.child.adminToken);
    expect(own.json.tenants).toEqual([
      expect.objectContaining({ id: w.child.tenantId, parentId: w.p.id, viaProvince: false, role: "admin" }),
    ]);
  });

  it("are refused every write route of the committee (403), and nothing there changes", async () => {
    const w = await world();
    const table = bodies(w);
    const routes = tenantWrites();
    expect(
      routes.filter((r) => !(r in table)),
      "write routes with no body in this test: add one",
    ).toEqual([]);
    const before = await snapshot(w.child.tenantId);
    // The province's admin may plan its leaders' visits (tested below); nothing else, and its viewer nothing at all.
    const visitRoute = (r: string) => r.split(" ")[1]!.startsWith("/api/tenants/:tenantId/visits");
    for (const [token, mayPlan] of [
      [w.p.admin.token, true],
      [w.p.viewer.token, false],
    ] as const) {
      for (const route of routes.filter((r) => !(mayPlan && visitRoute(r)))) {
        const [method, path] = route.split(" ") as [string, string];
        const body = table[route];
        const res = await api(method, fill(path, w.params), token, body);
        expect(res.status, `${route}: ${JSON.stringify(res.json)}`).toBe(403);
      }
    }
    expect(await snapshot(w.child.tenantId)).toEqual(before);
    // The same bodies are accepted from the committee's own admin, so the 403s above were about who asked.
    for (const route of [
      `POST /api/tenants/:tenantId/organizations`,
      `PATCH /api/tenants/:tenantId/meetings/:meetingId`,
    ]) {
      const [method, path] = route.split(" ") as [string, string];
      const res = await api(method, fill(path, w.params), w.child.adminToken, table[route]);
      expect(res.status, route).toBeLessThan(300);
    }
  });

  it("let the province's admin plan its leaders' visits to the committee's branches", async () => {
    const w = await world();
    const visits = `/api/tenants/${w.child.tenantId}/visits`;
    const planned = await api<{ id: string }>("POST", visits, w.p.admin.token, {
      leaderPersonId: w.guest.id,
      organizationId: w.child.branchId,
      month: "2031-05",
    });
    expect(planned.status, JSON.stringify(planned.json)).toBe(201);
    expect(
      (await api("PATCH", `${visits}/${planned.json.id}`, w.p.admin.token, { notes: "Dự cùng Ban Tổ chức" })).status,
    ).toBe(200);
    expect((await api("DELETE", `${visits}/${planned.json.id}`, w.p.admin.token)).status).toBe(200);
  });

  it("take no seat in its rooms, not even an observer's, unless the committee invites them as a guest", async () => {
    const w = await world();
    const tickets = `/api/tenants/${w.child.tenantId}/tickets`;
    expect((await api("POST", tickets, w.p.admin.token, { meetingId: w.meeting.id })).status).toBe(403);
    await dbOf(w.child.tenantId)
      .insert(meetingGuests)
      .values({ tenantId: w.child.tenantId, meetingId: w.meeting.id, personId: w.p.admin.id });
    const invited = await api<TicketResponse>("POST", tickets, w.p.admin.token, { meetingId: w.meeting.id });
    expect(invited.status).toBe(200);
    expect(invited.json.role).toBe("leader");
    // The committee's own viewer still observes.
    expect((await api("POST", tickets, w.child.adminToken, { meetingId: w.meeting.id })).json).toMatchObject({
      role: "observer",
    });
  });

  it("keep a role of their own in the committee when it gives them one", async () => {
    const w = await world();
    await dbOf(w.child.tenantId)
      .insert(tenantRoles)
      .values({ tenantId: w.child.tenantId, personId: w.p.viewer.id, role: "admin" });
    const res = await api("POST", `/api/tenants/${w.child.tenantId}/organizations`, w.p.viewer.token, {
      kind: "grassroots_branch",
      name: "Chi bộ Trường",
      branchType: "school",
    });
    expect(res.status).toBe(201);
  });
});

describe("nobody else gains anything from the province", () => {
  it("another province's admin and viewer get 404 on our committee, for reads and writes", async () => {
    const w = await world();
    const other = await createProvince("Tỉnh ủy khác");
    const before = await snapshot(w.child.tenantId);
    const base = `/api/tenants/${w.child.tenantId}`;
    for (const token of [other.admin.token, other.viewer.token]) {
      for (const path of [
        "/organizations",
        "/members",
        "/meetings",
        "/reports/meetings",
        "/committees",
        "/guest-candidates",
      ])
        expect((await api("GET", `${base}${path}`, token)).status, path).toBe(404);
      expect((await api("POST", `${base}/tickets`, token, { meetingId: w.meeting.id })).status).toBe(404);
      expect((await api("GET", `/api/tenants/${w.p.id}/committees`, token)).status).toBe(404);
      expect((await api("GET", `/api/tenants/${w.p.id}/reports/meetings?scope=children`, token)).status).toBe(404);
    }
    expect(await snapshot(w.child.tenantId)).toEqual(before);
  });

  it("a committee's admin and members get nothing of the province or of a sibling committee", async () => {
    const w = await world();
    const sibling = await branch();
    await placeUnder(sibling.tenantId, w.p.id);
    const member = await login(w.child.member.email);
    for (const token of [w.child.adminToken, member]) {
      for (const path of [
        "/committees",
        "/reports/meetings",
        "/reports/meetings?scope=children",
        "/organizations",
        "/members",
      ])
        expect((await api("GET", `/api/tenants/${w.p.id}${path}`, token)).status, path).toBe(404);
      for (const path of ["/organizations", "/meetings", "/reports/meetings", "/guest-candidates"])
        expect((await api("GET", `/api/tenants/${sibling.tenantId}${path}`, token)).status, path).toBe(404);
    }
    const me = await api<Me>("GET", "/api/auth/me", w.child.adminToken);
    expect(me.json.tenants.map((t) => t.id)).toEqual([w.child.tenantId]);
  });

  it("a committee that is no province passes nothing down, even if a row names it as a parent", async () => {
    const upper = await branch();
    const lower = await branch();
    // In one shard, so only the kind (a committee, no province) keeps the row from counting.
    await moveTenant(lower.tenantId, shardOf(upper.tenantId));
    await dbOf(lower.tenantId).update(tenants).set({ parentId: upper.tenantId }).where(eq(tenants.id, lower.tenantId));
    for (const path of ["/organizations", "/meetings", "/reports/meetings"])
      expect((await api("GET", `/api/tenants/${lower.tenantId}${path}`, upper.adminToken)).status).toBe(404);
  });
});
