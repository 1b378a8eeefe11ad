import { createMiddleware } from "hono/factory";
import { idSchema } from "../../schema/ids";
import { forbidden, notFound } from "../lib/api-error";
import { loadTenantAccess } from "../data/access";
import type { AppEnv, TenantAccess } from "../env";
import type { TenantRole } from "../../schema/api/auth";

/**
 * Resolves `:tenantId` against the caller. A tenant the caller has no standing in answers 404, the same as
 * one that does not exist, so ids of other committees reveal nothing.
 */
export const requireTenant = createMiddleware<AppEnv>(async (c, next) => {
  const tenantId = c.req.param("tenantId");
  if (!tenantId || !idSchema.safeParse(tenantId).success) throw notFound("Tenant");
  const access = await loadTenantAccess(c.var.db, tenantId, c.var.session.personId);
  if (!access) throw notFound("Tenant");
  c.set("access", access);
  await next();
});

/** Throws 403 unless the caller holds one of these tenant roles. */
export function assertRole(access: TenantAccess, roles: readonly TenantRole[]) {
  if (!access.role || !roles.includes(access.role)) throw forbidden();
}

/** Committee staff: anyone with a tenant role (admin, organizer, viewer) may read the whole tenant. */
export const isStaff = (access: TenantAccess) => access.role !== null;
export const canManage = (access: TenantAccess) => access.role === "admin" || access.role === "organizer";
