/**
 * The visit loop closed by a real room: a leader's plan counts as attended only from what the room wrote
 * about that leader in that meeting, and the plan alone gets the leader a room ticket.
 */
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { Period, ReportResult } from "../../schema/api/reports";
import type { TicketResponse } from "../../schema/api/tickets";
import type { VisitView } from "../../schema/api/visits";
import { leaderNotes, meetings, speeches } from "../../schema/db/tables";
import type { ErrorBody } from "../../schema/errors";
import { createMeeting } from "../party/meeting-fixture";
import { api, createLeader, dbOf, login } from "../support/fixtures";
import { closeAllRooms, eventually, joinRoom } from "../support/room-client";

type VisitList = { period: Period; items: VisitView[] };

afterEach(() => closeAllRooms());

const uid = (p: string) => `${p}-${crypto.randomUUID().slice(0, 8)}`;

describe("the visit loop and the room", () => {
  it("marks attended the leader who left a trace in that meeting's room, missed the one who never came", async () => {
    const f = await createMeeting();
    const admin = await login(f.admin.email);
    const base = `/api/tenants/${f.tenantId}/visits`;
    const absent = await createLeader(f.tenantId, "Phan Văn Vắng");
    // The absent leader spoke at the branch's October meeting: a trace, but not of the planned meeting.
    const october = uid("mt");
    await dbOf(f.tenantId).insert(meetings).values({
      id: october,
      tenantId: f.tenantId,
      organizationId: f.branchId,
      kind: "regular",
      topic: "Tháng 10",
      scheduledAt: "2026-10-10T12:00:00.000Z",
      status: "closed",
    });
    await dbOf(f.tenantId)
      .insert(speeches)
      .values({
        id: uid("sp"),
        tenantId: f.tenantId,
        meetingId: october,
        personId: absent.id,
        startedAt: "2026-10-10T12:10:00.000Z",
        endedAt: "2026-10-10T12:20:00.000Z",
        durationSeconds: 600,
      });

    const plan = async (leaderPersonId: string) => {
      const res = await api<VisitView>("POST", base, admin, {
        leaderPersonId,
        organizationId: f.branchId,
        month: "2026-11",
        meetingId: f.meetingId,
      });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
      return res.json.id as string;
    };
    const came = await plan(f.leader.id);
    const never = await plan(absent.id);

    // The leader asks for a ticket like the web client does, joins, and keeps a note on the first item.
    const leaderToken = await login(f.leader.email);
    const ticket = await api<TicketResponse>("POST", `/api/tenants/${f.tenantId}/tickets`, leaderToken, {
      meetingId: f.meetingId,
    });
    expect(ticket.json.role).toBe("leader");
    const chair = await f.join("chair");
    const leader = await joinRoom(f.meetingId, ticket.json.ticket);
    await chair.ok({ type: "meeting/start" });
    await leader.ok({ type: "note/save", itemId: f.items[0]!.id, body: "Chi bộ chuẩn bị chu đáo", shared: false });
    await eventually(
      async () => (await dbOf(f.tenantId).select().from(leaderNotes).where(eq(leaderNotes.meetingId, f.meetingId)))[0],
    );
    // While the meeting runs, the note already counts; the absent leader is not missed yet.
    const during = await api<VisitList>("GET", `${base}?month=2026-11`, admin);
    expect(Object.fromEntries(during.json.items.map((v: { id: string; status: string }) => [v.id, v.status]))).toEqual({
      [came]: "attended",
      [never]: "planned",
    });

    await chair.ok({ type: "meeting/close" });
    await eventually(
      async () =>
        (await dbOf(f.tenantId).select().from(meetings).where(eq(meetings.id, f.meetingId)))[0]?.status === "closed",
    );
    const after = await api<VisitList>("GET", `${base}?month=2026-11`, admin);
    expect(Object.fromEntries(after.json.items.map((v: { id: string; status: string }) => [v.id, v.status]))).toEqual({
      [came]: "attended",
      [never]: "missed",
    });
    // The report agrees: 1 of 2 kept.
    const report = await api<ReportResult>("GET", `/api/tenants/${f.tenantId}/reports/visits?month=2026-11`, admin);
    expect(report.json.total).toMatchObject({ planned: 2, attended: 1, missed: 1 });
  });

  it("gets a planned leader into a meeting scheduled after the plan, and no one else", async () => {
    const f = await createMeeting();
    const admin = await login(f.admin.email);
    const leader = await createLeader(f.tenantId, "Đinh Văn Kế Hoạch");
    const other = await createLeader(f.tenantId, "Mai Thị Nơi Khác");
    // Plans for December, before the branch has scheduled its December meeting.
    for (const leaderPersonId of [leader.id, other.id]) {
      const month = leaderPersonId === leader.id ? "2026-12" : "2027-01";
      const res = await api<VisitView>("POST", `/api/tenants/${f.tenantId}/visits`, admin, {
        leaderPersonId,
        organizationId: f.branchId,
        month,
      });
      expect(res.status).toBe(201);
      expect(res.json.meetingId).toBeNull();
    }
    // The committee schedules it (nobody reads the plans afterwards).
    const december = uid("mt");
    await dbOf(f.tenantId).insert(meetings).values({
      id: december,
      tenantId: f.tenantId,
      organizationId: f.branchId,
      kind: "regular",
      topic: "Tháng 12",
      scheduledAt: "2026-12-10T12:00:00.000Z",
      status: "planned",
    });
    const res = await api<TicketResponse>("POST", `/api/tenants/${f.tenantId}/tickets`, await login(leader.email), {
      meetingId: december,
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.role).toBe("leader");
    // A leader planned for another month of the branch learns nothing about this meeting.
    const refused = await api<ErrorBody>("POST", `/api/tenants/${f.tenantId}/tickets`, await login(other.email), {
      meetingId: december,
    });
    expect(refused.status).toBe(404);
    expect(refused.json.error.code).toBe("not_found");
  });
});
