import { Hono } from "hono";
import { z } from "zod";
import {
  createMemberSchema,
  exemptionSchema,
  listMembersQuerySchema,
  updateMemberSchema,
} from "../../schema/api/members";
import { idSchema } from "../../schema/ids";
import { checkImport, summarize, writeImport } from "../data/member-import";
import { createMember, setExemption, updateMember } from "../data/member-writes";
import { listMembers, memberOr404 } from "../data/members";
import { reloadBranchRooms, standingChangedInRooms } from "../data/room-revocation";
import type { AppEnv, Db } from "../env";
import { badRequest, conflict, forbidden } from "../lib/api-error";
import { unlessUnique } from "../lib/unique";
import { valid } from "../lib/validate";
import { assertRole, isStaff } from "../middleware/tenant";

const membershipParam = z.object({ membershipId: idSchema });
const importBodySchema = z.object({ csv: z.string().min(1) }).strict();
const importQuerySchema = z.object({ dryRun: z.enum(["0", "1", "true", "false"]).optional() });

/** An exemption set or lifted: the branch's open rooms take the member's new entry; answers the member. */
async function exemptionReachesRooms(env: Cloudflare.Env, db: Db, tenantId: string, membershipId: string) {
  const member = await memberOr404(db, tenantId, membershipId);
  await reloadBranchRooms(env, db, tenantId, [member.organizationId]);
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
    const membershipId = await createMember(c.var.db, tenantId, c.var.session.personId, c.req.valid("json"));
    const member = await memberOr404(c.var.db, tenantId, membershipId);
    // A member added after the start is on the live room's roster at once.
    await reloadBranchRooms(c.env, c.var.db, tenantId, [member.organizationId]);
    return c.json(member, 201);
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
    const created = dryRun
      ? []
      : await unlessUnique(writeImport(db, c.var.d1, tenantId, c.var.session.personId, check.rows), () =>
          conflict("Dữ liệu vừa thay đổi trong lúc nhập, hãy thử lại / Members changed during the import, try again"),
        );
    if (!dryRun)
      await reloadBranchRooms(
        c.env,
        db,
        tenantId,
        check.rows.map((r) => r.organizationId),
      );
    return c.json(summarize(check.rows, dryRun, created), dryRun ? 200 : 201);
  })
  .patch("/:membershipId", valid("param", membershipParam), valid("json", updateMemberSchema), async (c) => {
    assertRole(c.var.access, ["admin", "organizer"]);
    const { tenantId } = c.var.access;
    const { membershipId } = c.req.valid("param");
    const body = c.req.valid("json");
    await updateMember(c.var.db, tenantId, c.var.session.personId, membershipId, body);
    const member = await memberOr404(c.var.db, tenantId, membershipId);
    // The rooms learn at once: a member no longer active loses their open sockets and their place in the base.
    if (body.standing) {
      await standingChangedInRooms(c.env, c.var.db, tenantId, member.personId, body.standing === "active");
    } else {
      // Made official, renamed, another branch role: the branch's open rooms take the new entry.
      await reloadBranchRooms(c.env, c.var.db, tenantId, [member.organizationId]);
    }
    return c.json(member);
  })
  .put("/:membershipId/exemption", valid("param", membershipParam), valid("json", exemptionSchema), async (c) => {
    assertRole(c.var.access, ["admin", "organizer"]);
    const { tenantId } = c.var.access;
    const { membershipId } = c.req.valid("param");
    await setExemption(c.var.db, tenantId, c.var.session.personId, membershipId, c.req.valid("json"));
    return c.json(await exemptionReachesRooms(c.env, c.var.db, tenantId, membershipId));
  })
  .delete("/:membershipId/exemption", valid("param", membershipParam), async (c) => {
    assertRole(c.var.access, ["admin", "organizer"]);
    const { tenantId } = c.var.access;
    const { membershipId } = c.req.valid("param");
    await setExemption(c.var.db, tenantId, c.var.session.personId, membershipId, null);
    return c.json(await exemptionReachesRooms(c.env, c.var.db, tenantId, membershipId));
  });
