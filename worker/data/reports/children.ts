/**
 * A province's reports (`?scope=children`): the same reports its committees read, over all of them at once, with
 * one row per committee, read from the province's shard alone (a province's whole tree lives there). Each committee's
 * counters are loaded by the report's own per-tenant queries (the tenant id is every query's first condition, so each
 * load reads only that committee), all committees at once, then the engine rolls them up as if
 * each committee were a grassroots committee of one tree: rows by committee, the province's total, the monthly
 * series, and the branches that fall behind, named with their committee. `organizationId` drills into one committee
 * (its id) or any organization of one; an id from outside the province's committees is 404.
 */
import { asc, eq, inArray } from "drizzle-orm";
import type { ReportQuery, ReportResult } from "../../../schema/api/reports";
import { organizations, tenants } from "../../../schema/db/tables";
import type { Db } from "../../env";
import { notFound } from "../../lib/api-error";
import { makeContext, type OrgNode, orgTree, type ReportDef, rollUp, type Scope, type UnitMonths } from "./engine";
import { oneRoundTrip } from "./one-round-trip";

/** The committee node's kind in the rows: a tenant under the province, not an organization. */
export const COMMITTEE_KIND = "committee";

export async function buildChildrenReport(
  db: Db,
  d1: D1Database,
  def: ReportDef,
  provinceId: string,
  query: ReportQuery,
  now = new Date(),
): Promise<ReportResult> {
  const committees = db.select({ id: tenants.id }).from(tenants).where(eq(tenants.parentId, provinceId));
  // One round trip for the province, its committees and all their organizations (the province's shard holds them).
  const [province, children, orgRows] = await db.batch([
    db.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, provinceId)),
    db
      .select({ id: tenants.id, name: tenants.name })
      .from(tenants)
      .where(eq(tenants.parentId, provinceId))
      .orderBy(asc(tenants.name)),
    db
      .select({
        tenantId: organizations.tenantId,
        id: organizations.id,
        name: organizations.name,
        kind: organizations.kind,
        parentId: organizations.parentId,
      })
      .from(organizations)
      .where(inArray(organizations.tenantId, committees)),
  ]);
  const ctx = makeContext(provinceId, query, now);
  const byId = new Map<string, OrgNode>();
  const roots: OrgNode[] = [];
  const orgsOf = new Map<string, Omit<OrgNode, "children">[]>();
  for (const { tenantId, ...o } of orgRows) {
    const list = orgsOf.get(tenantId);
    if (list) list.push(o);
    else orgsOf.set(tenantId, [o]);
  }
  for (const child of children) {
    const tree = orgTree(orgsOf.get(child.id) ?? []);
    const node: OrgNode = {
      id: child.id,
      name: child.name,
      kind: COMMITTEE_KIND,
      parentId: null,
      children: tree.roots,
    };
    for (const root of tree.roots) root.parentId = child.id;
    roots.push(node);
    byId.set(node.id, node);
    for (const [id, o] of tree.byId) byId.set(id, o);
  }
  // Each committee's counters by the report's own per-tenant queries, all committees at once and their statements in
  // one batch (one round trip, not one per committee). A report adds each load to what it keeps, never replaces it.
  const together = oneRoundTrip(d1);
  const loaded = await Promise.all(children.map((child) => def.load(db, together, { ...ctx, tenantId: child.id })));
  const data: UnitMonths = new Map();
  // Organization ids are unique across tenants, so the committees' counters share one map without clashing.
  for (const units of loaded) for (const [org, months] of units) data.set(org, months);
  roots.sort((a, b) => a.name.localeCompare(b.name, "vi"));
  let node: OrgNode | null = null;
  if (query.organizationId) {
    node = byId.get(query.organizationId) ?? null;
    if (!node) throw notFound("Organization");
  }
  const scope: Scope = { tenantName: province[0]?.name ?? "", node, roots, byId };
  return rollUp(def, ctx, scope, data);
}
