import type { TenantRole } from "../../schema/api/auth";
import type { TenantKind } from "../../schema/api/committees";
import type { MembershipStanding } from "../../schema/api/members";
import { idSchema } from "../../schema/ids";
import type { TenantAccess } from "../env";
import { sessionIsLive } from "../lib/session-token";
import { type ShardName, shardBinding, shardOfTenant } from "../lib/shards";

/**
 * The caller's whole standing in one tenant as one statement (one row): the tenant's kind, their own role, their
 * memberships and guest seats as JSON arrays, whether a visit is planned for them, and their role in the province
 * directly above. It runs on every tenant request, so it is one statement (it was six in a batch) written once,
 * not built by drizzle per request (the middleware's share of a request's CPU: NOTES-api.md).
 */
const STANDING_SQL = `select
  (select kind from tenants where id = ?1) as tenant_kind,
  (select role from tenant_roles where tenant_id = ?1 and person_id = ?2) as own_role,
  (select json_group_array(json_array(organization_id, status, branch_role, standing))
     from memberships where tenant_id = ?1 and person_id = ?2) as member_seats,
  (select json_group_array(meeting_id) from meeting_guests where tenant_id = ?1 and person_id = ?2) as guest_meetings,
  exists (select 1 from visit_plans where tenant_id = ?1 and leader_person_id = ?2) as planned_visitor,
  (select r.role from tenants t
     join tenants p on p.id = t.parent_id and p.kind = 'province'
     join tenant_roles r on r.tenant_id = p.id and r.person_id = ?2
   where t.id = ?1) as province_role`;

interface StandingRow {
  tenant_kind: TenantKind | null;
  own_role: TenantRole | null;
  member_seats: string;
  guest_meetings: string;
  planned_visitor: number;
  province_role: TenantRole | null;
}

type MemberSeat = [string, "official" | "probationary", string, MembershipStanding];

/** The caller's standing in `tenantId` from its shard in one statement, or null (no such tenant, or no standing). */
export async function readTenantAccess(
  shard: D1Database,
  tenantId: string,
  personId: string,
): Promise<TenantAccess | null> {
  const row = await shard.prepare(STANDING_SQL).bind(tenantId, personId).first<StandingRow>();
  return row ? toTenantAccess(tenantId, row) : null;
}

/** The caller's standing from the statement's row, or null when they have none (the tenant then answers 404). */
function toTenantAccess(tenantId: string, row: StandingRow): TenantAccess | null {
  if (!row.tenant_kind) return null;
  const seats = JSON.parse(row.member_seats) as MemberSeat[];
  const guestMeetingIds = JSON.parse(row.guest_meetings) as string[];
  const ownRole = row.own_role;
  // The province's staff read their committees, whatever their role up there: viewer, never more.
  const roleFromProvince = !ownRole && row.province_role !== null;
  const role = ownRole ?? (roleFromProvince ? "viewer" : null);
  const plannedVisitor = row.planned_visitor === 1;
  if (!role && seats.length === 0 && guestMeetingIds.length === 0 && !plannedVisitor) return null;
  return {
    tenantId,
    kind: row.tenant_kind,
    role,
    roleFromProvince,
    provinceRole: row.province_role,
    memberships: new Map(
      seats.map(([organizationId, status, branchRole, standing]) => [organizationId, { status, branchRole, standing }]),
    ),
    guestMeetingIds: new Set(guestMeetingIds),
    plannedVisitor,
  };
}

/**
 * A signed session's row (in the directory) and the person's standing in `tenantId` (in the tenant's shard), read
 * at the same time: `live` false when the session is revoked or expired, `access` null when the tenant id is
 * malformed, unknown, or the person has no standing there; `shard` names the tenant's shard when it exists.
 * Shared by the tenant middleware and the room page, so both apply the same rules. Two statements, one per database,
 * in parallel; the tenant's shard comes from the isolate's memory after its first request (worker/lib/shards.ts).
 */
export async function tenantSessionAccess(
  env: Cloudflare.Env,
  session: { sessionId: string; personId: string },
  tenantId: string | undefined,
): Promise<{ live: boolean; access: TenantAccess | null; shard: ShardName | null }> {
  const validTenant = !!tenantId && idSchema.safeParse(tenantId).success;
  const liveSession = sessionIsLive(env.DB, session);
  const shard = validTenant ? await shardOfTenant(env, tenantId) : null;
  if (!shard || !validTenant) return { live: await liveSession, access: null, shard: null };
  const [live, access] = await Promise.all([
    liveSession,
    readTenantAccess(shardBinding(env, shard), tenantId, session.personId),
  ]);
  return { live, access, shard };
}
