import { and, eq } from "drizzle-orm";
import { meetingGuests, memberships, tenantRoles, tenants } from "../../schema/db/tables";
import type { Db, TenantAccess } from "../env";

/** The caller's standing in one tenant, or null when they have none there (the tenant then answers 404). */
export async function loadTenantAccess(db: Db, tenantId: string, personId: string): Promise<TenantAccess | null> {
  const [tenantRows, roleRows, memberRows, guestRows] = await db.batch([
    db.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, tenantId)),
    db
      .select({ role: tenantRoles.role })
      .from(tenantRoles)
      .where(and(eq(tenantRoles.tenantId, tenantId), eq(tenantRoles.personId, personId))),
    db
      .select({ organizationId: memberships.organizationId, status: memberships.status, branchRole: memberships.branchRole })
      .from(memberships)
      .where(and(eq(memberships.tenantId, tenantId), eq(memberships.personId, personId))),
    db
      .select({ meetingId: meetingGuests.meetingId })
      .from(meetingGuests)
      .where(and(eq(meetingGuests.tenantId, tenantId), eq(meetingGuests.personId, personId))),
  ]);
  if (tenantRows.length === 0) return null;
  const role = roleRows[0]?.role ?? null;
  if (!role && memberRows.length === 0 && guestRows.length === 0) return null;
  return {
    tenantId,
    role,
    memberships: new Map(memberRows.map((m) => [m.organizationId, { status: m.status, branchRole: m.branchRole }])),
    guestMeetingIds: new Set(guestRows.map((g) => g.meetingId)),
  };
}
