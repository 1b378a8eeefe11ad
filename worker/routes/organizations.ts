import { Hono } from "hono";
import { z } from "zod";
import { createOrganizationSchema, updateOrganizationSchema } from "../../schema/api/organizations";
import { idSchema } from "../../schema/ids";
import { createOrganization, organizationNode, organizationTree, updateOrganization } from "../data/organizations";
import type { AppEnv } from "../env";
import { forbidden } from "../lib/api-error";
import { valid } from "../lib/validate";
import { assertRole, isStaff } from "../middleware/tenant";

const orgParam = z.object({ orgId: idSchema });

/** The tenant's organization tree: staff and members read it; admins and organizers shape it. */
export const organizationsRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const access = c.var.access;
    // Guests see only the meeting they are invited to, not the committee's structure.
    if (!isStaff(access) && access.memberships.size === 0) throw forbidden();
    return c.json(await organizationTree(c.var.db, access.tenantId));
  })
  .post("/", valid("json", createOrganizationSchema), async (c) => {
    assertRole(c.var.access, ["admin", "organizer"]);
    const { tenantId } = c.var.access;
    const id = await createOrganization(c.var.db, tenantId, c.var.session.personId, c.req.valid("json"));
    return c.json((await organizationNode(c.var.db, tenantId, id))!, 201);
  })
  .patch("/:orgId", valid("param", orgParam), valid("json", updateOrganizationSchema), async (c) => {
    assertRole(c.var.access, ["admin", "organizer"]);
    const { tenantId } = c.var.access;
    const { orgId } = c.req.valid("param");
    await updateOrganization(c.var.db, tenantId, c.var.session.personId, orgId, c.req.valid("json"));
    return c.json((await organizationNode(c.var.db, tenantId, orgId))!);
  });
