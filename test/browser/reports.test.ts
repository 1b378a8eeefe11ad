/**
 * The reports pages in Chromium against `wrangler dev`. The seed's visiting leader is a viewer of the
 * province committee (reports, visits, grade review; no writes) and a guest of the ward committee's meeting
 * (there: only their own visits).
 */
import { describe, expect, inject, it } from "vitest";
import { vnThisYear } from "../../schema/calendar.ts";
import { LAPTOP, settleAt } from "./fit.ts";
import { browserForFile, PHONE, shots } from "./support.ts";

const baseUrl = inject("baseUrl");
const seed = inject("seed");
const chromium = browserForFile(baseUrl);

describe("reports in the browser", () => {
  it("shows a viewer the report with its period, chart, total and working exports", async () => {
    const path = "/t/t-province/reports";
    const viewer = await chromium.login(seed.people.leader, `${path}?p=year&y=2025`);
    const page = viewer.page;
    await page.getByRole("heading", { name: /Sinh hoạt định kỳ và chuyên đề · Năm 2025/ }).waitFor();
    expect(await page.getByRole("img", { name: /Số cuộc sinh hoạt theo tháng/ }).count()).toBe(1);
    expect(await page.locator("tfoot").textContent()).toContain("Tổng");
    // All of the meetings report's columns (meetings, then resolution tasks) fit a laptop's screen: the table
    // does not scroll sideways, and no header's words spill out of its cell.
    await settleAt(page, LAPTOP);
    const table = await page.locator(".report-table").evaluate((t) => {
      const wrap = t.parentElement!;
      const headers = [...t.querySelectorAll("thead th")];
      const spilling = headers.filter((th) => th.scrollWidth > th.clientWidth).map((th) => th.textContent);
      return { scroll: wrap.scrollWidth - wrap.clientWidth, spilling, columns: headers.length };
    });
    expect(table.columns).toBeGreaterThanOrEqual(17);
    expect(table.scroll).toBeLessThanOrEqual(0);
    expect(table.spilling).toEqual([]);
    await shots(page, "reports-meetings");

    // Another report and another period: the address carries both.
    await page.getByRole("button", { name: "Dự sinh hoạt", exact: true }).click();
    await page.getByRole("button", { name: "Quý", exact: true }).click();
    await page.getByRole("heading", { name: /Dự sinh hoạt · Quý \d\/2025/ }).waitFor();
    expect(page.url()).toContain("r=attendance");
    expect(page.url()).toContain("p=quarter");
    await shots(page, "reports-attendance");

    const href = await page.getByRole("link", { name: "Tải CSV" }).getAttribute("href");
    const csv = await page.request.get(href!);
    expect(csv.status()).toBe(200);
    const bytes = await csv.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8")).toContain("Dự sinh hoạt");
    const xlsx = await page.request.get(
      (await page.getByRole("link", { name: "Tải Excel", exact: true }).getAttribute("href"))!,
    );
    expect(xlsx.headers()["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect((await xlsx.body()).subarray(0, 2).toString()).toBe("PK");

    // Visit plans and grade review are read-only for a viewer: no register form, no confirm buttons.
    await page.getByRole("link", { name: "Lãnh đạo dự sinh hoạt" }).click();
    await page.getByRole("heading", { name: "Kế hoạch lãnh đạo dự sinh hoạt chi bộ" }).waitFor();
    expect(await page.getByText("Đăng ký lượt dự").count()).toBe(0);
    await page.getByRole("link", { name: "Xác nhận xếp loại" }).click();
    await page.getByRole("heading", { name: "Xác nhận xếp loại chất lượng sinh hoạt" }).waitFor();
    await shots(page, "reports-grades");
  });

  it("reads on a phone with the keyboard: large chart labels, report switch and drill-down by Enter, the branch behind named", async () => {
    const year = vnThisYear();
    const admin = await chromium.login(seed.people.admin, `/t/${seed.tenantId}/reports?p=year&y=${year}`, PHONE);
    const page = admin.page;
    await page.getByRole("heading", { name: `Sinh hoạt định kỳ và chuyên đề · Năm ${year}` }).waitFor();
    // The chart's month labels are drawn at the page's large type, not a desktop picture shrunk to 360 px.
    const chart = page.getByRole("img", { name: /Số cuộc sinh hoạt theo tháng/ });
    const chartBox = (await chart.boundingBox())!;
    expect(chartBox.x + chartBox.width).toBeLessThanOrEqual(360);
    const tick = (await page
      .locator(".chart-tick")
      .filter({ hasText: /^T\d+$/ })
      .first()
      .boundingBox())!;
    expect(tick.height).toBeGreaterThanOrEqual(14);
    await shots(page, "reports-admin-meetings");

    // Drill into the grassroots committee with the keyboard: its branch is the row, and it falls behind
    // (last month's meeting is the only one held this year).
    const drill = page.getByRole("button", { name: /Đảng bộ phường Hòa An/ }).first();
    await drill.focus();
    await page.keyboard.press("Enter");
    await page
      .getByRole("navigation", { name: "Phạm vi" })
      .getByRole("button", { name: "Đảng bộ phường Hòa An" })
      .waitFor();
    const behind = page.locator(".behind-list li").filter({ hasText: "Chi bộ khu phố 3" });
    expect(await behind.textContent()).toMatch(/Thiếu \d+ cuộc sinh hoạt thường kỳ/);
    expect(page.url()).toContain("org=");

    // Another report by keyboard keeps the drill-down.
    const attendance = page.getByRole("button", { name: "Dự sinh hoạt", exact: true });
    await attendance.focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: `Dự sinh hoạt · Năm ${year}` }).waitFor();
    expect(await attendance.getAttribute("aria-pressed")).toBe("true");
    expect(page.url()).toContain("org=");
    await shots(page, "reports-admin-attendance");

    // The committee's visit plans: the register form opens from the keyboard and lists the branch.
    await page.getByRole("link", { name: "Lãnh đạo dự sinh hoạt" }).click();
    await page.getByRole("heading", { name: "Kế hoạch lãnh đạo dự sinh hoạt chi bộ" }).waitFor();
    const summary = page.locator(".register-visit summary");
    await summary.focus();
    await page.keyboard.press("Enter");
    // Plan the visiting leader for this month's meeting of Khu phố 5 (the seed's meeting no other test plays): the
    // plan links to it at once.
    await page
      .getByRole("combobox", { name: "Lãnh đạo", exact: true })
      .selectOption({ label: `${seed.people.leader.name} (${seed.people.leader.email})` });
    await page.getByRole("combobox", { name: "Chi bộ", exact: true }).selectOption({ label: "Chi bộ khu phố 5" });
    await page.getByRole("textbox", { name: "Ghi chú" }).fill("Dự và chỉ đạo sinh hoạt tháng");
    await page.locator(".register-visit form button[type=submit]").press("Enter");
    const planned = page.locator("tbody tr").filter({ hasText: seed.people.leader.name });
    await planned.getByText("Đã đăng ký").waitFor();
    expect(await planned.getByRole("link").getAttribute("href")).toMatch(
      new RegExp(`^/t/${seed.tenantId}/meetings/[^/]+$`),
    );
    expect(await page.locator(".visits-kept").textContent()).toMatch(/0 \/ 1/);
    await shots(page, "reports-admin-visits");
  });

  it("shows a visiting leader with no role in the committee only their own visits", async () => {
    const leader = await chromium.login(seed.people.leader, `/t/${seed.tenantId}/reports`, PHONE);
    await leader.page.getByRole("heading", { name: "Các lượt dự của tôi" }).first().waitFor();
    expect(await leader.page.getByRole("link", { name: "Xác nhận xếp loại" }).count()).toBe(0);
    expect(await leader.page.getByRole("link", { name: "Các lượt dự của tôi" }).getAttribute("aria-current")).toBe(
      "page",
    );
    expect(await leader.page.getByRole("button", { name: "Sinh hoạt định kỳ và chuyên đề" }).count()).toBe(0);
    // The plan the committee registered above: the leader goes from it straight into the meeting's room.
    const mine = leader.page.locator("tbody tr").filter({ hasText: "Chi bộ khu phố 5" });
    await mine.getByText("Đã đăng ký").waitFor();
    await shots(leader.page, "reports-leader-visits");
    const enter = mine.getByRole("link", { name: "Vào phòng họp" });
    expect(await enter.getAttribute("href")).toMatch(new RegExp(`^/t/${seed.tenantId}/meetings/[^/]+/room$`));
    await enter.click();
    await leader.page.waitForURL(/\/room$/);
    await leader.page.getByRole("heading", { level: 1, name: /Sinh hoạt/ }).waitFor();
  });
});
