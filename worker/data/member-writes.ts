/** Writes to member records: create, edit, exemptions. Scoped by tenant, each with its audit row. */
import { and, eq } from "drizzle-orm";
import type { CreateMember, Exemption, UpdateMember } from "../../schema/api/members";
import { MEETING_KINDS } from "../../schema/api/organizations";
import { memberships, people } from "../../schema/db/tables";
import { foldForSearch, memberSearchText } from "../../schema/text";
import type { Db } from "../env";
import { badRequest, conflict, notFound } from "../lib/api-error";
import { auditInsert } from "../lib/audit";
import { newId } from "../lib/ids";
import { memberOr404, otherSecretary } from "./members";
import { getOrganization } from "./organizations";

const secretaryTaken = () => conflict("Chi bộ đã có bí thư / The branch already has a secretary");

/**
 * The empty account a committee makes for a record it adds: no e-mail, no password, nobody else's. Its holder fills
 * it in by redeeming the record's invitation (worker/data/invitation-redeem.ts), or their own account replaces it.
 */
export const emptyAccount = (db: Db, id: string, fullName: string) =>
  db.insert(people).values({ id, email: null, fullName, searchName: foldForSearch(fullName), passwordHash: null });

/** Whether one of the branch's records already has this contact e-mail (the committee's own data, nobody else's). */
async function branchHasEmail(db: Db, tenantId: string, organizationId: string, email: string) {
  const row = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(
      and(
        eq(memberships.tenantId, tenantId),
        eq(memberships.organizationId, organizationId),
        eq(memberships.email, email),
      ),
    )
    .get();
  return row !== undefined;
}

/**
 * Adds a member record to a branch; answers the new membership's id. The e-mail is the committee's contact address,
 * looked up nowhere: the record joins a login only when its invitation is redeemed (docs/identity.md).
 */
export async function createMember(db: Db, tenantId: string, actorId: string, body: CreateMember): Promise<string> {
  const org = await getOrganization(db, tenantId, body.organizationId);
  if (!org) throw notFound("Organization");
  if (!MEETING_KINDS.includes(org.kind)) {
    throw badRequest("Đảng viên sinh hoạt ở chi bộ, không ở đảng bộ / Members belong to a branch, not a committee", [
      { path: "organizationId", message: "not a branch" },
    ]);
  }
  if (body.branchRole === "secretary" && (await otherSecretary(db, tenantId, org.id))) throw secretaryTaken();
  if (body.email && (await branchHasEmail(db, tenantId, org.id, body.email))) {
    throw conflict("Chi bộ đã có đảng viên với e-mail này / The branch already has a member with this e-mail");
  }
  const personId = newId();
  const membershipId = newId();
  await db.batch([
    auditInsert(db, {
      tenantId,
      personId: actorId,
      action: "create",
      entity: "membership",
      entityId: membershipId,
      detail: { organizationId: org.id, status: body.status, branchRole: body.branchRole },
    }),
    emptyAccount(db, personId, body.fullName),
    db.insert(memberships).values({
      id: membershipId,
      tenantId,
      organizationId: org.id,
      personId,
      status: body.status,
      probationStart: body.status === "probationary" ? body.probationStart! : null,
      branchRole: body.branchRole,
      fullName: body.fullName,
      email: body.email ?? null,
      phone: body.phone ?? null,
      birthYear: body.birthYear ?? null,
      searchText: memberSearchText(body.fullName, body.email ?? null),
    }),
  ]);
  return membershipId;
}

/** Edits the committee's record of the member: its own columns only, never the account behind it. */
export async function updateMember(
  db: Db,
  tenantId: string,
  actorId: string,
  membershipId: string,
  body: UpdateMember,
) {
  const member = await memberOr404(db, tenantId, membershipId);
  // Only fields that really change count: an editor form resends every field on each save.
  const changed = <K extends "fullName" | "email" | "phone" | "birthYear">(k: K) =>
    body[k] !== undefined && body[k] !== member[k];
  const recordChange = {
    ...(changed("fullName") ? { fullName: body.fullName! } : {}),
    ...(changed("email") ? { email: body.email } : {}),
    ...(changed("phone") ? { phone: body.phone } : {}),
    ...(changed("birthYear") ? { birthYear: body.birthYear } : {}),
    ...(changed("fullName") || changed("email")
      ? {
          searchText: memberSearchText(
            body.fullName ?? member.fullName,
            body.email !== undefined ? body.email : member.email,
          ),
        }
      : {}),
  };
  if (body.branchRole === "secretary" && (await otherSecretary(db, tenantId, member.organizationId, membershipId))) {
    throw secretaryTaken();
  }
  if (!body.status && body.probationStart && member.status !== "probationary") {
    throw badRequest("Đảng viên chính thức không có ngày vào dự bị / An official member has no probation date", [
      { path: "probationStart", message: "member is official" },
    ]);
  }
  const membershipChange = {
    ...recordChange,
    ...(body.status
      ? { status: body.status, probationStart: body.status === "probationary" ? body.probationStart! : null }
      : {}),
    ...(!body.status && body.probationStart && member.status === "probationary"
      ? { probationStart: body.probationStart }
      : {}),
    ...(body.branchRole ? { branchRole: body.branchRole } : {}),
    ...(body.standing ? { standing: body.standing } : {}),
  };
  await db.batch([
    auditInsert(db, {
      tenantId,
      personId: actorId,
      action: "update",
      entity: "membership",
      entityId: membershipId,
      detail: body,
    }),
    ...(Object.keys(membershipChange).length
      ? [
          db
            .update(memberships)
            .set(membershipChange)
            .where(and(eq(memberships.tenantId, tenantId), eq(memberships.id, membershipId))),
        ]
      : []),
  ]);
}

/** Exempts a member from meetings (`exemption` given) or lifts the exemption (`null`). */
export async function setExemption(
  db: Db,
  tenantId: string,
  actorId: string,
  membershipId: string,
  exemption: Exemption | null,
) {
  await memberOr404(db, tenantId, membershipId);
  await db.batch([
    db
      .update(memberships)
      .set(
        exemption
          ? { exemptReason: exemption.reason, exemptFrom: exemption.from, exemptTo: exemption.to ?? null }
          : { exemptReason: null, exemptFrom: null, exemptTo: null },
      )
      .where(and(eq(memberships.tenantId, tenantId), eq(memberships.id, membershipId))),
    auditInsert(db, {
      tenantId,
      personId: actorId,
      action: exemption ? "exempt" : "lift_exemption",
      entity: "membership",
      entityId: membershipId,
      ...(exemption ? { detail: exemption } : {}),
    }),
  ]);
}
