import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { AppEnv, SessionPerson } from "../env";
import { unauthorized } from "../lib/api-error";
import { readSession, SESSION_COOKIE, verifySessionToken } from "../lib/session-token";

/**
 * The one place that decides which credential authenticates a request; the session checks and the CSRF check in
 * app.ts both read it. A well-formed `Authorization: Bearer <token>` wins and the cookie is then never read (an
 * invalid bearer is a 401, not a fall back to the cookie). Any other Authorization header (`Basic`, which a
 * browser adds by itself to a cross-site form post once a proxy asked for it, or a malformed Bearer) is not ours
 * and leaves the cookie in charge, so it cannot switch the CSRF check off.
 */
export function credentialOf(c: Context<AppEnv>): { token: string; via: SessionPerson["via"] } | null {
  const bearer = c.req.header("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer) return { token: bearer, via: "bearer" };
  const cookie = getCookie(c, SESSION_COOKIE);
  return cookie ? { token: cookie, via: "cookie" } : null;
}

function sessionToken(c: Context<AppEnv>): { token: string; via: SessionPerson["via"] } {
  const credential = credentialOf(c);
  if (!credential) throw unauthorized();
  return credential;
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
  const session = await readSession(c.env, token);
  if (!session) throw unauthorized();
  c.set("session", { ...session, via });
  await next();
});
