/**
 * What a claimed invitation does (docs/identity.md). A committee's member record, guest place or office role points at
 * an account; when the committee made it, that account is empty (no e-mail, no password). Redeeming either fills the
 * empty account in (a new holder chooses e-mail and password) or puts the redeemer's own account in its place (a
 * holder who is logged in). A reset sets the password of the record's account and ends its sessions.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { InvitationPurpose } from "../../schema/api/invitations";
import {
  attendance,
  meetingGuests,
  memberships,
  people,
  sessions,
  speeches,
  tenantRoles,
  visitPlans,
} from "../../schema/db/tables";
import { foldForSearch } from "../../schema/text";
import type { Db } from "../env";
import { badRequest, conflict } from "../lib/api-error";
import { auditInsert } from "../lib/audit";
import { newId } from "../lib/ids";
import { everyShard } from "../lib/shards";
import { unlessUnique } from "../lib/unique";
import type { Places, ProvenPasskey, Redeemer } from "./invitation-redeem";
import { standsElsewhere } from "./members";
import { passkeyOnEmptyAccount } from "./passkeys";

/** The invitation's row as claimed. */
export interface Claimed {
  id: string;
  purpose: InvitationPurpose;
  tenantId: string | null;
  membershipId: string | null;
  meetingId: string | null;
  personId: string | null;
  redeemedAt: string | null;
}

/**
 * The account an invitation is about, and whether it is still empty (made by a committee, never filled in: no
 * e-mail, no password, no passkey).
 */
export interface Slot {
  personId: string;
  empty: boolean;
}

/** A password is needed for a reset and for a new account. */
export const passwordRequired = (path: "password" | "email" = "password") =>
  badRequest(
    path === "password"
      ? "Chọn mật khẩu (ít nhất 10 ký tự) / Choose a password (at least 10 characters)"
      : "Đăng nhập, hoặc chọn e-mail và mật khẩu / Log in, or choose an e-mail and a password",
    [{ path, message: "required" }],
  );

const now = () => new Date().toISOString();

/**
 * A reset: the account gets the password its holder chose, and every session of theirs ends. A committee's reset code
 * never reaches an account another committee also uses: whoever holds the code (the issuing committee's staff too)
 * would take that account over. Its holder uses "forgot password" by e-mail or a passkey instead. Other committees
 * may sit in other provinces' shards, so every shard is asked.
 */
export async function resetPassword(
  env: Cloudflare.Env,
  { inv, dir }: Places,
  row: Claimed,
  slot: Slot,
  passwordHash: string | null,
) {
  if (!passwordHash) throw passwordRequired();
  if (slot.empty) {
    throw conflict("Chưa có tài khoản: hãy dùng lời mời / No account yet: use the invitation instead");
  }
  const tenantId = row.tenantId;
  if (tenantId) {
    const elsewhere = await Promise.all(everyShard(env).map((s) => standsElsewhere(s.db, tenantId, slot.personId)));
    if (elsewhere.some(Boolean)) {
      throw conflict(
        "Tài khoản này dùng ở nhiều cấp ủy: hãy dùng “Quên mật khẩu” qua e-mail hoặc passkey / This account serves several committees: use “Forgot password” by e-mail, or a passkey",
      );
    }
  }
  const [, ended] = await dir.batch([
    dir.update(people).set({ passwordHash }).where(eq(people.id, slot.personId)),
    dir
      .update(sessions)
      .set({ revokedAt: now() })
      .where(and(eq(sessions.personId, slot.personId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id }),
  ]);
  await auditInsert(inv, {
    tenantId: row.tenantId,
    personId: slot.personId,
    action: "password_reset",
    entity: row.membershipId ? "membership" : "person",
    entityId: row.membershipId ?? slot.personId,
  });
  return { personId: slot.personId, signIn: true, endedSessionIds: ended.map((s) => s.id) };
}

const emailTaken = () =>
  conflict(
    "E-mail này đã có tài khoản: hãy đăng nhập rồi nhập lại mã / This e-mail has an account: log in, then redeem again",
  );
const alreadyHeld = () =>
  conflict("Tài khoản của bạn đã có chỗ này rồi / Your account already holds this place (member, guest or office)");

/**
 * The shard's mirror of an account (worker/lib/shards.ts): its name and login e-mail as the directory has them, so
 * the shard's joins name the person. Never a credential. Written where the account takes a seat in the shard.
 */
async function mirrorOf(dir: Db, inv: Db, personId: string): Promise<[BatchItem<"sqlite">]> {
  const account = await dir
    .select({ id: people.id, fullName: people.fullName, email: people.email, searchName: people.searchName })
    .from(people)
    .where(eq(people.id, personId))
    .get();
  if (!account) throw conflict("Không tìm thấy tài khoản / Account not found");
  // In an array: a query is a thenable, which an async function's return would run.
  return [
    inv
      .insert(people)
      .values({ ...account, passwordHash: null })
      .onConflictDoUpdate({ target: people.id, set: { fullName: account.fullName, email: account.email } }),
  ];
}

/**
 * A member, guest or staff invitation: the redeemer's account takes the record's place. The account is written in
 * the directory first, then the seat in the invitation's shard; should the shard's batch fail, the claim is given
 * back and the account stays (its holder logs in and redeems again).
 */
export async function takeSlot(
  { inv, dir }: Places,
  row: Claimed,
  slot: Slot,
  redeemer: Redeemer,
  passwordHash: string | null,
) {
  if (redeemer.sessionPersonId) {
    if (redeemer.sessionPersonId === slot.personId) {
      await inv.batch([markLinked(inv, row), audit(inv, row, slot.personId)]);
      return { personId: slot.personId, signIn: false, endedSessionIds: [] };
    }
    const [mirror] = await mirrorOf(dir, inv, redeemer.sessionPersonId);
    const [first, ...rest] = moveSlot(inv, row, slot, redeemer.sessionPersonId);
    await unlessUnique(inv.batch([mirror, first, ...rest]), alreadyHeld);
    return { personId: redeemer.sessionPersonId, signIn: false, endedSessionIds: [] };
  }
  if (!redeemer.email) throw passwordRequired("email");
  if (!passwordHash) throw passwordRequired();
  const email = redeemer.email;
  const fullName = await nameOf(inv, slot.personId);
  if (slot.empty) {
    // Only while still empty, so two redemptions of different invitations (or one with a passkey) cannot both fill
    // it: otherwise the name is set to NULL, the NOT NULL constraint fails and the statement with it, and nobody
    // is signed in to an account someone else just took. Table names spelled out: drizzle leaves an update's columns
    // unqualified, which inside the subquery would name the passkeys table's own.
    const stillEmpty = sql`people.email is null and people.password_hash is null
      and not exists (select 1 from passkeys k where k.person_id = people.id)`;
    const filled = dir
      .insert(people)
      .values({ id: slot.personId, email, passwordHash, fullName, searchName: foldForSearch(fullName) })
      .onConflictDoUpdate({
        target: people.id,
        set: {
          email: sql`excluded.email`,
          passwordHash: sql`excluded.password_hash`,
          fullName: sql`case when ${stillEmpty} then people.full_name end`,
        },
      })
      .run()
      .catch((err: unknown) => {
        throw constraintFailed(err, "people.full_name") ? changedMeanwhile() : err;
      });
    await unlessUnique(filled, emailTaken);
    await inv.batch([
      inv.update(people).set({ email }).where(eq(people.id, slot.personId)),
      markLinked(inv, row),
      audit(inv, row, slot.personId),
    ]);
    return { personId: slot.personId, signIn: true, endedSessionIds: [] };
  }
  // The record's account is somebody's already (it was linked before): the new holder gets an account of their own.
  const personId = newId();
  const account = { id: personId, email, fullName, searchName: foldForSearch(fullName) };
  await unlessUnique(
    dir
      .insert(people)
      .values({ ...account, passwordHash })
      .run(),
    emailTaken,
  );
  const [first, ...rest] = moveSlot(inv, row, { ...slot, empty: false }, personId);
  await inv.batch([inv.insert(people).values({ ...account, passwordHash: null }), first, ...rest]);
  return { personId, signIn: true, endedSessionIds: [] };
}

/** Whether a batch failed on the NOT NULL of `column` that a still-empty check sets to NULL (see below). */
function constraintFailed(err: unknown, column: string) {
  const text = `${String(err)} ${String(err instanceof Error ? err.cause : "")}`;
  return text.includes(`NOT NULL constraint failed: ${column}`);
}

const changedMeanwhile = () =>
  conflict("Lời mời vừa thay đổi, hãy thử lại / The invitation changed just now, try again");

export const logInFirst = () =>
  conflict(
    "Chỗ này đã có tài khoản: hãy đăng nhập trước rồi nhận lời mời / This place has an account already: log in first, then accept the invitation",
  );

/**
 * A member, guest or staff invitation redeemed by a new holder with a passkey made on `passkey-options`: the
 * passkey is stored on the record's empty account, which keeps no e-mail and no password (the directory gets the
 * account row, the passkey with it, in one batch), then the shard marks the record linked. Only an empty account
 * takes one; the account must still be the one the options were made for.
 */
export async function takeSlotWithPasskey({ inv, dir }: Places, row: Claimed, slot: Slot, proven: ProvenPasskey) {
  if (slot.personId !== proven.personId) {
    throw conflict("Lời mời đã thay đổi, hãy thử lại / The invitation has changed, try again");
  }
  if (!slot.empty) throw logInFirst();
  const { credential } = proven;
  const fullName = await nameOf(inv, slot.personId);
  const filled = dir
    .batch([
      dir
        .insert(people)
        .values({ id: slot.personId, email: null, passwordHash: null, fullName, searchName: foldForSearch(fullName) })
        .onConflictDoNothing(),
      passkeyOnEmptyAccount(dir, slot.personId, credential),
      auditInsert(dir, {
        tenantId: null,
        personId: slot.personId,
        action: "add_passkey",
        entity: "passkey",
        entityId: credential.id,
      }),
    ])
    .catch((err: unknown) => {
      throw constraintFailed(err, "passkeys.public_key") ? logInFirst() : err;
    });
  // The same credential id stored before (a replayed registration) meets the primary key.
  await unlessUnique(filled, () => conflict("Passkey này đã được đăng ký / This passkey is already registered"));
  await inv.batch([markLinked(inv, row), audit(inv, row, slot.personId)]);
  return { personId: slot.personId, signIn: true, endedSessionIds: [] };
}

async function nameOf(db: Db, personId: string) {
  const p = await db.select({ fullName: people.fullName }).from(people).where(eq(people.id, personId)).get();
  return p?.fullName ?? "";
}

const markLinked = (db: Db, row: Claimed) =>
  db
    .update(memberships)
    .set({ linkedAt: now() })
    .where(and(eq(memberships.tenantId, row.tenantId ?? ""), eq(memberships.id, row.membershipId ?? "")));

const audit = (db: Db, row: Claimed, personId: string) =>
  auditInsert(db, {
    tenantId: row.tenantId,
    personId,
    action: "invitation_redeemed",
    entity: row.purpose === "member" ? "membership" : row.purpose === "guest" ? "meeting_guest" : "tenant_role",
    entityId: row.membershipId ?? row.meetingId ?? null,
    detail: { invitationId: row.id },
  });

/**
 * Puts account `to` where the slot's account was, inside this committee only. An empty account was this committee's
 * alone, so what the room recorded for it here (a hall check-in by the chair, a speech) moves along with it.
 */
function moveSlot(db: Db, row: Claimed, slot: Slot, to: string): [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]] {
  const tenantId = row.tenantId ?? "";
  const from = slot.personId;
  const writes: BatchItem<"sqlite">[] = [];
  if (row.purpose === "member") {
    writes.push(
      db
        .update(memberships)
        .set({ personId: to, linkedAt: now() })
        .where(and(eq(memberships.tenantId, tenantId), eq(memberships.id, row.membershipId ?? ""))),
    );
  } else if (row.purpose === "staff") {
    writes.push(
      db
        .update(tenantRoles)
        .set({ personId: to })
        .where(and(eq(tenantRoles.tenantId, tenantId), eq(tenantRoles.personId, from))),
    );
  } else {
    writes.push(
      db
        .update(meetingGuests)
        .set({ personId: to })
        .where(
          and(
            eq(meetingGuests.tenantId, tenantId),
            eq(meetingGuests.meetingId, row.meetingId ?? ""),
            eq(meetingGuests.personId, from),
          ),
        ),
    );
  }
  if (slot.empty) {
    writes.push(
      db
        .update(attendance)
        .set({ personId: to })
        .where(and(eq(attendance.tenantId, tenantId), eq(attendance.personId, from))),
      db
        .update(speeches)
        .set({ personId: to })
        .where(and(eq(speeches.tenantId, tenantId), eq(speeches.personId, from))),
      db
        .update(visitPlans)
        .set({ leaderPersonId: to })
        .where(and(eq(visitPlans.tenantId, tenantId), eq(visitPlans.leaderPersonId, from))),
    );
  }
  return [audit(db, row, to), ...writes];
}
