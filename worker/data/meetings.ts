/** Meeting queries, all scoped by tenant id. */
import { and, asc, count, eq, gte, inArray, lt, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { ListMeetingsQuery, Meeting, MeetingDetail } from "../../schema/api/meetings";
import { vnDayBounds, vnMonthBounds, vnToUtc } from "../../schema/calendar";
import {
  agendaItems,
  meetingDocuments,
  meetingGuests,
  meetings,
  memberships,
  organizations,
  people,
} from "../../schema/db/tables";
import { mayPlanBranch } from "../../schema/planning-rule";
import type { Db, TenantAccess } from "../env";
import { nameHere } from "./record-names";

const chair = alias(people, "chair");
const ROLE_ORDER = { secretary: 0, deputy: 1, committee: 2, member: 3 } as const;
const taker = alias(people, "taker");

const meetingColumns = {
  id: meetings.id,
  organizationId: meetings.organizationId,
  organizationName: organizations.name,
  kind: meetings.kind,
  topic: meetings.topic,
  scheduledAt: meetings.scheduledAt,
  place: meetings.place,
  format: meetings.format,
  onlineBasis: meetings.onlineBasis,
  status: meetings.status,
  chairPersonId: meetings.chairPersonId,
  // Each name is its own expression, so the result columns never share a name: D1 batches fold same-named columns
  // (two joined `full_name`s once shifted every later field of the list; test/worker/meetings-list-fields.test.ts).
  chairName: nameHere(meetings.tenantId, meetings.chairPersonId, chair.fullName),
  minutesTakerPersonId: meetings.minutesTakerPersonId,
  minutesTakerName: nameHere(meetings.tenantId, meetings.minutesTakerPersonId, taker.fullName),
  startedAt: meetings.startedAt,
  endedAt: meetings.endedAt,
  cancelReason: meetings.cancelReason,
  combined: meetings.combined,
  // Every answer built from these columns goes only to those who may see the meeting (visibleFilter,
  // meetingForRead): the call link is theirs to see, and nobody else's.
  mediaMode: meetings.mediaMode,
  mediaLink: meetings.mediaLink,
};

/** Which meetings the caller may see: staff all, members their branches', guests only their invitations. */
export function visibleFilter(access: TenantAccess): SQL | undefined {
  if (access.role) return undefined;
  const orgIds = [...access.memberships.keys()];
  const guestIds = [...access.guestMeetingIds];
  const parts: SQL[] = [];
  if (orgIds.length) parts.push(inArray(meetings.organizationId, orgIds));
  if (guestIds.length) parts.push(inArray(meetings.id, guestIds));
  return parts.length ? or(...parts) : sql`0`;
}

export const canSeeMeeting = (access: TenantAccess, m: { id: string; organizationId: string }) =>
  access.role !== null || access.memberships.has(m.organizationId) || access.guestMeetingIds.has(m.id);

/** Admins and organizers plan any branch's meetings; a branch's secretary and deputy plan their own. */
export const canPlanFor = (access: TenantAccess, organizationId: string) =>
  mayPlanBranch(access.role, access.memberships.get(organizationId)?.branchRole);

export async function listMeetings(db: Db, tenantId: string, access: TenantAccess, q: ListMeetingsQuery) {
  const conds: (SQL | undefined)[] = [eq(meetings.tenantId, tenantId), visibleFilter(access)];
  if (q.organizationId) conds.push(eq(meetings.organizationId, q.organizationId));
  if (q.status) conds.push(eq(meetings.status, q.status));
  if (q.month) {
    const { fromUtc, toUtc } = vnMonthBounds(q.month);
    conds.push(gte(meetings.scheduledAt, fromUtc), lt(meetings.scheduledAt, toUtc));
  }
  if (q.from) {
    conds.push(gte(meetings.scheduledAt, vnDayBounds(q.from, q.from).fromUtc));
  }
  if (q.to) {
    conds.push(lt(meetings.scheduledAt, vnDayBounds(q.to, q.to).toUtc));
  }
  const where = and(...conds);
  const [items, totals] = await db.batch([
    db
      .select(meetingColumns)
      .from(meetings)
      .innerJoin(organizations, eq(organizations.id, meetings.organizationId))
      .leftJoin(chair, eq(chair.id, meetings.chairPersonId))
      .leftJoin(taker, eq(taker.id, meetings.minutesTakerPersonId))
      .where(where)
      .orderBy(asc(meetings.scheduledAt), asc(meetings.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(meetings).where(where),
  ]);
  return { items: items as Meeting[], total: totals[0]?.n ?? 0 };
}

/** The bare row, for access checks before a write. */
export async function getMeetingRow(db: Db, tenantId: string, meetingId: string) {
  return db
    .select()
    .from(meetings)
    .where(and(eq(meetings.tenantId, tenantId), eq(meetings.id, meetingId)))
    .get();
}
export type MeetingRow = NonNullable<Awaited<ReturnType<typeof getMeetingRow>>>;

/** One meeting with its branch's name and the chair's and minutes taker's names, as a statement to run or batch. */
const meetingQuery = (db: Db, tenantId: string, meetingId: string) =>
  db
    .select(meetingColumns)
    .from(meetings)
    .innerJoin(organizations, eq(organizations.id, meetings.organizationId))
    .leftJoin(chair, eq(chair.id, meetings.chairPersonId))
    .leftJoin(taker, eq(taker.id, meetings.minutesTakerPersonId))
    .where(and(eq(meetings.tenantId, tenantId), eq(meetings.id, meetingId)));

export async function getMeeting(db: Db, tenantId: string, meetingId: string): Promise<Meeting | undefined> {
  return (await meetingQuery(db, tenantId, meetingId).get()) as Meeting | undefined;
}

const DAY_MS = 24 * 3600_000;
export const isLateDocument = (createdAt: string, scheduledAt: string) =>
  Date.parse(createdAt) > Date.parse(scheduledAt) - DAY_MS;

export async function getMeetingDetail(
  db: Db,
  tenantId: string,
  meetingId: string,
): Promise<MeetingDetail | undefined> {
  // One round trip: the roster's branch is the meeting's, read by a subquery, so nothing waits for the meeting row.
  const [meetingRows, agenda, documents, guests, roster] = await db.batch([
    meetingQuery(db, tenantId, meetingId),
    db
      .select({
        id: agendaItems.id,
        position: agendaItems.position,
        title: agendaItems.title,
        presenterPersonId: agendaItems.presenterPersonId,
        presenterName: nameHere(tenantId, agendaItems.presenterPersonId, people.fullName),
        minutesBudget: agendaItems.minutesBudget,
        kind: agendaItems.kind,
      })
      .from(agendaItems)
      .leftJoin(people, eq(people.id, agendaItems.presenterPersonId))
      .where(and(eq(agendaItems.tenantId, tenantId), eq(agendaItems.meetingId, meetingId)))
      .orderBy(asc(agendaItems.position)),
    db
      .select({
        id: meetingDocuments.id,
        title: meetingDocuments.title,
        body: meetingDocuments.body,
        url: meetingDocuments.url,
        createdAt: meetingDocuments.createdAt,
      })
      .from(meetingDocuments)
      .where(and(eq(meetingDocuments.tenantId, tenantId), eq(meetingDocuments.meetingId, meetingId)))
      .orderBy(asc(meetingDocuments.createdAt)),
    db
      .select({
        personId: meetingGuests.personId,
        fullName: people.fullName,
        login: people.email,
        title: meetingGuests.title,
      })
      .from(meetingGuests)
      .innerJoin(people, eq(people.id, meetingGuests.personId))
      .where(and(eq(meetingGuests.tenantId, tenantId), eq(meetingGuests.meetingId, meetingId)))
      .orderBy(asc(meetingGuests.createdAt)),
    // Who is expected: the branch's members in good standing (the live room's roster), names from the
    // committee's record. No contact columns are selected, so none can leak to a guest.
    db
      .select({ personId: memberships.personId, fullName: memberships.fullName, branchRole: memberships.branchRole })
      .from(memberships)
      .where(
        and(
          eq(memberships.tenantId, tenantId),
          sql`${memberships.organizationId} = (select ${meetings.organizationId} from ${meetings} where ${meetings.tenantId} = ${tenantId} and ${meetings.id} = ${meetingId})`,
          eq(memberships.standing, "active"),
        ),
      ),
  ]);
  const meeting = meetingRows[0] as Meeting | undefined;
  if (!meeting) return undefined;
  const docs = documents.map((d) => ({ ...d, late: isLateDocument(d.createdAt, meeting.scheduledAt) }));
  return {
    ...meeting,
    agenda,
    documents: docs,
    // A guest's login e-mail is theirs, not the committee's: every reader of the meeting (its members, other guests)
    // learns only whether the guest has taken the invitation.
    // The shard's mirror of an account carries its login e-mail (never a credential): set once the guest took the
    // invitation with an e-mail and password (worker/data/invitation-slots.ts).
    guests: guests.map(({ login, ...g }) => ({ ...g, email: null, canLogIn: login !== null })),
    lateDocuments: docs.some((d) => d.late),
    expected: roster.sort(
      (a, b) => ROLE_ORDER[a.branchRole] - ROLE_ORDER[b.branchRole] || a.fullName.localeCompare(b.fullName, "vi"),
    ),
  };
}

/** Of these people, the ones who are members of the branch. */
export async function branchMemberIds(db: Db, tenantId: string, organizationId: string, personIds: string[]) {
  if (personIds.length === 0) return new Set<string>();
  const rows = await db
    .select({ personId: memberships.personId })
    .from(memberships)
    .where(
      and(
        eq(memberships.tenantId, tenantId),
        eq(memberships.organizationId, organizationId),
        inArray(memberships.personId, personIds),
      ),
    );
  return new Set(rows.map((r) => r.personId));
}

/** Regular and thematic meetings of a branch in a year (Vietnam clock), cancelled ones left out. */
export async function branchYearMeetings(db: Db, tenantId: string, organizationId: string, year: number) {
  return db
    .select({ kind: meetings.kind, scheduledAt: meetings.scheduledAt })
    .from(meetings)
    .where(
      and(
        eq(meetings.tenantId, tenantId),
        eq(meetings.organizationId, organizationId),
        gte(meetings.scheduledAt, vnToUtc(year, 1, 1)),
        lt(meetings.scheduledAt, vnToUtc(year + 1, 1, 1)),
        sql`${meetings.status} <> 'cancelled'`,
      ),
    );
}

export async function getOrganizationForMeetings(db: Db, tenantId: string, organizationId: string) {
  return db
    .select({ id: organizations.id, kind: organizations.kind, name: organizations.name })
    .from(organizations)
    .where(and(eq(organizations.tenantId, tenantId), eq(organizations.id, organizationId)))
    .get();
}
