import { and, eq, gt, isNull } from "drizzle-orm";
import { sessions } from "../../schema/db/tables";
import type { Db } from "../env";
import { newId } from "./ids";
import { signToken, verifyToken } from "./signed-token";

export const SESSION_COOKIE = "chibo_session";
export const SESSION_TTL_SECONDS = 14 * 24 * 3600;

export function sessionSecret(env: Cloudflare.Env): string {
  const secret = env.SESSION_SECRET;
  if (!secret || secret.length < 16) throw new Error("SESSION_SECRET is not configured (16+ characters)");
  return secret;
}

export async function createSession(db: Db, env: Cloudflare.Env, personId: string) {
  const id = newId();
  const exp = Math.floor(Date.now() / 1000) + SESSION_TTL_SECONDS;
  await db.insert(sessions).values({ id, personId, expiresAt: new Date(exp * 1000).toISOString() });
  return { id, token: await signToken({ sid: id, pid: personId, exp }, sessionSecret(env)), maxAge: SESSION_TTL_SECONDS };
}

/** A token is good when its signature and expiry hold and its session row is neither revoked nor expired. */
export async function readSession(db: Db, env: Cloudflare.Env, token: string) {
  const payload = await verifyToken(token, sessionSecret(env));
  if (!payload || typeof payload.sid !== "string" || typeof payload.pid !== "string") return null;
  const row = await db
    .select({ id: sessions.id })
    .from(sessions)
    .where(
      and(
        eq(sessions.id, payload.sid),
        eq(sessions.personId, payload.pid),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, new Date().toISOString()),
      ),
    )
    .get();
  return row ? { sessionId: payload.sid, personId: payload.pid } : null;
}
