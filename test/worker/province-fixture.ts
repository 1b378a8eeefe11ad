/** A province (Tỉnh ủy) with its own officers, and committees placed under it, built straight into D1. */
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { tenantRoles, tenants } from "../../schema/db/tables";
import { createPerson, dbOf, login, moveTenant, placeTenant, shardOf } from "../support/fixtures";

const uid = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;

async function officer(tenantId: string, name: string, role: "admin" | "organizer" | "viewer") {
  const person = await createPerson(name);
  await dbOf(tenantId).insert(tenantRoles).values({ tenantId, personId: person.id, role });
  return { ...person, token: await login(person.email) };
}

/** A province with an admin and a viewer (both logged in), and no committees yet, in the shards' next turn. */
export async function createProvince(name = "Tỉnh ủy thử") {
  const id = uid("prov");
  await placeTenant({ id, name, kind: "province" });
  return {
    id,
    name,
    admin: await officer(id, "Hà Văn Tỉnh", "admin"),
    viewer: await officer(id, "Đinh Thị Theo Dõi", "viewer"),
  };
}
export type Province = Awaited<ReturnType<typeof createProvince>>;

/**
 * Puts an existing committee (tenant) under the province: into the province's shard first (a province's tree lives
 * in one shard), then its parent set, in the directory and in the shard.
 */
export async function placeUnder(tenantId: string, provinceId: string) {
  await moveTenant(tenantId, shardOf(provinceId));
  await dbOf(tenantId).update(tenants).set({ parentId: provinceId }).where(eq(tenants.id, tenantId));
  await env.DB.prepare("update tenants set parent_id = ? where id = ?").bind(provinceId, tenantId).run();
}

export { officer };
