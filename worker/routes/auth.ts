import { and, eq, isNull, ne } from "drizzle-orm";
import { Hono } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { changePasswordSchema, loginSchema } from "../../schema/api/auth";
import { people, sessions } from "../../schema/db/tables";
import { clearFailures, lockedUntil, MAX_FAILURES, recordFailure } from "../data/login-attempts";
import { findPersonByEmail, loadMe } from "../data/me";
import type { AppEnv } from "../env";
import { ApiError, notFound, unauthorized } from "../lib/api-error";
import { auditInsert } from "../lib/audit";
import { hashPassword, verifyPassword } from "../lib/password";
import { createSession, SESSION_COOKIE } from "../lib/session-token";
import { valid } from "../lib/validate";
import { requireSession } from "../middleware/session";

export const authRoutes = new Hono<AppEnv>()
  .post("/login", valid("json", loginSchema), async (c) => {
    const { email, password } = c.req.valid("json");
    const db = c.var.db;
    const ipKey = `ip:${c.req.header("cf-connecting-ip") ?? "local"}`;
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
    const session = await createSession(db, c.env, person.id);
    setCookie(c, SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: "Strict",
      secure: new URL(c.req.url).protocol === "https:",
      path: "/",
      maxAge: session.maxAge,
    });
    await auditInsert(db, {
      tenantId: null,
      personId: person.id,
      action: "login",
      entity: "session",
      entityId: session.id,
    });
    return c.json({ token: session.token, me: await loadMe(db, person.id) });
  })
  .post("/logout", requireSession, async (c) => {
    await c.var.db
      .update(sessions)
      .set({ revokedAt: new Date().toISOString() })
      .where(eq(sessions.id, c.var.session.sessionId));
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.json({ ok: true });
  })
  .get("/me", requireSession, async (c) => {
    const me = await loadMe(c.var.db, c.var.session.personId);
    if (!me) throw notFound("Person");
    return c.json(me);
  })
  .post("/password", requireSession, valid("json", changePasswordSchema), async (c) => {
    const { currentPassword, newPassword } = c.req.valid("json");
    const db = c.var.db;
    const { personId, sessionId } = c.var.session;
    const person = await db.select().from(people).where(eq(people.id, personId)).get();
    if (!person || !(await verifyPassword(currentPassword, person.passwordHash))) {
      throw new ApiError("forbidden", "Mật khẩu hiện tại không đúng / Current password is wrong");
    }
    const now = new Date().toISOString();
    // Other sessions end with the old password; this one stays so the person is not logged out mid-task.
    await db.batch([
      db
        .update(people)
        .set({ passwordHash: await hashPassword(newPassword) })
        .where(eq(people.id, personId)),
      db
        .update(sessions)
        .set({ revokedAt: now })
        .where(and(eq(sessions.personId, personId), ne(sessions.id, sessionId), isNull(sessions.revokedAt))),
      auditInsert(db, { tenantId: null, personId, action: "change_password", entity: "person", entityId: personId }),
    ]);
    return c.json({ ok: true });
  });
