import { and, eq, isNull } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import {
  createMemberSchema,
  exemptionSchema,
  listMembersQuerySchema,
  setPasswordSchema,
  updateMemberSchema,
} from "../../schema/api/members";
import { MEETING_KINDS } from "../../schema/api/organizations";
import { memberships, people, sessions } from "../../schema/db/tables";
import { idSchema } from "../../schema/ids";
import { foldForSearch, memberSearchText } from "../../schema/text";
import { checkImport, summarize, writeImport } from "../data/member-import";
import { findPersonIdByEmail, getMember, listMembers, otherSecretary, standsElsewhere } from "../data/members";
import { getOrganization } from "../data/organizations";
import type { AppEnv, Db } from "../env";
import { type ApiError, badRequest, conflict, forbidden, notFound } from "../lib/api-error";
import { auditInsert } from "../lib/audit";
import { newId, nowIso } from "../lib/ids";
import { hashPassword } from "../lib/password";
import { valid } from "../lib/validate";
import { assertRole, isStaff } from "../middleware/tenant";

const membershipParam = z.object({ membershipId: idSchema });
const importBodySchema = z.object({ csv: z.string().min(1) }).strict();
const importQuerySchema = z.object({ dryRun: z.enum(["0", "1", "true", "false"]).optional() });

const emailTaken = () => conflict("E-mail đã được dùng cho người khác / E-mail already used by another person");
const secretaryTaken = () => conflict("Chi bộ đã có bí thư / The branch already has a secretary");

/** A unique-index race lost between our check and the write is still the client's conflict, not a 500. */
async function unlessUnique<T>(write: Promise<T>, onUnique: () => ApiError): Promise<T> {
  try {
    return await write;
  } catch (err) {
    const text = `${String(err)} ${String(err instanceof Error ? err.cause : "")}`;
    if (text.includes("UNIQUE constraint failed")) throw onUnique();
    throw err;
  }
}

async function memberOr404(db: Db, tenantId: string, membershipId: string) {
  const member = await getMember(db, tenantId, membershipId);
  if (!member) throw notFound("Member");
  return member;
}

/** Members: staff read all, a member reads their own branches, admins and organizers write. */
export const membersRoutes = new Hono<AppEnv>()
  .get("/", valid("query", listMembersQuerySchema), async (c) => {
    const access = c.var.access;
    if (!isStaff(access) && access.memberships.size === 0) throw forbidden();
    const visible = isStaff(access) ? null : [...access.memberships.keys()];
    return c.json(await listMembers(c.var.db, access.tenantId, c.req.valid("query"), visible));
  })
  .post("/", valid("json", createMemberSchema), async (c) => {
    assertRole(c.var.access, ["admin", "organizer"]);
    const { tenantId } = c.var.access;
    const body = c.req.valid("json");
    const db = c.var.db;
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
    const actor = c.var.session.personId;
    await unlessUnique(
      db.batch([
        auditInsert(db, {
          tenantId,
          personId: actor,
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
    return c.json(await memberOr404(db, tenantId, membershipId), 201);
  })
  .post("/import", valid("query", importQuerySchema), async (c) => {
    assertRole(c.var.access, ["admin", "organizer"]);
    const { tenantId } = c.var.access;
    const dryRun = ["1", "true"].includes(c.req.valid("query").dryRun ?? "");
    const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    let csv: string;
    if (type === "text/csv" || type === "text/plain") {
      csv = await c.req.text();
    } else if (type === "application/json") {
      let json: unknown;
      try {
        json = await c.req.json();
      } catch {
        throw badRequest("JSON không hợp lệ / Malformed JSON");
      }
      const parsed = importBodySchema.safeParse(json);
      if (!parsed.success) {
        throw badRequest(
          "Dữ liệu không hợp lệ / Invalid json",
          parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
        );
      }
      csv = parsed.data.csv;
    } else {
      throw badRequest("Gửi tệp CSV (text/csv) hoặc JSON { csv } / Send text/csv or JSON { csv }");
    }
    if (!csv.trim())
      throw badRequest("Tệp trống / Empty file", [{ path: "line 1", message: "Tệp trống / Empty file" }]);
    const db = c.var.db;
    const check = await checkImport(db, tenantId, csv);
    if (!check.ok) {
      throw badRequest(
        `Có ${check.issues.length} lỗi, chưa nhập gì / ${check.issues.length} problems, nothing imported`,
        check.issues,
      );
    }
    if (!dryRun) {
      await unlessUnique(writeImport(db, c.env.DB, tenantId, c.var.session.personId, check.rows), () =>
        conflict("Dữ liệu vừa thay đổi trong lúc nhập, hãy thử lại / Members changed during the import, try again"),
      );
    }
    return c.json(summarize(check.rows, dryRun), dryRun ? 200 : 201);
  })
  .patch("/:membershipId", valid("param", membershipParam), valid("json", updateMemberSchema), async (c) => {
    assertRole(c.var.access, ["admin", "organizer"]);
    const { tenantId } = c.var.access;
    const { membershipId } = c.req.valid("param");
    const body = c.req.valid("json");
    const db = c.var.db;
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
          personId: c.var.session.personId,
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
    return c.json(await memberOr404(db, tenantId, membershipId));
  })
  .put("/:membershipId/exemption", valid("param", membershipParam), valid("json", exemptionSchema), async (c) => {
    assertRole(c.var.access, ["admin", "organizer"]);
    const { tenantId } = c.var.access;
    const { membershipId } = c.req.valid("param");
    const body = c.req.valid("json");
    const db = c.var.db;
    await memberOr404(db, tenantId, membershipId);
    await db.batch([
      db
        .update(memberships)
        .set({ exemptReason: body.reason, exemptFrom: body.from, exemptTo: body.to ?? null })
        .where(and(eq(memberships.tenantId, tenantId), eq(memberships.id, membershipId))),
      auditInsert(db, {
        tenantId,
        personId: c.var.session.personId,
        action: "exempt",
        entity: "membership",
        entityId: membershipId,
        detail: body,
      }),
    ]);
    return c.json(await memberOr404(db, tenantId, membershipId));
  })
  .delete("/:membershipId/exemption", valid("param", membershipParam), async (c) => {
    assertRole(c.var.access, ["admin", "organizer"]);
    const { tenantId } = c.var.access;
    const { membershipId } = c.req.valid("param");
    const db = c.var.db;
    await memberOr404(db, tenantId, membershipId);
    await db.batch([
      db
        .update(memberships)
        .set({ exemptReason: null, exemptFrom: null, exemptTo: null })
        .where(and(eq(memberships.tenantId, tenantId), eq(memberships.id, membershipId))),
      auditInsert(db, {
        tenantId,
        personId: c.var.session.personId,
        action: "lift_exemption",
        entity: "membership",
        entityId: membershipId,
      }),
    ]);
    return c.json(await memberOr404(db, tenantId, membershipId));
  })
  .post("/:membershipId/password", valid("param", membershipParam), valid("json", setPasswordSchema), async (c) => {
    assertRole(c.var.access, ["admin"]);
    const { tenantId } = c.var.access;
    const { membershipId } = c.req.valid("param");
    const db = c.var.db;
    const member = await memberOr404(db, tenantId, membershipId);
    if (!member.email)
      throw conflict("Người này chưa có e-mail để đăng nhập / This person has no e-mail to log in with");
    if (await standsElsewhere(db, tenantId, member.personId)) {
      throw conflict(
        "Người này thuộc cả tổ chức khác; họ tự đặt mật khẩu / This person belongs to another committee too and sets their own password",
      );
    }
    const hash = await hashPassword(c.req.valid("json").password);
    // A password handed out by the committee replaces any other: sessions made with the old one end.
    await db.batch([
      db.update(people).set({ passwordHash: hash }).where(eq(people.id, member.personId)),
      db
        .update(sessions)
        .set({ revokedAt: nowIso() })
        .where(and(eq(sessions.personId, member.personId), isNull(sessions.revokedAt))),
      auditInsert(db, {
        tenantId,
        personId: c.var.session.personId,
        action: "set_password",
        entity: "person",
        entityId: member.personId,
      }),
    ]);
    return c.json({ ok: true });
  });
