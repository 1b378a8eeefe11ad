import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { TicketResponse } from "../../schema/api/tickets";
import { meetingGuests, meetings, memberships } from "../../schema/db/tables";
import type { ErrorBody } from "../../schema/errors";
import { verifyRoomTicket } from "../../server/room-ticket";
import { api, createPerson, createTenant, d1Of, dbOf, login } from "../support/fixtures";

/** A refusal, which must carry no ticket. */
type Refused = ErrorBody & Partial<TicketResponse>;

/** A branch with a chair, a minutes-taker, an official and a probationary member, and a meeting of it. */
async function meetingSetup(status: "planned" | "live" | "closed" | "cancelled" = "planned") {
  const t = await createTenant([
    { name: "Nguyễn Văn Chủ Trì", branchRole: "secretary" },
    { name: "Trần Thị Thư Ký", branchRole: "committee" },
    { name: "Lê Văn Chính Thức" },
    { name: "Phạm Thị Dự Bị", status: "probationary" },
  ]);
  const meetingId = `mtg-${crypto.randomUUID().slice(0, 8)}`;
  await dbOf(t.tenantId).insert(meetings).values({
    id: meetingId,
    tenantId: t.tenantId,
    organizationId: t.branchId,
    kind: "regular",
    topic: "Sinh hoạt thường kỳ",
    scheduledAt: "2026-11-25T12:00:00.000Z",
    status,
    chairPersonId: t.people["Nguyễn Văn Chủ Trì"]!.id,
    minutesTakerPersonId: t.people["Trần Thị Thư Ký"]!.id,
  });
  return { ...t, meetingId };
}

const ticketFor = async <T = TicketResponse>(tenantId: string, token: string, body: unknown) =>
  api<T>("POST", `/api/tenants/${tenantId}/tickets`, token, body);

describe("room tickets", () => {
  it("gives each person the role they have in the meeting, in a ticket the room accepts", async () => {
    const t = await meetingSetup();
    const cases: [string, string][] = [
      [t.people["Nguyễn Văn Chủ Trì"]!.email, "chair"],
      [t.people["Trần Thị Thư Ký"]!.email, "minutes_taker"],
      [t.people["Lê Văn Chính Thức"]!.email, "official"],
      [t.people["Phạm Thị Dự Bị"]!.email, "probationary"],
      [t.admin.email, "observer"],
    ];
    for (const [email, role] of cases) {
      const res = await ticketFor(t.tenantId, await login(email), { meetingId: t.meetingId });
      expect(res.status, email).toBe(200);
      expect(res.json.role).toBe(role);
      expect(res.json.roomPath).toBe(`/parties/meeting-room/${t.meetingId}`);
      const claims = await verifyRoomTicket(env, res.json.ticket);
      expect(claims).toMatchObject({ tid: t.tenantId, mid: t.meetingId, role });
    }
  });

  it("refuses a member room to a member transferred, suspended or detained (403, Vietnamese first), even as chair", async () => {
    const t = await meetingSetup();
    const cases: [string, "transferred" | "suspended" | "detained", RegExp][] = [
      [
        "Lê Văn Chính Thức",
        "transferred",
        /^Đồng chí đã chuyển sinh hoạt tạm thời.* \/ You are temporarily transferred/,
      ],
      ["Phạm Thị Dự Bị", "suspended", /^Đồng chí đang bị đình chỉ sinh hoạt.* \/ Your party activity is suspended/],
      ["Nguyễn Văn Chủ Trì", "detained", /^Đồng chí đang bị tạm giữ.* \/ You are held in custody/],
    ];
    for (const [name, standing, message] of cases) {
      const person = t.people[name]!;
      const token = await login(person.email);
      await dbOf(t.tenantId).update(memberships).set({ standing }).where(eq(memberships.id, person.membershipId));
      const res = await ticketFor<Refused>(t.tenantId, token, { meetingId: t.meetingId });
      expect(res.status, name).toBe(403);
      expect(res.json.error.code).toBe("forbidden");
      expect(res.json.error.message).toMatch(message);
      expect(res.json.ticket).toBeUndefined();
      // Active again, the same person gets their seat back.
      await dbOf(t.tenantId)
        .update(memberships)
        .set({ standing: "active" })
        .where(eq(memberships.id, person.membershipId));
      expect((await ticketFor(t.tenantId, token, { meetingId: t.meetingId })).status, name).toBe(200);
    }
  });

  it("still lets a suspended member who is invited as a guest in as a leader, not as a member", async () => {
    const t = await meetingSetup();
    const person = t.people["Lê Văn Chính Thức"]!;
    await dbOf(t.tenantId)
      .update(memberships)
      .set({ standing: "suspended" })
      .where(eq(memberships.id, person.membershipId));
    await dbOf(t.tenantId)
      .insert(meetingGuests)
      .values({ tenantId: t.tenantId, meetingId: t.meetingId, personId: person.id, title: "Khách" });
    const res = await ticketFor(t.tenantId, await login(person.email), { meetingId: t.meetingId });
    expect(res.status).toBe(200);
    expect(res.json.role).toBe("leader");
  });

  it("makes a visiting leader from another tenant a leader of the meeting they are invited to", async () => {
    const t = await meetingSetup();
    const leader = await createPerson("Đặng Quốc Lãnh Đạo");
    await dbOf(t.tenantId)
      .insert(meetingGuests)
      .values({ tenantId: t.tenantId, meetingId: t.meetingId, personId: leader.id, title: "Tỉnh ủy viên" });
    const res = await ticketFor(t.tenantId, await login(leader.email), { meetingId: t.meetingId });
    expect(res.status).toBe(200);
    expect((await verifyRoomTicket(env, res.json.ticket))?.name).toBe("Đặng Quốc Lãnh Đạo");
    expect(res.json.role).toBe("leader");
  });

  it("answers 404 for another tenant's meeting and for a meeting the caller has no part in", async () => {
    const a = await meetingSetup();
    const b = await meetingSetup();
    const memberOfA = await login(a.people["Lê Văn Chính Thức"]!.email);
    expect((await ticketFor(a.tenantId, memberOfA, { meetingId: b.meetingId })).status).toBe(404);
    expect((await ticketFor(b.tenantId, memberOfA, { meetingId: b.meetingId })).status).toBe(404);
    // A guest of one meeting has standing in the tenant but none in its other meetings.
    const guest = await createPerson("Khách Mời");
    const other = await dbOf(a.tenantId)
      .insert(meetings)
      .values({
        id: `mtg-${crypto.randomUUID().slice(0, 8)}`,
        tenantId: a.tenantId,
        organizationId: a.branchId,
        kind: "regular",
        topic: "Khác",
        scheduledAt: "2026-12-25T12:00:00.000Z",
      })
      .returning({ id: meetings.id });
    await dbOf(a.tenantId)
      .insert(meetingGuests)
      .values({ tenantId: a.tenantId, meetingId: a.meetingId, personId: guest.id });
    const res = await ticketFor<ErrorBody>(a.tenantId, await login(guest.email), { meetingId: other[0]!.id });
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe("not_found");
  });

  it("makes the branch secretary the chair of a meeting planned without one, with the claims signed", async () => {
    const t = await meetingSetup();
    await d1Of(t.tenantId).prepare("update meetings set chair_person_id = null where id = ?").bind(t.meetingId).run();
    const secretary = t.people["Nguyễn Văn Chủ Trì"]!;
    const res = await ticketFor(t.tenantId, await login(secretary.email), { meetingId: t.meetingId });
    expect(res.status).toBe(200);
    expect(res.json.role).toBe("chair");
    const claims = await verifyRoomTicket(env, res.json.ticket);
    expect(claims).toMatchObject({
      pid: secretary.id,
      tid: t.tenantId,
      mid: t.meetingId,
      role: "chair",
      name: "Nguyễn Văn Chủ Trì",
    });
    expect(claims!.exp * 1000).toBe(Date.parse(res.json.expiresAt));
    // The official member is still only an official member.
    const other = await ticketFor(t.tenantId, await login(t.people["Lê Văn Chính Thức"]!.email), {
      meetingId: t.meetingId,
    });
    expect(other.json.role).toBe("official");
  });

  it("refuses a closed or cancelled meeting with 409", async () => {
    for (const status of ["closed", "cancelled"] as const) {
      const t = await meetingSetup(status);
      const res = await ticketFor<ErrorBody>(t.tenantId, await login(t.people["Lê Văn Chính Thức"]!.email), {
        meetingId: t.meetingId,
      });
      expect(res.status).toBe(409);
      expect(res.json.error.code).toBe("conflict");
    }
  });

  it("answers bad input with 400 in the envelope and no session with 401", async () => {
    const t = await meetingSetup();
    const token = await login(t.people["Lê Văn Chính Thức"]!.email);
    for (const body of ["{not json", {}, { meetingId: 42 }, { meetingId: "x".repeat(65) }, { meetingId: "có dấu" }]) {
      const res = await ticketFor<ErrorBody>(t.tenantId, token, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBe("bad_request");
    }
    expect((await ticketFor(t.tenantId, token, { meetingId: "mtg-unknown" })).status).toBe(404);
    expect(
      (await api("POST", `/api/tenants/${t.tenantId}/tickets`, undefined, { meetingId: t.meetingId })).status,
    ).toBe(401);
  });
});
