/**
 * Who hands out a member record's invitations and reset codes: a committee admin for any member, a branch's
 * secretary for the members of their own branch (docs/identity.md). One rule for the API (worker/data/invitations.ts,
 * invitations-bulk.ts) and the client's buttons, so the web never offers what the API would refuse. Type-only
 * imports: the client bundle stays zod-free.
 */
import type { TenantRole } from "./api/auth";
import type { BranchRole } from "./api/members";

export function mayInviteMember(
  tenantRole: TenantRole | null | undefined,
  branchRoleInMembersBranch: BranchRole | string | null | undefined,
): boolean {
  return tenantRole === "admin" || branchRoleInMembersBranch === "secretary";
}

/** One bulk request issues at most this many invitations: a big import is invited in several requests. */
export const MAX_BULK_INVITATIONS = 500;
