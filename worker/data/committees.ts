/**
 * A province and the committees under it (tenants.parent_id): the children its staff list, the child a province
 * admin creates (the same rows the operator's CLI writes, ./committee-rows.ts), and the province's officers a child
 * offers as visiting leaders. Every query names the province or the child it was asked for.
 */
import { and, eq, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { CommitteeSummary, CreateCommittee, GuestCandidate } from "../../schema/api/committees";
import { auditLog, invitations, memberships, people, tenantRoles, tenants } from "../../schema/db/tables";
import type { Db } from "../env";
import { conflict } from "../lib/api-error";
import type { ShardName } from "../lib/shards";
import { unlessUnique } from "../lib/unique";
import { newCommitteeRows } from "./committee-rows";

// Written out: drizzle leaves the table off a column inside a select list, which would turn `tenants.id` into the
// subquery's own `id`.
const summaryColumns = {
  id: tenants.id,
  name: tenants.name,
  createdAt: tenants.createdAt,
  members: sql<number>`(select count(*) from memberships m where m.tenant_id = tenants.id)`,
  branches: sql<number>`(select count(*) from organizations o where o.tenant_id = tenants.id and o.kind != 'grassroots_committee')`,
};

/** The province's child committees in name order, with counts (never their members' names). */
export async function listCommittees(db: Db, provinceId: string): Promise<CommitteeSummary[]> {
  const rows = await db.select(summaryColumns).from(tenants).where(eq(tenants.parentId, provinceId));
  return rows.sort((a, b) => a.name.localeCompare(b.name, "vi"));
}

/**
 * A child committee under the province, in the province's shard: its first admin's empty account with the admin
 * role, and a staff invitation for that account, in one batch (all or nothing). The tenant is entered in the
 * directory first, so the committee is found as soon as it exists; should the shard's batch fail, that entry goes
 * again. Answers the secret and the code once.
 */
export async function createCommittee(
  db: Db,
  directory: Db,
  shard: ShardName,
  provinceId: string,
  creatorId: string,
  input: CreateCommittee,
) {
  const { rows, secret, code } = await newCommitteeRows({
    name: input.name,
    adminName: input.adminName,
    kind: "committee",
    parentId: provinceId,
    shard,
    creatorId,
  });
  await directory.insert(tenants).values(rows.tenant);
  await unlessUnique(
    db.batch([
      db.insert(tenants).values(rows.tenant),
      db.insert(people).values(rows.admin),
      db.insert(tenantRoles).values(rows.role),
      db.insert(invitations).values(rows.invitation),
      db.insert(auditLog).values(rows.audit),
    ]),
    // A live code drawn twice (1 in 31^10): asking again draws another.
    () => conflict("Mã trùng, hãy tạo lại / Code collided, try again"),
  ).catch(async (err: unknown) => {
    await directory.delete(tenants).where(eq(tenants.id, rows.tenant.id));
    throw err;
  });
  const committee: CommitteeSummary = {
    id: rows.tenant.id,
    name: rows.tenant.name,
    createdAt: rows.tenant.createdAt,
    members: 0,
    branches: 0,
  };
  return { committee, secret, code, expiresAt: rows.invitation.expiresAt };
}

const parent = alias(tenants, "parent");
const provinceRecord = alias(memberships, "province_record");

/**
 * The officers of the child's province (people with a role there), named as the province recorded them: its own
 * member record of the officer when it has one, else the account's name. Nothing when the child has no province.
 */
export async function guestCandidates(db: Db, childId: string): Promise<GuestCandidate[]> {
  const recordedName = db
    .select({ name: provinceRecord.fullName })
    .from(provinceRecord)
    .where(
      and(
        eq(provinceRecord.tenantId, parent.id),
        eq(provinceRecord.personId, tenantRoles.personId),
        ne(provinceRecord.fullName, ""),
      ),
    )
    .limit(1);
  const rows = await db
    .select({ personId: tenantRoles.personId, fullName: sql<string>`coalesce((${recordedName}), ${people.fullName})` })
    .from(tenants)
    .innerJoin(parent, and(eq(parent.id, tenants.parentId), eq(parent.kind, "province")))
    .innerJoin(tenantRoles, eq(tenantRoles.tenantId, parent.id))
    .innerJoin(people, eq(people.id, tenantRoles.personId))
    .where(eq(tenants.id, childId));
  return rows.sort((a, b) => a.fullName.localeCompare(b.fullName, "vi") || a.personId.localeCompare(b.personId));
}
