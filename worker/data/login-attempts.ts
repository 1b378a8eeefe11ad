import { eq, sql } from "drizzle-orm";
import { loginAttempts } from "../../schema/db/tables";
import type { Db } from "../env";

/** After this many failures in a row, a key is locked out for LOCK_MINUTES. */
export const MAX_FAILURES = { email: 5, ip: 30 } as const;
export const LOCK_MINUTES = 15;

/** The time a key stays locked, or null when it may try. */
export async function lockedUntil(db: Db, keys: string[]): Promise<string | null> {
  const now = new Date().toISOString();
  for (const key of keys) {
    const row = await db.select().from(loginAttempts).where(eq(loginAttempts.key, key)).get();
    if (row?.lockedUntil && row.lockedUntil > now) return row.lockedUntil;
  }
  return null;
}

export async function recordFailure(db: Db, key: string, limit: number) {
  const now = new Date();
  const lockAt = new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString();
  await db
    .insert(loginAttempts)
    .values({ key, failures: 1, updatedAt: now.toISOString() })
    .onConflictDoUpdate({
      target: loginAttempts.key,
      set: {
        // A lock that has run out starts the count afresh.
        failures: sql`case when ${loginAttempts.lockedUntil} is not null and ${loginAttempts.lockedUntil} <= ${now.toISOString()} then 1 else ${loginAttempts.failures} + 1 end`,
        lockedUntil: sql`case when (case when ${loginAttempts.lockedUntil} is not null and ${loginAttempts.lockedUntil} <= ${now.toISOString()} then 1 else ${loginAttempts.failures} + 1 end) >= ${limit} then ${lockAt} else null end`,
        updatedAt: now.toISOString(),
      },
    });
}

export async function clearFailures(db: Db, key: string) {
  await db.delete(loginAttempts).where(eq(loginAttempts.key, key));
}
