/**
 * A visit registered before its meeting exists: creating the meeting (one, or the whole year) links the plan
 * and invites the leader at once, so the leader finds the meeting in their list without anyone reading the
 * plans first. Another tenant's plans are left as they were.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { MeetingDetail, MeetingList, PlanYearResult } from "../../schema/api/meetings";
import type { VisitView } from "../../schema/api/visits";
import { meetingGuests, meetings, visitPlans } from "../../schema/db/tables";
import { api, createLeader, createTenant, dbOf, login } from "../support/fixtures";

const uid = (p: string) => `${p}-${crypto.randomUUID().slice(0, 8)}`;

/** A tenant with a leader's plan for its branch in March 2031 (no meeting yet); another tenant, the same. */
async function setup() {
  const t = await createTenant([{ name: "Nguyễn Văn Bí Thư", branchRole: "secretary" }]);
  const leader = await createLeader(t.tenantId, "Lê Văn Lãnh");
  const token = await login(t.admin.email);
  const plan = await api<VisitView>("POST", `/api/tenants/${t.tenantId}/visits`, token, {
    leaderPersonId: leader.id,
    organizationId: t.branchId,
    month: "2031-03",
  });
  expect(plan.status).toBe(201);
  expect(plan.json.meetingId).toBeNull();

  // The other tenant's plan and meeting of the same month, written straight to D1 so nothing has linked them:
  // only a loop run for that tenant would, so a link here means our create reached across tenants.
  const other = await createTenant();
  const otherLeader = await createLeader(other.tenantId, "Hoàng Thị Đạo");
  const otherPlanId = uid("vp");
  await dbOf(other.tenantId)
    .insert(meetings)
    .values({
      id: uid("mt"),
      tenantId: other.tenantId,
      organizationId: other.branchId,
      kind: "regular",
      topic: "Sinh hoạt",
      scheduledAt: "2031-03-10T12:30:00.000Z",
    });
  await dbOf(other.tenantId).insert(visitPlans).values({
    id: otherPlanId,
    tenantId: other.tenantId,
    leaderPersonId: otherLeader.id,
    organizationId: other.branchId,
    month: "2031-03",
  });
  return { ...t, leader, token, planId: plan.json.id as string, other, otherLeader, otherPlanId };
}

type Setup = Awaited<ReturnType<typeof setup>>;

/** The plan is linked to the meeting, the leader is its guest and sees it; the other tenant is untouched. */
async function expectLinked(s: Setup, meetingId: string) {
  const [plan] = await dbOf(s.tenantId).select().from(visitPlans).where(eq(visitPlans.id, s.planId));
  expect(plan).toMatchObject({ meetingId, status: "planned" });
  const guests = await dbOf(s.tenantId).select().from(meetingGuests).where(eq(meetingGuests.meetingId, meetingId));
  expect(guests.map((g) => [g.personId, g.title])).toEqual([[s.leader.id, "Lãnh đạo dự sinh hoạt"]]);
  const leaderToken = await login(s.leader.email);
  const list = await api<MeetingList>(
    "GET",
    `/api/tenants/${s.tenantId}/meetings?from=2031-01-01&to=2031-12-31`,
    leaderToken,
  );
  expect(list.status).toBe(200);
  expect(list.json.items.map((m: { id: string }) => m.id)).toEqual([meetingId]);

  const [otherPlan] = await dbOf(s.other.tenantId).select().from(visitPlans).where(eq(visitPlans.id, s.otherPlanId));
  expect(otherPlan).toMatchObject({ meetingId: null, status: "planned" });
  expect(
    await dbOf(s.other.tenantId).select().from(meetingGuests).where(eq(meetingGuests.personId, s.otherLeader.id)),
  ).toEqual([]);
}

describe("creating a meeting links the month's visit plans", () => {
  it("one meeting: linked, the leader invited and seeing it at once", async () => {
    const s = await setup();
    const res = await api<MeetingDetail>("POST", `/api/tenants/${s.tenantId}/meetings`, s.token, {
      organizationId: s.branchId,
      kind: "regular",
      topic: "Sinh hoạt chi bộ thường kỳ tháng 3/2031",
      scheduledAt: "2031-03-10T12:30:00.000Z",
      template: true,
    });
    expect(res.status).toBe(201);
    // The created meeting already lists the leader among its guests.
    expect(res.json.guests.map((g: { personId: string }) => g.personId)).toEqual([s.leader.id]);
    await expectLinked(s, res.json.id);
  });

  it("a whole year: the plan linked to its month's regular meeting", async () => {
    const s = await setup();
    const res = await api<PlanYearResult>("POST", `/api/tenants/${s.tenantId}/meetings/plan-year`, s.token, {
      organizationId: s.branchId,
      year: 2031,
      dayOfMonth: 10,
      time: "19:30",
      withThematic: true,
    });
    expect(res.status).toBe(201);
    const march = res.json.created.filter(
      (m: { kind: string; scheduledAt: string }) => m.kind === "regular" && m.scheduledAt.startsWith("2031-03"),
    );
    expect(march).toHaveLength(1);
    await expectLinked(s, march[0]!.id);
  });
});
