import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { unauthorized } from "../lib/api-error";
import { readSession, SESSION_COOKIE } from "../lib/session-token";
import type { AppEnv } from "../env";

/** Requires a valid session from the `Authorization: Bearer` header or the HttpOnly cookie. */
export const requireSession = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header("authorization");
  const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const token = bearer ?? getCookie(c, SESSION_COOKIE);
  if (!token) throw unauthorized();
  const session = await readSession(c.var.db, c.env, token);
  if (!session) throw unauthorized();
  c.set("session", { ...session, via: bearer ? "bearer" : "cookie" });
  await next();
});
