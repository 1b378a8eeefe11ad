/**
 * Visit plans over the real API and D1: registering, the loop closed by what the room records, moving a
 * missed visit, what a visiting leader may see, tenant isolation and bad input.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Me } from "../../schema/api/auth";
import type { MeetingList } from "../../schema/api/meetings";
import type { Period } from "../../schema/api/reports";
import type { LeaderOption, VisitView } from "../../schema/api/visits";
import { attendance, evaluations, meetingGuests, meetings, organizations, visitPlans } from "../../schema/db/tables";
import type { ErrorBody } from "../../schema/errors";
import { api, createLeader, createTenant, dbOf, login } from "../support/fixtures";

type VisitList = { period: Period; items: VisitView[] };
type Moved = { moved: VisitView; plan: VisitView };
type Leaders = { items: LeaderOption[] };

const uid = (p: string) => `${p}-${crypto.randomUUID().slice(0, 8)}`;

/** A tenant with two branches, a leader from outside, and meetings of branch 1 in 2030 (still ahead). */
async function setup() {
  const t = await createTenant([{ name: "Nguyễn Văn Bí Thư", branchRole: "secretary" }]);
  const branch2 = uid("org");
  await dbOf(t.tenantId)
    .insert(organizations)
    .values({ id: branch2, tenantId: t.tenantId, parentId: t.committeeId, kind: "branch", name: "Chi bộ khu phố 2" });
  const leader = await createLeader(t.tenantId, "Lê Văn Lãnh");
  const leader2 = await createLeader(t.tenantId, "Hoàng Thị Đạo");
  const meeting = async (
    orgId: string,
    scheduledAt: string,
    status: "planned" | "closed" | "cancelled" = "planned",
    kind: "regular" | "thematic" = "regular",
  ) => {
    const id = uid("mt");
    await dbOf(t.tenantId)
      .insert(meetings)
      .values({ id, tenantId: t.tenantId, organizationId: orgId, kind, topic: "Sinh hoạt", scheduledAt, status });
    return id;
  };
  const token = await login(t.admin.email);
  const base = `/api/tenants/${t.tenantId}/visits`;
  return { ...t, branch2, leader, leader2, meeting, token, base };
}

describe("registering a visit", () => {
  it("links the plan to the branch's meeting of the month and invites the leader", async () => {
    const s = await setup();
    const thematic = await s.meeting(s.branchId, "2030-03-05T12:30:00.000Z", "planned", "thematic");
    const regular = await s.meeting(s.branchId, "2030-03-10T12:30:00.000Z");
    const res = await api<VisitView>("POST", s.base, s.token, {
      leaderPersonId: s.leader.id,
      organizationId: s.branchId,
      month: "2030-03",
      notes: "Dự và chỉ đạo",
    });
    expect(res.status).toBe(201);
    // The regular meeting is preferred over the month's thematic one.
    expect(res.json).toMatchObject({
      leaderName: "Lê Văn Lãnh",
      organizationName: "Chi bộ khu phố 1",
      month: "2030-03",
      meetingId: regular,
      meetingStatus: "planned",
      status: "planned",
      notes: "Dự và chỉ đạo",
    });
    expect(thematic).not.toBe(regular);
    const guests = await dbOf(s.tenantId).select().from(meetingGuests).where(eq(meetingGuests.meetingId, regular));
    expect(guests.map((g) => [g.personId, g.title])).toEqual([[s.leader.id, "Lãnh đạo dự sinh hoạt"]]);
    // The leader can now enter the tenant (as a guest) and sees the plan.
    const leaderToken = await login(s.leader.email);
    const mine = await api<VisitList>("GET", `${s.base}?year=2030`, leaderToken);
    expect(mine.json.items.map((v: { id: string }) => v.id)).toEqual([res.json.id]);
  });

  it("links later when the meeting is scheduled after the plan, and finds the leader by e-mail", async () => {
    const s = await setup();
    const res = await api<VisitView>("POST", s.base, s.token, {
      leaderEmail: s.leader.email.toUpperCase(),
      organizationId: s.branchId,
      month: "2030-04",
    });
    expect(res.status).toBe(201);
    expect(res.json.meetingId).toBeNull();
    const m = await s.meeting(s.branchId, "2030-04-09T12:30:00.000Z");
    const got = await api<VisitView>("GET", `${s.base}/${res.json.id}`, s.token);
    expect(got.json).toMatchObject({ meetingId: m, status: "planned" });
  });

  it("refuses bad input in the envelope", async () => {
    const s = await setup();
    const other = await createTenant();
    const otherMeeting = uid("mt");
    await dbOf(other.tenantId).insert(meetings).values({
      id: otherMeeting,
      tenantId: other.tenantId,
      organizationId: other.branchId,
      kind: "regular",
      topic: "x",
      scheduledAt: "2030-03-10T12:30:00.000Z",
    });
    const branch2Meeting = await s.meeting(s.branch2, "2030-03-10T12:30:00.000Z");
    const aprilMeeting = await s.meeting(s.branchId, "2030-04-10T12:30:00.000Z");
    const ok = { leaderPersonId: s.leader.id, organizationId: s.branchId, month: "2030-03" };
    const cases: [unknown, number][] = [
      ["{not json", 400],
      [{ ...ok, month: 202503 }, 400],
      [{ ...ok, month: "2030-13" }, 400],
      [{ organizationId: s.branchId, month: "2030-03" }, 400],
      [{ ...ok, leaderEmail: s.leader.email }, 400],
      [{ ...ok, notes: "x".repeat(2001) }, 400],
      [{ ...ok, extra: true }, 400],
      [{ ...ok, leaderPersonId: "bad id" }, 400],
      [{ ...ok, leaderPersonId: "p-unknown" }, 404],
      [{ ...ok, leaderPersonId: undefined, leaderEmail: "nobody@chibo.test" }, 404],
      [{ ...ok, organizationId: other.branchId }, 404],
      [{ ...ok, organizationId: s.committeeId }, 400],
      [{ ...ok, meetingId: otherMeeting }, 404],
      [{ ...ok, meetingId: branch2Meeting }, 400],
      [{ ...ok, meetingId: aprilMeeting }, 400],
    ];
    for (const [body, status] of cases) {
      const res = await api<ErrorBody>("POST", s.base, s.token, body);
      expect(res.status, JSON.stringify(body).slice(0, 120)).toBe(status);
      expect(res.json.error.code).toBe(status === 400 ? "bad_request" : "not_found");
    }
    expect(await dbOf(s.tenantId).select().from(visitPlans).where(eq(visitPlans.tenantId, s.tenantId))).toEqual([]);
    expect((await api("POST", s.base, s.token, ok)).status).toBe(201);
    const dup = await api<ErrorBody>("POST", s.base, s.token, ok);
    expect(dup.status).toBe(409);
    expect(dup.json.error.code).toBe("conflict");
  });

  it("lets only admins and organizers register", async () => {
    const s = await setup();
    const member = await login(Object.values(s.people)[0]!.email);
    const res = await api("POST", s.base, member, {
      leaderPersonId: s.leader.id,
      organizationId: s.branchId,
      month: "2030-03",
    });
    expect(res.status).toBe(403);
  });
});

describe("the visit loop", () => {
  it("marks a plan attended from the leader's attendance, or from the leader's evaluation", async () => {
    const s = await setup();
    const m1 = await s.meeting(s.branchId, "2030-05-10T12:30:00.000Z");
    const m2 = await s.meeting(s.branch2, "2030-05-12T12:30:00.000Z");
    const p1 = (
      await api<VisitView>("POST", s.base, s.token, {
        leaderPersonId: s.leader.id,
        organizationId: s.branchId,
        month: "2030-05",
        meetingId: m1,
      })
    ).json;
    const p2 = (
      await api<VisitView>("POST", s.base, s.token, {
        leaderPersonId: s.leader2.id,
        organizationId: s.branch2,
        month: "2030-05",
      })
    ).json;
    expect([p1.status, p2.status]).toEqual(["planned", "planned"]);
    // What the room writes: the leader joined remotely; the other leader filed an evaluation; both closed.
    await dbOf(s.tenantId)
      .insert(attendance)
      .values({ tenantId: s.tenantId, meetingId: m1, personId: s.leader.id, status: "present_remote" });
    await dbOf(s.tenantId)
      .insert(evaluations)
      .values({
        id: uid("ev"),
        tenantId: s.tenantId,
        meetingId: m2,
        evaluatorPersonId: s.leader2.id,
        evaluatorKind: "leader",
        scoresJson: "{}",
        total: 91,
        grade: "good",
      });
    await dbOf(s.tenantId).update(meetings).set({ status: "closed" }).where(eq(meetings.id, m1));
    await dbOf(s.tenantId).update(meetings).set({ status: "closed" }).where(eq(meetings.id, m2));
    const list = await api<VisitList>("GET", `${s.base}?month=2030-05`, s.token);
    expect(list.json.items.map((v: { leaderName: string; status: string }) => [v.leaderName, v.status])).toEqual([
      ["Lê Văn Lãnh", "attended"],
      ["Hoàng Thị Đạo", "attended"],
    ]);
  });

  it("marks missed when the meeting closes without the leader, and moves it to the branch's next meeting", async () => {
    const s = await setup();
    const jun = await s.meeting(s.branchId, "2030-06-10T12:30:00.000Z");
    const jul = await s.meeting(s.branchId, "2030-07-10T12:30:00.000Z");
    const aug = await s.meeting(s.branchId, "2030-08-10T12:30:00.000Z");
    const other2 = await s.meeting(s.branch2, "2030-07-15T12:30:00.000Z");
    const plan = (
      await api<VisitView>("POST", s.base, s.token, {
        leaderPersonId: s.leader.id,
        organizationId: s.branchId,
        month: "2030-06",
        meetingId: jun,
      })
    ).json;
    // Not missed yet: nothing to move.
    expect((await api("POST", `${s.base}/${plan.id}/move`, s.token, {})).status).toBe(409);
    await dbOf(s.tenantId)
      .insert(attendance)
      .values({ tenantId: s.tenantId, meetingId: jun, personId: s.leader.id, status: "absent_excused" });
    await dbOf(s.tenantId).update(meetings).set({ status: "closed" }).where(eq(meetings.id, jun));
    expect((await api<VisitView>("GET", `${s.base}/${plan.id}`, s.token)).json.status).toBe("missed");
    // Bad targets: another branch's meeting, an earlier one, malformed body.
    expect((await api("POST", `${s.base}/${plan.id}/move`, s.token, { meetingId: other2 })).status).toBe(400);
    expect((await api("POST", `${s.base}/${plan.id}/move`, s.token, { meetingId: jun })).status).toBe(409);
    expect((await api("POST", `${s.base}/${plan.id}/move`, s.token, { meetingId: 5 })).status).toBe(400);
    const moved = await api<Moved>("POST", `${s.base}/${plan.id}/move`, s.token, {});
    expect(moved.status).toBe(201);
    expect(moved.json.moved).toMatchObject({ id: plan.id, status: "moved", movedToMeetingId: jul });
    expect(moved.json.plan).toMatchObject({
      month: "2030-07",
      meetingId: jul,
      status: "planned",
      movedFromPlanId: plan.id,
    });
    // A moved plan is history: it cannot be edited or moved again.
    expect((await api("PATCH", `${s.base}/${plan.id}`, s.token, { notes: "x" })).status).toBe(409);
    expect((await api("POST", `${s.base}/${plan.id}/move`, s.token, {})).status).toBe(409);
    // July is cancelled: the continuation is missed and moves on to August, chosen explicitly.
    await dbOf(s.tenantId).update(meetings).set({ status: "cancelled" }).where(eq(meetings.id, jul));
    const again = await api<Moved>("POST", `${s.base}/${moved.json.plan.id}/move`, s.token, { meetingId: aug });
    expect(again.status).toBe(201);
    expect(again.json.plan).toMatchObject({ month: "2030-08", meetingId: aug });
    // August closes without the leader; no later meeting exists.
    await dbOf(s.tenantId).update(meetings).set({ status: "closed" }).where(eq(meetings.id, aug));
    const none = await api<ErrorBody>("POST", `${s.base}/${again.json.plan.id}/move`, s.token, {});
    expect(none.status).toBe(409);
    expect(none.json.error.message).toMatch(/chưa có cuộc họp tiếp theo/);
  });

  it("marks missed a plan whose month passed with no meeting", async () => {
    const s = await setup();
    const res = await api<VisitView>("POST", s.base, s.token, {
      leaderPersonId: s.leader.id,
      organizationId: s.branch2,
      month: "2024-02",
    });
    expect(res.json).toMatchObject({ meetingId: null, status: "missed" });
  });

  it("lets staff correct a plan and delete one still ahead", async () => {
    const s = await setup();
    const plan = (
      await api<VisitView>("POST", s.base, s.token, {
        leaderPersonId: s.leader.id,
        organizationId: s.branchId,
        month: "2030-09",
      })
    ).json;
    const patched = await api<VisitView>("PATCH", `${s.base}/${plan.id}`, s.token, {
      notes: "Đổi người đi cùng",
      status: "attended",
    });
    expect(patched.json).toMatchObject({ notes: "Đổi người đi cùng", status: "attended" });
    expect((await api("PATCH", `${s.base}/${plan.id}`, s.token, {})).status).toBe(400);
    expect((await api("PATCH", `${s.base}/${plan.id}`, s.token, { status: "moved" })).status).toBe(400);
    expect((await api("DELETE", `${s.base}/${plan.id}`, s.token)).status).toBe(409);
    const plan2 = (
      await api<VisitView>("POST", s.base, s.token, {
        leaderPersonId: s.leader2.id,
        organizationId: s.branchId,
        month: "2030-09",
      })
    ).json;
    expect((await api("DELETE", `${s.base}/${plan2.id}`, s.token)).status).toBe(200);
    expect((await api("GET", `${s.base}/${plan2.id}`, s.token)).status).toBe(404);
  });
});

describe("who sees which visits", () => {
  it("shows a visiting leader only their own plans; staff see all and the leaders to pick", async () => {
    const s = await setup();
    const m = await s.meeting(s.branchId, "2030-10-10T12:30:00.000Z");
    const mine = (
      await api<VisitView>("POST", s.base, s.token, {
        leaderPersonId: s.leader.id,
        organizationId: s.branchId,
        month: "2030-10",
        meetingId: m,
      })
    ).json;
    const theirs = (
      await api<VisitView>("POST", s.base, s.token, {
        leaderPersonId: s.leader2.id,
        organizationId: s.branchId,
        month: "2030-10",
        meetingId: m,
      })
    ).json;
    const leaderToken = await login(s.leader.email);
    const list = await api<VisitList>("GET", `${s.base}?year=2030&leaderPersonId=${s.leader2.id}`, leaderToken);
    expect(list.json.items.map((v: { id: string }) => v.id)).toEqual([mine.id]);
    expect((await api("GET", `${s.base}/${mine.id}`, leaderToken)).status).toBe(200);
    expect((await api("GET", `${s.base}/${theirs.id}`, leaderToken)).status).toBe(404);
    expect((await api("GET", `${s.base}/leaders`, leaderToken)).status).toBe(403);
    expect((await api("PATCH", `${s.base}/${mine.id}`, leaderToken, { notes: "x" })).status).toBe(403);
    expect((await api("DELETE", `${s.base}/${mine.id}`, leaderToken)).status).toBe(403);
    const all = await api<VisitList>("GET", `${s.base}?year=2030`, s.token);
    expect(all.json.items).toHaveLength(2);
    const filtered = await api<VisitList>("GET", `${s.base}?year=2030&leaderPersonId=${s.leader2.id}`, s.token);
    expect(filtered.json.items.map((v: { id: string }) => v.id)).toEqual([theirs.id]);
    const leaders = await api<Leaders>("GET", `${s.base}/leaders`, s.token);
    expect(leaders.json.items.map((l: { fullName: string }) => l.fullName)).toEqual([
      "Hoàng Thị Đạo",
      "Lê Văn Lãnh",
      "Trần Thị Quản Trị",
    ]);
  });

  it("lets a leader planned before any meeting open the tenant and see only their own visits", async () => {
    const s = await setup();
    const other = await setup();
    // Two plans for months without meetings yet: no meeting to be a guest of, so standing comes from the plan.
    const mine = (
      await api<VisitView>("POST", s.base, s.token, {
        leaderPersonId: s.leader.id,
        organizationId: s.branchId,
        month: "2030-05",
      })
    ).json;
    const theirs = (
      await api<VisitView>("POST", s.base, s.token, {
        leaderPersonId: s.leader2.id,
        organizationId: s.branch2,
        month: "2030-05",
      })
    ).json;
    expect([mine.meetingId, theirs.meetingId]).toEqual([null, null]);
    const planElsewhere = (
      await api<VisitView>("POST", other.base, other.token, {
        leaderPersonId: other.leader.id,
        organizationId: other.branchId,
        month: "2030-05",
      })
    ).json;
    const leaderToken = await login(s.leader.email);

    const me = await api<Me>("GET", "/api/auth/me", leaderToken);
    // This committee (the leader's own province is the other tenant they see), and none of the other committee's.
    expect(me.json.tenants.map((t: { id: string }) => t.id)).toContain(s.tenantId);
    expect(me.json.tenants.map((t: { id: string }) => t.id)).not.toContain(other.tenantId);
    const list = await api<VisitList>("GET", `${s.base}?year=2030`, leaderToken);
    expect(list.status).toBe(200);
    expect(list.json.items.map((v: { id: string }) => v.id)).toEqual([mine.id]);
    expect((await api("GET", `${s.base}/${mine.id}`, leaderToken)).status).toBe(200);
    expect((await api("GET", `${s.base}/${theirs.id}`, leaderToken)).status).toBe(404);
    // Nothing else of the tenant: no members, no meetings, no reports, no plan changes.
    await s.meeting(s.branchId, "2030-06-10T12:30:00.000Z");
    expect((await api("GET", `/api/tenants/${s.tenantId}/members`, leaderToken)).status).toBe(403);
    expect((await api("GET", `/api/tenants/${s.tenantId}/organizations`, leaderToken)).status).toBe(403);
    expect((await api<MeetingList>("GET", `/api/tenants/${s.tenantId}/meetings`, leaderToken)).json.items).toEqual([]);
    expect((await api("GET", `/api/tenants/${s.tenantId}/reports/meetings?year=2030`, leaderToken)).status).toBe(403);
    expect((await api("PATCH", `${s.base}/${mine.id}`, leaderToken, { notes: "x" })).status).toBe(403);
    // Another committee's ids answer 404, and its plan is unchanged.
    expect((await api("GET", `${other.base}?year=2030`, leaderToken)).status).toBe(404);
    expect((await api("GET", `${s.base}/${planElsewhere.id}`, leaderToken)).status).toBe(404);
    const [row] = await dbOf(other.tenantId).select().from(visitPlans).where(eq(visitPlans.id, planElsewhere.id));
    expect(row).toMatchObject({ notes: "", status: "planned", leaderPersonId: other.leader.id });
    // Once the plan is gone the tenant is closed to the leader again.
    expect((await api("DELETE", `${s.base}/${mine.id}`, s.token)).status).toBe(200);
    expect((await api("GET", `${s.base}?year=2030`, leaderToken)).status).toBe(404);
  });

  it("keeps two committees planning the same leader apart (404 across, nothing changed)", async () => {
    const a = await setup();
    const b = await setup();
    // Another province's leader is nobody b may plan for.
    const across = await api("POST", b.base, b.token, {
      leaderPersonId: a.leader.id,
      organizationId: b.branchId,
      month: "2030-11",
    });
    expect(across.status).toBe(404);
    const planB = (
      await api<VisitView>("POST", b.base, b.token, {
        leaderPersonId: b.leader.id,
        organizationId: b.branchId,
        month: "2030-11",
      })
    ).json;
    const planA = (
      await api<VisitView>("POST", a.base, a.token, {
        leaderPersonId: a.leader.id,
        organizationId: a.branchId,
        month: "2030-11",
      })
    ).json;
    expect((await api("GET", `${a.base}/${planB.id}`, a.token)).status).toBe(404);
    expect((await api("PATCH", `${a.base}/${planB.id}`, a.token, { notes: "x" })).status).toBe(404);
    expect((await api("POST", `${a.base}/${planB.id}/move`, a.token, {})).status).toBe(404);
    expect((await api("DELETE", `${a.base}/${planB.id}`, a.token)).status).toBe(404);
    expect((await api("GET", `${b.base}?year=2030`, a.token)).status).toBe(404);
    const [row] = await dbOf(b.tenantId).select().from(visitPlans).where(eq(visitPlans.id, planB.id));
    expect(row).toMatchObject({ notes: "", status: "planned" });
    expect(
      (await api<VisitList>("GET", `${a.base}?year=2030`, a.token)).json.items.map((v: { id: string }) => v.id),
    ).toEqual([planA.id]);
    expect((await api("GET", `${a.base}?year=2030&organizationId=${b.branchId}`, a.token)).status).toBe(404);
    expect((await api("GET", `${a.base}?year=abc`, a.token)).status).toBe(400);
    expect((await api("GET", `${a.base}?status=lost`, a.token)).status).toBe(400);
  });
});
