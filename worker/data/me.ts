import { and, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Me } from "../../schema/api/auth";
import { meetingGuests, memberships, people, tenantRoles, tenants, visitPlans } from "../../schema/db/tables";
import type { Db } from "../env";
import { everyShard } from "../lib/shards";

export async function findPersonByEmail(db: Db, email: string) {
  return db.select().from(people).where(eq(people.email, email)).get();
}

const province = alias(tenants, "province");

/** Every tenant the person stands in within one shard, with the rows `loadMe` turns into the picker's entries. */
async function seatsInShard(db: Db, personId: string) {
  const [roleRows, memberRows, guestRows, visitRows, childRows] = await db.batch([
    db
      .select({ tenantId: tenantRoles.tenantId, role: tenantRoles.role })
      .from(tenantRoles)
      .where(eq(tenantRoles.personId, personId)),
    db
      .select({
        tenantId: memberships.tenantId,
        organizationId: memberships.organizationId,
        branchRole: memberships.branchRole,
      })
      .from(memberships)
      .where(eq(memberships.personId, personId)),
    db
      .select({ tenantId: meetingGuests.tenantId, meetingId: meetingGuests.meetingId })
      .from(meetingGuests)
      .where(eq(meetingGuests.personId, personId)),
    // A leader planned to visit a committee stands in it before the plan names a meeting.
    db
      .selectDistinct({ tenantId: visitPlans.tenantId })
      .from(visitPlans)
      .where(eq(visitPlans.leaderPersonId, personId)),
    db
      .select({ tenantId: tenants.id, role: tenantRoles.role })
      .from(tenants)
      .innerJoin(province, and(eq(province.id, tenants.parentId), eq(province.kind, "province")))
      .innerJoin(tenantRoles, and(eq(tenantRoles.tenantId, province.id), eq(tenantRoles.personId, personId))),
  ]);
  const ids = [
    ...new Set([...roleRows, ...memberRows, ...guestRows, ...visitRows, ...childRows].map((r) => r.tenantId)),
  ];
  const names = ids.length ? await db.select().from(tenants).where(inArray(tenants.id, ids)) : [];
  return names.map((t) => {
    const mine = memberRows.filter((m) => m.tenantId === t.id);
    const ownRole = roleRows.find((r) => r.tenantId === t.id)?.role ?? null;
    const viaProvince = !ownRole && childRows.some((c) => c.tenantId === t.id);
    return {
      id: t.id,
      name: t.name,
      kind: t.kind,
      parentId: t.parentId,
      viaProvince,
      provinceRole: childRows.find((c) => c.tenantId === t.id)?.role ?? null,
      role: ownRole ?? (viaProvince ? "viewer" : null),
      organizationIds: mine.map((m) => m.organizationId),
      branchRoles: mine.map((m) => ({ organizationId: m.organizationId, branchRole: m.branchRole })),
      guestMeetingIds: guestRows.filter((g) => g.tenantId === t.id).map((g) => g.meetingId),
    };
  });
}

/**
 * The person (their account, in the directory) and every tenant they stand in, for "who am I" and the client's
 * tenant picker: the committees under a province where they hold a role come too, as read-only (the same rule as
 * worker/data/access.ts). A person may sit in several provinces, so every shard is asked, in parallel; a province
 * and its committees share a shard, so each shard's answer is whole.
 */
export async function loadMe(env: Cloudflare.Env, directory: Db, personId: string): Promise<Me | null> {
  const [person, ...perShard] = await Promise.all([
    directory
      .select({ id: people.id, fullName: people.fullName, email: people.email })
      .from(people)
      .where(eq(people.id, personId))
      .get(),
    ...everyShard(env).map((shard) => seatsInShard(shard.db, personId)),
  ]);
  if (!person) return null;
  return { person, tenants: perShard.flat() };
}
