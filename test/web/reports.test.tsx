import { cleanup, fireEvent, render, screen, within } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type ReportResult, reportColumns } from "../../schema/api/reports";
import { setLang } from "../../web/src/i18n";
import { CHART_DEFAULT_WIDTH, chartBox, tickStep } from "../../web/src/reports/chart-box";
import { BarChart, LineChart, niceMax } from "../../web/src/reports/charts";
import { formatCell } from "../../web/src/reports/format-cell";
import { MeetingCard } from "../../web/src/reports/grades-panel";
import {
  monthName,
  monthTick,
  type PeriodState,
  periodFromSearch,
  periodQuery,
  periodToSearch,
} from "../../web/src/reports/period";
import { PeriodPicker } from "../../web/src/reports/period-picker";
import { ReportView } from "../../web/src/reports/report-view";
import { visitActions, visitMeetingHref } from "../../web/src/reports/visits-panel";

beforeEach(() => setLang("vi"));
afterEach(cleanup);

describe("period in the address", () => {
  it("reads each kind back and falls back to the current year on nonsense", () => {
    const today = "2026-11-22";
    expect(periodFromSearch({}, today)).toMatchObject({ kind: "year", year: 2026, quarter: 4, month: "2026-11" });
    expect(periodQuery(periodFromSearch({ p: "quarter", y: "2025", q: "2" }, today))).toEqual({
      year: 2025,
      quarter: 2,
    });
    expect(periodQuery(periodFromSearch({ p: "month", m: "2025-03" }, today))).toEqual({ month: "2025-03" });
    expect(periodQuery(periodFromSearch({ p: "range", from: "2025-01-01", to: "2025-06-30" }, today))).toEqual({
      from: "2025-01-01",
      to: "2025-06-30",
    });
    expect(periodQuery(periodFromSearch({ p: "month", m: "2025-13" }, today))).toEqual({ month: "2026-11" });
    expect(periodQuery(periodFromSearch({ p: "weird", y: "abc" }, today))).toEqual({ year: 2026 });
    // A range whose end is before its start keeps a valid end.
    expect(periodFromSearch({ p: "range", from: "2026-05-01", to: "2026-01-01" }, today).to).toBe("2026-11-22");
  });

  it("round-trips through the search parameters, clearing the other kinds' keys", () => {
    const p: PeriodState = {
      kind: "quarter",
      year: 2025,
      quarter: 3,
      month: "2025-08",
      from: "2025-01-01",
      to: "2025-12-31",
    };
    const s = periodToSearch(p);
    expect(s).toEqual({ p: "quarter", y: "2025", q: "3", m: undefined, from: undefined, to: undefined });
    expect(periodFromSearch(s as Record<string, string>, "2026-01-01")).toMatchObject({
      kind: "quarter",
      year: 2025,
      quarter: 3,
    });
  });

  it("labels months short, with the year when a series spans years, in the page's language", () => {
    expect(monthTick("2025-03", false)).toBe("T3");
    expect(monthTick("2025-03", true)).toBe("T3/25");
    expect(monthName("2025-03")).toBe("tháng 3/2025");
    setLang("en");
    expect([monthTick("2025-03", false), monthTick("2025-03", true), monthName("2025-03")]).toEqual([
      "Mar",
      "Mar 25",
      "Mar 2025",
    ]);
  });
});

describe("figures as text", () => {
  it("shows rates as %, time in minutes and missing figures as a dash", () => {
    expect(formatCell("rate", 0.8462)).toBe("84,6%");
    expect(formatCell("seconds", 2300)).toBe("38 phút");
    expect(formatCell("count", 10800)).toBe("10.800");
    expect(formatCell("rate", null)).toBe("—");
    expect(niceMax(0)).toBe(1);
    expect(niceMax(7)).toBe(10);
    expect(niceMax(13)).toBe(20);
    expect(niceMax(43)).toBe(50);
  });
});

const result: ReportResult = {
  report: "attendance",
  title: "Dự sinh hoạt",
  period: {
    from: "2025-01-01",
    to: "2025-12-31",
    months: ["2025-01", "2025-02", "2025-03"],
    quarters: ["2025-Q1"],
    label: "Năm 2025",
  },
  scope: { id: null, name: "Đảng ủy thử", kind: "tenant", path: [] },
  columns: reportColumns.attendance,
  total: {
    meetings: 4,
    expected: 16,
    present: 14,
    rate: 0.875,
    excused: 1,
    unexcused: 1,
    exempt: 1,
    meetingsWithUnexcused: 1,
    meetingsBelowRate: 2,
    branchesBehind: 1,
  },
  rows: [
    {
      organizationId: "c",
      name: "Chi bộ cơ sở Trường học",
      kind: "grassroots_branch",
      drillable: false,
      behind: false,
      values: { meetings: 1, expected: 3, present: 3, rate: 1 },
    },
    {
      organizationId: "g1",
      name: "Đảng bộ phường Một",
      kind: "grassroots_committee",
      drillable: true,
      behind: true,
      values: { meetings: 3, expected: 13, present: 11, rate: 0.8462 },
    },
  ],
  series: [
    { month: "2025-01", values: { meetings: 3, rate: 0.8182, unexcused: 1 } },
    { month: "2025-02", values: { meetings: 1, rate: 1, unexcused: 0 } },
    { month: "2025-03", values: { meetings: 0, rate: null, unexcused: 0 } },
  ],
  behind: [
    {
      organizationId: "b",
      name: "Chi bộ khu phố 2",
      parentName: "Đảng bộ phường Một",
      reasons: [
        { code: "low_attendance", value: 0.75 },
        { code: "unexcused_absence", count: 1 },
      ],
    },
  ],
  tables: [],
};

describe("a report on screen", () => {
  it("shows the rows with the total, flags the branches behind with why, and drills down", () => {
    const drilled: (string | null)[] = [];
    render(() => (
      <ReportView result={result} onDrill={(id) => drilled.push(id)} exports={{ csv: "/x.csv", xlsx: "/x.xlsx" }} />
    ));
    const table = screen.getByRole("table");
    const rows = within(table).getAllByRole("row");
    expect(rows[1]!.textContent).toContain("Chi bộ cơ sở Trường học");
    expect(rows[1]!.textContent).toContain("100%");
    expect(rows[2]!.classList.contains("row-behind")).toBe(true);
    expect(rows[2]!.textContent).toContain("84,6%");
    expect(rows[2]!.textContent).toContain("Chậm");
    expect(rows[3]!.textContent).toMatch(/^Tổng/);
    expect(rows[3]!.textContent).toContain("87,5%");
    expect(screen.getByText(/Tỷ lệ dự họp 75% \(cần trên 85%\); 1 lượt vắng không lý do/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Xem chi tiết Đảng bộ phường Một" }));
    fireEvent.click(screen.getByRole("button", { name: "Chi bộ khu phố 2" }));
    expect(drilled).toEqual(["g1", "b"]);
    expect(screen.getByRole("link", { name: "Tải CSV" }).getAttribute("href")).toBe("/x.csv");
    expect(screen.getByRole("link", { name: "Tải Excel" }).getAttribute("href")).toBe("/x.xlsx");
    // The attendance trend, with its figures readable by a screen reader; March has no figure.
    const chart = screen.getByRole("img", { name: /Tỷ lệ dự họp theo tháng/ });
    expect(chart.getAttribute("aria-label")).toContain("tháng 1/2025: Tỷ lệ dự họp theo tháng 82%");
    expect(chart.getAttribute("aria-label")).toContain("tháng 3/2025: Tỷ lệ dự họp theo tháng —");
    expect(chart.querySelectorAll("polyline")).toHaveLength(1);
  });

  it("draws stacked bars to scale", () => {
    render(() => (
      <BarChart
        title="Số cuộc"
        months={["2025-01", "2025-02"]}
        stacked
        series={[
          { label: "Thường kỳ", color: "#800", values: [4, 2] },
          { label: "Chuyên đề", color: "#d80", values: [1, 0] },
        ]}
      />
    ));
    const rects = [...screen.getByRole("img").querySelectorAll("rect")];
    // The axis tops at 5: January's stack (4 + 1) fills the plot, February's 2 fills 2/5 of it.
    const { plotH } = chartBox(CHART_DEFAULT_WIDTH, 20);
    const heights = rects.map((r) => Number(r.getAttribute("height")));
    expect(heights.map((h) => Math.round(h * 10) / 10)).toEqual(
      [4, 1, 2, 0].map((v) => Math.round((v / 5) * plotH * 10) / 10),
    );
    expect(screen.getByText("T1")).toBeTruthy();
  });

  it("keeps its labels at the page's large type on a phone, one unit a pixel, thinning months that would overlap", () => {
    // A 360 px phone leaves the chart ~330 px: drawn at that width (not a 640-wide picture shrunk to half).
    const phone = chartBox(330, 20);
    expect([phone.w, phone.font]).toEqual([330, 16]);
    // Twelve months of "T10" at 16 px do not fit side by side in ~280 px: every other one is labelled.
    expect(tickStep(12, phone, 3)).toBe(2);
    expect(tickStep(12, chartBox(900, 20), 3)).toBe(1);
    // A+ grows the labels with the page.
    expect(chartBox(330, 28).font).toBe(22);

    render(() => (
      <BarChart
        title="Số cuộc"
        months={["2025-01", "2025-02"]}
        series={[{ label: "x", color: "#800", values: [1, 2] }]}
      />
    ));
    const svg = screen.getByRole("img");
    const [, , w, h] = svg.getAttribute("viewBox")!.split(" ").map(Number);
    expect([Number(svg.getAttribute("width")), Number(svg.getAttribute("height"))]).toEqual([w, h]);
    expect(svg.getAttribute("style")).toContain("font-size: 16px");
  });

  it("leaves a gap in a line where a month has no figure", () => {
    render(() => (
      <LineChart
        title="Tỷ lệ"
        months={["2025-01", "2025-02", "2025-03", "2025-04"]}
        series={[{ label: "x", color: "#800", values: [0.5, null, 0.7, 0.9] }]}
      />
    ));
    const svg = screen.getByRole("img");
    expect(svg.querySelectorAll("polyline")).toHaveLength(1);
    expect(svg.querySelectorAll("circle")).toHaveLength(1);
    // The end months' labels stay inside the picture, clear of the "0%" axis label.
    const box = chartBox(CHART_DEFAULT_WIDTH, 20);
    const ticks = [...svg.querySelectorAll("text.chart-tick")].filter((t) => /^T\d+$/.test(t.textContent ?? ""));
    const xs = ticks.map((t) => Number(t.getAttribute("x")));
    expect(Math.min(...xs) - box.font).toBeGreaterThanOrEqual(box.left);
    expect(Math.max(...xs) + box.font).toBeLessThanOrEqual(box.w);
  });
});

describe("the period picker", () => {
  it("switches kind and edits the fields of that kind", () => {
    const [value, setValue] = createSignal<PeriodState>({
      kind: "year",
      year: 2025,
      quarter: 1,
      month: "2025-01",
      from: "2025-01-01",
      to: "2025-12-31",
    });
    render(() => <PeriodPicker value={value()} onChange={setValue} />);
    fireEvent.click(screen.getByRole("button", { name: "Quý" }));
    expect(value().kind).toBe("quarter");
    fireEvent.change(screen.getByLabelText("Quý"), { target: { value: "3" } });
    expect(value().quarter).toBe(3);
    fireEvent.click(screen.getByRole("button", { name: "Tháng" }));
    fireEvent.change(screen.getByLabelText("Tháng"), { target: { value: "2025-07" } });
    expect(periodQuery(value())).toEqual({ month: "2025-07" });
    fireEvent.click(screen.getByRole("button", { name: "Từ ngày – đến ngày" }));
    fireEvent.change(screen.getByLabelText("Từ ngày"), { target: { value: "2025-02-01" } });
    expect(periodQuery(value())).toEqual({ from: "2025-02-01", to: "2025-12-31" });
  });
});

describe("a visit's meeting link", () => {
  it("takes the committee to the meeting's page and the leader into the room only while the visit is ahead", () => {
    const v = { meetingId: "mt1", meetingStatus: "planned", status: "planned" as const };
    expect(visitMeetingHref("t1", v, true)).toBe("/t/t1/meetings/mt1");
    expect(visitMeetingHref("t1", v, false)).toBe("/t/t1/meetings/mt1/room");
    expect(visitMeetingHref("t1", { ...v, meetingStatus: "live" }, false)).toBe("/t/t1/meetings/mt1/room");
    expect(visitMeetingHref("t1", { ...v, meetingStatus: "closed", status: "attended" }, false)).toBeNull();
    expect(visitMeetingHref("t1", { ...v, meetingStatus: "closed", status: "missed" }, false)).toBeNull();
    expect(visitMeetingHref("t1", { ...v, meetingId: null }, true)).toBeNull();
  });
});

describe("what the committee can do with a plan", () => {
  it("moves or records as attended a missed visit, deletes one still ahead, leaves the rest alone", () => {
    expect(visitActions({ status: "missed" })).toEqual(["markAttended", "move"]);
    expect(visitActions({ status: "planned" })).toEqual(["delete"]);
    expect(visitActions({ status: "attended" })).toEqual([]);
    expect(visitActions({ status: "moved" })).toEqual([]);
  });
});

describe("a meeting under grade review", () => {
  it("shows the provisional grade and names whose evaluation each button confirms", () => {
    const ev = (
      id: string,
      name: string,
      kind: "branch" | "leader",
      total: number,
      grade: "good" | "fair" | "average" | "weak",
      confirmedAt: string | null = null,
    ) => ({
      id,
      evaluatorPersonId: id,
      evaluatorName: name,
      evaluatorKind: kind,
      total,
      grade,
      scores: {},
      confirmedAt,
      confirmedBy: null,
    });
    const toggled: string[] = [];
    render(() => (
      <MeetingCard
        manage
        onToggle={(e) => toggled.push(e.id)}
        meeting={{
          meetingId: "m",
          organizationId: "o",
          organizationName: "Chi bộ khu phố 3",
          kind: "regular",
          topic: "x",
          scheduledAt: "2026-10-15T12:00:00.000Z",
          grade: "average",
          confirmed: false,
          evaluations: [
            ev("e1", "Nguyễn Văn Bình", "branch", 85, "fair"),
            ev("e2", "Đặng Quốc Hùng", "leader", 65, "average"),
          ],
        }}
      />
    ));
    // The leader's grade counts until the committee confirms one.
    expect(screen.getByText("Trung bình", { selector: "strong" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Xác nhận: Đặng Quốc Hùng, 65 điểm" }));
    expect(toggled).toEqual(["e2"]);
    expect(screen.getByRole("button", { name: "Xác nhận: Nguyễn Văn Bình, 85 điểm" })).toBeTruthy();
  });
});

describe("a report in English", () => {
  it("names the report, its columns, period and reasons in English (the exports stay Vietnamese)", () => {
    setLang("en");
    render(() => <ReportView result={result} onDrill={() => undefined} exports={{ csv: "/x.csv", xlsx: "/x.xlsx" }} />);
    expect(screen.getByRole("heading", { level: 2 }).textContent).toBe("Attendance · Year 2025");
    const headers = within(screen.getByRole("table"))
      .getAllByRole("columnheader")
      .map((h) => h.textContent);
    expect(headers).toContain("Expected (less exempted)");
    expect(headers).toContain("Absent without reason");
    expect(headers.some((h) => /[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]/i.test(h ?? ""))).toBe(false);
    expect(screen.getByText(/Attendance 75% \(needs over 85%\); 1 absence\(s\) without reason/)).toBeTruthy();
  });
});
