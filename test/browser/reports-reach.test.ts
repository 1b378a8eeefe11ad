/**
 * Reports reachable from the navigation (issue 12, item 12), in Chromium against `wrangler dev`: the chair (the
 * branch's secretary) opens "Báo cáo" and reads their own branch's report; the visiting leader opens it and reads their
 * own visits. Every API request either makes on the way is answered, none refused.
 */
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { browserForFile, PHONE } from "./support.ts";

const baseUrl = inject("baseUrl");
const seed = inject("seed");
const chromium = browserForFile(baseUrl);

/** Every /api/ answer of 400 or more the page receives from now on. */
function refusals(page: Page) {
  const bad: string[] = [];
  page.on("response", (res) => {
    if (new URL(res.url()).pathname.startsWith("/api/") && res.status() >= 400)
      bad.push(`${res.status()} ${res.url()}`);
  });
  return bad;
}

describe("reports from the navigation", () => {
  it("takes the chair to their own branch's report, with no refused request", async () => {
    const { page } = await chromium.login(seed.people.chair, `/t/${seed.tenantId}/meetings`, PHONE);
    const bad = refusals(page);
    await page.getByRole("link", { name: "Báo cáo", exact: true }).click();
    await page.getByRole("heading", { name: /Sinh hoạt định kỳ và chuyên đề · Năm/ }).waitFor();
    expect(await page.locator("main").textContent()).toContain("Chi bộ khu phố 3");
    // Grade review is staff's: no tab for it.
    expect(await page.getByRole("link", { name: "Xác nhận xếp loại" }).count()).toBe(0);
    expect(bad).toEqual([]);
  });

  it("takes the visiting leader to their own visits, with no refused request", async () => {
    const { page } = await chromium.login(seed.people.leader, `/t/${seed.tenantId}/meetings/${seed.meetingId}`, PHONE);
    const bad = refusals(page);
    await page.getByRole("link", { name: "Báo cáo", exact: true }).click();
    await page.getByRole("heading", { name: "Các lượt dự của tôi" }).first().waitFor();
    expect(bad).toEqual([]);
  });
});
