/**
 * Who plans leaders' visits to a committee's branches: its own admins and organizers, and the admins and organizers
 * of the province directly above (a province decides where its leaders go; it writes nothing else below). One rule for
 * the API (worker/middleware/tenant.ts) and the reports page's visit form.
 */
import type { TenantRole } from "./api/auth";

export function mayPlanVisits(ownRole: TenantRole | null, provinceRole: TenantRole | null): boolean {
  const manages = (r: TenantRole | null) => r === "admin" || r === "organizer";
  return manages(ownRole) || manages(provinceRole);
}
