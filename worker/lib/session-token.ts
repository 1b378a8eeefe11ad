import { and, eq, gt, isNull } from "drizzle-orm";
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

/** The session a token names, if its signature and expiry hold (the row is still to be checked). */
export async function verifySessionToken(
  env: Cloudflare.Env,
  token: string,
): Promise<{ sessionId: string; personId: string } | null> {
  const payload = await verifyToken(token, configOf(env).sessionSecret);
  if (!payload || typeof payload.sid !== "string" || typeof payload.pid !== "string") return null;
  return { sessionId: payload.sid, personId: payload.pid };
}

/** The session's row while it is neither revoked nor expired: no row, no session. */
export function liveSessionQuery(db: Db, s: { sessionId: string; personId: string }) {
  return db
    .select({ id: sessions.id })
    .from(sessions)
    .where(
      and(
        eq(sessions.id, s.sessionId),
        eq(sessions.personId, s.personId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, new Date().toISOString()),
      ),
    )
    .limit(1);
}

/** A token is good when its signature and expiry hold and its session row is neither revoked nor expired. */
export async function readSession(db: Db, env: Cloudflare.Env, token: string) {
  const s = await verifySessionToken(env, token);
  if (!s) return null;
  const rows = await liveSessionQuery(db, s);
  return rows.length ? s : null;
}
