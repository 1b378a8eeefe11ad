/**
 * A whole branch meeting played through the real UI in Chromium against `wrangler dev`: the chair, an
 * official member and a probationary member on phones, the minutes-taker, a visiting leader and the hall
 * projector, each in its own browser context. Screenshots of every screen go to test-artifacts/screenshots.
 */
import { mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectFitsPhone, launch, loginAs, type Person, PHONE, shots } from "./support.ts";

const baseUrl = inject("baseUrl");
const seed = inject("seed");
const roomPath = `/t/${seed.tenantId}/meetings/${seed.meetingId}/room`;
const hallPath = `/t/${seed.tenantId}/meetings/${seed.meetingId}/hall`;
const HALL_MEMBERS = ["Hoàng Văn Em", "Đỗ Thị Giang", "Vũ Văn Hải", "Bùi Thị Lan"];
const MOTION = "Thông qua nghị quyết chi bộ tháng 12/2026";

let browser: Browser;
const people: Person[] = [];

/** Waits until an element matching `selector` contains this text and is visible. */
async function waitText(page: Page, selector: string, text: string | RegExp) {
  await page.locator(selector).filter({ hasText: text }).first().waitFor({ state: "visible" });
}

/** Every room screen fits a 360 px phone (no sideways scrolling); then its screenshots. */
async function roomShots(page: Page, name: string) {
  await expectFitsPhone(page);
  await shots(page, name);
}

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  for (const p of people) await p.context.close().catch(() => undefined);
  await browser?.close();
});

describe("a branch meeting in the browser", () => {
  it("plays raise hand, floor, a vote a probationary member follows without ballot buttons, the result everywhere, and the minutes", async () => {
    const chair = await loginAs(browser, baseUrl, seed.people.chair, roomPath);
    people.push(chair);
    await chair.page.getByRole("button", { name: "Bắt đầu cuộc họp" }).click();
    await waitText(chair.page, ".room-conn", "Đã kết nối");

    const member = await loginAs(browser, baseUrl, seed.people.member, roomPath, PHONE);
    const probationary = await loginAs(browser, baseUrl, seed.people.probationary, roomPath, PHONE);
    const secretary = await loginAs(browser, baseUrl, seed.people.secretary, roomPath);
    const leader = await loginAs(browser, baseUrl, seed.people.leader, roomPath);
    people.push(member, probationary, secretary, leader);
    const hall = await chair.context.newPage();
    await hall.goto(hallPath);

    // Each screen picked its view from the role in the ticket.
    await member.page.getByRole("button", { name: "Giơ tay xin phát biểu" }).waitFor();
    await waitText(probationary.page, ".room-you", "Đảng viên dự bị");
    await secretary.page.getByRole("heading", { name: "Biên bản" }).waitFor();
    await leader.page.getByRole("heading", { name: "Đánh giá chất lượng buổi sinh hoạt" }).waitFor();
    await waitText(hall, ".hall-topic", "Sinh hoạt thường kỳ");

    // Opening the room is not attending (issue 12): the phones show one large Join tap, and nobody counts yet.
    await waitText(chair.page, ".attendance-figures", "Đảng viên chính thức có mặt: 0/7");
    for (const phone of [member.page, probationary.page]) {
      await phone.getByRole("button", { name: "Tham dự", exact: true }).click();
      await waitText(phone, ".you-attendance", "Trực tuyến");
    }
    await roomShots(member.page, "member-joined");
    // Roll call: the chair and the minutes-taker sit in the hall, with the members who have no device.
    for (const name of [seed.people.chair.name, seed.people.secretary.name, ...HALL_MEMBERS]) {
      const button = chair.page.getByRole("button", { name: `Điểm danh có mặt: ${name}` });
      await button.click();
      await button.waitFor({ state: "detached" });
    }
    await waitText(chair.page, ".attendance-figures", "Đảng viên chính thức có mặt: 7/7");
    await waitText(hall, ".attendance-figures", "Đảng viên chính thức có mặt: 7/7");
    await waitText(hall, ".attendance-split", "Tổng số có mặt (kể cả dự bị): 8");

    await chair.page.getByRole("button", { name: `Chuyển sang mục này: ${seed.agenda[1]!.title}` }).click();
    await waitText(member.page, ".agenda-now-title", seed.agenda[1]!.title);

    // Raise hand on the phone, the chair gives the floor, every screen shows the speaker.
    await member.page.getByRole("button", { name: "Giơ tay xin phát biểu" }).click();
    await waitText(member.page, ".hand-status", "Bạn đứng thứ 1 trong danh sách");
    await waitText(hall, ".queue-list", seed.people.member.name);
    await chair.page.getByRole("button", { name: `Mời ${seed.people.member.name} phát biểu` }).click();
    for (const page of [member.page, probationary.page, hall, leader.page])
      await waitText(page, ".floor-name", seed.people.member.name);
    await waitText(member.page, ".floor-timer", /Còn lại\s+\d+:\d\d/);
    await roomShots(member.page, "member-speaking");
    await roomShots(hall, "hall-speaking");
    await chair.page.getByRole("button", { name: "Kết thúc phát biểu" }).click();
    await waitText(member.page, ".floor-none", "Chưa có ai phát biểu");

    // The vote on the resolution. The leader is typing a note meanwhile: moving the agenda must not wipe it.
    const draftNote = leader.page.getByLabel(`Ghi chú cho mục: ${seed.agenda[2]!.title}`, { exact: true });
    await draftNote.fill("Nhiệm vụ cần có người chịu trách nhiệm và thời hạn.");
    await chair.page.getByRole("button", { name: `Chuyển sang mục này: ${seed.agenda[3]!.title}` }).click();
    await waitText(leader.page, ".agenda-now-title", seed.agenda[3]!.title);
    expect(await draftNote.inputValue()).toBe("Nhiệm vụ cần có người chịu trách nhiệm và thời hạn.");
    await chair.page.getByLabel("Nội dung biểu quyết").fill(MOTION);
    await chair.page.getByRole("button", { name: "Mở biểu quyết" }).click();
    await waitText(member.page, ".vote-motion", MOTION);
    await roomShots(member.page, "member-vote-open");

    await member.page.getByRole("button", { name: "Tán thành", exact: true }).click();
    await waitText(member.page, ".ballot-mine", "Bạn đã chọn: Tán thành");

    // The probationary member sees the vote and why they do not vote in it, and has no ballot buttons (issue 12).
    await waitText(probationary.page, ".notice-warn", "Đảng viên dự bị");
    expect(await probationary.page.getByRole("button", { name: "Tán thành", exact: true }).count()).toBe(0);
    expect(await probationary.page.getByRole("button", { name: "Không tán thành", exact: true }).count()).toBe(0);
    await roomShots(probationary.page, "probationary-no-ballot");

    await chair.page.locator(".ballot-buttons").getByRole("button", { name: "Tán thành", exact: true }).click();
    await waitText(chair.page, ".ballot-mine", "Bạn đã chọn: Tán thành");
    await secretary.page.locator(".ballot-buttons").getByRole("button", { name: "Tán thành", exact: true }).click();
    await waitText(secretary.page, ".ballot-mine", "Bạn đã chọn: Tán thành");

    // Hands counted in the hall, entered by the minutes-taker.
    for (const name of HALL_MEMBERS) await secretary.page.getByLabel(name, { exact: true }).selectOption("agree");
    await secretary.page.getByRole("button", { name: /Ghi số phiếu tại hội trường/ }).click();
    await waitText(chair.page, ".vote-count", "Đã biểu quyết: 7/7");
    await roomShots(chair.page, "chair-vote-open");
    await roomShots(hall, "hall-vote-open");

    await chair.page.getByRole("button", { name: "Kết thúc biểu quyết" }).click();
    for (const page of [chair.page, member.page, probationary.page, secretary.page, leader.page, hall]) {
      await waitText(page, ".vote-result-word", "Thông qua");
      await waitText(page, ".vote-result-line", "7 tán thành, 0 không tán thành, 0 không biểu quyết");
    }
    // A phone that reloads the page comes back to the same state. Its ticket and socket start before the
    // app's code has loaded, and the room adopts that socket instead of opening a second one.
    const sockets: string[] = [];
    member.page.on("websocket", (ws) => sockets.push(ws.url()));
    await member.page.reload();
    await waitText(member.page, ".room-conn", "Đã kết nối");
    await waitText(member.page, ".vote-result-word", "Thông qua");
    expect(sockets).toHaveLength(1);
    expect(sockets[0]).toMatch(new RegExp(`/parties/meeting-room/${seed.meetingId}\\?_pk=[\\w-]+&ticket=`));
    await roomShots(member.page, "member-result");
    await roomShots(probationary.page, "probationary-result");
    await roomShots(hall, "hall-result");
    await roomShots(chair.page, "chair-result");

    // The visiting leader: a private note, guidance to the room, the evaluation with its grade.
    await leader.page
      .getByLabel(`Ghi chú cho mục: ${seed.agenda[1]!.title}`, { exact: true })
      .fill("Chi bộ cần cụ thể hóa nhiệm vụ cho từng đảng viên.");
    await leader.page.getByRole("button", { name: `Lưu ghi chú: Ghi chú cho mục: ${seed.agenda[1]!.title}` }).click();
    await waitText(leader.page, ".toast", "Đã lưu");
    await leader.page
      .getByLabel("Gửi ý kiến chỉ đạo tới cả phòng họp.")
      .fill("Đề nghị chi bộ phát huy dân chủ, nhiều đảng viên phát biểu.");
    await leader.page.getByRole("button", { name: "Gửi ý kiến" }).click();
    await waitText(member.page, ".guidance", "phát huy dân chủ");
    await leader.page.getByRole("button", { name: "Lưu đánh giá" }).click();
    await waitText(leader.page, ".toast", "Đã ghi nhận");
    await waitText(leader.page, ".eval-total", /Xếp loại/);
    await roomShots(leader.page, "leader");

    // Nobody wrote the minutes yet: the draft on the minutes-taker's screen follows the room, and now carries the vote.
    await secretary.page.waitForFunction(
      (motion) =>
        (document.querySelector<HTMLTextAreaElement>("#minutes-body")?.value ?? "").includes(
          `Biểu quyết số 1: ${motion}`,
        ),
      MOTION,
    );
    expect(await secretary.page.locator("#minutes-body").inputValue()).toMatch(
      /Kết quả biểu quyết số 1: tán thành 7\/7.*→ THÔNG QUA/,
    );
    await roomShots(secretary.page, "minutes-taker");

    // The chair closes the meeting; the minutes are frozen and printed.
    await chair.page.getByRole("button", { name: "Kết thúc cuộc họp" }).click();
    await chair.page.getByRole("button", { name: "Xác nhận: Kết thúc cuộc họp" }).click();
    await waitText(member.page, ".notice", "Cuộc họp đã kết thúc");
    await waitText(secretary.page, ".notice-ok", "Biên bản đã chốt");
    await roomShots(member.page, "member-closed");

    // Printed from the minutes-taker's screen: the frozen minutes alone, on A4.
    await secretary.page.emulateMedia({ media: "print" });
    const printed = await secretary.page.locator(".minutes-print").innerText();
    expect(printed).toContain("ĐẢNG CỘNG SẢN VIỆT NAM");
    expect(printed).toContain(`Biểu quyết số 1: ${MOTION}`);
    expect(printed).toMatch(/Kết quả biểu quyết số 1: .*THÔNG QUA/);
    expect(await secretary.page.locator(".minutes-card").isVisible()).toBe(false);
    const pdfDir = join(import.meta.dirname, "../../test-artifacts");
    mkdirSync(pdfDir, { recursive: true });
    const pdfPath = join(pdfDir, "minutes.pdf");
    await secretary.page.pdf({ path: pdfPath, format: "A4" });
    expect(statSync(pdfPath).size).toBeGreaterThan(5_000);
    await roomShots(secretary.page, "minutes-print");
    await secretary.page.emulateMedia({ media: "screen" });
  });
});
