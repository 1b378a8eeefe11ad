/**
 * Password throttling that holds under parallel requests: every attempt is counted before the password is checked,
 * in one D1 statement that increments the account's window and this client's window and returns both counts, so
 * forty requests sent at once see counts 1…40 and only the first few reach PBKDF2.
 *
 * What locks a client out is its own count for the account (`client:<account>|<address>`). The account-wide count
 * only slows things down: once strangers have tried it many times, every client gets fewer tries, never none, so a
 * stranger elsewhere cannot keep the holder out on their own device. The fuller answer (issue 11) — invitation and
 * reset codes and passkeys that bypass passwords, and Cloudflare's Rate Limiting binding as a coarse per-address
 * shield — comes with those features.
 */
import { eq, lte, sql } from "drizzle-orm";
import { vnClock } from "../../schema/calendar";
import { loginThrottle } from "../../schema/db/tables";
import type { Db } from "../env";

export const WINDOW_MINUTES = 15;
/** Tries per client and account in a window; fewer once the account as a whole has seen more than `account`. */
export const LIMITS = { client: 5, clientUnderAttack: 2, account: 20 } as const;

const accountKey = (account: string) => `account:${account}`;
const clientKey = (account: string, clientIp: string) => `client:${account}|${clientIp}`;

/** One counted attempt as this client sees it. */
export interface AttemptCount {
  /** Null when the password may be checked, else the time this client's window ends. */
  lockedUntil: string | null;
  /** Tries this client has left for the account after this one (0 when this was its last, or it is locked). */
  remaining: number;
  /** When this client's window ends, locked or not. */
  windowEndsAt: string;
}

/**
 * Counts one attempt for the account (an e-mail) from a client address. Answers null when the password may be
 * checked, else the time this client's window ends.
 */
export async function countAttempt(db: Db, account: string, clientIp: string): Promise<string | null> {
  return (await countTries(db, account, clientIp)).lockedUntil;
}

/**
 * `countAttempt` with the tries left, so a wrong password can warn before the lockout. The count depends only on the
 * account key (the typed e-mail) and the address, never on whether the e-mail has an account, so the countdown for
 * an unknown e-mail reads exactly like a known one's.
 */
export async function countTries(db: Db, account: string, clientIp: string): Promise<AttemptCount> {
  const now = new Date();
  const nowIso = now.toISOString();
  const endsAt = new Date(now.getTime() + WINDOW_MINUTES * 60_000).toISOString();
  const ended = sql`${loginThrottle.windowEndsAt} <= ${nowIso}`;
  const rows = await db
    .insert(loginThrottle)
    .values([
      { key: accountKey(account), attempts: 1, windowEndsAt: endsAt },
      { key: clientKey(account, clientIp), attempts: 1, windowEndsAt: endsAt },
    ])
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        // A window that has ended starts again from this attempt.
        attempts: sql`case when ${ended} then 1 else ${loginThrottle.attempts} + 1 end`,
        windowEndsAt: sql`case when ${ended} then excluded.window_ends_at else ${loginThrottle.windowEndsAt} end`,
      },
    })
    .returning();
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const accountRow = byKey.get(accountKey(account));
  const clientRow = byKey.get(clientKey(account, clientIp));
  if (!accountRow || !clientRow) throw new Error("login_throttle upsert returned no row");
  const limit = accountRow.attempts > LIMITS.account ? LIMITS.clientUnderAttack : LIMITS.client;
  return {
    lockedUntil: clientRow.attempts <= limit ? null : clientRow.windowEndsAt,
    remaining: Math.max(0, limit - clientRow.attempts),
    windowEndsAt: clientRow.windowEndsAt,
  };
}

/** A lock's end for a message: `HH:mm (giờ Việt Nam)` and `HH:mm (Vietnam time)`, never a raw UTC instant. */
export function lockEnd(until: string) {
  const clock = vnClock(until);
  return { vi: `${clock} (giờ Việt Nam)`, en: `${clock} (Vietnam time)` };
}

/**
 * After a right password: this client starts afresh, and its tries leave the account's count too (they were the
 * holder's own), so a forgetful holder never tips their account into the slowed state. Windows that have ended
 * anywhere are swept here too (by index), so guesses at unknown e-mails do not pile up. One transaction.
 */
export async function clearClient(db: Db, account: string, clientIp: string) {
  const client = clientKey(account, clientIp);
  const own = sql`coalesce((select t.attempts from login_throttle t where t.key = ${client}), 0)`;
  await db.batch([
    db
      .update(loginThrottle)
      .set({ attempts: sql`max(0, ${loginThrottle.attempts} - ${own})` })
      .where(eq(loginThrottle.key, accountKey(account))),
    db.delete(loginThrottle).where(eq(loginThrottle.key, client)),
    db.delete(loginThrottle).where(lte(loginThrottle.windowEndsAt, new Date().toISOString())),
  ]);
}
