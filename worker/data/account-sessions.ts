/**
 * A person's own sessions, for the account page: the live ones listed, one ended, or all of them ("sign out
 * everywhere"). Sessions are global (one person across committees), so these take the person, never a tenant, and
 * every statement is scoped by that person: another person's session id matches no row and answers 404.
 */
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { sessions } from "../../schema/db/tables";
import type { Db } from "../env";
import { notFound } from "../lib/api-error";
import { auditInsert } from "../lib/audit";

const liveOf = (personId: string) =>
  and(eq(sessions.personId, personId), isNull(sessions.revokedAt), gt(sessions.expiresAt, new Date().toISOString()));

/** The person's sessions neither revoked nor expired, newest first, the current one marked. */
export async function listSessions(db: Db, personId: string, currentId: string) {
  const rows = await db
    .select({ id: sessions.id, createdAt: sessions.createdAt, expiresAt: sessions.expiresAt })
    .from(sessions)
    .where(liveOf(personId))
    .orderBy(desc(sessions.createdAt), sessions.id);
  return rows.map((r) => ({ ...r, current: r.id === currentId }));
}

/** Ends one live session of this person; another person's id (or an ended one) is 404 and changes nothing. */
export async function revokeOwnSession(db: Db, personId: string, sessionId: string) {
  const ended = await db
    .update(sessions)
    .set({ revokedAt: new Date().toISOString() })
    .where(and(eq(sessions.id, sessionId), liveOf(personId)))
    .returning({ id: sessions.id });
  if (ended.length === 0) throw notFound("Session");
  await auditInsert(db, { tenantId: null, personId, action: "revoke_session", entity: "session", entityId: sessionId });
}

/** Ends every live session of the person, the current one too; answers their ids for the rooms to close. */
export async function revokeAllSessions(db: Db, personId: string) {
  const ended = await db
    .update(sessions)
    .set({ revokedAt: new Date().toISOString() })
    .where(liveOf(personId))
    .returning({ id: sessions.id });
  await auditInsert(db, {
    tenantId: null,
    personId,
    action: "sign_out_everywhere",
    entity: "person",
    entityId: personId,
    detail: { sessions: ended.length },
  });
  return ended.map((r) => r.id);
}
