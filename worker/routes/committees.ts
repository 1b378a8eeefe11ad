import { Hono } from "hono";
import type { CommitteeList, CreatedCommittee, GuestCandidateList } from "../../schema/api/committees";
import { createCommitteeSchema } from "../../schema/api/committees";
import { invitationLink } from "../data/committee-rows";
import { createCommittee, guestCandidates, listCommittees } from "../data/committees";
import type { AppEnv, TenantAccess } from "../env";
import { forbidden } from "../lib/api-error";
import { valid } from "../lib/validate";
import { assertRole, isStaff } from "../middleware/tenant";

function assertProvince(access: TenantAccess) {
  if (access.kind !== "province")
    throw forbidden("Chỉ Tỉnh ủy có đảng bộ trực thuộc / Only a province has committees under it");
}

/**
 * /api/tenants/:tenantId/committees — a province's child committees: its staff list them, its admins create one
 * with its first admin (a staff invitation, answered once as a link and a code).
 */
export const committeesRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const access = c.var.access;
    if (!isStaff(access)) throw forbidden();
    assertProvince(access);
    return c.json({ items: await listCommittees(c.var.db, access.tenantId) } satisfies CommitteeList);
  })
  .post("/", valid("json", createCommitteeSchema), async (c) => {
    const access = c.var.access;
    assertRole(access, ["admin"]);
    assertProvince(access);
    const { committee, secret, code, expiresAt } = await createCommittee(
      c.var.db,
      c.var.directory,
      c.var.shard,
      access.tenantId,
      c.var.session.personId,
      c.req.valid("json"),
    );
    const link = invitationLink(new URL(c.req.url).origin, secret);
    return c.json({ committee, link, code, expiresAt } satisfies CreatedCommittee, 201);
  });

/**
 * /api/tenants/:tenantId/guest-candidates — the province's officers, for a child committee's admins, organizers and
 * branch secretaries inviting a visiting leader. A committee with no province gets an empty list.
 */
export const guestCandidatesRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const access = c.var.access;
  const ownStaff = !access.roleFromProvince && (access.role === "admin" || access.role === "organizer");
  const secretary = [...access.memberships.values()].some((m) => m.branchRole === "secretary");
  if (!ownStaff && !secretary) throw forbidden();
  return c.json({ items: await guestCandidates(c.var.db, access.tenantId) } satisfies GuestCandidateList);
});
