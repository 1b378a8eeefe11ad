import { and, eq, sql } from "drizzle-orm";
import type {
  CreateOrganization,
  MemberCounts,
  OrganizationNode,
  OrganizationTree,
  UpdateOrganization,
} from "../../schema/api/organizations";
import { vnToday } from "../../schema/calendar";
import { memberships, organizations } from "../../schema/db/tables";
import type { Db } from "../env";
import { badRequest, notFound } from "../lib/api-error";
import { auditInsert } from "../lib/audit";
import { newId } from "../lib/ids";

export type OrganizationRow = typeof organizations.$inferSelect;

/** SQL: the membership is exempted from meetings on `today` (a Vietnam day, schema/calendar.ts). */
export const exemptOn = (today: string) =>
  sql`(${memberships.exemptReason} is not null and ${memberships.exemptFrom} <= ${today} and (${memberships.exemptTo} is null or ${memberships.exemptTo} >= ${today}))`;

export async function getOrganization(db: Db, tenantId: string, id: string) {
  return db
    .select()
    .from(organizations)
    .where(and(eq(organizations.tenantId, tenantId), eq(organizations.id, id)))
    .get();
}

export async function listOrganizations(db: Db, tenantId: string) {
  return db.select().from(organizations).where(eq(organizations.tenantId, tenantId)).orderBy(organizations.name);
}

const zero = (): MemberCounts => ({ total: 0, official: 0, probationary: 0, exempt: 0 });
const add = (a: MemberCounts, b: MemberCounts) => {
  a.total += b.total;
  a.official += b.official;
  a.probationary += b.probationary;
  a.exempt += b.exempt;
};

/** The tree with counts per organization, each including everything under it. */
export async function organizationTree(db: Db, tenantId: string, today = vnToday()): Promise<OrganizationTree> {
  const [orgs, counts] = await db.batch([
    db.select().from(organizations).where(eq(organizations.tenantId, tenantId)).orderBy(organizations.name),
    db
      .select({
        organizationId: memberships.organizationId,
        total: sql<number>`count(*)`,
        official: sql<number>`sum(case when ${memberships.status} = 'official' then 1 else 0 end)`,
        probationary: sql<number>`sum(case when ${memberships.status} = 'probationary' then 1 else 0 end)`,
        exempt: sql<number>`sum(case when ${exemptOn(today)} then 1 else 0 end)`,
      })
      .from(memberships)
      .where(eq(memberships.tenantId, tenantId))
      .groupBy(memberships.organizationId),
  ]);
  const nodes = new Map<string, OrganizationNode>(
    orgs.map((o) => [
      o.id,
      {
        id: o.id,
        kind: o.kind,
        name: o.name,
        parentId: o.parentId,
        branchType: o.branchType,
        counts: zero(),
        children: [],
      },
    ]),
  );
  for (const c of counts) {
    const node = nodes.get(c.organizationId);
    if (node)
      add(node.counts, { total: c.total, official: c.official, probationary: c.probationary, exempt: c.exempt });
  }
  const roots: OrganizationNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  // The tree is two levels deep (committee → branch), but summing bottom-up keeps it right for any depth.
  const total = zero();
  const sum = (n: OrganizationNode): MemberCounts => {
    for (const child of n.children) add(n.counts, sum(child));
    return n.counts;
  };
  for (const root of roots) add(total, sum(root));
  return { items: roots, counts: total };
}

/** One organization as a node of the tree (with counts and children), or null when not in this tenant. */
export async function organizationNode(db: Db, tenantId: string, id: string): Promise<OrganizationNode | null> {
  const find = (nodes: OrganizationNode[]): OrganizationNode | null => {
    for (const n of nodes) {
      const found = n.id === id ? n : find(n.children);
      if (found) return found;
    }
    return null;
  };
  return find((await organizationTree(db, tenantId)).items);
}

/** Adds a committee or branch; a parent, when given, must be a grassroots committee of this tenant. */
export async function createOrganization(db: Db, tenantId: string, actorId: string, body: CreateOrganization) {
  if (body.parentId) {
    const parent = await getOrganization(db, tenantId, body.parentId);
    if (!parent) throw notFound("Parent organization");
    if (parent.kind !== "grassroots_committee") {
      throw badRequest("Cấp trên phải là đảng bộ cơ sở / The parent must be a grassroots committee", [
        { path: "parentId", message: "not a grassroots committee" },
      ]);
    }
  }
  const row = {
    id: newId(),
    tenantId,
    parentId: body.parentId ?? null,
    kind: body.kind,
    name: body.name,
    branchType: body.branchType ?? null,
  };
  await db.batch([
    db.insert(organizations).values(row),
    auditInsert(db, {
      tenantId,
      personId: actorId,
      action: "create",
      entity: "organization",
      entityId: row.id,
      detail: body,
    }),
  ]);
  return row.id;
}

/** Renames an organization or changes a branch's type (a committee has none). */
export async function updateOrganization(
  db: Db,
  tenantId: string,
  actorId: string,
  orgId: string,
  body: UpdateOrganization,
) {
  const org = await getOrganization(db, tenantId, orgId);
  if (!org) throw notFound("Organization");
  if (body.branchType && org.kind === "grassroots_committee") {
    throw badRequest("Đảng bộ không có loại hình chi bộ / A committee has no branch type", [
      { path: "branchType", message: "not a branch" },
    ]);
  }
  await db.batch([
    db
      .update(organizations)
      .set({
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.branchType ? { branchType: body.branchType } : {}),
      })
      .where(and(eq(organizations.tenantId, tenantId), eq(organizations.id, orgId))),
    auditInsert(db, {
      tenantId,
      personId: actorId,
      action: "update",
      entity: "organization",
      entityId: orgId,
      detail: body,
    }),
  ]);
}
