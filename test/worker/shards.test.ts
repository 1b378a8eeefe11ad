/**
 * D1 sharded by province (worker/lib/shards.ts): two tenants in two shards are as isolated as two tenants in one;
 * a tenant's rows are in its shard only; a person seated in two provinces sees both; a room writes its record to
 * its meeting's shard.
 */
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import type { Me } from "../../schema/api/auth";
import { memberships, tenantRoles } from "../../schema/db/tables";
import { createMeeting } from "../party/meeting-fixture";
import { api, createPerson, createTenant, d1Of, dbOf, login, SHARDS } from "../support/fixtures";
import { closeAllRooms, eventually } from "../support/room-client";

afterEach(() => closeAllRooms());

const count = async (d1: D1Database, sql: string, ...binds: string[]) =>
  (
    await d1
      .prepare(sql)
      .bind(...binds)
      .first<{ n: number }>()
  )?.n ?? 0;

/** Two committees, the fixtures' turn putting them in different shards, each with a planned meeting. */
async function twoProvinces() {
  const a = await createTenant([{ name: "Nguyễn Văn Một", branchRole: "secretary" }, { name: "Trần Thị Hai" }]);
  const b = await createTenant([{ name: "Lê Văn Ba", branchRole: "secretary" }, { name: "Phạm Thị Bốn" }]);
  expect(a.shard).not.toBe(b.shard);
  const plan = async (t: typeof a, token: string) => {
    const res = await api<{ id: string }>("POST", `/api/tenants/${t.tenantId}/meetings`, token, {
      organizationId: t.branchId,
      kind: "regular",
      topic: "Sinh hoạt thường kỳ",
      scheduledAt: new Date(Date.now() + 2 * 86400_000).toISOString(),
      place: "Nhà văn hóa",
    });
    expect(res.status).toBe(201);
    return res.json.id;
  };
  const aToken = await login(a.admin.email);
  const bToken = await login(b.admin.email);
  return { a, b, aToken, bToken, aMeeting: await plan(a, aToken), bMeeting: await plan(b, bToken) };
}

describe("sharded by province", () => {
  it("keeps each tenant's rows in its own shard, and the directory names the shard", async () => {
    const { a, b, aMeeting, bMeeting } = await twoProvinces();
    for (const [t, meeting, other] of [
      [a, aMeeting, b],
      [b, bMeeting, a],
    ] as const) {
      expect(
        await count(env.DB, "select count(*) as n from tenants where id = ? and shard = ?", t.tenantId, t.shard),
      ).toBe(1);
      expect(
        await count(d1Of(t.tenantId), "select count(*) as n from memberships where tenant_id = ?", t.tenantId),
      ).toBe(2);
      expect(await count(d1Of(t.tenantId), "select count(*) as n from meetings where id = ?", meeting)).toBe(1);
      // Nothing of it in the other shard, nor any tenant data in the directory.
      expect(
        await count(d1Of(other.tenantId), "select count(*) as n from memberships where tenant_id = ?", t.tenantId),
      ).toBe(0);
      expect(await count(d1Of(other.tenantId), "select count(*) as n from meetings where id = ?", meeting)).toBe(0);
      expect(await count(env.DB, "select count(*) as n from memberships where tenant_id = ?", t.tenantId)).toBe(0);
    }
  });

  it("answers 404 to a tenant's staff for another shard's tenant and its ids, on members, meetings, reports and tickets", async () => {
    const { a, b, aToken, bToken, aMeeting, bMeeting } = await twoProvinces();
    for (const [mine, token, theirs, theirMeeting] of [
      [a, aToken, b, bMeeting],
      [b, bToken, a, aMeeting],
    ] as const) {
      const here = `/api/tenants/${mine.tenantId}`;
      const member = theirs.people["Lê Văn Ba"] ?? theirs.people["Nguyễn Văn Một"];
      // The other tenant itself.
      expect((await api("GET", `/api/tenants/${theirs.tenantId}/members`, token)).status).toBe(404);
      expect((await api("GET", `/api/tenants/${theirs.tenantId}/meetings/${theirMeeting}`, token)).status).toBe(404);
      // Its ids through my own tenant.
      expect((await api("GET", `${here}/members/${member!.membershipId}`, token)).status).toBe(404);
      const renamed = await api("PATCH", `${here}/members/${member!.membershipId}`, token, { fullName: "Đổi Tên" });
      expect(renamed.status).toBe(404);
      expect((await api("GET", `${here}/meetings/${theirMeeting}`, token)).status).toBe(404);
      expect((await api("POST", `${here}/tickets`, token, { meetingId: theirMeeting })).status).toBe(404);
      const report = await api("GET", `${here}/reports/meetings?year=2026&organizationId=${theirs.branchId}`, token);
      expect(report.status).toBe(404);
      // Nothing changed over there.
      const row = await d1Of(theirs.tenantId)
        .prepare("select full_name from memberships where id = ?")
        .bind(member!.membershipId)
        .first<{ full_name: string }>();
      expect(row?.full_name).not.toBe("Đổi Tên");
    }
  });

  it("lists a person's seats in both provinces in /api/auth/me, and lets them into each", async () => {
    const { a, b, bMeeting } = await twoProvinces();
    // One account, a member record in a's shard and an office role in b's.
    const person = await createPerson("Hoàng Văn Hai Nơi", true, [a.shard, b.shard]);
    await dbOf(a.tenantId)
      .insert(memberships)
      .values({
        id: `m-${person.id}`,
        tenantId: a.tenantId,
        organizationId: a.branchId,
        personId: person.id,
        status: "official",
        fullName: person.name,
      });
    await dbOf(b.tenantId).insert(tenantRoles).values({ tenantId: b.tenantId, personId: person.id, role: "organizer" });
    const token = await login(person.email);
    const me = await api<Me>("GET", "/api/auth/me", token);
    expect(me.status).toBe(200);
    const seats = Object.fromEntries(me.json.tenants.map((t) => [t.id, t]));
    expect(seats[a.tenantId]).toMatchObject({ role: null, organizationIds: [a.branchId] });
    expect(seats[b.tenantId]).toMatchObject({ role: "organizer", organizationIds: [] });
    expect(me.json.tenants).toHaveLength(2);
    expect((await api("GET", `/api/tenants/${a.tenantId}/members`, token)).status).toBe(200);
    expect((await api("GET", `/api/tenants/${b.tenantId}/meetings/${bMeeting}`, token)).status).toBe(200);
  });

  it("a room writes its record to its meeting's shard only", async () => {
    // Two rooms, one in each shard (the fixtures' turn), each settling a speech and its close.
    const first = await createMeeting({ status: "live" });
    const second = await createMeeting({ status: "live" });
    expect(new Set([first.shard, second.shard])).toEqual(new Set(SHARDS));
    for (const f of [first, second]) {
      const chair = await f.join("chair");
      await f.join("m1");
      await chair.ok({ type: "floor/give", personId: f.idOf("m1") });
      await chair.ok({ type: "floor/end" });
      await chair.ok({ type: "meeting/close" });
    }
    for (const [f, other] of [
      [first, second],
      [second, first],
    ] as const) {
      const mine = d1Of(f.tenantId);
      await eventually(async () =>
        (await mine.prepare("select status from meetings where id = ?").bind(f.meetingId).first<{ status: string }>())
          ?.status === "closed"
          ? true
          : undefined,
      );
      expect(await count(mine, "select count(*) as n from speeches where meeting_id = ?", f.meetingId)).toBe(1);
      expect(
        await count(mine, "select count(*) as n from attendance where meeting_id = ?", f.meetingId),
      ).toBeGreaterThan(0);
      expect(await count(mine, "select count(*) as n from minutes where meeting_id = ?", f.meetingId)).toBe(1);
      const theirs = d1Of(other.tenantId);
      for (const table of ["speeches", "attendance", "minutes", "meetings"]) {
        const column = table === "meetings" ? "id" : "meeting_id";
        expect(await count(theirs, `select count(*) as n from ${table} where ${column} = ?`, f.meetingId)).toBe(0);
        expect(await count(env.DB, `select count(*) as n from ${table} where ${column} = ?`, f.meetingId)).toBe(0);
      }
    }
  });
});
