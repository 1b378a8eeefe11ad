/**
 * Redeeming an invitation (docs/identity.md). The token is claimed by one conditional UPDATE, so of any number of
 * parallel redemptions exactly one gets the row; then the claim is carried out in one transaction. Should that fail
 * (the chosen e-mail has an account, the account already sits in that branch), the claim is given back.
 * Unknown, spent, revoked and expired tokens are all the same 404.
 */
import { and, eq, gt, isNull } from "drizzle-orm";
import type { InvitationPurpose } from "../../schema/api/invitations";
import { invitations, memberships, people } from "../../schema/db/tables";
import type { Db } from "../env";
import { ApiError, notFound } from "../lib/api-error";
import { hashCode, hashSecret } from "../lib/invitation-secret";
import { hashPassword } from "../lib/password";
import { type Claimed, resetPassword, type Slot, takeSlot } from "./invitation-slots";
import { clearClient, countAttempt } from "./login-throttle";

/** Who redeems: the caller logged in on this device (if any), and the e-mail and password they typed (if any). */
export interface Redeemer {
  sessionPersonId: string | null;
  email?: string;
  password?: string;
}

export interface RedeemResult {
  purpose: InvitationPurpose;
  tenantId: string | null;
  membershipId: string | null;
  meetingId: string | null;
  /** The account that now holds the record or slot (or whose password was reset). */
  personId: string;
  /** Whether the caller proved a new credential here (a new account or a new password): the route signs them in. */
  signIn: boolean;
  /** The sessions a reset ended, whose room sockets the caller closes. */
  endedSessionIds: string[];
}

/** One statement: the row comes back only to the first redeemer of a live token. */
async function claim(db: Db, token: { secret?: string; code?: string }): Promise<Claimed | undefined> {
  const now = new Date().toISOString();
  const match =
    token.secret !== undefined
      ? eq(invitations.tokenHash, await hashSecret(token.secret))
      : eq(invitations.codeHash, await hashCode(token.code ?? ""));
  const [row] = await db
    .update(invitations)
    .set({ redeemedAt: now })
    .where(and(match, isNull(invitations.redeemedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)))
    .returning({
      id: invitations.id,
      purpose: invitations.purpose,
      tenantId: invitations.tenantId,
      membershipId: invitations.membershipId,
      meetingId: invitations.meetingId,
      personId: invitations.personId,
      redeemedAt: invitations.redeemedAt,
    });
  return row;
}

/** Gives a claim back after its work failed, so the holder can try again with the same code. */
async function unclaim(db: Db, id: string, redeemedAt: string | null) {
  if (redeemedAt) {
    await db
      .update(invitations)
      .set({ redeemedAt: null })
      .where(and(eq(invitations.id, id), eq(invitations.redeemedAt, redeemedAt)));
  }
}

const tooMany = (until: string) =>
  new ApiError(
    "rate_limited",
    `Nhập sai mã nhiều lần, thử lại sau ${until} / Too many wrong codes, try again after ${until}`,
  );

export async function redeemInvitation(
  db: Db,
  token: { secret?: string; code?: string },
  redeemer: Redeemer,
  clientIp: string,
): Promise<RedeemResult> {
  // Counted before the code is looked at, like a password, so parallel guesses cannot outrun the count.
  const account = `code:${clientIp}`;
  const until = await countAttempt(db, account, clientIp);
  if (until) throw tooMany(until);
  const newPasswordHash = redeemer.password ? await hashPassword(redeemer.password) : null;
  const row = await claim(db, token);
  if (!row) throw notFound("Invitation");
  try {
    const slot = await slotOf(db, row);
    const done =
      row.purpose === "reset"
        ? await resetPassword(db, row, slot, newPasswordHash)
        : await takeSlot(db, row, slot, redeemer, newPasswordHash);
    await clearClient(db, account, clientIp);
    return {
      purpose: row.purpose,
      tenantId: row.tenantId,
      membershipId: row.membershipId,
      meetingId: row.meetingId,
      ...done,
    };
  } catch (err) {
    await unclaim(db, row.id, row.redeemedAt);
    throw err;
  }
}

/**
 * The account the invitation is about, and whether it is still empty (made by a committee, never filled in by a
 * holder): a member record's account, or the guest's, officer's or e-mailed reset's account named on the row.
 */
async function slotOf(db: Db, row: Claimed): Promise<Slot> {
  let personId = row.personId;
  if (row.membershipId) {
    const m = await db
      .select({ personId: memberships.personId })
      .from(memberships)
      .where(and(eq(memberships.tenantId, row.tenantId ?? ""), eq(memberships.id, row.membershipId)))
      .get();
    personId = m?.personId ?? null;
  }
  if (!personId) throw notFound("Invitation");
  const account = await db
    .select({ email: people.email, passwordHash: people.passwordHash })
    .from(people)
    .where(eq(people.id, personId))
    .get();
  if (!account) throw notFound("Invitation");
  return { personId, empty: account.email === null && account.passwordHash === null };
}
