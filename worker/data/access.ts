import { and, eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { alias } from "drizzle-orm/sqlite-core";
import type { TenantRole } from "../../schema/api/auth";
import type { TenantKind } from "../../schema/api/committees";
import type { MembershipStanding } from "../../schema/api/members";
import { meetingGuests, memberships, tenantRoles, tenants, visitPlans } from "../../schema/db/tables";
import { idSchema } from "../../schema/ids";
import type { Db, TenantAccess } from "../env";
import { liveSessionQuery } from "../lib/session-token";
import { directoryDb, type ShardName, shardDb, shardOfTenant } from "../lib/shards";

const province = alias(tenants, "province");

/**
 * The queries that make up a caller's standing in one tenant, to run in one D1 batch (one round trip),
 * alone or after other queries of the same request (the session check).
 */
export function tenantAccessQueries(db: Db, tenantId: string, personId: string) {
  return [
    db.select({ id: tenants.id, kind: tenants.kind }).from(tenants).where(eq(tenants.id, tenantId)),
    db
      .select({ role: tenantRoles.role })
      .from(tenantRoles)
      .where(and(eq(tenantRoles.tenantId, tenantId), eq(tenantRoles.personId, personId))),
    db
      .select({
        organizationId: memberships.organizationId,
        status: memberships.status,
        branchRole: memberships.branchRole,
        standing: memberships.standing,
      })
      .from(memberships)
      .where(and(eq(memberships.tenantId, tenantId), eq(memberships.personId, personId))),
    db
      .select({ meetingId: meetingGuests.meetingId })
      .from(meetingGuests)
      .where(and(eq(meetingGuests.tenantId, tenantId), eq(meetingGuests.personId, personId))),
    // A leader the committee planned a visit for stands in it before the plan names a meeting (issue 5).
    db
      .select({ id: visitPlans.id })
      .from(visitPlans)
      .where(and(eq(visitPlans.tenantId, tenantId), eq(visitPlans.leaderPersonId, personId)))
      .limit(1),
    // A role in the province directly above this committee (never a sibling's, never another province's).
    db
      .select({ role: tenantRoles.role })
      .from(tenants)
      .innerJoin(province, and(eq(province.id, tenants.parentId), eq(province.kind, "province")))
      .innerJoin(tenantRoles, and(eq(tenantRoles.tenantId, province.id), eq(tenantRoles.personId, personId)))
      .where(eq(tenants.id, tenantId)),
  ] as const satisfies readonly BatchItem<"sqlite">[];
}

type AccessRows = readonly [
  { id: string; kind: TenantKind }[],
  { role: TenantRole }[],
  { organizationId: string; status: "official" | "probationary"; branchRole: string; standing: MembershipStanding }[],
  { meetingId: string }[],
  { id: string }[],
  { role: TenantRole }[],
];

/** The caller's standing from the rows of `tenantAccessQueries`, or null when they have none (the tenant then answers 404). */
export function toTenantAccess(
  tenantId: string,
  [tenantRows, roleRows, memberRows, guestRows, visitRows, provinceRows]: AccessRows,
): TenantAccess | null {
  const tenant = tenantRows[0];
  if (!tenant) return null;
  const ownRole = roleRows[0]?.role ?? null;
  // The province's staff read their committees, whatever their role up there: viewer, never more.
  const roleFromProvince = !ownRole && provinceRows.length > 0;
  const role = ownRole ?? (roleFromProvince ? "viewer" : null);
  if (!role && memberRows.length === 0 && guestRows.length === 0 && visitRows.length === 0) return null;
  return {
    tenantId,
    kind: tenant.kind,
    role,
    roleFromProvince,
    provinceRole: provinceRows[0]?.role ?? null,
    memberships: new Map(
      memberRows.map((m) => [m.organizationId, { status: m.status, branchRole: m.branchRole, standing: m.standing }]),
    ),
    guestMeetingIds: new Set(guestRows.map((g) => g.meetingId)),
    plannedVisitor: visitRows.length > 0,
  };
}

export async function loadTenantAccess(db: Db, tenantId: string, personId: string): Promise<TenantAccess | null> {
  return toTenantAccess(tenantId, await db.batch(tenantAccessQueries(db, tenantId, personId)));
}

/**
 * A signed session's row (in the directory) and the person's standing in `tenantId` (in the tenant's shard), read
 * at the same time: `live` false when the session is revoked or expired, `access` null when the tenant id is
 * malformed, unknown, or the person has no standing there; `shard` names the tenant's shard when it exists.
 * Shared by the tenant middleware and the room page, so both apply the same rules.
 */
export async function tenantSessionAccess(
  env: Cloudflare.Env,
  session: { sessionId: string; personId: string },
  tenantId: string | undefined,
): Promise<{ live: boolean; access: TenantAccess | null; shard: ShardName | null }> {
  const directory = directoryDb(env);
  const validTenant = !!tenantId && idSchema.safeParse(tenantId).success;
  const liveSession = directory.batch([liveSessionQuery(directory, session)]).then(([rows]) => rows.length > 0);
  const shard = validTenant ? await shardOfTenant(env, tenantId) : null;
  if (!shard || !validTenant) return { live: await liveSession, access: null, shard: null };
  const [live, access] = await Promise.all([
    liveSession,
    loadTenantAccess(shardDb(env, shard), tenantId, session.personId),
  ]);
  return { live, access, shard };
}
