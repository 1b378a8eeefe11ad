/**
 * A person's passkeys: the ones they list, rename and remove (every statement scoped by that person, so another
 * person's passkey id matches no row and answers 404), the one stored after a registration, and the one a login
 * names by its credential id. Passkeys are global like people and sessions: no tenant; audit rows carry none.
 */
import { and, count, desc, eq, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { Passkey } from "../../schema/api/passkeys";
import { passkeys, people } from "../../schema/db/tables";
import type { Db } from "../env";
import { conflict, notFound } from "../lib/api-error";
import { auditInsert } from "../lib/audit";
import { unlessUnique } from "../lib/unique";
import { clearClient } from "./login-throttle";

const shown = {
  id: passkeys.id,
  name: passkeys.name,
  createdAt: passkeys.createdAt,
  lastUsedAt: passkeys.lastUsedAt,
} as const;

/** Who a new passkey is for: the browser shows the name (and the e-mail, when there is one) beside it. */
export function passkeyHolder(db: Db, personId: string) {
  return db
    .select({ id: people.id, email: people.email, fullName: people.fullName })
    .from(people)
    .where(eq(people.id, personId))
    .get();
}

/** The person's passkeys, newest first. */
export function listPasskeys(db: Db, personId: string): Promise<Passkey[]> {
  return db
    .select(shown)
    .from(passkeys)
    .where(eq(passkeys.personId, personId))
    .orderBy(desc(passkeys.createdAt), passkeys.id);
}

/** The person's credential ids and transports, for the browser to refuse registering one of them twice. */
export async function credentialsOf(db: Db, personId: string) {
  const rows = await db
    .select({ id: passkeys.id, transports: passkeys.transports })
    .from(passkeys)
    .where(eq(passkeys.personId, personId));
  return rows.map((r) => ({ id: r.id, transports: parseTransports(r.transports) }));
}

export function parseTransports(json: string): string[] {
  try {
    const list: unknown = JSON.parse(json);
    return Array.isArray(list) ? list.filter((t): t is string => typeof t === "string") : [];
  } catch {
    return [];
  }
}

export interface NewPasskey {
  id: string;
  /** COSE public key, base64url. */
  publicKey: string;
  counter: number;
  transports: string[];
  name: string;
}

/**
 * Stores a verified credential for the person, audited in the same batch. A credential id that is already stored
 * (the same registration sent twice, or an id someone else holds) is 409 and overwrites nothing.
 */
export async function addPasskey(db: Db, personId: string, p: NewPasskey): Promise<Passkey> {
  const [rows] = await unlessUnique(
    db.batch([
      db
        .insert(passkeys)
        .values({
          id: p.id,
          personId,
          publicKey: p.publicKey,
          counter: p.counter,
          transports: JSON.stringify(p.transports),
          name: p.name,
        })
        .returning(shown),
      auditInsert(db, { tenantId: null, personId, action: "add_passkey", entity: "passkey", entityId: p.id }),
    ]),
    () => conflict("Passkey này đã được đăng ký / This passkey is already registered"),
  );
  const added = rows[0];
  if (!added) throw new Error("passkey insert returned no row");
  return added;
}

/**
 * The statement that stores a redeemer's first passkey on an invitation's empty account, for the claim's batch
 * (worker/data/invitation-slots.ts). It inserts only while the account is still empty (no e-mail, no password, no
 * passkey): otherwise the public key is NULL, the NOT NULL constraint fails and with it the whole batch, so a
 * redemption that lost a race to fill the account writes nothing (`constraintFailed(err, "passkeys.public_key")`).
 */
export function passkeyOnEmptyAccount(db: Db, personId: string, p: NewPasskey) {
  // Spelled out with table names: drizzle leaves a single table's columns unqualified, which inside the subquery
  // would name the passkeys table's own columns.
  const stillEmpty = sql`people.email is null and people.password_hash is null
    and not exists (select 1 from passkeys k where k.person_id = people.id)`;
  return db.insert(passkeys).select(
    db
      .select({
        id: sql<string>`${p.id}`.as("id"),
        personId: people.id,
        publicKey: sql<string>`case when ${stillEmpty} then ${p.publicKey} end`.as("public_key"),
        counter: sql<number>`${p.counter}`.as("counter"),
        transports: sql<string>`${JSON.stringify(p.transports)}`.as("transports"),
        name: sql<string>`${p.name}`.as("name"),
        // Insert … select names every column in the table's order.
        createdAt: sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ','now')`.as("created_at"),
        lastUsedAt: sql<string | null>`null`.as("last_used_at"),
      })
      .from(people)
      .where(eq(people.id, personId)),
  );
}

/** The stored credential a login names, whoever holds it (a login has no person yet). */
export function findCredential(db: Db, id: string) {
  return db.select().from(passkeys).where(eq(passkeys.id, id)).get();
}

export interface PasskeyUse {
  id: string;
  personId: string;
  /** The counter the assertion was verified against, and the authenticator's new one. */
  verifiedCounter: number;
  newCounter: number;
  /** When the challenge was issued (worker/lib/passkey-challenge.ts). */
  challengeIssuedAt: string;
}

/**
 * Accepts one verified login in a single conditional write: the passkey must not have been used since the challenge
 * was issued, and its counter must still be the one the assertion was checked against. A replayed assertion, or two
 * copies sent at once, find the row already moved on, and exactly one of them gets `true`. Then the login throttle of
 * the person's account for this client is cleared, as a right password clears it: the holder proved themselves, so
 * strangers' failed passwords on their e-mail leave this device's password login untouched too.
 */
export async function markPasskeyUsed(db: Db, use: PasskeyUse, clientIp: string): Promise<boolean> {
  const now = new Date().toISOString();
  const moved = await db
    .update(passkeys)
    .set({ counter: use.newCounter, lastUsedAt: now })
    .where(
      and(
        eq(passkeys.id, use.id),
        eq(passkeys.personId, use.personId),
        eq(passkeys.counter, use.verifiedCounter),
        or(isNull(passkeys.lastUsedAt), lt(passkeys.lastUsedAt, use.challengeIssuedAt)),
      ),
    )
    .returning({ id: passkeys.id });
  if (moved.length === 0) return false;
  const person = await db.select({ email: people.email }).from(people).where(eq(people.id, use.personId)).get();
  // The throttle's account is the login e-mail, or `person:<id>` for one with none (as a password change counts it).
  await clearClient(db, person?.email ?? `person:${use.personId}`, clientIp);
  return true;
}

/** A failed passkey login for a stored credential leaves a row in its holder's audit trail, as a wrong password does. */
export async function auditPasskeyFailure(db: Db, personId: string, passkeyId: string, clientIp: string) {
  await auditInsert(db, {
    tenantId: null,
    personId,
    action: "passkey_login_failed",
    entity: "passkey",
    entityId: passkeyId,
    detail: { clientIp },
  });
}

export async function renamePasskey(db: Db, personId: string, id: string, name: string): Promise<Passkey> {
  const renamed = await db
    .update(passkeys)
    .set({ name })
    .where(and(eq(passkeys.id, id), eq(passkeys.personId, personId)))
    .returning(shown)
    .get();
  if (!renamed) throw notFound("Passkey");
  await auditInsert(db, { tenantId: null, personId, action: "rename_passkey", entity: "passkey", entityId: id });
  return renamed;
}

/**
 * Removes one of the person's passkeys. The last way into an account with no password (a passkey-only account) is
 * never removed: 409. One conditional statement, so two removals at once cannot both pass that check.
 */
export async function removePasskey(db: Db, personId: string, id: string) {
  const others = db
    .select({ n: count() })
    .from(passkeys)
    .where(and(eq(passkeys.personId, personId), sql`${passkeys.id} <> ${id}`));
  const hasPassword = db
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.id, personId), isNotNull(people.passwordHash)));
  const removed = await db
    .delete(passkeys)
    .where(
      and(eq(passkeys.id, id), eq(passkeys.personId, personId), or(sql`exists ${hasPassword}`, sql`(${others}) > 0`)),
    )
    .returning({ id: passkeys.id });
  if (removed.length === 0) {
    const mine = await db
      .select({ id: passkeys.id })
      .from(passkeys)
      .where(and(eq(passkeys.id, id), eq(passkeys.personId, personId)))
      .get();
    if (!mine) throw notFound("Passkey");
    throw conflict(
      "Đây là cách đăng nhập duy nhất của bạn: hãy thêm passkey khác trước khi xóa / " +
        "This is your only way to log in: add another passkey before removing it",
    );
  }
  await auditInsert(db, { tenantId: null, personId, action: "remove_passkey", entity: "passkey", entityId: id });
}
