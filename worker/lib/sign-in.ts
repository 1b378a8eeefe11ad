/** Starting a session on this device: the signed token as an httpOnly cookie, and as the answer's bearer token. */
import type { Context } from "hono";
import { setCookie } from "hono/cookie";
import type { AppEnv } from "../env";
import { createSession, SESSION_COOKIE } from "./session-token";

export async function signIn(c: Context<AppEnv>, personId: string) {
  const session = await createSession(c.var.db, c.env, personId);
  setCookie(c, SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: "Strict",
    secure: new URL(c.req.url).protocol === "https:",
    path: "/",
    maxAge: session.maxAge,
  });
  return session;
}
