/**
 * Every screen of the product, as the person who uses it, at a 360×640 phone (and the key ones on a 1366×768
 * laptop and a 1920×1080 hall projector): no sideways scrolling and no tab out of sight. The hall screen shows
 * the vote and its count in the first screen in type readable from the back of a hall, and the chair's console
 * on a phone has the speaking queue and the vote within one screen of the top. Screenshots of every screen at
 * every size go to test-artifacts/screens (git-ignored).
 *
 * To cover a new page, add a row to SCREENS (or, for a room screen, a `fits(...)` call in the live meeting).
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  LAPTOP,
  overflowProblems,
  PROJECTOR,
  placement,
  SMALL_PHONE,
  screenshot,
  settleAt,
  type Viewport,
} from "./fit.ts";
import type { SeedPerson } from "./seed.ts";
import { launch, loginAs, type Person } from "./support.ts";

const baseUrl = inject("baseUrl");
const seed = inject("seed");
const sc = seed.screens;
const base = `/t/${seed.tenantId}`;
const meeting = (id: string, tail = "") => `${base}/meetings/${id}${tail}`;
const ALL = [SMALL_PHONE, LAPTOP, PROJECTOR];
const MOTION = "Thông qua nghị quyết chi bộ về nhiệm vụ trọng tâm tháng tới, phân công đảng viên phụ trách";

let browser: Browser;
const sessions = new Map<string, Person>();
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  for (const p of sessions.values()) await p.context.close().catch(() => undefined);
  await browser?.close();
});

type Who = SeedPerson | "anonymous";
interface Screen {
  /** Names the screenshot and the failure. */
  name: string;
  who: Who;
  path: string;
  /** Sizes to check; the phone alone unless it is a key screen. */
  sizes?: Viewport[];
}

/** Pages outside the live room; the room's screens are walked in the meeting below. */
const SCREENS: Screen[] = [
  { name: "login", who: "anonymous", path: "/login", sizes: ALL },
  { name: "forgot-password", who: "anonymous", path: "/forgot-password" },
  { name: "invite", who: "anonymous", path: "/invite" },
  { name: "home-admin", who: seed.people.admin, path: "/", sizes: ALL },
  { name: "home-member", who: sc.member, path: "/" },
  { name: "account-passkeys", who: sc.member, path: "/account" },
  { name: "planning-year-grid", who: seed.people.admin, path: `${base}/planning`, sizes: ALL },
  { name: "planning-branch-secretary", who: sc.chair, path: `${base}/planning` },
  { name: "organizations", who: seed.people.admin, path: `${base}/organizations` },
  { name: "members", who: seed.people.admin, path: `${base}/members`, sizes: ALL },
  { name: "members-import", who: seed.people.admin, path: `${base}/members/import` },
  { name: "meetings", who: seed.people.admin, path: `${base}/meetings`, sizes: ALL },
  { name: "meetings-member", who: sc.member, path: `${base}/meetings` },
  { name: "meeting-new", who: seed.people.admin, path: `${base}/meetings/new` },
  { name: "meeting-planned-admin", who: seed.people.admin, path: meeting(sc.plannedMeetingId), sizes: ALL },
  { name: "meeting-planned-chair", who: sc.chair, path: meeting(sc.plannedMeetingId) },
  { name: "meeting-planned-member", who: sc.member, path: meeting(sc.plannedMeetingId) },
  { name: "meeting-planned-leader", who: sc.leader, path: meeting(sc.plannedMeetingId) },
  { name: "meeting-closed-admin", who: seed.people.admin, path: meeting(sc.closedMeetingId), sizes: ALL },
  { name: "meeting-closed-member", who: sc.member, path: meeting(sc.closedMeetingId) },
  { name: "minutes", who: sc.taker, path: meeting(sc.closedMeetingId, "/minutes"), sizes: ALL },
  { name: "resolution-chair", who: sc.chair, path: meeting(sc.closedMeetingId, "/resolution"), sizes: ALL },
  { name: "resolution-member", who: sc.member, path: meeting(sc.closedMeetingId, "/resolution") },
  { name: "reports", who: seed.people.admin, path: `${base}/reports`, sizes: ALL },
  { name: "reports-visits", who: seed.people.admin, path: `${base}/reports/visits` },
  { name: "reports-grades", who: seed.people.admin, path: `${base}/reports/grades` },
  { name: "reports-leader-own-visits", who: sc.leader, path: `${base}/reports` },
  { name: "province-committees", who: seed.people.leader, path: "/t/t-province/committees", sizes: ALL },
  { name: "province-reports", who: seed.people.leader, path: "/t/t-province/reports" },
];

/** One logged-in context per person for the whole file (an anonymous one for the public pages). */
async function pageOf(who: Who): Promise<Page> {
  const key = who === "anonymous" ? who : who.key;
  let person = sessions.get(key);
  if (!person) {
    if (who === "anonymous") {
      const context = await browser.newContext({ baseURL: baseUrl, viewport: SMALL_PHONE, locale: "vi-VN" });
      person = { context, page: await context.newPage() };
    } else person = await loginAs(browser, baseUrl, who, "/", SMALL_PHONE);
    person.page.setDefaultTimeout(15_000);
    sessions.set(key, person);
  }
  return person.page;
}

/** A page has loaded when its heading shows and nothing says "loading". */
async function loaded(page: Page) {
  await page.locator("h1").first().waitFor({ state: "visible" });
  await page.waitForFunction(() => document.querySelectorAll(".loading, [aria-busy=true]").length === 0);
}

/** At each size: the screen fits (or the test names what sticks out), and its screenshot. */
async function fits(page: Page, name: string, sizes: Viewport[] = [SMALL_PHONE]) {
  for (const size of sizes) {
    await settleAt(page, size);
    await expect.poll(() => overflowProblems(page), { message: `${name} at ${size.width}×${size.height}` }).toBe("");
    await screenshot(page, name, size);
  }
  await settleAt(page, SMALL_PHONE);
}

describe("every screen at a phone, a laptop and a projector", () => {
  for (const screen of SCREENS) {
    const sizes = screen.sizes ?? [SMALL_PHONE];
    it(`${screen.name} (${screen.path}) fits ${sizes.map((s) => `${s.width}×${s.height}`).join(", ")}`, async () => {
      const page = await pageOf(screen.who);
      await settleAt(page, SMALL_PHONE);
      await page.goto(screen.path);
      await loaded(page);
      await fits(page, screen.name, sizes);
    });
  }
});

/** Readable from the back of a hall: at least 1/22 of the screen's height (49 px at 1080, 35 px at 768). */
const hallType = (innerHeight: number) => innerHeight / 22;

/** The element is wholly in the first screen and its type at least `minPx`. */
async function aboveTheFold(page: Page, selector: string, minPx: number, what: string) {
  const p = await placement(page, selector);
  expect(
    p.bottom,
    `${what} ends at ${Math.round(p.bottom)} px, below the first screen (${p.innerHeight})`,
  ).toBeLessThanOrEqual(p.innerHeight);
  expect(p.fontPx, `${what} is set in ${p.fontPx} px`).toBeGreaterThanOrEqual(minPx);
}

describe("the live room's screens", () => {
  const roomPath = meeting(sc.liveMeetingId, "/room");
  const hallPath = meeting(sc.liveMeetingId, "/hall");

  it("plays a meeting with a vote, and every room screen fits; the hall shows the vote above the fold", async () => {
    const chair = await pageOf(sc.chair);
    await settleAt(chair, SMALL_PHONE);
    await chair.goto(roomPath);
    const start = chair.getByRole("button", { name: "Bắt đầu cuộc họp" });
    await start.waitFor();
    await fits(chair, "room-chair-before-start", ALL);
    await start.click();
    await chair.locator(".room-conn").filter({ hasText: "Đã kết nối" }).waitFor();
    for (const name of ["Lâm Văn Tài", "Quách Thị Duyên", "Kiều Văn Lộc"]) {
      const button = chair.getByRole("button", { name: `Điểm danh có mặt: ${name}` });
      await button.click();
      await button.waitFor({ state: "detached" });
    }

    // The chair's phone: the speaking queue and the vote start within the first screen (the agenda folds away).
    await settleAt(chair, SMALL_PHONE);
    for (const [what, selector] of [
      ["the speaking queue's heading", "section[aria-labelledby=floor-panel-h] h3"],
      ["the vote panel's heading", "#vote-panel-h"],
    ] as const) {
      const p = await placement(chair, selector);
      expect(p.bottom, `${what} ends at ${Math.round(p.bottom)} px on a 640 px phone`).toBeLessThanOrEqual(
        p.innerHeight,
      );
    }
    await fits(chair, "room-chair-live", ALL);

    const member = await pageOf(sc.member);
    await member.goto(roomPath);
    await member.locator(".room-conn").filter({ hasText: "Đã kết nối" }).waitFor();
    await fits(member, "room-member");
    const taker = await pageOf(sc.taker);
    await taker.goto(roomPath);
    await taker.getByRole("heading", { name: "Biên bản" }).waitFor();
    await fits(taker, "room-minutes-taker", [SMALL_PHONE, LAPTOP]);
    const leader = await pageOf(sc.leader);
    await leader.goto(roomPath);
    await leader.getByRole("heading", { name: "Đánh giá chất lượng buổi sinh hoạt" }).waitFor();
    await fits(leader, "room-leader", [SMALL_PHONE, LAPTOP]);

    // The hall screen before any vote.
    const hall = await chair.context().newPage();
    await hall.goto(hallPath);
    await hall.locator(".hall-topic").waitFor();
    await fits(hall, "hall-no-vote", ALL);

    // A vote, with the hands of the three members in the hall counted.
    await settleAt(chair, LAPTOP);
    await chair.getByLabel("Nội dung biểu quyết").fill(MOTION);
    await chair.getByRole("button", { name: "Mở biểu quyết" }).click();
    await chair.getByLabel("Lâm Văn Tài", { exact: true }).selectOption("agree");
    await chair.getByLabel("Quách Thị Duyên", { exact: true }).selectOption("agree");
    await chair.getByRole("button", { name: /Ghi số phiếu tại hội trường/ }).click();
    await hall
      .locator(".vote-count")
      .filter({ hasText: /Đã biểu quyết: 2\// })
      .waitFor();

    for (const size of [LAPTOP, PROJECTOR]) {
      await settleAt(hall, size);
      const at = `the hall at ${size.width}×${size.height}`;
      await aboveTheFold(hall, ".hall .vote-count", hallType(size.height), `${at}: the vote's count`);
      await aboveTheFold(hall, ".hall .vote-motion", hallType(size.height) * 0.7, `${at}: the motion`);
    }
    await fits(hall, "hall-vote-open", ALL);
    await settleAt(chair, SMALL_PHONE);
    const vote = await placement(chair, "#vote-panel-h");
    expect(vote.bottom, "the vote panel on the chair's phone, a vote open").toBeLessThanOrEqual(vote.innerHeight);
    await fits(chair, "room-chair-vote-open", ALL);
    await fits(member, "room-member-vote-open");

    // Just closed: the result takes the top of the hall screen.
    await settleAt(chair, LAPTOP);
    await chair.getByRole("button", { name: "Kết thúc biểu quyết" }).click();
    await hall.locator(".vote-result-word").waitFor();
    for (const size of [LAPTOP, PROJECTOR]) {
      await settleAt(hall, size);
      const at = `the hall at ${size.width}×${size.height}`;
      await aboveTheFold(hall, ".hall .vote-result-word", hallType(size.height), `${at}: the result`);
      await aboveTheFold(hall, ".hall .vote-result-line", hallType(size.height) * 0.7, `${at}: the tally`);
    }
    await fits(hall, "hall-vote-closed", ALL);
    await fits(member, "room-member-result");
    await fits(leader, "room-leader-result");

    // The meeting page while the meeting is live.
    const admin = await pageOf(seed.people.admin);
    await admin.goto(meeting(sc.liveMeetingId));
    await loaded(admin);
    await fits(admin, "meeting-live-admin", ALL);

    // The chair closes the meeting: the closed console and the member's closed room.
    await settleAt(chair, SMALL_PHONE);
    await chair.getByRole("button", { name: "Kết thúc cuộc họp" }).click();
    await chair.getByRole("button", { name: "Xác nhận: Kết thúc cuộc họp" }).click();
    await member.locator(".notice").filter({ hasText: "Cuộc họp đã kết thúc" }).waitFor();
    await fits(member, "room-member-closed");
    await fits(chair, "room-chair-closed");
    await hall.close();
  });
});
