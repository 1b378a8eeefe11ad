/**
 * Redeeming an invitation (docs/identity.md). The token is claimed by one conditional UPDATE, so of any number of
 * parallel redemptions exactly one gets the row; then the claim is carried out in one transaction. Should that fail
 * (the chosen e-mail has an account, the person already sits in that branch), the claim is given back.
 * Unknown, spent, revoked and expired tokens are all the same 404.
 */
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Redeemed } from "../../schema/api/invitations";
import { invitations, memberships, people, sessions } from "../../schema/db/tables";
import { foldForSearch, memberSearchText } from "../../schema/text";
import type { Db } from "../env";
import { ApiError, badRequest, conflict, notFound } from "../lib/api-error";
import { auditInsert } from "../lib/audit";
import { newId } from "../lib/ids";
import { hashCode, hashSecret } from "../lib/invitation-secret";
import { hashPassword } from "../lib/password";
import { unlessUnique } from "../lib/unique";
import { assertResettable } from "./invitations";
import { clearClient, countAttempt } from "./login-throttle";

/** Who redeems: the caller logged in on this device (if any), and the e-mail and password they typed (if any). */
export interface Redeemer {
  sessionPersonId: string | null;
  email?: string;
  password?: string;
}

export interface RedeemResult extends Redeemed {
  /** The sessions a reset ended, whose room sockets the caller closes. */
  personId: string;
  endedSessionIds: string[];
}

/** One statement: the row comes back only to the first redeemer of a live token. */
async function claim(db: Db, token: { secret?: string; code?: string }) {
  const now = new Date().toISOString();
  const match =
    token.secret !== undefined
      ? eq(invitations.tokenHash, await hashSecret(token.secret))
      : eq(invitations.codeHash, await hashCode(token.code ?? ""));
  const [row] = await db
    .update(invitations)
    .set({ redeemedAt: now })
    .where(
      and(
        match,
        isNull(invitations.redeemedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
        sql`${invitations.purpose} in ('member', 'reset')`,
      ),
    )
    .returning({
      id: invitations.id,
      purpose: invitations.purpose,
      tenantId: invitations.tenantId,
      membershipId: invitations.membershipId,
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
  if (!row?.membershipId) throw notFound("Invitation");
  try {
    const result =
      row.purpose === "reset"
        ? await reset(db, row.tenantId, row.membershipId, newPasswordHash)
        : await link(db, row.tenantId, row.membershipId, redeemer, newPasswordHash);
    await clearClient(db, account, clientIp);
    return { purpose: row.purpose, tenantId: row.tenantId, membershipId: row.membershipId, ...result };
  } catch (err) {
    await unclaim(db, row.id, row.redeemedAt);
    throw err;
  }
}

async function memberRecord(db: Db, tenantId: string, membershipId: string) {
  const m = await db
    .select({ personId: memberships.personId, organizationId: memberships.organizationId })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.id, membershipId)))
    .get();
  if (!m) throw notFound("Invitation");
  return m;
}

/** A reset: the member record's person gets the password they chose, and every session of theirs ends. */
async function reset(db: Db, tenantId: string, membershipId: string, passwordHash: string | null) {
  if (!passwordHash)
    throw badRequest("Chọn mật khẩu mới / Choose a new password", [{ path: "password", message: "required" }]);
  const { personId } = await memberRecord(db, tenantId, membershipId);
  // People are still shared across committees: a reset from one committee must not set the password of an account
  // another committee's member also uses (that would hand it over). Such a person resets through their own login
  // until accounts stop being shared (docs/identity.md).
  await assertResettable(db, tenantId, personId);
  const [, ended] = await db.batch([
    db.update(people).set({ passwordHash }).where(eq(people.id, personId)),
    db
      .update(sessions)
      .set({ revokedAt: new Date().toISOString() })
      .where(and(eq(sessions.personId, personId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id }),
    auditInsert(db, { tenantId, personId, action: "password_reset", entity: "membership", entityId: membershipId }),
  ]);
  return { personId, endedSessionIds: ended.map((s) => s.id) };
}

/**
 * A member invitation: the record is linked to the caller's account, or to a new person with the e-mail and password
 * they chose. The new person starts with the record's name, phone and birth year (the committee's data about them), so
 * the member list reads as before; the redeemer is never shown them.
 */
async function link(db: Db, tenantId: string, membershipId: string, redeemer: Redeemer, passwordHash: string | null) {
  const record = await memberRecord(db, tenantId, membershipId);
  let personId: string;
  let searchText: string;
  const writes = [];
  if (redeemer.sessionPersonId) {
    personId = redeemer.sessionPersonId;
    const own = await db
      .select({ fullName: people.fullName, email: people.email })
      .from(people)
      .where(eq(people.id, personId))
      .get();
    searchText = memberSearchText(own?.fullName ?? "", own?.email ?? null);
  } else {
    if (!redeemer.email || !passwordHash) {
      throw badRequest("Đăng nhập, hoặc chọn e-mail và mật khẩu / Log in, or choose an e-mail and a password", [
        { path: redeemer.email ? "password" : "email", message: "required" },
      ]);
    }
    const named = await db
      .select({ fullName: people.fullName, phone: people.phone, birthYear: people.birthYear })
      .from(people)
      .where(eq(people.id, record.personId))
      .get();
    const fullName = named?.fullName ?? redeemer.email;
    personId = newId();
    searchText = memberSearchText(fullName, redeemer.email);
    writes.push(
      db.insert(people).values({
        id: personId,
        email: redeemer.email,
        fullName,
        searchName: foldForSearch(fullName),
        phone: named?.phone ?? null,
        birthYear: named?.birthYear ?? null,
        passwordHash,
      }),
    );
  }
  writes.push(
    db
      .update(memberships)
      .set({ personId, searchText })
      .where(and(eq(memberships.tenantId, tenantId), eq(memberships.id, membershipId))),
    auditInsert(db, {
      tenantId,
      personId,
      action: "invitation_redeemed",
      entity: "membership",
      entityId: membershipId,
    }),
  );
  await unlessUnique(db.batch(writes as [(typeof writes)[number], ...(typeof writes)[number][]]), () =>
    conflict(
      "E-mail này đã có tài khoản hoặc đã ở chi bộ này: hãy đăng nhập rồi nhập lại mã / This e-mail has an account or is already in this branch: log in and redeem again",
    ),
  );
  return { personId, endedSessionIds: [] };
}
