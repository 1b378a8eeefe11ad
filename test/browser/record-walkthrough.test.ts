/**
 * Issue 12's "Done when" walk, through the real UI in Chromium against `wrangler dev`, each person in a browser of
 * their own, on the branch of test/browser/seed-record-walk.ts: the branch secretary plans a meeting and attaches a
 * document on a 360×640 phone; the admin invites the visiting leader, who reads the agenda, the document and who is
 * expected before the start with no answer ≥ 400; the secretary chairs from a 1366×768 laptop, members join with
 * "Tham dự" on phones and the chair checks in the hall; a vote with the hall's hands counted for the hall members
 * (never for a remote one), closed; the meeting closed; the closed meeting page is the record; the minutes carry the
 * room's counts and are approved; the resolution gets two tasks and the adopting vote and is issued with its number;
 * next month's meeting opens with the review of those tasks, one marked done and one in progress; the branch's
 * meetings report shows the task done on time. Every screen is checked for sideways overflow (fit.ts) and
 * photographed to test-artifacts/record-walk/<step>-<w>x<h>.png.
 *
 * The steps are one test each and run in order: each needs the one before it.
 */
import { join } from "node:path";
import type { Page, Response } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { addMonths, daysInMonth, lastDayOfMonth, vnLocal, vnThisMonth } from "../../schema/calendar.ts";
import { LAPTOP, overflowProblems, PROJECTOR, SMALL_PHONE, screenshot, settleAt, type Viewport } from "./fit.ts";
import { browserForFile } from "./support.ts";

const baseUrl = inject("baseUrl");
const seed = inject("seed");
const rw = seed.recordWalk;
const base = `/t/${seed.tenantId}`;
const chromium = browserForFile(baseUrl);
const shotsDir = join(import.meta.dirname, "../../test-artifacts/record-walk");

const MOTION = "Thông qua nghị quyết chi bộ khu phố 12 về nhiệm vụ tháng tới";
const DOC = "Dự thảo nghị quyết chi bộ khu phố 12";
const TASKS = ["Vận động các hộ dân đăng ký giữ gìn vệ sinh môi trường", "Hoàn thành thu đảng phí quý IV"];
const REVIEW_ITEM = "Kiểm điểm việc thực hiện nghị quyết tháng trước";

// Dates from the clock, so the walk works whenever it runs: the meeting starts in half an hour (Vietnam time),
// next month's a month later (the day clamped to that month), and the tasks fall due at the end of this month.
const startLocal = vnLocal(Date.now() + 30 * 60_000);
const nextMonth = addMonths(startLocal.slice(0, 7), 1);
const nextDay = Math.min(
  Number(startLocal.slice(8, 10)),
  daysInMonth(Number(nextMonth.slice(0, 4)), Number(nextMonth.slice(5, 7))),
);
const nextLocal = `${nextMonth}-${String(nextDay).padStart(2, "0")}${startLocal.slice(10)}`;
const thisMonth = vnThisMonth();
const deadline = lastDayOfMonth(thisMonth);

/** Each screen fits at each size (or the failure names what sticks out); then its screenshot. Back to `own`. */
async function fits(page: Page, step: string, sizes: Viewport[], own: Viewport = sizes[0]!) {
  for (const size of sizes) {
    await settleAt(page, size);
    await expect.poll(() => overflowProblems(page), { message: `${step} at ${size.width}×${size.height}` }).toBe("");
    await screenshot(page, step, size, shotsDir);
  }
  await settleAt(page, own);
}

/** The API answers of 400 and above this page receives from now on (a page must not ask what it may not). */
function refusedAnswers(page: Page): string[] {
  const refused: string[] = [];
  page.on("response", (r: Response) => {
    if (r.status() >= 400 && new URL(r.url()).pathname.startsWith("/api/"))
      refused.push(`${r.status()} ${r.request().method()} ${r.url()}`);
  });
  return refused;
}

const waitText = (page: Page, selector: string, text: string | RegExp) =>
  page.locator(selector).filter({ hasText: text }).first().waitFor({ state: "visible" });

/** A page has loaded when its heading shows and nothing says "loading". */
async function loaded(page: Page) {
  await page.locator("h1").first().waitFor({ state: "visible" });
  await page.waitForFunction(() => document.querySelectorAll(".loading, [aria-busy=true]").length === 0);
}

/** The branch secretary's meeting form: this branch, a regular meeting, its topic, start, place and minutes-taker. */
async function planMeeting(page: Page, topic: string, startsAt: string): Promise<string> {
  await page.goto(`${base}/meetings/new?org=${rw.branchId}&month=${startsAt.slice(0, 7)}`);
  await page.getByRole("heading", { name: "Tạo cuộc họp" }).waitFor();
  await page.getByLabel("Chi bộ", { exact: true }).selectOption({ label: rw.branchName });
  await page.getByLabel("Nội dung / chủ đề").fill(topic);
  await page.getByLabel("Thời gian bắt đầu").fill(startsAt);
  await page.getByLabel("Địa điểm").fill("Nhà văn hóa khu phố 12");
  // The branch secretary chairs by default; the minutes-taker is picked.
  await expect.poll(() => page.getByLabel("Chủ trì").inputValue()).toBe(rw.secretary.id);
  await page.getByLabel("Thư ký", { exact: true }).selectOption({ label: rw.taker.name });
  await page.getByRole("button", { name: "Tạo cuộc họp" }).click();
  await page.waitForURL((url) => /\/meetings\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith("/new"));
  await page.getByRole("heading", { name: topic }).waitFor();
  return new URL(page.url()).pathname.split("/").pop()!;
}

// State the steps hand on.
let meetingId = "";
let secretary: Page;
let hall: Page;
const members: Page[] = [];
let taker: Page;
let probationary: Page;
const meetingPath = (tail = "") => `${base}/meetings/${meetingId}${tail}`;

describe("a branch meeting from planning to next month's review of its resolution", () => {
  it("1. the branch secretary plans the meeting and attaches a document on a phone", async () => {
    secretary = (await chromium.login(rw.secretary, `${base}/meetings`, SMALL_PHONE)).page;
    const refused = refusedAnswers(secretary);
    await secretary.goto(`${base}/meetings/new?org=${rw.branchId}`);
    await loaded(secretary);
    await fits(secretary, "01-plan-form", [SMALL_PHONE]);
    meetingId = await planMeeting(secretary, `Sinh hoạt thường kỳ ${rw.branchName}`, startLocal);
    await fits(secretary, "01-planned", [SMALL_PHONE]);

    await secretary.getByLabel("Tên tài liệu").fill(DOC);
    await secretary
      .getByLabel("Nội dung (nếu không có đường dẫn)")
      .fill("1. Vận động nhân dân giữ gìn vệ sinh môi trường.\n2. Thu đảng phí quý IV.");
    await secretary.getByRole("button", { name: "Đính kèm tài liệu" }).click();
    await waitText(secretary, "section[aria-labelledby=docs-title] li", DOC);
    await fits(secretary, "02-document", [SMALL_PHONE]);
    expect(refused).toEqual([]);
  });

  it("2. the admin invites the visiting leader, who reads the meeting before the start with no refusal", async () => {
    const admin = (await chromium.login(seed.people.admin, meetingPath(), LAPTOP)).page;
    await admin.getByLabel("Chọn lãnh đạo đã biết").selectOption({ label: `${rw.leader.name} (${rw.leader.email})` });
    await admin.getByLabel("Chức vụ").fill("Phó Bí thư Đảng ủy phường");
    await admin.getByRole("button", { name: "Mời dự" }).click();
    await waitText(admin, "section[aria-labelledby=guests-title] li", rw.leader.name);
    await fits(admin, "03-guest-invited", [LAPTOP]);

    const leader = (await chromium.login(rw.leader, `${base}/meetings`, LAPTOP)).page;
    const refused = refusedAnswers(leader);
    await leader.goto(meetingPath());
    await loaded(leader);
    await waitText(leader, ".badge", "Chưa họp");
    const agenda = leader.locator("section[aria-labelledby=agenda-title]");
    await agenda.getByText("Khai mạc, điểm danh đảng viên", { exact: false }).waitFor();
    // Read as text: a guest gets no inputs.
    expect(await agenda.locator("input, select, textarea").count()).toBe(0);
    await waitText(leader, "section[aria-labelledby=docs-title] li", DOC);
    const expected = leader.locator("section[aria-labelledby=expected-title]");
    for (const name of [rw.secretary.name, rw.taker.name, rw.probationary.name, ...rw.hall])
      await expected.getByText(name).first().waitFor();
    await fits(leader, "04-leader-before-start", [LAPTOP, SMALL_PHONE]);
    expect(refused).toEqual([]);
  });

  it("3. the chair starts from a laptop; members join with one tap and the chair checks in the hall", async () => {
    // The chair's meeting page asks for nothing it may not read either.
    const refused = refusedAnswers(secretary);
    await settleAt(secretary, LAPTOP);
    await secretary.goto(meetingPath());
    await loaded(secretary);
    await secretary.getByRole("link", { name: "Vào phòng họp" }).click();
    const start = secretary.getByRole("button", { name: "Bắt đầu cuộc họp" });
    await start.waitFor();
    await start.click();
    await waitText(secretary, ".room-conn", "Đã kết nối");
    expect(refused).toEqual([]);

    hall = await secretary.context().newPage();
    await hall.setViewportSize(PROJECTOR);
    await hall.goto(meetingPath("/hall"));
    await hall.locator(".hall-topic").waitFor();

    for (const who of rw.members) {
      const page = (await chromium.login(who, meetingPath("/room"), SMALL_PHONE)).page;
      await page.getByRole("button", { name: "Tham dự", exact: true }).click();
      await waitText(page, ".you-attendance", "Trực tuyến");
      members.push(page);
    }
    await fits(members[0]!, "05-member-joined", [SMALL_PHONE]);
    probationary = (await chromium.login(rw.probationary, meetingPath("/room"), SMALL_PHONE)).page;
    await probationary.getByRole("button", { name: "Tham dự", exact: true }).click();
    await waitText(probationary, ".you-attendance", "Trực tuyến");
    taker = (await chromium.login(rw.taker, meetingPath("/room"), SMALL_PHONE)).page;
    await taker.getByRole("heading", { name: "Biên bản" }).waitFor();

    for (const name of [rw.secretary.name, rw.taker.name, ...rw.hall]) {
      const button = secretary.getByRole("button", { name: `Điểm danh có mặt: ${name}` });
      await button.click();
      await button.waitFor({ state: "detached" });
    }
    await waitText(secretary, ".attendance-figures", "Đảng viên chính thức có mặt: 6/6");
    await waitText(hall, ".attendance-figures", "Đảng viên chính thức có mặt: 6/6");
    await waitText(hall, ".attendance-split", "Tổng số có mặt (kể cả dự bị): 7");
    await fits(secretary, "06-chair-checked-in", [LAPTOP, SMALL_PHONE]);
    await fits(hall, "06-hall-checked-in", [PROJECTOR, LAPTOP]);
  });

  it("4. a vote: phones and the chair's table vote, the hall's hands are counted for hall members only", async () => {
    await secretary.getByLabel("Nội dung biểu quyết").fill(MOTION);
    await secretary.getByRole("button", { name: "Mở biểu quyết" }).click();
    for (const page of [...members, taker, probationary]) await waitText(page, ".vote-motion", MOTION);
    await fits(members[0]!, "07-member-vote-open", [SMALL_PHONE]);
    // The probationary member follows the vote and is told why they have no say in it: no ballot buttons.
    await waitText(probationary, ".notice-warn", "Đảng viên dự bị");
    expect(await probationary.getByRole("button", { name: "Tán thành", exact: true }).count()).toBe(0);
    expect(await probationary.getByRole("button", { name: "Không tán thành", exact: true }).count()).toBe(0);
    await fits(probationary, "07-probationary-no-ballot", [SMALL_PHONE]);
    for (const page of members) {
      await page.getByRole("button", { name: "Tán thành", exact: true }).click();
      await waitText(page, ".ballot-mine", "Bạn đã chọn: Tán thành");
    }
    for (const page of [secretary, taker]) {
      await page.locator(".ballot-buttons").getByRole("button", { name: "Tán thành", exact: true }).click();
      await waitText(page, ".ballot-mine", "Bạn đã chọn: Tán thành");
    }
    // The hand count lists the members checked in in the hall who have no ballot of their own, never a remote one.
    const handCount = secretary.locator("form.hall-ballots");
    for (const who of [...rw.members, rw.probationary])
      expect(await handCount.getByLabel(who.name, { exact: true }).count()).toBe(0);
    for (const name of rw.hall) await handCount.getByLabel(name, { exact: true }).selectOption("agree");
    await secretary.getByRole("button", { name: /Ghi số phiếu tại hội trường/ }).click();
    await waitText(secretary, ".vote-count", "Đã biểu quyết: 6/6");
    await waitText(hall, ".vote-count", /Đã biểu quyết: 6\/6/);
    await fits(secretary, "08-chair-vote-counted", [LAPTOP, SMALL_PHONE]);
    await fits(hall, "08-hall-vote-counted", [PROJECTOR, LAPTOP]);

    await secretary.getByRole("button", { name: "Kết thúc biểu quyết" }).click();
    for (const page of [secretary, hall, ...members, probationary]) {
      await waitText(page, ".vote-result-word", "Thông qua");
      await waitText(page, ".vote-result-line", "6 tán thành, 0 không tán thành, 0 không biểu quyết");
    }
    await fits(members[1]!, "09-member-result", [SMALL_PHONE]);
    await fits(hall, "09-hall-result", [PROJECTOR, LAPTOP]);
  });

  it("5. the chair closes the meeting; the closed meeting page is the record", async () => {
    await secretary.getByRole("button", { name: "Kết thúc cuộc họp" }).click();
    await secretary.getByRole("button", { name: "Xác nhận: Kết thúc cuộc họp" }).click();
    await secretary.getByRole("heading", { name: "Cuộc họp đã kết thúc" }).waitFor();
    await secretary.getByRole("link", { name: "Xem biên bản" }).waitFor();
    await waitText(members[0]!, ".notice", "Cuộc họp đã kết thúc");
    await fits(secretary, "10-chair-closed", [LAPTOP, SMALL_PHONE]);
    await hall.close();

    // A member's phone: "saving" until the D1 copy has landed, then the whole record.
    const member = members[0]!;
    await member.goto(meetingPath());
    await loaded(member);
    const record = member.locator("section.meeting-record");
    await record.waitFor();
    expect(await member.getByText("Đang lưu biên bản").count()).toBe(0);
    const row = (name: string) => record.locator("table.record-attendance tr").filter({ hasText: name });
    await row(rw.members[0].name).filter({ hasText: "Dự trực tuyến" }).waitFor();
    await row(rw.probationary.name).filter({ hasText: "Dự trực tuyến" }).waitFor();
    await row(rw.hall[0]).filter({ hasText: "Có mặt tại hội trường" }).waitFor();
    await record.getByText(MOTION).first().waitFor();
    await record.getByText("Tán thành 6/6 · không tán thành 0 · không biểu quyết 0").first().waitFor();
    // The agenda as text, not greyed inputs.
    expect(await member.locator("section[aria-labelledby=agenda-title] input").count()).toBe(0);
    await fits(member, "11-record-member", [SMALL_PHONE, LAPTOP]);
  });

  it("6. the minutes carry the room's counts and the chair approves them", async () => {
    await settleAt(secretary, LAPTOP);
    await secretary.goto(meetingPath("/minutes"));
    const sheet = secretary.locator("article.a4");
    await sheet.filter({ hasText: "Có mặt:" }).waitFor();
    const text = await sheet.innerText();
    expect(text).toContain("Có mặt: 7 (tại hội trường 4, trực tuyến 3)");
    expect(text).toMatch(/Kết quả biểu quyết số 1: tán thành 6\/6.*THÔNG QUA/);
    await fits(secretary, "12-minutes", [LAPTOP, SMALL_PHONE]);

    // Approved on the meeting page, where approval checks the minutes' counts against the record.
    await secretary.goto(meetingPath());
    await loaded(secretary);
    await secretary.getByRole("button", { name: "Duyệt phiên bản 1" }).click();
    await secretary.getByText("Biên bản đã được duyệt").first().waitFor();
    expect(await secretary.getByText("Chưa duyệt được").count()).toBe(0);
    // The record on the same page links the approved version at once (no reload).
    await secretary.locator("section.meeting-record").getByText("Biên bản đã duyệt (bản 1)").waitFor();
    await fits(secretary, "13-minutes-approved", [LAPTOP, SMALL_PHONE]);
  });

  it("7. the resolution: two tasks with leads and deadlines, the adopting vote, issued with its number", async () => {
    await secretary.goto(meetingPath("/resolution"));
    const sheet = secretary.locator("article.a4");
    await sheet.filter({ hasText: "Số …-NQ/CB" }).waitFor();
    await secretary.getByLabel("Chi bộ quyết nghị").fill("1. Tập trung vận động nhân dân giữ gìn vệ sinh môi trường.");
    const vote = secretary.getByLabel("Biểu quyết thông qua nghị quyết");
    const voteId = await vote.locator("option", { hasText: MOTION }).getAttribute("value");
    await vote.selectOption(voteId!);
    for (const [i, title] of TASKS.entries()) {
      await secretary.getByRole("button", { name: "+ Thêm việc" }).click();
      const task = secretary.getByRole("listitem", { name: `Việc ${i + 1}` });
      await task.getByLabel(`${i + 1}. Nội dung công việc`).fill(title);
      await task.getByLabel("Người chủ trì").selectOption({ label: rw.members[i]!.name });
      await task.getByLabel("Thời hạn").fill(deadline);
    }
    await secretary.getByRole("button", { name: "Lưu dự thảo" }).click();
    for (const title of TASKS) await sheet.getByRole("cell", { name: title }).waitFor();
    await sheet.getByText("tán thành 6/6").first().waitFor();
    await fits(secretary, "14-resolution-draft", [LAPTOP, SMALL_PHONE]);

    secretary.once("dialog", (d) => void d.accept());
    await secretary.getByRole("button", { name: "Ban hành nghị quyết" }).click();
    // The branch's first resolution this year.
    await sheet.filter({ hasText: "Số 01-NQ/CB" }).waitFor();
    await secretary.getByText("Nghị quyết đã ban hành, không sửa được nữa.").waitFor();
    await fits(secretary, "15-resolution-issued", [LAPTOP, SMALL_PHONE]);
  });

  it("8. next month's meeting opens with the review of those tasks: one done, one in progress", async () => {
    await settleAt(secretary, SMALL_PHONE);
    const nextId = await planMeeting(secretary, `Sinh hoạt thường kỳ ${rw.branchName} tháng sau`, nextLocal);
    expect(nextId).not.toBe(meetingId);
    await expect.poll(() => secretary.getByLabel("Nội dung mục 1", { exact: true }).inputValue()).toBe(REVIEW_ITEM);
    const review = secretary.locator("section[aria-labelledby=task-reviews-heading]");
    await review.getByRole("heading", { name: REVIEW_ITEM }).waitFor();
    const mark = async (title: string, choice: string) => {
      const button = review.getByRole("group", { name: title }).getByRole("button", { name: choice });
      await button.click();
      await expect.poll(() => button.getAttribute("aria-pressed")).toBe("true");
    };
    await mark(TASKS[0]!, "Đã hoàn thành");
    await mark(TASKS[1]!, "Đang thực hiện");
    await fits(secretary, "16-next-meeting-review", [SMALL_PHONE, LAPTOP]);

    // A member reads the same agenda, the review first, as text.
    const member = members[1]!;
    await member.goto(`${base}/meetings/${nextId}`);
    await loaded(member);
    await member.locator("section[aria-labelledby=agenda-title]").getByText(REVIEW_ITEM).waitFor();
    await fits(member, "17-next-meeting-member", [SMALL_PHONE]);
  });

  it("9. the branch's meetings report shows the task done on time", async () => {
    await secretary.goto(`${base}/reports?p=month&m=${thisMonth}`);
    await loaded(secretary);
    const row = secretary.locator("tr").filter({ has: secretary.locator("th", { hasText: rw.branchName }) });
    const cell = (label: string) => row.locator(`td[data-label="${label}"]`).first();
    await expect.poll(() => cell("Việc hoàn thành đúng hạn").innerText()).toBe("1");
    // The task still in progress has its deadline at the month's end, still to come: not yet due, not late.
    expect(await cell("Việc nghị quyết đến hạn").innerText()).toBe("1");
    await fits(secretary, "18-report-tasks", [SMALL_PHONE, LAPTOP]);
  });
});
