/**
 * A branch's secretary reads their own branch's reports (issue 12, item 12; schema/report-rule.ts): the same
 * figures staff get for that branch, never another branch's, never another tenant's; a plain member still none.
 */
import { exports } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { ReportResult } from "../../schema/api/reports";
import { memberships } from "../../schema/db/tables";
import type { ErrorBody } from "../../schema/errors";
import { api, createTenant, dbOf, login } from "../support/fixtures";
import { buildReportTenant, type ReportTenant } from "./reports-fixture";

let t: ReportTenant;
let admin: string;
let secretaryA: string;
let other: Awaited<ReturnType<typeof createTenant>>;
const base = () => `/api/tenants/${t.tenantId}/reports`;

beforeAll(async () => {
  t = await buildReportTenant();
  admin = await login(t.admin.email);
  secretaryA = await login(t.p.a1!.email);
  other = await createTenant();
});

describe("a branch secretary's reports", () => {
  it("answers their own branch when they name none, with the figures staff get for that branch", async () => {
    for (const report of ["meetings", "attendance", "speaking", "votes", "grades"]) {
      const mine = await api<ReportResult>("GET", `${base()}/${report}?year=2025`, secretaryA);
      expect(mine.status, report).toBe(200);
      expect(mine.json.scope.id).toBe(t.org.A);
      const staffView = await api<ReportResult>(
        "GET",
        `${base()}/${report}?year=2025&organizationId=${t.org.A}`,
        admin,
      );
      expect(mine.json.total, report).toEqual(staffView.json.total);
      expect(mine.json.rows).toEqual(staffView.json.rows);
      // Nothing of the other branches: no row, no branch falling behind elsewhere.
      expect(JSON.stringify(mine.json)).not.toContain("Chi bộ khu phố 2");
      expect(JSON.stringify(mine.json)).not.toContain("Trường học");
    }
    const named = await api<ReportResult>("GET", `${base()}/meetings?year=2025&organizationId=${t.org.A}`, secretaryA);
    expect(named.status).toBe(200);
    expect(named.json.scope.id).toBe(t.org.A);
  });

  it("answers 404 for another branch, the committee above it, and another tenant's organization or tenant", async () => {
    for (const org of [t.org.B, t.org.C, t.org.G1, other.branchId, "org-unknown"]) {
      const res = await api<ErrorBody>("GET", `${base()}/attendance?year=2025&organizationId=${org}`, secretaryA);
      expect(res.status, org).toBe(404);
      expect(res.json.error.code).toBe("not_found");
    }
    expect((await api("GET", `${base()}/all?year=2025&organizationId=${t.org.B}`, secretaryA)).status).toBe(404);
    expect((await api("GET", `/api/tenants/${other.tenantId}/reports/meetings?year=2025`, secretaryA)).status).toBe(
      404,
    );
  });

  it("exports their branch only, as CSV and as the whole workbook", async () => {
    const csv = await exports.default.fetch(`http://chibo.test${base()}/attendance?year=2025&format=csv`, {
      headers: { authorization: `Bearer ${secretaryA}` },
    });
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text).toContain("Chi bộ khu phố 1");
    expect(text).not.toContain("Chi bộ khu phố 2");
    const all = await api<{ reports: ReportResult[] }>("GET", `${base()}/all?year=2025`, secretaryA);
    expect(all.status).toBe(200);
    expect(all.json.reports.every((r) => r.scope.id === t.org.A)).toBe(true);
  });

  it("refuses a plain member, and a secretary no longer in good standing (403)", async () => {
    const member = await api<ErrorBody>("GET", `${base()}/meetings?year=2025`, await login(t.p.a2!.email));
    expect(member.status).toBe(403);
    expect(member.json.error.code).toBe("forbidden");
    const b1 = await login(t.p.b1!.email);
    expect((await api("GET", `${base()}/meetings?year=2025`, b1)).status).toBe(200);
    await dbOf(t.tenantId)
      .update(memberships)
      .set({ standing: "suspended" })
      .where(and(eq(memberships.tenantId, t.tenantId), eq(memberships.personId, t.p.b1!.id)));
    expect((await api("GET", `${base()}/meetings?year=2025`, b1)).status).toBe(403);
  });

  it("keeps grade review with staff", async () => {
    expect((await api("GET", `/api/tenants/${t.tenantId}/evaluations?year=2025`, secretaryA)).status).toBe(403);
  });
});
