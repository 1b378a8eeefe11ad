/**
 * The committee console and planning in Chromium against `wrangler dev`, driven by the committee admin:
 * the organization tree, member search, a CSV import refused with its bad line explained, a branch's year
 * at a glance, a meeting planned from the usual order, its agenda, a document and a visiting leader, and the
 * printable minutes of last month's closed meeting with its PDF; then the branch secretary (no committee role)
 * planning their own branch with presenters, and correcting and approving last month's minutes.
 * Screenshots go to test-artifacts/screenshots.
 */
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { addMonths, vnThisMonth, vnThisYear } from "../../schema/calendar.ts";
import { browserForFile, DESKTOP, PHONE, shots } from "./support.ts";

const baseUrl = inject("baseUrl");
const seed = inject("seed");
const base = `/t/${seed.tenantId}`;
const NEW_ITEM = "Học tập chuyên đề năm mới";
const DOC = "Dự thảo nghị quyết tháng 1";

const chromium = browserForFile(baseUrl);

const toast = (page: Page, text: string | RegExp) => page.locator(".toast").filter({ hasText: text }).first().waitFor();

describe("the committee console in the browser", () => {
  it("shows the tree, finds members, explains a bad CSV line, plans a meeting from the template and prints minutes", async () => {
    const { page } = await chromium.login(seed.people.admin, `${base}/organizations`);

    // The organization tree: the ward's party committee with its branch under it.
    const tree = page.locator(".org-tree").first();
    await tree.filter({ hasText: "Chi bộ khu phố 3" }).waitFor();
    expect(await tree.innerText()).toContain("Đảng bộ phường Hòa An");
    await shots(page, "console-organizations");

    // At a 360 px phone the header (name, log out, language, text size) fits: nothing wider than the screen,
    // the whole name still in the link's text for screen readers, every header control on screen and 44 px
    // tall, at the default text size and at the smallest (where 2.2rem alone would be 35 px).
    await page.setViewportSize(PHONE);
    const smaller = page.getByRole("button", { name: "Chữ nhỏ hơn" });
    const headerFits = async () => {
      await expect
        .poll(() => page.evaluate(() => document.documentElement.scrollWidth))
        .toBeLessThanOrEqual(PHONE.width);
      expect(await page.locator(".whoami-name").textContent()).toBe(seed.people.admin.name);
      for (const control of await page.locator(".app-header .segmented button, .app-header .whoami .btn").all()) {
        const box = (await control.boundingBox())!;
        expect(box.height).toBeGreaterThanOrEqual(44);
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
      }
    };
    await headerFits();
    await smaller.click();
    await smaller.click();
    await expect.poll(() => smaller.isDisabled()).toBe(true);
    await headerFits();
    // Back to the default size for the rest of the run (it is remembered per person).
    const larger = page.getByRole("button", { name: "Chữ lớn hơn" });
    await larger.click();
    await larger.click();
    await expect.poll(() => page.evaluate(() => document.documentElement.style.fontSize)).toBe("20px");
    await page.setViewportSize(DESKTOP);

    // Member search without diacritics.
    await page.goto(`${base}/members`);
    await page.locator("main table").filter({ hasText: seed.people.member.name }).waitFor();
    await page.getByLabel("Tìm theo tên, e-mail").fill("pham thi hoa");
    await page.waitForFunction(
      ([other, found]) => {
        const text = document.querySelector("main table")?.textContent ?? "";
        return text.includes(found!) && !text.includes(other!);
      },
      [seed.people.member.name, seed.people.probationary.name],
    );
    await shots(page, "console-members-search");

    // A CSV whose third line is a probationary member without the start date: refused, that line explained.
    await page.getByRole("link", { name: "Nhập từ tệp CSV" }).click();
    const badLine = "Trần Thị Bình,,,1995,Chi bộ khu phố 3,Dự bị,,Đảng viên";
    await page
      .getByLabel("Hoặc dán nội dung tệp vào đây")
      .fill(`Họ và tên,E-mail,Điện thoại,Năm sinh,Chi bộ,Trạng thái,Ngày vào dự bị,Chức vụ
Nguyễn Văn An,an.nguyen@example.vn,,1968,Chi bộ khu phố 3,Chính thức,,Đảng viên
${badLine}
`);
    await page.getByRole("button", { name: "Kiểm tra (chưa lưu gì)" }).click();
    const refusal = page.locator("[role=alert]").filter({ hasText: "Chưa nhập gì" });
    await refusal.waitFor();
    const refusalText = await refusal.innerText();
    expect(refusalText).toContain("Dòng 3");
    expect(refusalText).toContain(badLine);
    expect(refusalText).toContain("Đảng viên dự bị cần ngày vào dự bị");
    expect(refusalText).not.toContain("Dòng 2");
    await shots(page, "console-import-bad-line");

    // Last month's meeting was held; next year is still empty: plan its January from the usual order.
    // As the seed dates it: the 15th of last month.
    const lastMonth = addMonths(vnThisMonth(), -1);
    await page.goto(`${base}/planning?org=${seed.branchId}&year=${lastMonth.slice(0, 4)}`);
    const months = page.locator(".slots-months > li");
    await months
      .nth(Number(lastMonth.slice(5, 7)) - 1)
      .filter({ hasText: "Đã họp" })
      .waitFor();
    expect(await months.count()).toBe(12);
    expect(await page.locator(".slots-quarters > li").count()).toBe(4);
    await shots(page, "planning-year");

    const nextYear = vnThisYear() + 1;
    await page.goto(`${base}/planning?org=${seed.branchId}&year=${nextYear}`);
    await months.first().filter({ hasText: "Chưa lên lịch" }).waitFor();
    await months.first().getByRole("link", { name: /Tạo/ }).click();
    await page.getByRole("heading", { name: "Tạo cuộc họp" }).waitFor();
    expect(await page.getByLabel("Nội dung / chủ đề").inputValue()).toBe(
      `Sinh hoạt chi bộ thường kỳ tháng 1/${nextYear}`,
    );
    expect(await page.getByLabel("Nội dung mục 1").inputValue()).toMatch(/^Khai mạc/);
    expect(await page.getByLabel("Nội dung mục 9").inputValue()).toBe("Bế mạc");
    await page.getByLabel("Địa điểm").fill("Nhà văn hóa khu phố 3");
    // The secretary chairs by default; the minutes-taker is named here.
    const chair = page.getByLabel("Chủ trì");
    await expect
      .poll(() => chair.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.text))
      .toBe(seed.people.chair.name);
    await page.getByLabel("Thư ký").selectOption({ label: seed.people.secretary.name });
    await shots(page, "meeting-new-from-template");
    await page.getByRole("button", { name: "Tạo cuộc họp" }).click();
    await page.getByRole("heading", { name: `Sinh hoạt chi bộ thường kỳ tháng 1/${nextYear}` }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(new RegExp(`^${base}/meetings/[\\w-]+$`));

    // Edit while planned: an item added at the end, moved above the closing, saved item by item.
    await page.getByRole("button", { name: "+ Thêm mục" }).click();
    await page.getByLabel("Nội dung mục 10").fill(NEW_ITEM);
    await page.getByLabel("Số phút mục 10").fill("15");
    await page.getByRole("button", { name: "Chuyển mục 10 lên" }).click();
    await page.getByRole("button", { name: "Lưu chương trình" }).click();
    await toast(page, "Đã lưu.");
    await page.waitForFunction(
      (title) => document.querySelector<HTMLInputElement>("[aria-label='Nội dung mục 9']")?.value === title,
      NEW_ITEM,
    );
    expect(await page.getByLabel("Nội dung mục 10").inputValue()).toBe("Bế mạc");
    expect(await page.getByText("Tổng thời lượng: 135 phút").count()).toBe(1);

    // A document for the members, sent well ahead (not late).
    await page.getByLabel("Tên tài liệu").fill(DOC);
    await page.getByLabel("Nội dung (nếu không có đường dẫn)").fill("Chi bộ thống nhất nhiệm vụ tháng 1.");
    await page.getByRole("button", { name: "Đính kèm tài liệu" }).click();
    await page.locator(".doc-list").filter({ hasText: DOC }).waitFor();
    expect(await page.locator(".doc-list").innerText()).not.toContain("Gửi muộn");

    // The visiting leader, picked from the leaders the committee knows; inviting twice is refused in Vietnamese.
    const leaderOption = `${seed.people.leader.name} (${seed.people.leader.email})`;
    const invite = async () => {
      await page.getByLabel("Chọn lãnh đạo đã biết").selectOption({ label: leaderOption });
      expect(await page.getByLabel("Họ và tên khách mời").inputValue()).toBe(seed.people.leader.name);
      await page.getByLabel("Chức vụ").fill("Ủy viên Ban Thường vụ Tỉnh ủy");
      await page.getByRole("button", { name: "Mời dự" }).click();
    };
    await invite();
    await toast(page, `Đã mời ${seed.people.leader.name}.`);
    await page.locator(".tag-list").filter({ hasText: seed.people.leader.name }).waitFor();
    await invite();
    await page.locator("[role=alert]").filter({ hasText: "Khách đã được mời" }).waitFor();
    await shots(page, "meeting-planned");

    // What was saved is what a fresh load shows.
    await page.reload();
    await page.getByRole("heading", { name: `Sinh hoạt chi bộ thường kỳ tháng 1/${nextYear}` }).waitFor();
    expect(await page.getByLabel("Nội dung mục 9").inputValue()).toBe(NEW_ITEM);
    expect(await page.locator(".doc-list").innerText()).toContain(DOC);
    expect(await page.locator(".tag-list").innerText()).toContain(seed.people.leader.name);

    // The rest of the year in one go: January is kept, eleven regular and four thematic meetings are added.
    await page.goto(`${base}/planning?org=${seed.branchId}&year=${nextYear}`);
    await months.first().filter({ hasText: "Đã lên lịch" }).waitFor();
    await page.getByLabel("Giờ bắt đầu").fill("19:00");
    await page.getByRole("button", { name: `Lên lịch cả năm ${nextYear}` }).click();
    await page.locator("[role=status]").filter({ hasText: "Đã tạo 15 buổi; bỏ qua 1 tháng/quý đã có lịch." }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll(".slot-planned").length === 16);
    await shots(page, "planning-year-planned");

    // February falls on the Tết holiday: cancelled with its reason, and no longer editable.
    await months.nth(1).getByRole("link").click();
    await page.getByRole("button", { name: "Hủy cuộc họp" }).click();
    await page.getByLabel("Lý do hủy").fill("Trùng kỳ nghỉ Tết Nguyên đán");
    await page.getByRole("button", { name: "Xác nhận hủy" }).click();
    await page.locator(".notice").filter({ hasText: "Cuộc họp đã hủy. Lý do: Trùng kỳ nghỉ Tết Nguyên đán" }).waitFor();
    expect(await page.getByRole("button", { name: "Lưu thông tin" }).count()).toBe(0);

    // Last month's closed meeting: its frozen minutes on an A4 page, printable, and as a PDF.
    await page.goto(`${base}/meetings/${seed.closedMeetingId}/minutes`);
    const sheet = page.locator("article.a4");
    await sheet.filter({ hasText: "Chi bộ thông qua nghị quyết tháng." }).waitFor();
    const sheetText = await sheet.innerText();
    expect(sheetText).toContain("ĐẢNG CỘNG SẢN VIỆT NAM");
    expect(sheetText).toContain("Bản 1 · đã chốt khi kết thúc cuộc họp");
    expect(sheetText).toContain(seed.people.secretary.name);
    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("button", { name: "In biên bản" }).isVisible()).toBe(false);
    await page.emulateMedia({ media: "screen" });
    await shots(page, "minutes-page");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Tải PDF" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^bien-ban-chi-bo-khu-pho-3-\d{4}-\d{2}\.pdf$/);
    const pdf = await readFile((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.length).toBeGreaterThan(5_000);
  });

  it("lets the branch secretary plan their own branch, name presenters, and approve last month's minutes", async () => {
    // The seed's chair is the branch secretary: no committee role, yet the API lets them plan their branch.
    const { page } = await chromium.login(seed.people.chair, base);
    await page.waitForURL(`**${base}/planning`);
    const nav = page.locator(".app-nav");
    await nav.filter({ hasText: "Kế hoạch" }).waitFor();
    expect(await nav.innerText()).not.toContain("Đảng viên");

    // A meeting in a year nobody planned yet, from the planning grid, with a presenter for one item.
    const year = vnThisYear() + 2;
    await page.goto(`${base}/planning?org=${seed.branchId}&year=${year}`);
    const months = page.locator(".slots-months > li");
    await months.first().getByRole("link", { name: /Tạo/ }).click();
    await page.getByRole("heading", { name: "Tạo cuộc họp" }).waitFor();
    await page.getByLabel("Người trình bày mục 2").selectOption({ label: seed.people.chair.name });
    await page.getByRole("button", { name: "Tạo cuộc họp" }).click();
    await page.getByRole("heading", { name: `Sinh hoạt chi bộ thường kỳ tháng 1/${year}` }).waitFor();
    // The secretary edits this planned meeting: details, agenda with presenters.
    await page.getByRole("button", { name: "Lưu thông tin" }).waitFor();
    const presenter = (n: number) =>
      page.getByLabel(`Người trình bày mục ${n}`).evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.text);
    expect(await presenter(2)).toBe(seed.people.chair.name);
    await page.getByLabel("Người trình bày mục 3").selectOption({ label: seed.people.member.name });
    await page.getByRole("button", { name: "Lưu chương trình" }).click();
    await toast(page, "Đã lưu.");
    await page.reload();
    await page.getByRole("heading", { name: `Sinh hoạt chi bộ thường kỳ tháng 1/${year}` }).waitFor();
    await expect.poll(() => presenter(3)).toBe(seed.people.member.name);
    expect(await presenter(2)).toBe(seed.people.chair.name);
    await shots(page, "meeting-planned-by-secretary");

    // Last month's closed meeting, chaired by them: a corrected version of the frozen minutes, then approved.
    await page.goto(`${base}/meetings/${seed.closedMeetingId}`);
    const versions = page.locator("[data-version]");
    await versions.filter({ hasText: "Chờ duyệt" }).waitFor();
    expect(await versions.count()).toBe(1);
    await page.getByRole("button", { name: "Tạo phiên bản mới từ phiên bản 1" }).click();
    const text = page.getByLabel("Nội dung biên bản");
    expect(await text.inputValue()).toContain("Chi bộ thông qua nghị quyết tháng.");
    await text.fill(`${await text.inputValue()}
Bổ sung: đồng chí Lê Văn Dũng phát biểu về an ninh khu phố.`);
    await page.getByRole("button", { name: "Lưu thành phiên bản 2" }).click();
    await toast(page, "Đã lưu phiên bản 2.");
    await page.getByRole("button", { name: "Duyệt phiên bản 2" }).click();
    await toast(page, "Đã duyệt phiên bản 2.");
    await versions.filter({ hasText: "Đã duyệt" }).waitFor();
    expect(await versions.first().innerText()).toContain("Phiên bản 2");
    expect(await versions.nth(1).innerText()).toContain("Đã có bản mới hơn");
    // Approved is final: nothing left to change.
    expect(await page.getByRole("button", { name: /Tạo phiên bản mới|Duyệt phiên bản/ }).count()).toBe(0);
    await shots(page, "minutes-versions-approved");
    // The printable minutes now carry the approved text.
    await page.goto(`${base}/meetings/${seed.closedMeetingId}/minutes`);
    await page.locator("article.a4").filter({ hasText: "an ninh khu phố" }).waitFor();
  });
});
