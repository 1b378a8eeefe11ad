/**
 * What every report shares: the tenant's organization tree, the period's bounds, and the roll-up.
 * A report only loads counters per branch and month (one SQL pass over the whole tenant, grouped); the
 * engine sums them up the tree for the drill-down rows, across branches for the monthly series, and asks
 * the report which branches fall behind. Counters are additive; rates are derived only at the end.
 */
import { eq } from "drizzle-orm";
import {
  type BehindBranch,
  type BehindReason,
  type Cell,
  type Period,
  type ReportName,
  type ReportQuery,
  type ReportResult,
  type ReportRow,
  type ReportTable,
  reportColumns,
  reportTitles,
  resolvePeriod,
} from "../../../schema/api/reports";
import { vnDay } from "../../../schema/calendar";
import { organizations, tenants } from "../../../schema/db/tables";
import type { Db } from "../../env";
import { notFound } from "../../lib/api-error";
import type { Query } from "./queries";

export type Counters = Record<string, number>;

export interface OrgNode {
  id: string;
  name: string;
  kind: string;
  parentId: string | null;
  children: OrgNode[];
}

/** Runs statements in one D1 round trip; rows come back as objects. */
export async function runQueries<T extends Record<string, unknown>>(d1: D1Database, queries: Query[]): Promise<T[][]> {
  const results = await d1.batch<T>(queries.map((q) => d1.prepare(q.sql).bind(...q.params)));
  return results.map((r) => r.results);
}

export interface ReportContext {
  tenantId: string;
  period: Period;
  /** Today's month in Vietnam: months after it are not yet due. */
  todayMonth: string;
  today: string;
  /**
   * Months of the period that have ended, so are due whatever happened; the month in progress is due only once its
   * meeting is held (a branch is not behind on the 7th for a meeting still to come).
   */
  dueMonths: string[];
}

/** Per branch (organization id), per month `YYYY-MM`: counters. */
export type UnitMonths = Map<string, Map<string, Counters>>;

export interface ReportDef {
  name: ReportName;
  /** Loads counters; may write first (the visits report closes the visit loop before counting). */
  load(db: Db, d1: D1Database, ctx: ReportContext): Promise<UnitMonths>;
  /** A branch's counters over the period, from its months (may add derived ones, e.g. "held all"). */
  unitTotals(months: Map<string, Counters> | undefined, ctx: ReportContext): Counters;
  finish(c: Counters): Record<string, Cell>;
  reasons(c: Counters): BehindReason[];
  /** Values of one month of the series, over `units` branches. */
  monthValues(c: Counters, units: number): Record<string, Cell>;
  /** Figures that do not add up across branches (distinct people), for a set of branches. */
  distinctValues?(unitIds: Set<string>): Record<string, Cell>;
  tables?(data: UnitMonths, units: OrgNode[], ctx: ReportContext): ReportTable[];
}

/** Organizations that meet; grassroots committees, and a province's committees (./children.ts), only group them. */
export const isUnit = (kind: string) => kind === "branch" || kind === "grassroots_branch";

export function addInto(target: Counters, c: Counters) {
  for (const [k, v] of Object.entries(c)) target[k] = (target[k] ?? 0) + v;
}
export function bump(data: UnitMonths, org: string, month: string, c: Counters) {
  let months = data.get(org);
  if (!months) {
    months = new Map();
    data.set(org, months);
  }
  let m = months.get(month);
  if (!m) {
    m = {};
    months.set(month, m);
  }
  addInto(m, c);
}
/** Sum of a branch's months that fall in `months`. */
export function sumMonths(months: Map<string, Counters> | undefined, only: readonly string[]): Counters {
  const out: Counters = {};
  if (!months) return out;
  for (const m of only) {
    const c = months.get(m);
    if (c) addInto(out, c);
  }
  return out;
}
export const ratio = (num: number | undefined, den: number | undefined): number | null =>
  den ? Math.round(((num ?? 0) / den) * 10_000) / 10_000 : null;
export const n = (c: Counters, k: string) => c[k] ?? 0;

export interface Scope {
  tenantName: string;
  node: OrgNode | null;
  roots: OrgNode[];
  byId: Map<string, OrgNode>;
}

/** One tenant's organizations as a tree: roots and children in Vietnamese name order. */
export function orgTree(orgRows: Omit<OrgNode, "children">[]): { byId: Map<string, OrgNode>; roots: OrgNode[] } {
  const byId = new Map<string, OrgNode>(orgRows.map((o) => [o.id, { ...o, children: [] }]));
  const roots: OrgNode[] = [];
  for (const o of byId.values()) {
    const parent = o.parentId ? byId.get(o.parentId) : undefined;
    if (parent) parent.children.push(o);
    else roots.push(o);
  }
  const byName = (a: OrgNode, b: OrgNode) => a.name.localeCompare(b.name, "vi");
  roots.sort(byName);
  for (const o of byId.values()) o.children.sort(byName);
  return { byId, roots };
}

/** The tenant's organization tree; `organizationId` of another tenant (or unknown) answers 404. */
export async function loadScope(db: Db, tenantId: string, organizationId?: string): Promise<Scope> {
  const [tenantRows, orgRows] = await db.batch([
    db.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId)),
    db
      .select({
        id: organizations.id,
        name: organizations.name,
        kind: organizations.kind,
        parentId: organizations.parentId,
      })
      .from(organizations)
      .where(eq(organizations.tenantId, tenantId)),
  ]);
  const { byId, roots } = orgTree(orgRows);
  let node: OrgNode | null = null;
  if (organizationId) {
    node = byId.get(organizationId) ?? null;
    if (!node) throw notFound("Organization");
  }
  return { tenantName: tenantRows[0]?.name ?? "", node, roots, byId };
}

/** Branches (meeting units) in a subtree, the node itself included. */
export function unitsUnder(node: OrgNode): OrgNode[] {
  const out: OrgNode[] = [];
  const walk = (o: OrgNode) => {
    if (isUnit(o.kind)) out.push(o);
    o.children.forEach(walk);
  };
  walk(node);
  return out;
}

export function makeContext(tenantId: string, query: ReportQuery, now: Date): ReportContext {
  const today = vnDay(now);
  const period = resolvePeriod(query, today);
  const todayMonth = today.slice(0, 7);
  return { tenantId, period, today, todayMonth, dueMonths: period.months.filter((m) => m < todayMonth) };
}

export async function buildReport(
  db: Db,
  d1: D1Database,
  def: ReportDef,
  tenantId: string,
  query: ReportQuery,
  now = new Date(),
): Promise<ReportResult> {
  const ctx = makeContext(tenantId, query, now);
  const scope = await loadScope(db, tenantId, query.organizationId);
  return rollUp(def, ctx, scope, await def.load(db, d1, ctx));
}

/** The report over a scope from the counters loaded for its branches: rows, total, series, who falls behind. */
export function rollUp(def: ReportDef, ctx: ReportContext, scope: Scope, data: UnitMonths): ReportResult {
  const scopeUnits = scope.node ? unitsUnder(scope.node) : scope.roots.flatMap(unitsUnder);
  const unitTotals = new Map<string, Counters>();
  const behind: BehindBranch[] = [];
  for (const u of scopeUnits) {
    const totals = def.unitTotals(data.get(u.id), ctx);
    const reasons = def.reasons(totals);
    totals.branches = 1;
    totals.branchesBehind = reasons.length > 0 ? 1 : 0;
    unitTotals.set(u.id, totals);
    if (reasons.length > 0) {
      const parent = u.parentId ? scope.byId.get(u.parentId) : undefined;
      behind.push({ organizationId: u.id, name: u.name, parentName: parent?.name ?? null, reasons });
    }
  }
  const valuesOf = (units: OrgNode[]) => {
    const sum: Counters = {};
    for (const u of units) addInto(sum, unitTotals.get(u.id) ?? {});
    const values = def.finish(sum);
    if (def.distinctValues) Object.assign(values, def.distinctValues(new Set(units.map((u) => u.id))));
    return values;
  };

  const rowNodes = scope.node ? (scope.node.children.length > 0 ? scope.node.children : [scope.node]) : scope.roots;
  const rows: ReportRow[] = rowNodes.map((o) => {
    const units = unitsUnder(o);
    const values = valuesOf(units);
    return {
      organizationId: o.id,
      name: o.name,
      kind: o.kind,
      drillable: o.children.length > 0 && o !== scope.node,
      behind: units.some((u) => (unitTotals.get(u.id)?.branchesBehind ?? 0) > 0),
      values,
    };
  });

  const series = ctx.period.months.map((month) => {
    const sum: Counters = {};
    for (const u of scopeUnits) {
      const c = data.get(u.id)?.get(month);
      if (c) addInto(sum, c);
    }
    return { month, values: def.monthValues(sum, scopeUnits.length) };
  });

  const path: { id: string; name: string }[] = [];
  for (let o = scope.node; o; o = o.parentId ? (scope.byId.get(o.parentId) ?? null) : null)
    path.unshift({ id: o.id, name: o.name });

  return {
    report: def.name,
    title: reportTitles[def.name],
    period: ctx.period,
    scope: {
      id: scope.node?.id ?? null,
      name: scope.node?.name ?? scope.tenantName,
      kind: scope.node?.kind ?? "tenant",
      path,
    },
    columns: reportColumns[def.name],
    total: valuesOf(scopeUnits),
    rows,
    series,
    behind,
    tables: def.tables ? def.tables(data, scopeUnits, ctx) : [],
  };
}
