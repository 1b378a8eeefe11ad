import { Route, Router } from "@solidjs/router";
import { cleanup, render, screen } from "@solidjs/testing-library";
import type { JSX } from "solid-js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setLang } from "../../web/src/i18n";
import { CSV_TEMPLATE, explainIssues } from "../../web/src/pages/tenant/import-logic";
import { BadLines, ImportSummary } from "../../web/src/pages/tenant/import-page";
import { type PlanMeeting, planYear } from "../../web/src/pages/tenant/plan-year";
import { YearGrid } from "../../web/src/pages/tenant/year-grid";

/** Pages use router links; give them a router at the current URL. */
const inRouter = (ui: () => JSX.Element) => render(() => <Router>{<Route path="*" component={ui} />}</Router>);

beforeEach(() => setLang("vi"));
afterEach(cleanup);

describe("CSV import explained", () => {
  const csv =
    "\uFEFFHọ và tên,Chi bộ,Trạng thái\r\nNguyễn Văn An,Chi bộ 1,Chính thức\r\n,Chi bộ 1,Dự bị\r\nLê Văn C,Chi bộ 9,Chính thức\r\n";

  it("shows each bad line as written in the file, with all its reasons, in file order", () => {
    const lines = explainIssues(
      [
        { path: "line 4", message: "Không có chi bộ “Chi bộ 9” / No branch “Chi bộ 9”" },
        { path: "line 3", message: "Cần họ và tên / Full name required" },
        { path: "line 3", message: "Đảng viên dự bị cần ngày vào dự bị / needs the probation start" },
      ],
      csv,
      (s) => s.split(" / ")[0]!,
    );
    expect(lines).toEqual([
      { line: 3, text: ",Chi bộ 1,Dự bị", problems: ["Cần họ và tên", "Đảng viên dự bị cần ngày vào dự bị"] },
      { line: 4, text: "Lê Văn C,Chi bộ 9,Chính thức", problems: ["Không có chi bộ “Chi bộ 9”"] },
    ]);
  });

  it("keeps a problem of the whole file apart from the lines", () => {
    const lines = explainIssues([{ path: "", message: "Tệp trống" }], "");
    expect(lines).toEqual([{ line: null, text: "", problems: ["Tệp trống"] }]);
  });

  it("renders the bad lines as an alert a screen reader announces", () => {
    render(() => <BadLines lines={[{ line: 3, text: ",Chi bộ 1,Dự bị", problems: ["Cần họ và tên"] }]} />);
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("Tệp có 1 dòng chưa đúng");
    expect(alert.textContent).toContain("Dòng 3");
    expect(alert.textContent).toContain("Cần họ và tên");
  });

  it("summarizes a valid file per branch", () => {
    render(() => (
      <ImportSummary
        result={{
          dryRun: true,
          rows: 2,
          membershipIds: [],
          byOrganization: [{ organizationId: "o1", organizationName: "Chi bộ 1", rows: 2 }],
          preview: [],
        }}
      />
    ));
    expect(screen.getByRole("status").textContent).toContain("2 dòng. Mỗi người nhận lời mời");
    expect(screen.getByText("Chi bộ 1: 2 đảng viên")).toBeTruthy();
  });

  it("offers a template whose headers are the ones the importer requires", () => {
    const header = CSV_TEMPLATE.split("\n")[0]!;
    for (const col of ["Họ và tên", "Chi bộ", "Trạng thái"]) expect(header).toContain(col);
  });
});

describe("year at a glance", () => {
  const meetings: PlanMeeting[] = [
    { id: "m1", kind: "regular", scheduledAt: "2026-01-15T12:00:00Z", status: "closed" },
    { id: "m2", kind: "thematic", scheduledAt: "2026-02-15T12:00:00Z", status: "closed" },
  ];

  it("labels each month in words, links held meetings and offers to create missing ones", async () => {
    inRouter(() => (
      <YearGrid
        plan={planYear(2026, meetings, new Date("2026-03-20T00:00:00Z"))}
        meetingHref={(id) => `/t/x/meetings/${id}`}
        createHref={(kind, month) => `/t/x/meetings/new?kind=${kind}&month=${month + 1}`}
      />
    ));
    const jan = (await screen.findByText("Tháng 1")).closest("li")!;
    expect(jan.textContent).toContain("Đã họp");
    expect(jan.querySelector("a")!.getAttribute("href")).toBe("/t/x/meetings/m1");
    const feb = screen.getByText("Tháng 2").closest("li")!;
    expect(feb.textContent).toContain("Không họp");
    expect(feb.querySelector("a")!.getAttribute("href")).toBe("/t/x/meetings/new?kind=regular&month=2");
    expect(screen.getByText("Quý 1").closest("li")!.textContent).toContain("Đã họp");
    expect(screen.getByText(/Thường kỳ đã họp 1\/12/)).toBeTruthy();
  });

  it("offers no creation to a read-only viewer", async () => {
    inRouter(() => <YearGrid plan={planYear(2026, [], new Date("2026-03-20T00:00:00Z"))} meetingHref={(id) => id} />);
    await screen.findByText("Tháng 1");
    expect(document.querySelectorAll(".slot a")).toHaveLength(0);
  });
});
