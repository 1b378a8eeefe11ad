/**
 * The closed meeting page's answer: the record (./meetings-record.ts), whether all of it has reached D1, the leader
 * notes the caller may read, and what links to it (approved minutes, resolution). Tenant-scoped.
 */
import { and, desc, eq, or } from "drizzle-orm";
import { getServerByName } from "partyserver";
import type { MeetingRecordAnswer } from "../../schema/api/meetings";
import { leaderNotes, minutes, people, resolutions } from "../../schema/db/tables";
import type { Db, TenantAccess } from "../env";
import type { MeetingRow } from "./meetings";
import { getRecord } from "./meetings-record";
import { nameHere } from "./record-names";

/**
 * Who reads a leader's shared notes: the room's rule (party/logic/leader.ts `canSeeNote`) — the chair, the
 * minutes-taker, the committee's own staff (the room's observers) and the branch committee. Never a plain member,
 * never the province's staff reading down (they hold no seat in the room either). The author always reads their own.
 */
export function seesSharedNotes(access: TenantAccess, personId: string, meeting: MeetingRow): boolean {
  if (access.role !== null && !access.roleFromProvince) return true;
  if (personId === meeting.chairPersonId || personId === meeting.minutesTakerPersonId) return true;
  const role = access.memberships.get(meeting.organizationId)?.branchRole;
  return role === "secretary" || role === "deputy" || role === "committee";
}

/**
 * Complete = closed in D1 and the room owes D1 nothing (party/delivery.ts). Saving = the room has closed (or D1 has)
 * and something is still on its way. A room that cannot be asked counts as still saving: the page asks again.
 */
export async function recordDelivery(env: Cloudflare.Env, meeting: MeetingRow) {
  if (meeting.status !== "live" && meeting.status !== "closed") return { complete: false, saving: false };
  try {
    const room = await getServerByName(env.MeetingRoom, meeting.id);
    const { closed, owed } = await room.delivery();
    if (meeting.status === "closed") return { complete: owed === 0, saving: owed > 0 };
    return { complete: false, saving: closed };
  } catch (err) {
    console.error(`record delivery of ${meeting.id}: the room did not answer`, err);
    return { complete: false, saving: meeting.status === "closed" };
  }
}

export async function getRecordAnswer(
  env: Cloudflare.Env,
  db: Db,
  access: TenantAccess,
  personId: string,
  meeting: MeetingRow,
): Promise<MeetingRecordAnswer> {
  const tenantId = access.tenantId;
  const sharedToo = seesSharedNotes(access, personId, meeting);
  const [record, delivery, [notes, approved, resolution]] = await Promise.all([
    getRecord(db, tenantId, meeting.id),
    recordDelivery(env, meeting),
    db.batch([
      db
        .select({
          id: leaderNotes.id,
          personId: leaderNotes.personId,
          fullName: nameHere(tenantId, leaderNotes.personId, people.fullName),
          agendaItemId: leaderNotes.agendaItemId,
          body: leaderNotes.body,
          shared: leaderNotes.sharedWithCommittee,
          updatedAt: leaderNotes.updatedAt,
        })
        .from(leaderNotes)
        .innerJoin(people, eq(people.id, leaderNotes.personId))
        .where(
          and(
            eq(leaderNotes.tenantId, tenantId),
            eq(leaderNotes.meetingId, meeting.id),
            sharedToo
              ? or(eq(leaderNotes.personId, personId), eq(leaderNotes.sharedWithCommittee, true))
              : eq(leaderNotes.personId, personId),
          ),
        )
        .orderBy(leaderNotes.updatedAt),
      db
        .select({ version: minutes.version, approvedAt: minutes.approvedAt })
        .from(minutes)
        .where(and(eq(minutes.tenantId, tenantId), eq(minutes.meetingId, meeting.id), eq(minutes.status, "approved")))
        .orderBy(desc(minutes.version))
        .limit(1),
      db
        .select({ id: resolutions.id, status: resolutions.status, number: resolutions.number, year: resolutions.year })
        .from(resolutions)
        .where(and(eq(resolutions.tenantId, tenantId), eq(resolutions.meetingId, meeting.id)))
        .limit(1),
    ]),
  ]);
  return {
    ...record,
    ...delivery,
    leaderNotes: notes,
    approvedMinutes: approved[0] ?? null,
    resolution: resolution[0] ?? null,
  };
}
