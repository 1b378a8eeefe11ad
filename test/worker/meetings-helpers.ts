/** Shared set-up for the meeting route tests: a branch with its officers, staff logins and a planned meeting. */
import { env } from "cloudflare:workers";
import { tenantRoles } from "../../schema/db/tables";
import { api, createPerson, createTenant, d1Of, dbOf, login, SHARDS } from "../support/fixtures";

export const base = (tenantId: string) => `/api/tenants/${tenantId}/meetings`;

export const auditCount = async (tenantId: string) =>
  (
    (await d1Of(tenantId)
      .prepare("select count(*) as n from audit_log where tenant_id = ?")
      .bind(tenantId)
      .first()) as {
      n: number;
    }
  ).n;

export async function staff(tenantId: string, role: "admin" | "organizer" | "viewer") {
  const p = await createPerson(`Cán bộ ${role}`);
  await dbOf(tenantId).insert(tenantRoles).values({ tenantId, personId: p.id, role });
  return { ...p, token: await login(p.email) };
}

export async function branch() {
  const t = await createTenant([
    { name: "Nguyễn Văn Bí Thư", branchRole: "secretary" },
    { name: "Trần Thị Phó", branchRole: "deputy" },
    { name: "Lê Văn Đảng Viên" },
    { name: "Phạm Thị Dự Bị", status: "probationary" },
  ]);
  const p = (n: string) => t.people[n]!;
  return {
    ...t,
    secretary: p("Nguyễn Văn Bí Thư"),
    deputy: p("Trần Thị Phó"),
    member: p("Lê Văn Đảng Viên"),
    probationary: p("Phạm Thị Dự Bị"),
    adminToken: await login(t.admin.email),
  };
}
export type Branch = Awaited<ReturnType<typeof branch>>;

/** A meeting planned through the API by the admin, two days ahead. */
export async function planned(t: Branch, extra: Record<string, unknown> = {}) {
  const res = await api("POST", base(t.tenantId), t.adminToken, {
    organizationId: t.branchId,
    kind: "regular",
    topic: "Sinh hoạt thường kỳ",
    scheduledAt: new Date(Date.now() + 2 * 86400_000).toISOString(),
    place: "Nhà văn hóa khu phố 1",
    chairPersonId: t.secretary.id,
    minutesTakerPersonId: t.deputy.id,
    ...extra,
  });
  if (res.status !== 201) throw new Error(`plan failed: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json as { id: string; agenda: { id: string; title: string; position: number }[] } & Record<
    string,
    unknown
  >;
}

/** By the meeting's id alone (ids are unique across shards): the one shard that holds it changes. */
export const setStatus = async (meetingId: string, status: string) => {
  for (const shard of SHARDS)
    await env[shard].prepare("update meetings set status = ? where id = ?").bind(status, meetingId).run();
};
