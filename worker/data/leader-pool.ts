/**
 * Who a committee may name as a visiting leader or pick as a guest without an invitation: people who took an office
 * here or in the province above (tenant roles), and the province's members who sit on a branch committee. All of them
 * joined by redeeming an invitation of ours or the province's, so showing their names below is what they joined for;
 * nobody of any other committee is ever in the pool (docs/identity.md).
 */
import { sql } from "drizzle-orm";

const parentOf = (tenantId: string) => sql`(SELECT parent_id FROM tenants WHERE id = ${tenantId})`;

/** Person ids of the officers of this committee and the leaders of the province above. */
export const officerPool = (tenantId: string) => sql`
  SELECT person_id FROM tenant_roles WHERE tenant_id = ${tenantId} OR tenant_id = ${parentOf(tenantId)}
  UNION SELECT person_id FROM memberships WHERE tenant_id = ${parentOf(tenantId)}
    AND branch_role != 'member' AND linked_at IS NOT NULL`;

/** The officer pool, and the leaders this committee already planned or invited as guests. */
export const leaderPool = (tenantId: string) => sql`
  SELECT leader_person_id FROM visit_plans WHERE tenant_id = ${tenantId}
  UNION SELECT person_id FROM meeting_guests WHERE tenant_id = ${tenantId}
  UNION ${officerPool(tenantId)}`;
