/**
 * Who a committee may name as a visiting leader or pick as a guest without an invitation: people who took an office
 * here or in the province above (tenant roles), and the province's members who sit on a branch committee. All of them
 * joined by redeeming an invitation of ours or the province's, so showing their names below is what they joined for;
 * nobody of any other committee is ever in the pool (docs/identity.md).
 */
import { sql } from "drizzle-orm";
import type { Db } from "../env";

const parentOf = (tenantId: string) => sql`(SELECT parent_id FROM tenants WHERE id = ${tenantId})`;

/**
 * Person ids of the pool: the officers of this committee and of the province above, the province's members who sit on
 * a branch committee and hold their account, and the leaders this committee already planned or invited as guests.
 */
export const leaderPool = (tenantId: string) => sql`
  SELECT leader_person_id FROM visit_plans WHERE tenant_id = ${tenantId}
  UNION SELECT person_id FROM meeting_guests WHERE tenant_id = ${tenantId}
  UNION SELECT person_id FROM tenant_roles WHERE tenant_id = ${tenantId} OR tenant_id = ${parentOf(tenantId)}
  UNION SELECT person_id FROM memberships WHERE tenant_id = ${parentOf(tenantId)}
    AND branch_role != 'member' AND linked_at IS NOT NULL`;

/**
 * A leader of the pool by id or login e-mail, with the account's own name; anyone else, of any committee, is not
 * found. Planning a visit and picking a guest both look leaders up here.
 */
export async function findLeader(db: Db, tenantId: string, by: { id?: string; email?: string }) {
  const match = by.id ? sql`p.id = ${by.id}` : sql`p.email = ${by.email ?? ""}`;
  const [row] = await db.all<{ id: string; fullName: string }>(sql`
    SELECT p.id AS id, p.full_name AS fullName FROM people p
    WHERE ${match} AND p.id IN (${leaderPool(tenantId)})`);
  return row;
}
