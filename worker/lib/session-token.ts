import { sessions } from "../../schema/db/tables";
import { configOf } from "../../server/config";
import { signToken, verifyToken } from "../../server/signed-token";
import type { Db } from "../env";
import { newId } from "./ids";

export const SESSION_COOKIE = "chibo_session";
export const SESSION_TTL_SECONDS = 14 * 24 * 3600;

export async function createSession(db: Db, env: Cloudflare.Env, personId: string) {
  const id = newId();
  const exp = Math.floor(Date.now() / 1000) + SESSION_TTL_SECONDS;
  await db.insert(sessions).values({ id, personId, expiresAt: new Date(exp * 1000).toISOString() });
  return {
    id,
    token: await signToken({ sid: id, pid: personId, exp }, configOf(env).sessionSecret),
    maxAge: SESSION_TTL_SECONDS,
  };
}

/**
 * Tokens whose signature this isolate has already checked, with what they say. A token is immutable, so its signature
 * holds or fails the same way every time; the expiry is still compared on every use, and the session row (revocation,
 * logout) is read on every request by the callers. Bounded: the oldest entry leaves first.
 */
const verified = new Map<string, { secret: string; sessionId: string; personId: string; exp: number }>();
const VERIFIED_MAX = 1000;

/** The session a token names, if its signature and expiry hold (the row is still to be checked). */
export async function verifySessionToken(
  env: Cloudflare.Env,
  token: string,
): Promise<{ sessionId: string; personId: string } | null> {
  const secret = configOf(env).sessionSecret;
  const known = verified.get(token);
  if (known && known.secret === secret) {
    return known.exp * 1000 < Date.now() ? null : { sessionId: known.sessionId, personId: known.personId };
  }
  const payload = await verifyToken(token, secret);
  if (!payload || typeof payload.sid !== "string" || typeof payload.pid !== "string") return null;
  if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value!);
  verified.set(token, { secret, sessionId: payload.sid, personId: payload.pid, exp: payload.exp as number });
  return { sessionId: payload.sid, personId: payload.pid };
}

/** The session's row is neither revoked nor expired: one statement written once (it runs on every request). */
const LIVE_SESSION_SQL =
  "select 1 as live from sessions where id = ? and person_id = ? and revoked_at is null and expires_at > ? limit 1";

/** Whether the session row is neither revoked nor expired (the token's signature is checked before). */
export async function sessionIsLive(directory: D1Database, s: { sessionId: string; personId: string }) {
  const row = await directory
    .prepare(LIVE_SESSION_SQL)
    .bind(s.sessionId, s.personId, new Date().toISOString())
    .first<{ live: number }>();
  return row !== null;
}

/** A token is good when its signature and expiry hold and its session row is neither revoked nor expired. */
export async function readSession(env: Cloudflare.Env, token: string) {
  const s = await verifySessionToken(env, token);
  if (!s) return null;
  return (await sessionIsLive(env.DB, s)) ? s : null;
}
