/**
 * Tells the live rooms when someone's access ends, so an open socket does not outlive it (party/revocation.ts):
 * sessions signed out (logout, a password change or one set by the committee) and a member's seat lost (standing
 * no longer active). The rooms are found in D1: planned or live meetings of the person's branches and of the
 * meetings they are a guest of, and the live meetings of tenants where they hold a role (observer). Also a branch's
 * roster changed in the console (a member added, made official, renamed, exempted or not): its open rooms take
 * D1's roster again (the `roster` notice), so a live meeting's counts and vote base follow at once. Each is a
 * Durable Object RPC (`MeetingRoom.revoke`), in parallel; a room that fails to answer never fails the request.
 */
import { and, eq, inArray } from "drizzle-orm";
import { getServerByName } from "partyserver";
import type { RevokeNotice } from "../../party/revocation";
import { meetingGuests, meetings, memberships, tenantRoles } from "../../schema/db/tables";
import type { Db } from "../env";
import { everyShard } from "../lib/shards";

const open = inArray(meetings.status, ["planned", "live"]);

/** Every room a person may hold a socket in, in any tenant of one shard. */
async function roomsOfPersonIn(db: Db, personId: string): Promise<string[]> {
  const [asMember, asGuest, asRole] = await db.batch([
    db
      .select({ id: meetings.id })
      .from(meetings)
      .innerJoin(
        memberships,
        and(eq(memberships.tenantId, meetings.tenantId), eq(memberships.organizationId, meetings.organizationId)),
      )
      .where(and(eq(memberships.personId, personId), open)),
    db
      .select({ id: meetings.id })
      .from(meetings)
      .innerJoin(
        meetingGuests,
        and(eq(meetingGuests.tenantId, meetings.tenantId), eq(meetingGuests.meetingId, meetings.id)),
      )
      .where(and(eq(meetingGuests.personId, personId), open)),
    db
      .select({ id: meetings.id })
      .from(meetings)
      .innerJoin(tenantRoles, eq(tenantRoles.tenantId, meetings.tenantId))
      .where(and(eq(tenantRoles.personId, personId), eq(meetings.status, "live"))),
  ]);
  return [...new Set([...asMember, ...asGuest, ...asRole].map((r) => r.id))];
}

/** Every room a person may hold a socket in, in any tenant: sessions are global, so every shard is asked. */
async function roomsOfPerson(env: Cloudflare.Env, personId: string): Promise<string[]> {
  return (await Promise.all(everyShard(env).map((shard) => roomsOfPersonIn(shard.db, personId)))).flat();
}

/** The rooms of the branches where the person is a member of this tenant (planned or live). */
async function roomsOfSeat(db: Db, tenantId: string, personId: string): Promise<string[]> {
  const rows = await db
    .select({ id: meetings.id })
    .from(meetings)
    .innerJoin(
      memberships,
      and(eq(memberships.tenantId, meetings.tenantId), eq(memberships.organizationId, meetings.organizationId)),
    )
    .where(and(eq(meetings.tenantId, tenantId), eq(memberships.personId, personId), open));
  return [...new Set(rows.map((r) => r.id))];
}

async function tell(env: Cloudflare.Env, meetingIds: string[], notice: RevokeNotice) {
  const results = await Promise.allSettled(
    meetingIds.map(async (id) => (await getServerByName(env.MeetingRoom, id)).revoke(notice)),
  );
  for (const r of results) {
    if (r.status === "rejected") console.error("room revocation failed", r.reason);
  }
}

/** These sessions of the person ended: their room sockets close (4401) and their tickets stop opening rooms. */
export async function revokeSessionsInRooms(env: Cloudflare.Env, personId: string, sessionIds: string[]) {
  if (sessionIds.length === 0) return;
  await tell(env, await roomsOfPerson(env, personId), { kind: "sessions", personId, sessionIds });
}

/**
 * A member's standing changed in this tenant. Not active any more (suspended, transferred, detained): their
 * sockets in its rooms close (4403), and the rosters refresh either way (a reinstated member is back at once).
 */
export async function standingChangedInRooms(
  env: Cloudflare.Env,
  db: Db,
  tenantId: string,
  personId: string,
  active: boolean,
) {
  const rooms = await roomsOfSeat(db, tenantId, personId);
  await tell(env, rooms, active ? { kind: "roster", tenantId } : { kind: "seat", tenantId, personId });
}

/** The planned or live meetings of these branches of the tenant. */
async function roomsOfBranches(db: Db, tenantId: string, organizationIds: string[]): Promise<string[]> {
  if (organizationIds.length === 0) return [];
  const rows = await db
    .select({ id: meetings.id })
    .from(meetings)
    .where(and(eq(meetings.tenantId, tenantId), inArray(meetings.organizationId, organizationIds), open));
  return rows.map((r) => r.id);
}

/**
 * What a branch's open rooms read from D1 changed in the console, without anyone losing their seat: the roster (a
 * member added or imported, probationary made official, an exemption set or lifted, a name or role edited) or the
 * last resolution's task reviews (marked through the API). The branch's open rooms, planned or live, read D1 again
 * (the room's `refreshRoster` reloads both); a member made official may vote in the next vote.
 */
export async function reloadBranchRooms(env: Cloudflare.Env, db: Db, tenantId: string, organizationIds: string[]) {
  const rooms = await roomsOfBranches(db, tenantId, [...new Set(organizationIds)]);
  await tell(env, rooms, { kind: "roster", tenantId });
}
