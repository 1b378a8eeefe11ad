import { sessions } from "../../schema/db/tables";
import { configOf } from "../../server/config";
import { signToken, VerifiedTokens } from "../../server/signed-token";
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

/** Session tokens whose signature this isolate has already checked (the row is still read on every request). */
const verified = new VerifiedTokens<{ sessionId: string; personId: string }>(1000);

/** The session a token names, if its signature and expiry hold (the row is still to be checked). */
export async function verifySessionToken(
  env: Cloudflare.Env,
  token: string,
): Promise<{ sessionId: string; personId: string } | null> {
  return verified.verify(token, configOf(env).sessionSecret, (payload) =>
    typeof payload.sid === "string" && typeof payload.pid === "string"
      ? { sessionId: payload.sid, personId: payload.pid }
      : null,
  );
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
