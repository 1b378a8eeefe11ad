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
import { clearClient, countAttempt, countTries, lockEnd } from "./login-throttle";
import { findPersonByEmail } from "./me";

/**
 * The person whose e-mail and password match. The attempt is counted before the password is checked
 * (`login-throttle.ts`): over this client's limit it is refused with 429 unchecked; a mismatch is 401 and leaves an
 * audit row when the e-mail is a person's, and says how many tries this client has left (the same for an e-mail
 * nobody has); a match clears this client's count.
 */
export async function checkLogin(db: Db, email: string, password: string, clientIp: string) {
  const tries = await countTries(db, email, clientIp);
  if (tries.lockedUntil) {
    const at = lockEnd(tries.lockedUntil);
    throw new ApiError(
      "rate_limited",
      `Đăng nhập sai nhiều lần, thử lại sau ${at.vi} / Too many failed logins, try again after ${at.en}`,
    );
  }
  const person = await findPersonByEmail(db, email);
  if (!(await verifyPassword(password, person?.passwordHash ?? null)) || !person) {
    if (person) await auditFailure(db, person.id, "login_failed", clientIp);
    throw unauthorized(wrongLogin(tries.remaining, tries.windowEndsAt));
  }
  await clearClient(db, email, clientIp);
  return person;
}

/** A wrong password's answer: the tries left, or, after the last one, when this client may try again. */
function wrongLogin(remaining: number, windowEndsAt: string) {
  const wrong = { vi: "Sai e-mail hoặc mật khẩu.", en: "Wrong e-mail or password." };
  if (remaining > 0) {
    const en = `${remaining} ${remaining === 1 ? "try" : "tries"} left`;
    return `${wrong.vi} Còn ${remaining} lần thử / ${wrong.en} ${en}`;
  }
  const at = lockEnd(windowEndsAt);
  return `${wrong.vi} Hết lượt thử, thử lại sau ${at.vi} / ${wrong.en} No tries left, try again after ${at.en}`;
}

/** One row per password check that failed, so an attack on an account shows in its audit trail. */
async function auditFailure(db: Db, personId: string, action: string, clientIp: string) {
  await auditInsert(db, {
    tenantId: null,
    personId,
    action,
    entity: "person",
    entityId: personId,
    detail: { clientIp },
  });
}

export async function auditLogin(db: Db, personId: string, sessionId: string) {
  await auditInsert(db, { tenantId: null, personId, action: "login", entity: "session", entityId: sessionId });
}

export async function revokeSession(db: Db, sessionId: string) {
  await db.update(sessions).set({ revokedAt: new Date().toISOString() }).where(eq(sessions.id, sessionId));
}

/**
 * Checks the current password, sets the new one and ends the person's other sessions; answers their ids. Throttled
 * like login and on the same counts (the account is the person's e-mail), so a stolen session cannot guess the
 * password here instead.
 */
export async function changePassword(
  db: Db,
  personId: string,
  sessionId: string,
  currentPassword: string,
  newPassword: string,
  clientIp: string,
) {
  const person = await db.select().from(people).where(eq(people.id, personId)).get();
  if (!person) throw new ApiError("forbidden", "Mật khẩu hiện tại không đúng / Current password is wrong");
  const account = person.email ?? `person:${person.id}`;
  const until = await countAttempt(db, account, clientIp);
  if (until) {
    const at = lockEnd(until);
    throw new ApiError(
      "rate_limited",
      `Nhập sai mật khẩu nhiều lần, thử lại sau ${at.vi} / Too many wrong passwords, try again after ${at.en}`,
    );
  }
  if (!(await verifyPassword(currentPassword, person.passwordHash))) {
    await auditFailure(db, personId, "change_password_failed", clientIp);
    throw new ApiError("forbidden", "Mật khẩu hiện tại không đúng / Current password is wrong");
  }
  await clearClient(db, account, clientIp);
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
