import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { AppEnv, SessionPerson } from "../env";
import { unauthorized } from "../lib/api-error";
import { readSession, SESSION_COOKIE, verifySessionToken } from "../lib/session-token";

/** The session token from the `Authorization: Bearer` header or the HttpOnly cookie. */
function sessionToken(c: Context<AppEnv>): { token: string; via: SessionPerson["via"] } {
  const header = c.req.header("authorization");
  const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const token = bearer ?? getCookie(c, SESSION_COOKIE);
  if (!token) throw unauthorized();
  return { token, via: bearer ? "bearer" : "cookie" };
}

/** The caller named by a well-signed, unexpired token; its session row is checked by the caller of this. */
export async function signedSession(c: Context<AppEnv>): Promise<SessionPerson> {
  const { token, via } = sessionToken(c);
  const s = await verifySessionToken(c.env, token);
  if (!s) throw unauthorized();
  return { ...s, via };
}

/** Requires a valid session from the `Authorization: Bearer` header or the HttpOnly cookie. */
export const requireSession = createMiddleware<AppEnv>(async (c, next) => {
  const { token, via } = sessionToken(c);
  const session = await readSession(c.var.db, c.env, token);
  if (!session) throw unauthorized();
  c.set("session", { ...session, via });
  await next();
});
