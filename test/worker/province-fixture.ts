/** A province (Tỉnh ủy) with its own officers, and committees placed under it, built straight into D1. */
import { eq } from "drizzle-orm";
import { tenantRoles, tenants } from "../../schema/db/tables";
import { createPerson, db, login } from "../support/fixtures";

const uid = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;

async function officer(tenantId: string, name: string, role: "admin" | "organizer" | "viewer") {
  const person = await createPerson(name);
  await db().insert(tenantRoles).values({ tenantId, personId: person.id, role });
  return { ...person, token: await login(person.email) };
}

/** A province with an admin and a viewer (both logged in), and no committees yet. */
export async function createProvince(name = "Tỉnh ủy thử") {
  const id = uid("prov");
  await db().insert(tenants).values({ id, name, kind: "province" });
  return {
    id,
    name,
    admin: await officer(id, "Hà Văn Tỉnh", "admin"),
    viewer: await officer(id, "Đinh Thị Theo Dõi", "viewer"),
  };
}
export type Province = Awaited<ReturnType<typeof createProvince>>;

/** Puts an existing committee (tenant) under the province. */
export async function placeUnder(tenantId: string, provinceId: string) {
  await db().update(tenants).set({ parentId: provinceId }).where(eq(tenants.id, tenantId));
}

export { officer };
