/**
 * Who is logged in, shared by every page. Loaded once from /api/auth/me; a 401 from any call clears it so
 * the route guard sends the person to the login page.
 */

import { createSignal } from "solid-js";
import type { Me } from "../../schema/api/auth";
import { mayInviteMember } from "../../schema/invite-rule";
import { mayPlanBranch } from "../../schema/planning-rule";
import { type ReportReach, reportReach } from "../../schema/report-rule";
import { mayPlanVisits } from "../../schema/visit-rule";
import { authApi } from "./api/auth";
import { ApiFailure, setUnauthorizedHandler } from "./api/http";
import { bindFontSizeToPerson } from "./ui/font-size";

export type SessionState = { status: "loading" } | { status: "anonymous" } | { status: "ready"; me: Me };

const [session, setSession] = createSignal<SessionState>({ status: "loading" });

export { session };

export function me(): Me | null {
  const s = session();
  return s.status === "ready" ? s.me : null;
}

export function setMe(next: Me | null): void {
  setSession(next ? { status: "ready", me: next } : { status: "anonymous" });
  bindFontSizeToPerson(next?.person.id ?? null);
}

export async function loadSession(): Promise<void> {
  try {
    setMe(await authApi.me());
  } catch (err) {
    // Offline at start looks like "not logged in"; the offline banner says why.
    if (!(err instanceof ApiFailure)) console.error(err);
    setMe(null);
  }
}

export async function logout(): Promise<void> {
  try {
    await authApi.logout();
  } finally {
    setMe(null);
  }
}

setUnauthorizedHandler(() => {
  if (session().status === "ready") setMe(null);
});

/** The tenant entry of the logged-in person, or undefined when they have no standing there. */
export function tenantOf(tenantId: string) {
  return me()?.tenants.find((t) => t.id === tenantId);
}

/** Staff of a tenant (admin/organizer) run its console; viewers and members only read. */
export function canManageTenant(tenantId: string): boolean {
  const role = tenantOf(tenantId)?.role;
  return role === "admin" || role === "organizer";
}

/** Whether the person may plan this branch's meetings: the same rule the API applies (schema/planning-rule.ts). */
export function canPlanBranch(tenantId: string, organizationId: string): boolean {
  const t = tenantOf(tenantId);
  return mayPlanBranch(t?.role, t?.branchRoles.find((b) => b.organizationId === organizationId)?.branchRole);
}

/** Whether the person plans any branch here: staff, or a secretary/deputy of one of its branches. */
export function plansAnyBranch(tenantId: string): boolean {
  const t = tenantOf(tenantId);
  return canManageTenant(tenantId) || !!t?.branchRoles.some((b) => mayPlanBranch(null, b.branchRole));
}

/** Of these branches, the ones the person may plan (all of them for staff). */
export function plannableBranches<B extends { id: string }>(tenantId: string, branches: readonly B[]): B[] {
  return branches.filter((b) => canPlanBranch(tenantId, b.id));
}

/** Whether the person plans leaders' visits here (and so may list the leaders the committee knows): the API's rule. */
export function canPlanVisits(tenantId: string): boolean {
  const t = tenantOf(tenantId);
  return !!t && mayPlanVisits(t.viaProvince ? null : t.role, t.provinceRole);
}

/** Whether the person hands out invitations for this branch's members: the API's rule (schema/invite-rule.ts). */
export function canInviteIn(tenantId: string, organizationId: string): boolean {
  const t = tenantOf(tenantId);
  return mayInviteMember(t?.role, t?.branchRoles.find((b) => b.organizationId === organizationId)?.branchRole);
}

/** Whether the person invites anyone here: an admin, or a secretary of one of its branches. */
export function invitesAny(tenantId: string): boolean {
  const t = tenantOf(tenantId);
  return mayInviteMember(t?.role, null) || !!t?.branchRoles.some((b) => mayInviteMember(null, b.branchRole));
}

/** Which reports the person reads here: the API's rule (schema/report-rule.ts). */
export function reportsReach(tenantId: string): ReportReach {
  const t = tenantOf(tenantId);
  return reportReach(t?.role, t?.branchRoles ?? []);
}

/**
 * A visiting leader here: no role, invited to a meeting or standing here only through a visit plan (the one other
 * way a person with no role and no membership is listed in a tenant). They read their own visits.
 */
export function visitsHere(tenantId: string): boolean {
  const t = tenantOf(tenantId);
  return !!t && t.role === null && (t.guestMeetingIds.length > 0 || t.organizationIds.length === 0);
}

/** Whether the reports page has anything for the person: a report, or their own visits. */
export function readsReports(tenantId: string): boolean {
  const r = reportsReach(tenantId);
  return r.all || r.branchIds.length > 0 || visitsHere(tenantId);
}
