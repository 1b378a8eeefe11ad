/**
 * Issuing, listing and revoking a committee's invitations for its member records (docs/identity.md). Every query
 * names the tenant; a membership of another tenant is not found, and nothing is written for it.
 */
import { and, desc, eq, isNull } from "drizzle-orm";
import { INVITATION_DAYS, type Invitation } from "../../schema/api/invitations";
import { invitations, memberships } from "../../schema/db/tables";
import { mayInviteMember } from "../../schema/invite-rule";
import type { Db, TenantAccess } from "../env";
import { conflict, forbidden, notFound } from "../lib/api-error";
import { auditInsert } from "../lib/audit";
import { newId } from "../lib/ids";
import { hashCode, hashSecret, newCode, newSecret } from "../lib/invitation-secret";
import { unlessUnique } from "../lib/unique";

const columns = {
  id: invitations.id,
  purpose: invitations.purpose,
  membershipId: invitations.membershipId,
  createdAt: invitations.createdAt,
  expiresAt: invitations.expiresAt,
  redeemedAt: invitations.redeemedAt,
  revokedAt: invitations.revokedAt,
};

/**
 * The membership, if the caller may hand out its invitations: an admin for any member of the tenant, a branch
 * secretary for the members of their own branch. Another tenant's id is 404; one of ours the caller may not touch 403.
 */
export async function invitableMembership(db: Db, access: TenantAccess, membershipId: string) {
  const m = await db
    .select({
      id: memberships.id,
      organizationId: memberships.organizationId,
      personId: memberships.personId,
      linkedAt: memberships.linkedAt,
      email: memberships.email,
    })
    .from(memberships)
    .where(and(eq(memberships.tenantId, access.tenantId), eq(memberships.id, membershipId)))
    .get();
  if (!m) throw notFound("Member");
  if (!mayInviteMember(access.role, access.memberships.get(m.organizationId)?.branchRole)) throw forbidden();
  return m;
}

/** What an invitation is for: one member record, or one account slot (a guest of a meeting, an officer). */
export interface InvitationTarget {
  tenantId: string;
  creatorId: string;
  purpose: "member" | "reset" | "guest" | "staff";
  membershipId?: string;
  meetingId?: string;
  personId?: string;
}

/**
 * A fresh invitation: any live one for the same target and purpose is revoked in the same transaction, so only the
 * newest link and code work. Answers the secret and the code, which exist nowhere else from now on.
 */
export async function issueInvitation(db: Db, target: InvitationTarget) {
  const { tenantId, creatorId, purpose } = target;
  const secret = newSecret();
  const code = newCode();
  const id = newId();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString();
  const [tokenHash, codeHash] = await Promise.all([hashSecret(secret), hashCode(code)]);
  const sameTarget = target.membershipId
    ? eq(invitations.membershipId, target.membershipId)
    : eq(invitations.personId, target.personId ?? "");
  const [, inserted] = await unlessUnique(
    db.batch([
      db
        .update(invitations)
        .set({ revokedAt: now.toISOString() })
        .where(
          and(
            eq(invitations.tenantId, tenantId),
            sameTarget,
            eq(invitations.purpose, purpose),
            isNull(invitations.redeemedAt),
            isNull(invitations.revokedAt),
          ),
        ),
      db
        .insert(invitations)
        .values({
          id,
          tokenHash,
          codeHash,
          purpose,
          tenantId,
          membershipId: target.membershipId ?? null,
          meetingId: target.meetingId ?? null,
          personId: target.personId ?? null,
          createdBy: creatorId,
          expiresAt,
        })
        .returning(columns),
      auditInsert(db, {
        tenantId,
        personId: creatorId,
        action: `invitation_${purpose}_issued`,
        entity: target.membershipId ? "membership" : purpose === "guest" ? "meeting_guest" : "tenant_role",
        entityId: target.membershipId ?? target.personId ?? null,
        detail: { invitationId: id, ...(target.meetingId ? { meetingId: target.meetingId } : {}) },
      }),
    ]),
    // A live code drawn twice (1 in 31^10): asking again draws another.
    () => conflict("Mã trùng, hãy tạo lại / Code collided, issue again"),
  );
  const invitation = inserted[0];
  if (!invitation) throw new Error("invitation insert returned no row");
  return { invitation: invitation satisfies Invitation, secret, code };
}

/** The link printed on a slip and sent by e-mail: this origin's /invite page with the secret. */
export const invitationLink = (requestUrl: string, secret: string) => `${new URL(requestUrl).origin}/invite/${secret}`;

/** The member record's invitations, newest first: state and times only. */
export function listInvitations(db: Db, tenantId: string, membershipId: string): Promise<Invitation[]> {
  return db
    .select(columns)
    .from(invitations)
    .where(and(eq(invitations.tenantId, tenantId), eq(invitations.membershipId, membershipId)))
    .orderBy(desc(invitations.createdAt), desc(invitations.id));
}

/** Revokes one not-yet-redeemed invitation of this member record; a spent or unknown one is 404. */
export async function revokeInvitation(
  db: Db,
  tenantId: string,
  personId: string,
  membershipId: string,
  invitationId: string,
) {
  const [row] = await db
    .update(invitations)
    .set({ revokedAt: new Date().toISOString() })
    .where(
      and(
        eq(invitations.tenantId, tenantId),
        eq(invitations.membershipId, membershipId),
        eq(invitations.id, invitationId),
        isNull(invitations.redeemedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .returning(columns);
  if (!row) throw notFound("Invitation");
  await auditInsert(db, {
    tenantId,
    personId,
    action: "invitation_revoked",
    entity: "membership",
    entityId: membershipId,
    detail: { invitationId },
  });
  return row;
}
