import { createMiddleware } from "hono/factory";
import type { TenantRole } from "../../schema/api/auth";
import { mayPlanVisits } from "../../schema/visit-rule";
import { tenantSessionAccess } from "../data/access";
import type { AppEnv, TenantAccess } from "../env";
import { forbidden, notFound, unauthorized } from "../lib/api-error";
import { shardBinding, shardDb } from "../lib/shards";
import { signedSession } from "./session";

/**
 * Requires a session and resolves `:tenantId` against the caller: the tenant's shard from the directory (once per
 * isolate, worker/lib/shards.ts), then the session row (directory) and the caller's standing (shard) at the same
 * time. From here on `c.var.db` is the tenant's shard and `c.var.directory` the accounts' database. A tenant the
 * caller has no standing in answers 404, the same as one that does not exist, so ids of other committees reveal
 * nothing.
 */
export const requireTenantSession = createMiddleware<AppEnv>(async (c, next) => {
  const session = await signedSession(c);
  const { live, access, shard } = await tenantSessionAccess(c.env, session, c.req.param("tenantId"));
  if (!live) throw unauthorized();
  c.set("session", session);
  if (!access || !shard) throw notFound("Tenant");
  c.set("access", access);
  c.set("shard", shard);
  c.set("db", shardDb(c.env, shard));
  c.set("d1", shardBinding(c.env, shard));
  await next();
});

/** Throws 403 unless the caller holds one of these tenant roles. */
export function assertRole(access: TenantAccess, roles: readonly TenantRole[]) {
  if (!access.role || !roles.includes(access.role)) throw forbidden();
}

/** Committee staff: anyone with a tenant role (admin, organizer, viewer) may read the whole tenant. */
export const isStaff = (access: TenantAccess) => access.role !== null;
export const canManage = (access: TenantAccess) => access.role === "admin" || access.role === "organizer";

/** Planning leaders' visits: schema/visit-rule.ts (the committee's managers, and the province's above it). */
export function assertMayPlanVisits(access: TenantAccess) {
  const ownRole = access.roleFromProvince ? null : access.role;
  if (!mayPlanVisits(ownRole, access.provinceRole)) throw forbidden();
}
