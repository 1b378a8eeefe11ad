/**
 * Issuing, listing and revoking a committee's invitations for its member records (docs/identity.md). Every query
 * names the tenant; a membership of another tenant is not found, and nothing is written for it.
 */
import { and, desc, eq, isNull } from "drizzle-orm";
import { INVITATION_DAYS, type Invitation } from "../../schema/api/invitations";
import { invitations, memberships } from "../../schema/db/tables";
import type { Db, TenantAccess } from "../env";
import { conflict, forbidden, notFound } from "../lib/api-error";
import { auditInsert } from "../lib/audit";
import { newId } from "../lib/ids";
import { hashCode, hashSecret, newCode, newSecret } from "../lib/invitation-secret";
import { unlessUnique } from "../lib/unique";
import { standsElsewhere } from "./members";

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
    .select({ id: memberships.id, organizationId: memberships.organizationId, personId: memberships.personId })
    .from(memberships)
    .where(and(eq(memberships.tenantId, access.tenantId), eq(memberships.id, membershipId)))
    .get();
  if (!m) throw notFound("Member");
  const secretary = access.memberships.get(m.organizationId)?.branchRole === "secretary";
  if (access.role !== "admin" && !secretary) throw forbidden();
  return m;
}

/** A reset is refused for an account that another committee's member also uses (the same as a handed-out password). */
export const sharedAccount = () =>
  conflict(
    "Người này thuộc cả tổ chức khác; họ tự đặt lại mật khẩu / This person belongs to another committee too and resets their own password",
  );

/** Refuses a reset for an account shared with another committee: the code's holder would take it over. */
export async function assertResettable(db: Db, tenantId: string, personId: string) {
  if (await standsElsewhere(db, tenantId, personId)) throw sharedAccount();
}

/**
 * A fresh invitation for the member record: any live one of the same purpose is revoked in the same transaction, so
 * only the newest link and code work. Answers the secret and the code, which exist nowhere else from now on.
 */
export async function issueInvitation(
  db: Db,
  tenantId: string,
  creatorId: string,
  membershipId: string,
  purpose: "member" | "reset",
) {
  const secret = newSecret();
  const code = newCode();
  const id = newId();
  const now = new Date();
  const nowIso = now.toISOString();
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString();
  const [tokenHash, codeHash] = await Promise.all([hashSecret(secret), hashCode(code)]);
  const [, inserted] = await unlessUnique(
    db.batch([
      db
        .update(invitations)
        .set({ revokedAt: nowIso })
        .where(
          and(
            eq(invitations.tenantId, tenantId),
            eq(invitations.membershipId, membershipId),
            eq(invitations.purpose, purpose),
            isNull(invitations.redeemedAt),
            isNull(invitations.revokedAt),
          ),
        ),
      db
        .insert(invitations)
        .values({ id, tokenHash, codeHash, purpose, tenantId, membershipId, createdBy: creatorId, expiresAt })
        .returning(columns),
      auditInsert(db, {
        tenantId,
        personId: creatorId,
        action: `invitation_${purpose}_issued`,
        entity: "membership",
        entityId: membershipId,
        detail: { invitationId: id },
      }),
    ]),
    // A live code drawn twice (1 in 31^10): asking again draws another.
    () => conflict("Mã trùng, hãy tạo lại / Code collided, issue again"),
  );
  const invitation = inserted[0];
  if (!invitation) throw new Error("invitation insert returned no row");
  return { invitation: invitation satisfies Invitation, secret, code };
}

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
