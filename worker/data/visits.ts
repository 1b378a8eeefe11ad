/**
 * Visit plans: queries scoped by tenant, and the loop that closes them from what the room recorded.
 * `closeVisitLoop` runs before plans are read (list, report): it links plans to their branch's meeting of
 * the month, invites the leader to that meeting (so they get a room ticket), marks a plan attended when
 * the room holds a trace of the leader in that meeting (presence, evaluation, note or speech), and missed
 * when the meeting ended (or was cancelled, or the month passed with no meeting) without them. Every
 * statement is idempotent. A guest leader who joins and stays silent still leaves a trace: the room writes
 * a `present_remote` attendance row for a guest on connect (party/logic/attendance.ts); reports leave guests
 * out of members' attendance.
 */
import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { VisitStatus, VisitView } from "../../schema/api/visits";
import { vnThisMonth } from "../../schema/calendar";
import { meetingGuests, meetings, organizations, people, visitPlans } from "../../schema/db/tables";
import type { Db } from "../env";
import { leaderPool } from "./leader-pool";
import { LEADER_GUEST_TITLE, visitLoopQueries } from "./reports/queries";

export { LEADER_GUEST_TITLE };
/** Raw D1 statements (drizzle cannot batch raw SQL), in one transaction. */
/** `todayMonth` (YYYY-MM) defaults to the current month on Vietnam's clock; reports pass their own. */
export async function closeVisitLoop(d1: D1Database, tenantId: string, todayMonth = vnThisMonth()) {
  await d1.batch(visitLoopQueries(tenantId, todayMonth).map((q) => d1.prepare(q.sql).bind(...q.params)));
}

const leader = alias(people, "leader");
const viewColumns = {
  id: visitPlans.id,
  leaderPersonId: visitPlans.leaderPersonId,
  leaderName: leader.fullName,
  organizationId: visitPlans.organizationId,
  organizationName: organizations.name,
  month: visitPlans.month,
  meetingId: visitPlans.meetingId,
  meetingScheduledAt: meetings.scheduledAt,
  meetingStatus: meetings.status,
  status: visitPlans.status,
  movedToMeetingId: visitPlans.movedToMeetingId,
  movedFromPlanId: visitPlans.movedFromPlanId,
  notes: visitPlans.notes,
  createdAt: visitPlans.createdAt,
};

export interface VisitFilter {
  fromMonth: string;
  toMonth: string;
  leaderPersonId?: string;
  /** Plans of these branches only (a drill-down subtree). */
  organizationIds?: string[];
  status?: VisitStatus;
}

export async function listVisits(db: Db, tenantId: string, f: VisitFilter): Promise<VisitView[]> {
  const where: SQL[] = [
    eq(visitPlans.tenantId, tenantId),
    sql`${visitPlans.month} >= ${f.fromMonth}`,
    sql`${visitPlans.month} <= ${f.toMonth}`,
  ];
  if (f.leaderPersonId) where.push(eq(visitPlans.leaderPersonId, f.leaderPersonId));
  if (f.status) where.push(eq(visitPlans.status, f.status));
  const rows = await db
    .select(viewColumns)
    .from(visitPlans)
    .innerJoin(leader, eq(leader.id, visitPlans.leaderPersonId))
    .innerJoin(organizations, eq(organizations.id, visitPlans.organizationId))
    .leftJoin(meetings, eq(meetings.id, visitPlans.meetingId))
    .where(and(...where))
    .orderBy(asc(visitPlans.month), asc(organizations.name), asc(leader.fullName));
  const only = f.organizationIds ? new Set(f.organizationIds) : null;
  return only ? rows.filter((r) => only.has(r.organizationId)) : rows;
}

export async function getVisit(db: Db, tenantId: string, id: string): Promise<VisitView | undefined> {
  const [row] = await db
    .select(viewColumns)
    .from(visitPlans)
    .innerJoin(leader, eq(leader.id, visitPlans.leaderPersonId))
    .innerJoin(organizations, eq(organizations.id, visitPlans.organizationId))
    .leftJoin(meetings, eq(meetings.id, visitPlans.meetingId))
    .where(and(eq(visitPlans.tenantId, tenantId), eq(visitPlans.id, id)));
  return row;
}

export async function findOrganization(db: Db, tenantId: string, id: string) {
  const [row] = await db
    .select({ id: organizations.id, kind: organizations.kind, name: organizations.name })
    .from(organizations)
    .where(and(eq(organizations.tenantId, tenantId), eq(organizations.id, id)));
  return row;
}

export async function findMeeting(db: Db, tenantId: string, id: string) {
  const [row] = await db
    .select({
      id: meetings.id,
      organizationId: meetings.organizationId,
      scheduledAt: meetings.scheduledAt,
      status: meetings.status,
    })
    .from(meetings)
    .where(and(eq(meetings.tenantId, tenantId), eq(meetings.id, id)));
  return row;
}

/** The branch's next meeting still to be held, after `afterUtc`. */
export async function nextMeeting(db: Db, tenantId: string, organizationId: string, afterUtc: string) {
  const [row] = await db
    .select({
      id: meetings.id,
      organizationId: meetings.organizationId,
      scheduledAt: meetings.scheduledAt,
      status: meetings.status,
    })
    .from(meetings)
    .where(
      and(
        eq(meetings.tenantId, tenantId),
        eq(meetings.organizationId, organizationId),
        inArray(meetings.status, ["planned", "live"]),
        sql`${meetings.scheduledAt} > ${afterUtc}`,
      ),
    )
    .orderBy(asc(meetings.scheduledAt))
    .limit(1);
  return row;
}

/** A live duplicate: the same leader, branch and month, not moved away. */
export async function findDuplicate(
  db: Db,
  tenantId: string,
  leaderPersonId: string,
  organizationId: string,
  month: string,
) {
  const [row] = await db
    .select({ id: visitPlans.id })
    .from(visitPlans)
    .where(
      and(
        eq(visitPlans.tenantId, tenantId),
        eq(visitPlans.leaderPersonId, leaderPersonId),
        eq(visitPlans.organizationId, organizationId),
        eq(visitPlans.month, month),
        sql`${visitPlans.status} != 'moved'`,
      ),
    );
  return row;
}

/** The leader as a guest of the meeting, so the room lets them in; a no-op when already invited. */
export const inviteLeader = (db: Db, tenantId: string, meetingId: string, personId: string) =>
  db.insert(meetingGuests).values({ tenantId, meetingId, personId, title: LEADER_GUEST_TITLE }).onConflictDoNothing();

/** People a committee can pick as leaders (worker/data/leader-pool.ts), by the name on their account. */
export async function leaderOptions(db: Db, tenantId: string) {
  const rows = await db.all<{ personId: string; fullName: string; email: string | null }>(sql`
    SELECT p.id AS personId, p.full_name AS fullName, p.email AS email FROM people p
    WHERE p.id IN (${leaderPool(tenantId)})
    ORDER BY p.full_name`);
  return rows;
}
