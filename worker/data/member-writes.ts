/** Writes to members: create, edit, exemptions, a password handed out. Scoped by tenant, each with its audit row. */
import { and, eq, isNull } from "drizzle-orm";
import type { CreateMember, Exemption, UpdateMember } from "../../schema/api/members";
import { MEETING_KINDS } from "../../schema/api/organizations";
import { memberships, people, sessions } from "../../schema/db/tables";
import { foldForSearch, memberSearchText } from "../../schema/text";
import type { Db } from "../env";
import { badRequest, conflict, notFound } from "../lib/api-error";
import { auditInsert } from "../lib/audit";
import { newId, nowIso } from "../lib/ids";
import { hashPassword } from "../lib/password";
import { unlessUnique } from "../lib/unique";
import { findPersonIdByEmail, memberOr404, otherSecretary, standsElsewhere } from "./members";
import { getOrganization } from "./organizations";

const emailTaken = () => conflict("E-mail đã được dùng cho người khác / E-mail already used by another person");
const secretaryTaken = () => conflict("Chi bộ đã có bí thư / The branch already has a secretary");

/** Adds a member to a branch; answers the new membership's id. */
export async function createMember(db: Db, tenantId: string, actorId: string, body: CreateMember): Promise<string> {
  const org = await getOrganization(db, tenantId, body.organizationId);
  if (!org) throw notFound("Organization");
  if (!MEETING_KINDS.includes(org.kind)) {
    throw badRequest("Đảng viên sinh hoạt ở chi bộ, không ở đảng bộ / Members belong to a branch, not a committee", [
      { path: "organizationId", message: "not a branch" },
    ]);
  }
  // One account per person across committees: an e-mail already known is that person, if the names agree.
  const owner = body.email ? await findPersonIdByEmail(db, body.email) : undefined;
  if (owner && foldForSearch(owner.fullName) !== foldForSearch(body.fullName)) throw emailTaken();
  if (owner) {
    const dup = await db
      .select({ id: memberships.id })
      .from(memberships)
      .where(
        and(
          eq(memberships.tenantId, tenantId),
          eq(memberships.organizationId, org.id),
          eq(memberships.personId, owner.id),
        ),
      )
      .get();
    if (dup) throw conflict("Người này đã là đảng viên của chi bộ / Already a member of this branch");
  }
  if (body.branchRole === "secretary" && (await otherSecretary(db, tenantId, org.id))) throw secretaryTaken();
  const personId = owner?.id ?? newId();
  const membershipId = newId();
  await unlessUnique(
    db.batch([
      auditInsert(db, {
        tenantId,
        personId: actorId,
        action: "create",
        entity: "membership",
        entityId: membershipId,
        detail: {
          personId,
          reusedPerson: !!owner,
          organizationId: org.id,
          status: body.status,
          branchRole: body.branchRole,
        },
      }),
      ...(owner
        ? []
        : [
            db.insert(people).values({
              id: personId,
              email: body.email ?? null,
              fullName: body.fullName,
              searchName: foldForSearch(body.fullName),
              phone: body.phone ?? null,
              birthYear: body.birthYear ?? null,
            }),
          ]),
      db.insert(memberships).values({
        id: membershipId,
        tenantId,
        organizationId: org.id,
        personId,
        status: body.status,
        probationStart: body.status === "probationary" ? body.probationStart! : null,
        branchRole: body.branchRole,
        // A reused person was found by this e-mail and their name folds the same as the one given.
        searchText: memberSearchText(body.fullName, body.email ?? null),
      }),
    ]),
    emailTaken,
  );
  return membershipId;
}

/** Edits the person (only when they are this tenant's alone) and the membership. */
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
  const personChange = {
    ...(changed("fullName") ? { fullName: body.fullName!, searchName: foldForSearch(body.fullName!) } : {}),
    ...(changed("email") ? { email: body.email } : {}),
    ...(changed("phone") ? { phone: body.phone } : {}),
    ...(changed("birthYear") ? { birthYear: body.birthYear } : {}),
  };
  if (Object.keys(personChange).length > 0 && (await standsElsewhere(db, tenantId, member.personId))) {
    throw conflict(
      "Người này thuộc cả tổ chức khác; họ tự sửa thông tin tài khoản / This person belongs to another committee too and keeps their own account",
    );
  }
  if (body.email && body.email !== member.email) {
    const owner = await findPersonIdByEmail(db, body.email);
    if (owner && owner.id !== member.personId) throw emailTaken();
  }
  if (body.branchRole === "secretary" && (await otherSecretary(db, tenantId, member.organizationId, membershipId))) {
    throw secretaryTaken();
  }
  const membershipChange = {
    ...(body.status
      ? { status: body.status, probationStart: body.status === "probationary" ? body.probationStart! : null }
      : {}),
    ...(!body.status && body.probationStart && member.status === "probationary"
      ? { probationStart: body.probationStart }
      : {}),
    ...(body.branchRole ? { branchRole: body.branchRole } : {}),
    ...(body.standing ? { standing: body.standing } : {}),
  };
  if (!body.status && body.probationStart && member.status !== "probationary") {
    throw badRequest("Đảng viên chính thức không có ngày vào dự bị / An official member has no probation date", [
      { path: "probationStart", message: "member is official" },
    ]);
  }
  await unlessUnique(
    db.batch([
      auditInsert(db, {
        tenantId,
        personId: actorId,
        action: "update",
        entity: "membership",
        entityId: membershipId,
        detail: body,
      }),
      ...(Object.keys(personChange).length
        ? [
            db.update(people).set(personChange).where(eq(people.id, member.personId)),
            // The person's other memberships here search by the new name or e-mail too (none elsewhere: checked above).
            db
              .update(memberships)
              .set({
                searchText: memberSearchText(
                  body.fullName ?? member.fullName,
                  body.email !== undefined ? body.email : member.email,
                ),
              })
              .where(and(eq(memberships.tenantId, tenantId), eq(memberships.personId, member.personId))),
          ]
        : []),
      ...(Object.keys(membershipChange).length
        ? [
            db
              .update(memberships)
              .set(membershipChange)
              .where(and(eq(memberships.tenantId, tenantId), eq(memberships.id, membershipId))),
          ]
        : []),
    ]),
    emailTaken,
  );
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

/** A password handed out by the committee, for a person who is theirs alone. */
export async function setMemberPassword(
  db: Db,
  tenantId: string,
  actorId: string,
  membershipId: string,
  password: string,
) {
  const member = await memberOr404(db, tenantId, membershipId);
  if (!member.email) throw conflict("Người này chưa có e-mail để đăng nhập / This person has no e-mail to log in with");
  if (await standsElsewhere(db, tenantId, member.personId)) {
    throw conflict(
      "Người này thuộc cả tổ chức khác; họ tự đặt mật khẩu / This person belongs to another committee too and sets their own password",
    );
  }
  const hash = await hashPassword(password);
  // A password handed out by the committee replaces any other: sessions made with the old one end (and their
  // room sockets: the caller tells the rooms which, from the answer).
  const [, ended] = await db.batch([
    db.update(people).set({ passwordHash: hash }).where(eq(people.id, member.personId)),
    db
      .update(sessions)
      .set({ revokedAt: nowIso() })
      .where(and(eq(sessions.personId, member.personId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id }),
    auditInsert(db, {
      tenantId,
      personId: actorId,
      action: "set_password",
      entity: "person",
      entityId: member.personId,
    }),
  ]);
  return { personId: member.personId, endedSessionIds: ended.map((r) => r.id) };
}
