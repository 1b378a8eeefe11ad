/**
 * The meeting page before the start, as a visiting leader and as the branch secretary open it: every request it
 * makes is one the API answers (issue 12, item 8). The server is the one boundary stood in for: `fetch` answers as
 * the worker would — the member list only to staff and members (worker/routes/members.ts), the known leaders only
 * to those who plan visits (schema/visit-rule.ts) — and records every request, so a 403 anywhere fails the test.
 */
import { render, screen, waitFor, within } from "@solidjs/testing-library";
import { describe, expect, it } from "vitest";
import type { Me } from "../../schema/api/auth";
import type { MeetingDetail } from "../../schema/api/meetings";
import { mayPlanVisits } from "../../schema/visit-rule";
import { App } from "../../web/src/app";
import { setMe } from "../../web/src/session";
import { fakeWorker, json, missing, refused, useFakeWorker } from "./fake-worker";

const tenant = {
  id: "t-1",
  name: "Đảng ủy phường Hòa An",
  kind: "committee" as const,
  parentId: null,
  viaProvince: false,
  provinceRole: null,
  role: null,
  organizationIds: [] as string[],
  branchRoles: [] as Me["tenants"][number]["branchRoles"],
  guestMeetingIds: [] as string[],
};
const leader: Me = {
  person: { id: "p-leader", fullName: "Võ Văn Lãnh Đạo", email: "lanhdao@chibo.test" },
  tenants: [{ ...tenant, guestMeetingIds: ["m-1"] }],
};
const secretary: Me = {
  person: { id: "p-sec", fullName: "Nguyễn Văn Bí Thư", email: "bithu@chibo.test" },
  tenants: [
    { ...tenant, organizationIds: ["org-1"], branchRoles: [{ organizationId: "org-1", branchRole: "secretary" }] },
  ],
};

const detail: MeetingDetail = {
  id: "m-1",
  organizationId: "org-1",
  organizationName: "Chi bộ khu phố 3",
  kind: "regular",
  topic: "Sinh hoạt thường kỳ tháng 12/2026",
  scheduledAt: "2026-12-20T12:30:00Z",
  place: "Nhà văn hóa khu phố 3",
  format: "hybrid",
  onlineBasis: null,
  status: "planned",
  chairPersonId: "p-sec",
  minutesTakerPersonId: "p-dep",
  chairName: "Nguyễn Văn Bí Thư",
  minutesTakerName: "Trần Thị Phó",
  startedAt: null,
  endedAt: null,
  cancelReason: null,
  combined: false,
  mediaMode: "hall_only",
  mediaLink: null,
  agenda: [
    {
      id: "a-1",
      position: 1,
      title: "Quán triệt nghị quyết của Đảng ủy",
      presenterPersonId: "p-sec",
      presenterName: "Nguyễn Văn Bí Thư",
      minutesBudget: 30,
    },
  ],
  documents: [
    {
      id: "d-1",
      title: "Dự thảo nghị quyết tháng 12",
      body: "Nội dung dự thảo",
      url: null,
      createdAt: "2026-12-10T01:00:00Z",
      late: false,
    },
  ],
  guests: [],
  lateDocuments: false,
  expected: [
    { personId: "p-sec", fullName: "Nguyễn Văn Bí Thư", branchRole: "secretary" },
    { personId: "p-dep", fullName: "Trần Thị Phó", branchRole: "deputy" },
    { personId: "p-an", fullName: "Lê Văn An", branchRole: "member" },
  ],
};

/** Answers as the worker would for this caller; records every request with its status. */
function fakeServer(caller: Me) {
  const t = caller.tenants[0]!;
  const staff = t.role !== null;
  const answer = (method: string, path: string): Response => {
    if (method === "GET" && path === "/api/tenants/t-1/meetings/m-1") return json(200, detail);
    if (method === "GET" && path.startsWith("/api/tenants/t-1/members?")) {
      if (!staff && t.organizationIds.length === 0) return refused();
      return json(200, { items: [], total: 0 });
    }
    if (method === "GET" && path === "/api/tenants/t-1/visits/leaders") {
      return mayPlanVisits(t.viaProvince ? null : t.role, t.provinceRole) ? json(200, { items: [] }) : refused();
    }
    return missing(`${method} ${path}`);
  };
  return fakeWorker((method, url) => answer(method, url.pathname + url.search));
}

useFakeWorker();

async function openMeetingPageAs(caller: Me) {
  const seen = fakeServer(caller);
  setMe(caller);
  window.history.replaceState(null, "", "/t/t-1/meetings/m-1");
  render(() => <App />);
  const expected = await screen.findByRole("region", { name: "Đảng viên dự kiến tham dự" }, { timeout: 5000 });
  // Let every resource the page starts settle before reading what was asked.
  await new Promise((r) => setTimeout(r, 50));
  return { seen, expected };
}

describe("the meeting page before the start", () => {
  it("lets a visiting leader read the agenda, the documents and who is expected, with no refused request", async () => {
    const { seen, expected } = await openMeetingPageAs(leader);
    expect(within(expected).getByText(/Nguyễn Văn Bí Thư/).textContent).toContain("Bí thư");
    expect(within(expected).getByText(/Trần Thị Phó/)).toBeTruthy();
    expect(within(expected).getByText(/Lê Văn An/)).toBeTruthy();
    expect(screen.getByText("Dự thảo nghị quyết tháng 12")).toBeTruthy();
    // How remote people hear and speak is part of the plan the page shows.
    expect(screen.getByText("Chỉ tại hội trường")).toBeTruthy();
    // The agenda reads as text: the leader cannot change it.
    await waitFor(() => expect(screen.getByText("Quán triệt nghị quyết của Đảng ủy")).toBeTruthy());
    expect(screen.queryByLabelText(/Nội dung mục 1/)).toBeNull();
    expect(seen.filter((r) => r.status >= 400)).toEqual([]);
    expect(seen.map((r) => r.path)).toEqual(["/api/tenants/t-1/meetings/m-1"]);
  });

  it("lets the branch secretary plan it without asking for what only staff may read", async () => {
    const { seen, expected } = await openMeetingPageAs(secretary);
    expect(within(expected).getAllByRole("listitem")).toHaveLength(3);
    // The secretary picks the chair from the branch's expected members.
    const chair = screen.getByLabelText("Chủ trì") as HTMLSelectElement;
    expect([...chair.options].map((o) => o.textContent)).toContain("Lê Văn An");
    expect(seen.filter((r) => r.status >= 400)).toEqual([]);
  });
});
