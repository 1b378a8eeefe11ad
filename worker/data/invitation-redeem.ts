/**
 * Redeeming an invitation (docs/identity.md). The token is claimed by one conditional UPDATE, so of any number of
 * parallel redemptions exactly one gets the row; then the claim is carried out in one transaction. Should that fail
 * (the chosen e-mail has an account, the account already sits in that branch), the claim is given back.
 * Unknown, spent, revoked and expired tokens are all the same 404. A new holder may redeem with a passkey instead of
 * an e-mail and password: `passkeyRedeemTarget` answers whom the options are for without claiming anything, and the
 * passkey made on them is proven before the claim.
 */
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { InvitationPurpose } from "../../schema/api/invitations";
import { invitations, memberships, people, tenants } from "../../schema/db/tables";
import type { Db } from "../env";
import { ApiError, badRequest, conflict, notFound } from "../lib/api-error";
import { hashCode, hashSecret } from "../lib/invitation-secret";
import { hashPassword } from "../lib/password";
import { type Claimed, logInFirst, resetPassword, type Slot, takeSlot, takeSlotWithPasskey } from "./invitation-slots";
import { clearClient, countAttempt, lockEnd } from "./login-throttle";
import type { NewPasskey } from "./passkeys";

/** A passkey registration verified against its `passkey-redeem` challenge token: for this invitation and account. */
export interface ProvenPasskey {
  invitationId: string;
  personId: string;
  credential: NewPasskey;
}

/**
 * Who redeems: the caller logged in on this device (if any), and the e-mail and password they typed (if any), or
 * the passkey they made. `passkey` verifies the registration (a 400 when it does not hold); it runs after the attempt
 * is counted and before the invitation is claimed, so a bad passkey leaves the invitation live.
 */
export interface Redeemer {
  sessionPersonId: string | null;
  email?: string;
  password?: string;
  passkey?: () => Promise<ProvenPasskey>;
}

type InvitationToken = { secret?: string; code?: string };

const matchOf = async (token: InvitationToken) =>
  token.secret !== undefined
    ? eq(invitations.tokenHash, await hashSecret(token.secret))
    : eq(invitations.codeHash, await hashCode(token.code ?? ""));

const live = (now: string) =>
  and(isNull(invitations.redeemedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now));

const claimedColumns = {
  id: invitations.id,
  purpose: invitations.purpose,
  tenantId: invitations.tenantId,
  membershipId: invitations.membershipId,
  meetingId: invitations.meetingId,
  personId: invitations.personId,
  redeemedAt: invitations.redeemedAt,
};

/** The live invitation a token names, read without claiming it. */
async function peek(db: Db, token: InvitationToken): Promise<Claimed | undefined> {
  return db
    .select(claimedColumns)
    .from(invitations)
    .where(and(await matchOf(token), live(new Date().toISOString())))
    .get();
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
async function claim(db: Db, token: InvitationToken): Promise<Claimed | undefined> {
  const now = new Date().toISOString();
  const [row] = await db
    .update(invitations)
    .set({ redeemedAt: now })
    .where(and(await matchOf(token), live(now)))
    .returning(claimedColumns);
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

const tooMany = (until: string) => {
  const at = lockEnd(until);
  return new ApiError(
    "rate_limited",
    `Nhập sai mã nhiều lần, thử lại sau ${at.vi} / Too many wrong codes, try again after ${at.en}`,
  );
};

/** Counted before the code is looked at, like a password, so parallel guesses cannot outrun the count. */
async function countCodeAttempt(db: Db, clientIp: string) {
  const account = `code:${clientIp}`;
  const until = await countAttempt(db, account, clientIp);
  if (until) throw tooMany(until);
  return account;
}

const otherInvitation = () =>
  badRequest(
    "Passkey này được tạo cho lời mời khác, hãy thử lại / This passkey was made for another invitation, try again",
  );
const notForReset = () =>
  conflict("Mã đặt lại mật khẩu chỉ dùng để đặt mật khẩu mới / A reset code only sets a new password");

/**
 * Whom passkey options for redeeming this token are for: the live invitation (not claimed) and its empty account,
 * with the committee's name for a neutral label. Counted like a redemption (a success clears nothing: the redemption
 * does). A reset, or a place whose account is somebody's already, is 409: that holder logs in first.
 */
export async function passkeyRedeemTarget(db: Db, token: InvitationToken, clientIp: string) {
  await countCodeAttempt(db, clientIp);
  const row = await peek(db, token);
  if (!row) throw notFound("Invitation");
  if (row.purpose === "reset") throw notForReset();
  const slot = await slotOf(db, row);
  if (!slot.empty) throw logInFirst();
  const tenant = await db
    .select({ name: tenants.name })
    .from(tenants)
    .where(eq(tenants.id, row.tenantId ?? ""))
    .get();
  return { invitationId: row.id, personId: slot.personId, committeeName: tenant?.name ?? "" };
}

export async function redeemInvitation(
  db: Db,
  token: InvitationToken,
  redeemer: Redeemer,
  clientIp: string,
): Promise<RedeemResult> {
  const account = await countCodeAttempt(db, clientIp);
  const newPasswordHash = redeemer.password ? await hashPassword(redeemer.password) : null;
  const proven = redeemer.passkey ? await redeemer.passkey() : null;
  if (proven) {
    // Checked before the claim too, so a token made for another invitation never flips this one's claim.
    const target = await peek(db, token);
    if (!target) throw notFound("Invitation");
    if (target.id !== proven.invitationId) throw otherInvitation();
  }
  const row = await claim(db, token);
  if (!row) throw notFound("Invitation");
  try {
    if (proven && row.id !== proven.invitationId) throw otherInvitation();
    const slot = await slotOf(db, row);
    if (row.purpose === "reset" && proven) throw notForReset();
    const done =
      row.purpose === "reset"
        ? await resetPassword(db, row, slot, newPasswordHash)
        : proven
          ? await takeSlotWithPasskey(db, row, slot, proven)
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
 * holder: no e-mail, no password, no passkey): a member record's account, or the guest's, officer's or e-mailed reset's account named on the row.
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
  // Table names spelled out: drizzle leaves a one-table query's columns unqualified, wrong inside a subquery.
  const hasPasskey = sql<number>`exists (select 1 from passkeys k where k.person_id = people.id)`;
  const account = await db
    .select({ email: people.email, passwordHash: people.passwordHash, hasPasskey })
    .from(people)
    .where(eq(people.id, personId))
    .get();
  if (!account) throw notFound("Invitation");
  // A passkey is a credential too: an account holding one is somebody's, and no second invitation fills it in.
  const empty = account.email === null && account.passwordHash === null && !account.hasPasskey;
  return { personId, empty };
}
