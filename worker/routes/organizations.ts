import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { createOrganizationSchema, updateOrganizationSchema } from "../../schema/api/organizations";
import { organizations } from "../../schema/db/tables";
import { idSchema } from "../../schema/ids";
import { getOrganization, organizationNode, organizationTree } from "../data/organizations";
import type { AppEnv } from "../env";
import { badRequest, forbidden, notFound } from "../lib/api-error";
import { auditInsert } from "../lib/audit";
import { newId } from "../lib/ids";
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
    const body = c.req.valid("json");
    const db = c.var.db;
    if (body.parentId) {
      const parent = await getOrganization(db, tenantId, body.parentId);
      if (!parent) throw notFound("Parent organization");
      if (parent.kind !== "grassroots_committee") {
        throw badRequest("Cấp trên phải là đảng bộ cơ sở / The parent must be a grassroots committee", [
          { path: "parentId", message: "not a grassroots committee" },
        ]);
      }
    }
    const row = {
      id: newId(),
      tenantId,
      parentId: body.parentId ?? null,
      kind: body.kind,
      name: body.name,
      branchType: body.branchType ?? null,
    };
    await db.batch([
      db.insert(organizations).values(row),
      auditInsert(db, {
        tenantId,
        personId: c.var.session.personId,
        action: "create",
        entity: "organization",
        entityId: row.id,
        detail: body,
      }),
    ]);
    return c.json((await organizationNode(db, tenantId, row.id))!, 201);
  })
  .patch("/:orgId", valid("param", orgParam), valid("json", updateOrganizationSchema), async (c) => {
    assertRole(c.var.access, ["admin", "organizer"]);
    const { tenantId } = c.var.access;
    const { orgId } = c.req.valid("param");
    const body = c.req.valid("json");
    const db = c.var.db;
    const org = await getOrganization(db, tenantId, orgId);
    if (!org) throw notFound("Organization");
    if (body.branchType && org.kind === "grassroots_committee") {
      throw badRequest("Đảng bộ không có loại hình chi bộ / A committee has no branch type", [
        { path: "branchType", message: "not a branch" },
      ]);
    }
    await db.batch([
      db
        .update(organizations)
        .set({
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.branchType ? { branchType: body.branchType } : {}),
        })
        .where(and(eq(organizations.tenantId, tenantId), eq(organizations.id, orgId))),
      auditInsert(db, {
        tenantId,
        personId: c.var.session.personId,
        action: "update",
        entity: "organization",
        entityId: orgId,
        detail: body,
      }),
    ]);
    return c.json((await organizationNode(db, tenantId, orgId))!);
  });
