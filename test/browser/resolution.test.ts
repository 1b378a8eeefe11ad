/**
 * The resolution page in Chromium against `wrangler dev`, on a 360 px phone: last month's closed meeting gets a
 * draft with a task, its A4 sheet and PDF, and is issued with the branch's number. (Issued without tasks, so the
 * seed's planned meetings keep their agenda for the other browser tests.)
 */
import { readFile } from "node:fs/promises";
import { describe, expect, inject, it } from "vitest";
import { browserForFile, expectFitsPhone, PHONE, shots } from "./support.ts";

const baseUrl = inject("baseUrl");
const seed = inject("seed");
const chromium = browserForFile(baseUrl);

describe("the resolution page", () => {
  it("drafts, prints and issues a resolution on a phone", async () => {
    const path = `/t/${seed.tenantId}/meetings/${seed.closedMeetingId}/resolution`;
    const { page } = await chromium.login(seed.people.chair, path, PHONE);
    const sheet = page.locator("article.a4");
    await sheet.filter({ hasText: "Số …-NQ/CB" }).waitFor();
    expect(await sheet.innerText()).toContain("NGHỊ QUYẾT");

    await page.getByLabel("Chi bộ quyết nghị").fill("1. Tiếp tục vận động đảng viên gương mẫu.");
    await page.getByRole("button", { name: "+ Thêm việc" }).click();
    await page.getByLabel("1. Nội dung công việc").fill("Hoàn thành thu đảng phí quý IV của toàn chi bộ");
    await page.getByLabel("Người chủ trì").selectOption({ label: seed.people.secretary.name });
    await page.getByRole("button", { name: "Lưu dự thảo" }).click();
    await sheet.getByRole("cell", { name: "Hoàn thành thu đảng phí quý IV của toàn chi bộ" }).waitFor();
    expect(await sheet.getByRole("cell", { name: seed.people.secretary.name }).count()).toBe(1);
    await expectFitsPhone(page);
    await shots(page, "resolution-draft");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Tải PDF" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^nghi-quyet-chi-bo-khu-pho-3-\d{4}-\d{2}\.pdf$/);
    const pdf = await readFile((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");

    await page.getByRole("button", { name: "Xóa việc" }).click();
    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: "Ban hành nghị quyết" }).click();
    await sheet.filter({ hasText: /Số \d{2}-NQ\/CB/ }).waitFor();
    await page.getByText("Nghị quyết đã ban hành, không sửa được nữa.").waitFor();
    expect(await page.getByRole("button", { name: "Lưu dự thảo" }).count()).toBe(0);
    await expectFitsPhone(page);
    await shots(page, "resolution-issued");
  });
});
