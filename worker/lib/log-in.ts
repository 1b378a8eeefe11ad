/**
 * What every way of logging in ends with (password at /login, passkey at /passkeys/login/verify): a new session, its
 * HttpOnly cookie for the browser, the audit row, and the answer `{ token, me }` (the token for bearer clients).
 */
import type { Context } from "hono";
import { setCookie } from "hono/cookie";
import { auditLogin } from "../data/account";
import { loadMe } from "../data/me";
import type { AppEnv } from "../env";
import { createSession, SESSION_COOKIE } from "./session-token";

export async function logIn(c: Context<AppEnv>, personId: string) {
  const db = c.var.db;
  const session = await createSession(db, c.env, personId);
  setCookie(c, SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: "Strict",
    secure: new URL(c.req.url).protocol === "https:",
    path: "/",
    maxAge: session.maxAge,
  });
  await auditLogin(db, personId, session.id);
  return { token: session.token, me: await loadMe(c.env, db, personId) };
}
