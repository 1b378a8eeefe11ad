/**
 * Who reads which reports (issue 12, item 12). The committee's staff (any tenant role, the province's read-only
 * viewers included) read every report of every branch; a branch's secretary and deputy — who chair its meetings and
 * plan them (./planning-rule.ts) — read the reports of their own branch only; a visiting leader reads their own visits
 * (worker/routes/visits.ts). Grade review stays with staff. One rule for the API (worker/routes/reports.ts) and the
 * client's navigation and reports page. Type-only imports: the client bundle stays zod-free.
 */
import type { TenantRole } from "./api/auth";
import type { BranchRole } from "./api/members";

export interface ReportReach {
  /** Every report of the whole tenant, drill-down anywhere. */
  all: boolean;
  /** Otherwise, the branches whose reports the caller reads (none: no report at all). */
  branchIds: string[];
}

export function reportReach(
  tenantRole: TenantRole | null | undefined,
  branchRoles: readonly { organizationId: string; branchRole: BranchRole | string }[],
): ReportReach {
  if (tenantRole) return { all: true, branchIds: [] };
  const led = branchRoles.filter((b) => b.branchRole === "secretary" || b.branchRole === "deputy");
  return { all: false, branchIds: [...new Set(led.map((b) => b.organizationId))].sort() };
}

/**
 * The organization a report is asked for, within the caller's reach: staff ask for any (or none: the whole tenant);
 * a branch's leader gets their own branch when they name none, and null (the route answers 404, as for an unknown id)
 * for any other.
 */
export function reportOrganization(reach: ReportReach, asked: string | undefined): string | undefined | null {
  if (reach.all) return asked;
  if (!asked) return reach.branchIds[0] ?? null;
  return reach.branchIds.includes(asked) ? asked : null;
}
