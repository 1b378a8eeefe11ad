/**
 * Member invitations for many records at once (the secretary's printed slips). Every id is checked first, in one
 * query scoped by the tenant: one id that is not this tenant's answers 404 and nothing is issued; one of ours the
 * caller may not invite answers 403. Then each record not yet linked to an account gets a fresh invitation through
 * the one `issueInvitation`, so a re-issue revokes the record's older link and code as a single issue does.
 */
import { and, eq, sql } from "drizzle-orm";
import { memberships, organizations } from "../../schema/db/tables";
import { mayInviteMember } from "../../schema/invite-rule";
import type { Db, TenantAccess } from "../env";
import { forbidden, notFound } from "../lib/api-error";
import { issueInvitation } from "./invitations";

/** schema/invite-rule.ts for the caller and a member of this organization: the rule `invitableMembership` applies. */
export const mayInvite = (access: TenantAccess, organizationId: string) =>
  mayInviteMember(access.role, access.memberships.get(organizationId)?.branchRole);

export interface SlipRecord {
  membershipId: string;
  fullName: string;
  organizationName: string;
  linked: boolean;
}

/** The records, in the order asked (each once), if every one is this tenant's and the caller may invite it. */
export async function invitableRecords(db: Db, access: TenantAccess, membershipIds: string[]): Promise<SlipRecord[]> {
  const ids = [...new Set(membershipIds)];
  const rows = await db
    .select({
      membershipId: memberships.id,
      organizationId: memberships.organizationId,
      // The committee's own record of the member (never the account's name: that is the holder's).
      fullName: memberships.fullName,
      organizationName: organizations.name,
      linkedAt: memberships.linkedAt,
    })
    .from(memberships)
    .innerJoin(
      organizations,
      and(eq(organizations.id, memberships.organizationId), eq(organizations.tenantId, access.tenantId)),
    )
    // One bound parameter for any number of ids (D1 allows 100 per statement).
    .where(
      and(
        eq(memberships.tenantId, access.tenantId),
        sql`${memberships.id} in (select value from json_each(${JSON.stringify(ids)}))`,
      ),
    );
  if (rows.length !== ids.length) throw notFound("Member");
  if (rows.some((r) => !mayInvite(access, r.organizationId))) throw forbidden();
  const byId = new Map(rows.map((r) => [r.membershipId, r]));
  return ids.map((id) => {
    const r = byId.get(id)!;
    return {
      membershipId: id,
      fullName: r.fullName,
      organizationName: r.organizationName,
      linked: r.linkedAt !== null,
    };
  });
}

/**
 * The one call into `issueInvitation`: when its signature becomes an options object
 * (`{ tenantId, creatorId, purpose, membershipId }`), only this line changes.
 */
const issueMemberInvitation = (db: Db, tenantId: string, creatorId: string, membershipId: string) =>
  issueInvitation(db, { tenantId, creatorId, purpose: "member", membershipId });

/** Invitations issued at a time: each is one D1 batch; a few in flight hide the round trips without a flood. */
const IN_FLIGHT = 8;

/** A fresh member invitation for each record, in order; answers the secret and code of each, once. */
export async function issueMemberInvitations(db: Db, tenantId: string, creatorId: string, records: SlipRecord[]) {
  const out: { record: SlipRecord; secret: string; code: string; expiresAt: string }[] = [];
  for (let i = 0; i < records.length; i += IN_FLIGHT) {
    const chunk = records.slice(i, i + IN_FLIGHT);
    const issued = await Promise.all(chunk.map((r) => issueMemberInvitation(db, tenantId, creatorId, r.membershipId)));
    out.push(
      ...issued.map((x, j) => ({
        record: chunk[j]!,
        secret: x.secret,
        code: x.code,
        expiresAt: x.invitation.expiresAt,
      })),
    );
  }
  return out;
}
