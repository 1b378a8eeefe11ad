import { and, asc, count, eq, inArray, ne, or, type SQL, sql } from "drizzle-orm";
import type { ListMembersQuery, Member } from "../../schema/api/members";
import { vnToday } from "../../schema/calendar";
import { meetingGuests, memberships, organizations, tenantRoles } from "../../schema/db/tables";
import { foldForSearch } from "../../schema/text";
import type { Db } from "../env";
import { notFound } from "../lib/api-error";
import { exemptOn } from "./organizations";

const memberColumns = {
  membershipId: memberships.id,
  // Not people.id: D1 folds result columns of the same name ("id"), shifting every column after it.
  personId: memberships.personId,
  // The committee's own record of the member (never the account's data, which another committee may share).
  fullName: memberships.fullName,
  email: memberships.email,
  phone: memberships.phone,
  birthYear: memberships.birthYear,
  linkedAt: memberships.linkedAt,
  organizationId: memberships.organizationId,
  organizationName: organizations.name,
  status: memberships.status,
  probationStart: memberships.probationStart,
  branchRole: memberships.branchRole,
  standing: memberships.standing,
  exemptReason: memberships.exemptReason,
  exemptFrom: memberships.exemptFrom,
  exemptTo: memberships.exemptTo,
};
type MemberRow = Omit<Member, "exemption"> & {
  exemptReason: string | null;
  exemptFrom: string | null;
  exemptTo: string | null;
};

function toMember(r: MemberRow): Member {
  const { exemptReason, exemptFrom, exemptTo, ...rest } = r;
  return {
    ...rest,
    exemption: exemptReason && exemptFrom ? { reason: exemptReason, from: exemptFrom, to: exemptTo } : null,
  };
}

const membersJoin = (db: Db) =>
  db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(
      organizations,
      and(eq(organizations.id, memberships.organizationId), eq(organizations.tenantId, memberships.tenantId)),
    );

/** `%`, `_` and `\` typed by a user match themselves in LIKE. */
const likeContains = (s: string) => `%${s.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/**
 * A page of the tenant's members, by folded name. `visibleOrgIds` limits a plain member to their own branches; staff pass
 * null. `q` matches the folded name (so "nguyen van duc" finds "Nguyễn Văn Đức") or the e-mail.
 */
export async function listMembers(
  db: Db,
  tenantId: string,
  query: ListMembersQuery,
  visibleOrgIds: string[] | null,
  today?: string,
) {
  const where: SQL[] = [eq(memberships.tenantId, tenantId)];
  if (visibleOrgIds) where.push(inArray(memberships.organizationId, visibleOrgIds.length ? visibleOrgIds : [""]));
  if (query.organizationId) {
    // A committee's id lists the members of every branch under it.
    where.push(
      inArray(
        memberships.organizationId,
        db
          .select({ id: organizations.id })
          .from(organizations)
          .where(
            and(
              eq(organizations.tenantId, tenantId),
              or(eq(organizations.id, query.organizationId), eq(organizations.parentId, query.organizationId)),
            ),
          ),
      ),
    );
  }
  // Today's date only when the filter needs it: reading Vietnam's clock through Intl showed in every search's profile.
  if (query.status === "exempt") where.push(exemptOn(today ?? vnToday()));
  else if (query.status) where.push(eq(memberships.status, query.status));
  // Folded name and e-mail live on the membership (search_text, indexed with the tenant): the page reads that
  // index in name order and the count reads nothing else, with no join to people for either.
  const q = query.q ? foldForSearch(query.q) : "";
  if (q) where.push(sql`${memberships.searchText} like ${likeContains(q)} escape '\\'`);
  const condition = and(...where);
  const [rows, totals] = await db.batch([
    membersJoin(db)
      .where(condition)
      .orderBy(asc(memberships.searchText), asc(memberships.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: count() }).from(memberships).where(condition),
  ]);
  return { items: rows.map((r) => toMember(r)), total: totals[0]?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

export async function getMember(db: Db, tenantId: string, membershipId: string): Promise<Member | null> {
  const row = await membersJoin(db)
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.id, membershipId)))
    .get();
  return row ? toMember(row) : null;
}

/** The member, or the envelope's 404 when the membership is not this tenant's. */
export async function memberOr404(db: Db, tenantId: string, membershipId: string): Promise<Member> {
  const member = await getMember(db, tenantId, membershipId);
  if (!member) throw notFound("Member");
  return member;
}

/** The secretary of a branch other than `exceptMembershipId`, if any: a branch has at most one. */
export async function otherSecretary(db: Db, tenantId: string, organizationId: string, exceptMembershipId = "") {
  return db
    .select({ id: memberships.id })
    .from(memberships)
    .where(
      and(
        eq(memberships.tenantId, tenantId),
        eq(memberships.organizationId, organizationId),
        eq(memberships.branchRole, "secretary"),
        ne(memberships.id, exceptMembershipId),
      ),
    )
    .get();
}

/**
 * Whether the person stands in any tenant other than this one. A committee may change a person's name,
 * e-mail or password only when the person is theirs alone: otherwise one committee could take over the
 * account of a leader or member of another (change the e-mail, then set a password).
 */
export async function standsElsewhere(db: Db, tenantId: string, personId: string): Promise<boolean> {
  const [m, r, g] = await db.batch([
    db
      .select({ x: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.personId, personId), ne(memberships.tenantId, tenantId)))
      .limit(1),
    db
      .select({ x: tenantRoles.personId })
      .from(tenantRoles)
      .where(and(eq(tenantRoles.personId, personId), ne(tenantRoles.tenantId, tenantId)))
      .limit(1),
    db
      .select({ x: meetingGuests.personId })
      .from(meetingGuests)
      .where(and(eq(meetingGuests.personId, personId), ne(meetingGuests.tenantId, tenantId)))
      .limit(1),
  ]);
  return m.length + r.length + g.length > 0;
}
