/**
 * Who plans a branch's meetings: committee admins and organizers any branch's, a branch's secretary and
 * deputy their own (DOMAIN.md). One rule for the API (worker/data/meetings.ts) and the client's controls,
 * so the web never offers what the API would refuse. Type-only imports: the client bundle stays zod-free.
 */
import type { TenantRole } from "./api/auth";
import type { BranchRole } from "./api/members";

export function mayPlanBranch(
  tenantRole: TenantRole | null | undefined,
  branchRoleThere: BranchRole | string | null | undefined,
): boolean {
  if (tenantRole === "admin" || tenantRole === "organizer") return true;
  return branchRoleThere === "secretary" || branchRoleThere === "deputy";
}
