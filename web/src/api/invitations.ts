/**
 * Invitations (docs/identity.md): a member record's link and code, issued once and shown once; many at once as
 * printable slips; and redeeming one, which is public (a session, when there is one, takes the record).
 */
import type { BulkInvited } from "../../../schema/api/invitation-slips";
import type { IssuedInvitation, Redeem, Redeemed } from "../../../schema/api/invitations";
import { enc, request } from "./http";

export const invitationsApi = {
  /** A fresh invitation (`member`) or reset code (`reset`) for one member record; the older one stops working. */
  issue: (tenantId: string, membershipId: string, purpose: "member" | "reset") =>
    request<IssuedInvitation>("POST", `/api/tenants/${enc(tenantId)}/members/${enc(membershipId)}/invitations`, {
      purpose,
    }),
  /** Member invitations for up to 500 records; those already linked to an account come back as `skipped`. */
  bulk: (tenantId: string, membershipIds: string[]) =>
    request<BulkInvited>("POST", `/api/tenants/${enc(tenantId)}/invitations/members`, { membershipIds }),
  /** A 401 here means a stale cookie: the page shows the choices of someone logged out, not the login page. */
  redeem: (body: Redeem) => request<Redeemed>("POST", "/api/invitations/redeem", body, { quiet401: true }),
};
