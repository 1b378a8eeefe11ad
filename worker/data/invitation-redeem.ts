/**
 * Redeeming an invitation (docs/identity.md). The token is claimed by one conditional UPDATE, so of any number of
 * parallel redemptions exactly one gets the row; then the claim is carried out in one transaction. Should that fail
 * (the chosen e-mail has an account, the account already sits in that branch), the claim is given back.
 * Unknown, spent, revoked and expired tokens are all the same 404. A new holder may redeem with a passkey instead of
 * an e-mail and password: `passkeyRedeemTarget` answers whom the options are for without claiming anything, and the
 * passkey made on them is proven before the claim.
 *
 * Sharded (worker/lib/shards.ts): an invitation lives where its committee lives (a "forgot password" reset, of no
 * committee, in the directory), so redemption first finds the database that holds the token, then claims it there;
 * the account it fills in or joins is the directory's, and the shard keeps the mirror of its name and e-mail.
 */
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { InvitationPurpose } from "../../schema/api/invitations";
import { invitations, memberships, people, tenants } from "../../schema/db/tables";
import type { Db } from "../env";
import { ApiError, badRequest, conflict, notFound } from "../lib/api-error";
import { hashCode, hashSecret } from "../lib/invitation-secret";
import { hashPassword } from "../lib/password";
import { everyShard } from "../lib/shards";
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

/** Where redemption works: the database that holds the invitation, and the directory (accounts, throttles). */
export interface Places {
  inv: Db;
  dir: Db;
}

/**
 * The database holding the live invitation a token names: the directory or one shard, all asked at once (a live
 * token or code is in one of them at most: hashes of 128-bit secrets, and codes drawn until unique per database,
 * 31^10 of them). Null when none holds it.
 */
async function locate(env: Cloudflare.Env, dir: Db, token: InvitationToken): Promise<Places | null> {
  const where = and(await matchOf(token), live(new Date().toISOString()));
  const dbs = [dir, ...everyShard(env).map((s) => s.db)];
  const found = await Promise.all(
    dbs.map((db) => db.select({ id: invitations.id }).from(invitations).where(where).get()),
  );
  const at = found.findIndex((row) => row !== undefined);
  return at < 0 ? null : { inv: dbs[at] as Db, dir };
}

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
export async function passkeyRedeemTarget(env: Cloudflare.Env, dir: Db, token: InvitationToken, clientIp: string) {
  await countCodeAttempt(dir, clientIp);
  const places = await locate(env, dir, token);
  const row = places && (await peek(places.inv, token));
  if (!places || !row) throw notFound("Invitation");
  if (row.purpose === "reset") throw notForReset();
  const slot = await slotOf(places, row);
  if (!slot.empty) throw logInFirst();
  const tenant = await places.inv
    .select({ name: tenants.name })
    .from(tenants)
    .where(eq(tenants.id, row.tenantId ?? ""))
    .get();
  return { invitationId: row.id, personId: slot.personId, committeeName: tenant?.name ?? "" };
}

export async function redeemInvitation(
  env: Cloudflare.Env,
  dir: Db,
  token: InvitationToken,
  redeemer: Redeemer,
  clientIp: string,
): Promise<RedeemResult> {
  const account = await countCodeAttempt(dir, clientIp);
  const newPasswordHash = redeemer.password ? await hashPassword(redeemer.password) : null;
  const proven = redeemer.passkey ? await redeemer.passkey() : null;
  const places = await locate(env, dir, token);
  if (!places) throw notFound("Invitation");
  const db = places.inv;
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
    const slot = await slotOf(places, row);
    if (row.purpose === "reset" && proven) throw notForReset();
    const done =
      row.purpose === "reset"
        ? await resetPassword(env, places, row, slot, newPasswordHash)
        : proven
          ? await takeSlotWithPasskey(places, row, slot, proven)
          : await takeSlot(places, row, slot, redeemer, newPasswordHash);
    await clearClient(dir, account, clientIp);
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
 * holder: no e-mail, no password, no passkey): a member record's account, or the guest's, officer's or e-mailed
 * reset's account named on the row. A committee's empty account lives in its shard only; the directory has an
 * account row once someone filled it in (or, in tests and older data, an empty one).
 */
async function slotOf({ inv, dir }: Places, row: Claimed): Promise<Slot> {
  let personId = row.personId;
  if (row.membershipId) {
    const m = await inv
      .select({ personId: memberships.personId })
      .from(memberships)
      .where(and(eq(memberships.tenantId, row.tenantId ?? ""), eq(memberships.id, row.membershipId)))
      .get();
    personId = m?.personId ?? null;
  }
  if (!personId) throw notFound("Invitation");
  // Table names spelled out: drizzle leaves a one-table query's columns unqualified, wrong inside a subquery.
  const hasPasskey = sql<number>`exists (select 1 from passkeys k where k.person_id = people.id)`;
  const [account, mirror] = await Promise.all([
    dir
      .select({ email: people.email, passwordHash: people.passwordHash, hasPasskey })
      .from(people)
      .where(eq(people.id, personId))
      .get(),
    inv.select({ id: people.id }).from(people).where(eq(people.id, personId)).get(),
  ]);
  if (!account && !mirror) throw notFound("Invitation");
  // A passkey is a credential too: an account holding one is somebody's, and no second invitation fills it in.
  const empty = !account || (account.email === null && account.passwordHash === null && !account.hasPasskey);
  return { personId, empty };
}
