import { Hono } from "hono";
import { deleteCookie } from "hono/cookie";
import { changePasswordSchema, loginSchema } from "../../schema/api/auth";
import { changePassword, checkLogin, revokeSession } from "../data/account";
import { listSessions, revokeAllSessions, revokeOwnSession } from "../data/account-sessions";
import { loadMe } from "../data/me";
import { revokeSessionsInRooms } from "../data/room-revocation";
import type { AppEnv } from "../env";
import { notFound } from "../lib/api-error";
import { logIn } from "../lib/log-in";
import { SESSION_COOKIE } from "../lib/session-token";
import { valid } from "../lib/validate";
import { clientIp, ipShield } from "../middleware/ip-shield";
import { requireSession } from "../middleware/session";
import { passkeyRoutes } from "./passkeys";

export const authRoutes = new Hono<AppEnv>()
  .post("/login", ipShield, valid("json", loginSchema), async (c) => {
    const { email, password } = c.req.valid("json");
    const person = await checkLogin(c.var.db, email, password, clientIp(c));
    return c.json(await logIn(c, person.id));
  })
  .post("/logout", requireSession, async (c) => {
    const { personId, sessionId } = c.var.session;
    await revokeSession(c.var.db, sessionId);
    // Awaited, so the logout answers once the rooms have closed this session's sockets.
    await revokeSessionsInRooms(c.env, personId, [sessionId]);
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.json({ ok: true });
  })
  .get("/me", requireSession, async (c) => {
    const me = await loadMe(c.env, c.var.db, c.var.session.personId);
    if (!me) throw notFound("Person");
    return c.json(me);
  })
  .post("/password", ipShield, requireSession, valid("json", changePasswordSchema), async (c) => {
    const { currentPassword, newPassword } = c.req.valid("json");
    const { personId, sessionId } = c.var.session;
    const ip = clientIp(c);
    const ended = await changePassword(c.var.db, personId, sessionId, currentPassword, newPassword, ip);
    await revokeSessionsInRooms(c.env, personId, ended);
    return c.json({ ok: true });
  })
  .get("/sessions", requireSession, async (c) => {
    const { personId, sessionId } = c.var.session;
    return c.json({ sessions: await listSessions(c.var.db, personId, sessionId) });
  })
  .post("/sessions/:id/revoke", requireSession, async (c) => {
    const { personId, sessionId } = c.var.session;
    const id = c.req.param("id");
    await revokeOwnSession(c.var.db, personId, id);
    await revokeSessionsInRooms(c.env, personId, [id]);
    // Ending the session this request came with is a logout: its cookie goes too.
    if (id === sessionId) deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.json({ ok: true });
  })
  .post("/sign-out-everywhere", requireSession, async (c) => {
    const { personId } = c.var.session;
    const ended = await revokeAllSessions(c.var.db, personId);
    await revokeSessionsInRooms(c.env, personId, ended);
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.json({ ok: true });
  })
  .route("/passkeys", passkeyRoutes);
