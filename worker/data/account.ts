/**
 * A person's own account: login (with its lockout), logout, password change. People and sessions are global (one person
 * across committees), so these take the person, not a tenant; their audit rows carry no tenant.
 */
import { and, eq, isNull, ne } from "drizzle-orm";
import { people, sessions } from "../../schema/db/tables";
import type { Db } from "../env";
import { ApiError, unauthorized } from "../lib/api-error";
import { auditInsert } from "../lib/audit";
import { hashPassword, verifyPassword } from "../lib/password";
import { clearFailures, lockedUntil, MAX_FAILURES, recordFailure } from "./login-attempts";
import { findPersonByEmail } from "./me";

/**
 * The person whose e-mail and password match. Failures count per e-mail and per client address: a locked key
 * is refused (429) before the password is even checked; a mismatch is 401 and counts against both keys.
 */
export async function checkLogin(db: Db, email: string, password: string, clientIp: string) {
  const ipKey = `ip:${clientIp}`;
  const emailKey = `email:${email}`;
  const until = await lockedUntil(db, [emailKey, ipKey]);
  if (until) {
    throw new ApiError(
      "rate_limited",
      `Đăng nhập sai nhiều lần, thử lại sau ${until} / Too many failed logins, try again after ${until}`,
    );
  }
  const person = await findPersonByEmail(db, email);
  if (!(await verifyPassword(password, person?.passwordHash ?? null)) || !person) {
    await recordFailure(db, emailKey, MAX_FAILURES.email);
    await recordFailure(db, ipKey, MAX_FAILURES.ip);
    throw unauthorized("Sai e-mail hoặc mật khẩu / Wrong e-mail or password");
  }
  await clearFailures(db, emailKey);
  return person;
}

export async function auditLogin(db: Db, personId: string, sessionId: string) {
  await auditInsert(db, { tenantId: null, personId, action: "login", entity: "session", entityId: sessionId });
}

export async function revokeSession(db: Db, sessionId: string) {
  await db.update(sessions).set({ revokedAt: new Date().toISOString() }).where(eq(sessions.id, sessionId));
}

/** Checks the current password, sets the new one and ends the person's other sessions; answers their ids. */
export async function changePassword(
  db: Db,
  personId: string,
  sessionId: string,
  currentPassword: string,
  newPassword: string,
) {
  const person = await db.select().from(people).where(eq(people.id, personId)).get();
  if (!person || !(await verifyPassword(currentPassword, person.passwordHash))) {
    throw new ApiError("forbidden", "Mật khẩu hiện tại không đúng / Current password is wrong");
  }
  const now = new Date().toISOString();
  // Other sessions end with the old password; this one stays so the person is not logged out mid-task.
  const [, ended] = await db.batch([
    db
      .update(people)
      .set({ passwordHash: await hashPassword(newPassword) })
      .where(eq(people.id, personId)),
    db
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.personId, personId), ne(sessions.id, sessionId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id }),
    auditInsert(db, { tenantId: null, personId, action: "change_password", entity: "person", entityId: personId }),
  ]);
  // The ended sessions, whose room sockets the caller closes (worker/data/room-revocation.ts).
  return ended.map((r) => r.id);
}
