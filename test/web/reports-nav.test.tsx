/**
 * Reports reachable (issue 12, item 12): the chair (the branch's secretary), a visiting leader and staff find
 * "Báo cáo" in the navigation, a plain member does not; the page then asks only for what the API answers them —
 * the secretary their own branch's report, the leader their own visits. `fetch` stands in for the worker with its
 * rules (schema/report-rule.ts, worker/routes/visits.ts) and records every request, so a refusal fails the test.
 */
import { render, screen, waitFor } from "@solidjs/testing-library";
import { describe, expect, it } from "vitest";
import type { Me } from "../../schema/api/auth";
import { type ReportResult, reportColumns } from "../../schema/api/reports";
import { reportOrganization, reportReach } from "../../schema/report-rule";
import { App } from "../../web/src/app";
import { setMe } from "../../web/src/session";
import { callerOf, fakeWorker, json, missing, refused, useFakeWorker } from "./fake-worker";

const chair = callerOf("p-sec", { branchRole: "secretary" });
const leader = callerOf("p-leader", { guest: true });
const member = callerOf("p-an", { branchRole: "member" });
const admin = callerOf("p-admin", { role: "admin" });

const report = (organizationId: string | null): ReportResult => ({
  report: "meetings",
  title: "Tình hình sinh hoạt",
  period: { from: "2026-01-01", to: "2026-12-31", months: [], quarters: [], label: "Năm 2026" },
  scope: { id: organizationId, name: organizationId ? "Chi bộ khu phố 3" : "Đảng ủy", kind: "branch", path: [] },
  columns: reportColumns.meetings,
  total: {},
  rows: [],
  series: [],
  behind: [],
  tables: [],
});

function fakeServer(as: Me) {
  const t = as.tenants[0]!;
  const answer = (url: URL): Response => {
    if (url.pathname === "/api/tenants/t-1/visits") return json(200, { period: report(null).period, items: [] });
    if (url.pathname.startsWith("/api/tenants/t-1/reports/")) {
      const reach = reportReach(t.role, t.branchRoles);
      if (!reach.all && reach.branchIds.length === 0) return refused();
      const org = reportOrganization(reach, url.searchParams.get("organizationId") ?? undefined);
      return org === null ? missing() : json(200, report(org ?? null));
    }
    if (url.pathname.startsWith("/api/tenants/t-1/evaluations")) return t.role ? json(200, { items: [] }) : refused();
    return missing();
  };
  return fakeWorker((_method, url) => answer(url));
}

async function openAt(as: Me, path: string) {
  const seen = fakeServer(as);
  setMe(as);
  window.history.replaceState(null, "", path);
  render(() => <App />);
  return seen;
}

useFakeWorker();

describe("reports in the navigation", () => {
  for (const [who, as] of [
    ["the chair (branch secretary)", chair],
    ["the visiting leader", leader],
    ["an admin", admin],
  ] as const) {
    it(`shows the reports link to ${who}`, async () => {
      await openAt(as, "/t/t-1/reports");
      const link = await screen.findByRole("link", { name: "Báo cáo" }, { timeout: 5000 });
      expect(link.getAttribute("href")).toBe("/t/t-1/reports");
    });
  }

  it("shows no reports link to a plain member", async () => {
    await openAt(member, "/t/t-1/meetings/m-none");
    await screen.findByRole("link", { name: "Cuộc họp" }, { timeout: 5000 });
    expect(screen.queryByRole("link", { name: "Báo cáo" })).toBeNull();
  });
});

describe("the reports page makes no refused request", () => {
  it("asks the chair's own branch's report, and nothing staff alone may read", async () => {
    const seen = await openAt(chair, "/t/t-1/reports");
    await waitFor(() => expect(seen.some((r) => r.path.startsWith("/api/tenants/t-1/reports/"))).toBe(true), {
      timeout: 5000,
    });
    // The report is shown, not an error.
    await screen.findByText("Tải Excel tất cả báo cáo", {}, { timeout: 5000 });
    await new Promise((r) => setTimeout(r, 50));
    expect(seen.filter((r) => r.status >= 400)).toEqual([]);
    const reports = seen.filter((r) => r.path.startsWith("/api/tenants/t-1/reports/"));
    expect(reports.length).toBeGreaterThan(0);
    for (const r of reports) expect(r.path).toContain("organizationId=org-1");
    expect(seen.some((r) => r.path.includes("/visits") || r.path.includes("/evaluations"))).toBe(false);
  });

  it("shows the visiting leader their own visits and asks for no report", async () => {
    const seen = await openAt(leader, "/t/t-1/reports");
    await waitFor(() => expect(seen.some((r) => r.path.startsWith("/api/tenants/t-1/visits"))).toBe(true), {
      timeout: 5000,
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(seen.filter((r) => r.status >= 400)).toEqual([]);
    expect(seen.some((r) => r.path.includes("/reports/"))).toBe(false);
  });
});
