import { Hono } from "hono";
import { type BulkInvited, bulkInviteSchema } from "../../schema/api/invitation-slips";
import { invitableRecords, issueMemberInvitations } from "../data/invitations-bulk";
import type { AppEnv } from "../env";
import { valid } from "../lib/validate";

/**
 * /api/tenants/:tenantId/invitations: `POST /members { membershipIds }` invites many member records at once and
 * answers their slips (link and code, this once). An admin invites any member, a branch secretary their own branch's;
 * records already linked to an account are skipped and named.
 */
export const bulkInvitationsRoutes = new Hono<AppEnv>().post("/members", valid("json", bulkInviteSchema), async (c) => {
  const access = c.var.access;
  const records = await invitableRecords(c.var.db, access, c.req.valid("json").membershipIds);
  const toInvite = records.filter((r) => !r.linked);
  const issued = await issueMemberInvitations(c.var.db, access.tenantId, c.var.session.personId, toInvite);
  const origin = new URL(c.req.url).origin;
  const answer: BulkInvited = {
    slips: issued.map(({ record, secret, code, expiresAt }) => ({
      membershipId: record.membershipId,
      fullName: record.fullName,
      organizationName: record.organizationName,
      link: `${origin}/invite/${secret}`,
      code,
      expiresAt,
    })),
    skipped: records.filter((r) => r.linked).map((r) => ({ membershipId: r.membershipId, fullName: r.fullName })),
  };
  return c.json(answer, 201);
});
