/**
 * Issue 13, built-in sound when something goes wrong, in real Chromium with fake devices but real refusals: sound
 * plays only after a tap (`document-user-activation-required`, Chrome's own default on a computer), and a second
 * Chromium whose permission prompt answers "block" (`--use-fake-ui-for-media-stream=deny`: the browser's own
 * refusal, `NotAllowedError`, no stub) for the people whose microphone is refused. Each person's room is opened in
 * a fresh tab after the login, so the login's clicks do not count as a tap on it. Cases: a remote listener taps to
 * hear the hall; a member given the floor with the microphone blocked; a speaker whose room socket drops
 * mid-speech; a hall screen refused its microphone.
 */
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { audioFlows, bytesWith, publishedTracks } from "./media-stats.ts";
import type { SeedPerson } from "./seed.ts";
import { browserForFile, PHONE } from "./support.ts";

const baseUrl = inject("baseUrl");
const seed = inject("seed");
const dg = seed.mediaDegraded;
const pathsOf = (meetingId: string) => ({
  room: `/t/${seed.tenantId}/meetings/${meetingId}/room`,
  hall: `/t/${seed.tenantId}/meetings/${meetingId}/hall`,
});
const flags = (prompt: "" | "=deny") => [
  "--use-fake-device-for-media-stream",
  `--use-fake-ui-for-media-stream${prompt}`,
  "--autoplay-policy=document-user-activation-required",
  "--disable-features=WebRtcHideLocalIpsWithMdns",
];
/** The microphone prompt answers "allow" in one browser, "block" in the other. */
const allowing = browserForFile(baseUrl, flags(""));
const refusing = browserForFile(baseUrl, flags("=deny"));
type Browser = typeof allowing;
const poll = { timeout: 30_000, intervals: [250] };

/** Observes the page without changing it: every media element asked to play, and every WebSocket opened. */
function observe() {
  const w = window as unknown as { __audios: HTMLMediaElement[]; __sockets: WebSocket[] };
  w.__audios = [];
  w.__sockets = [];
  const play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
    if (!w.__audios.includes(this)) w.__audios.push(this);
    return play.call(this);
  };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      w.__sockets.push(this);
    }
  };
}

interface Opened {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors and unhandled rejections of the page. */
  errors: string[];
}

/** Logs in, then opens `path` in a fresh tab (no tap on it yet). */
async function open(browser: Browser, who: SeedPerson, path: string, viewport?: typeof PHONE): Promise<Opened> {
  const person = await browser.login(who, path, viewport);
  await person.context.addInitScript(observe);
  const page = await person.context.newPage();
  // The machine runs other tests beside this one: connecting takes seconds under load.
  page.setDefaultTimeout(30_000);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(path);
  await person.page.close();
  return { context: person.context, page, errors };
}

/**
 * Evaluates in the page through the DevTools protocol, without a user gesture: Playwright's own `evaluate` and its
 * locators' waiting run as one, which Chromium counts as a tap on the page and then lets sound play.
 */
async function untouched<T>(page: Page, expression: string): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { result } = await cdp.send("Runtime.evaluate", { expression: `JSON.stringify(${expression})` });
    return JSON.parse(String(result.value)) as T;
  } finally {
    await cdp.detach();
  }
}

/**
 * Each sound element the page has started: whether it plays (has a stream and is not paused). Only <audio>: the hall's
 * picture plays muted in a <video>, which the browser lets start without a tap.
 */
const audioPlaying = (page: Page) =>
  untouched<boolean[]>(
    page,
    "window.__audios.filter((a) => a instanceof HTMLAudioElement && a.srcObject !== null).map((a) => !a.paused)",
  );

/** Waits, without touching the page, for the large "tap to hear the hall" button; then taps it. */
async function tapToHear(page: Page) {
  const shown = `[...document.querySelectorAll("button")].some((b) => b.textContent === "Bấm để nghe hội trường")`;
  await expect.poll(() => untouched<boolean>(page, shown), poll).toBe(true);
  // The hall's stream arrived and the browser refused to play it before a tap.
  expect(await audioPlaying(page)).toEqual([false]);
  const tap = page.getByRole("button", { name: "Bấm để nghe hội trường" });
  await tap.click();
  await tap.waitFor({ state: "detached" });
}

/** Sound from `peer` reaches this page: bytes and a level above silence on a link from them. */
async function hears(page: Page, peer: string) {
  await expect
    .poll(async () => {
      const f = (await audioFlows(page)).filter((x) => x.direction === "in" && x.peer === peer);
      return f.some((x) => x.bytes > 0 && x.level > 0);
    }, poll)
    .toBe(true);
}

/** The hall receives `speaker`'s sound now: its bytes from them grow over 700 ms (a replaced link starts at 0). */
async function hallHearsNow(hall: Page, speaker: string, timeout: number) {
  await expect
    .poll(
      async () => {
        const before = await bytesWith(hall, speaker, "in");
        await hall.waitForTimeout(700);
        return (await bytesWith(hall, speaker, "in")) > before;
      },
      { timeout, interval: 100 },
    )
    .toBe(true);
}

/** The chair starts the meeting and opens the hall screen in a fresh tab of the same login. */
async function startWithHall(chair: Opened, meetingId: string): Promise<Opened> {
  await chair.page.locator(".room-conn").filter({ hasText: "Đã kết nối" }).waitFor();
  await chair.page.getByRole("button", { name: "Bắt đầu cuộc họp" }).click();
  await chair.page.getByText("Chưa có ai giơ tay").waitFor();
  const page = await chair.context.newPage();
  page.setDefaultTimeout(30_000);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(pathsOf(meetingId).hall);
  return { context: chair.context, page, errors };
}

/** The member raises a hand and the chair gives them the floor. */
async function giveFloor(member: Page, chair: Page, who: SeedPerson) {
  await member.getByRole("button", { name: "Giơ tay xin phát biểu" }).click();
  await chair.getByRole("button", { name: `Mời ${who.name} phát biểu` }).click();
}

describe("built-in sound when the browser, the microphone or the network says no", () => {
  const paths = pathsOf(dg.meetingId);
  /** The chair's console, the hall screen and the listener, left open by the first test for the next ones. */
  let chair: Opened;
  let hall: Opened;
  let listener: Opened;

  it("sound blocked until a tap: a large button, and after the tap the hall is heard", async () => {
    chair = await open(allowing, dg.chair, paths.room);
    hall = await startWithHall(chair, dg.meetingId);
    await hall.page.getByText(/Âm thanh hội trường: đang gửi tới/).waitFor();

    listener = await open(allowing, dg.listener, paths.room, PHONE);
    await tapToHear(listener.page);
    await hears(listener.page, dg.chair.id);
    expect(await audioPlaying(listener.page)).toEqual([true]);
    await listener.page.getByText("Đang nghe hội trường").waitFor();
    expect(listener.errors).toEqual([]);
  });

  it("microphone blocked: the card says so and how to allow it; the hall goes on; the chair still sees the floor", async () => {
    const blocked = await open(refusing, dg.blocked, paths.room, PHONE);
    await tapToHear(blocked.page);
    await hears(blocked.page, dg.chair.id);
    await giveFloor(blocked.page, chair.page, dg.blocked);

    const card = blocked.page.locator(".remote-media");
    await card.getByText(/Micro bị chặn/).waitFor();
    await expect.poll(() => card.textContent()).toMatch(/Cho phép/);
    expect(await card.getByText("Micro đang bật").count()).toBe(0);
    expect(await publishedTracks(blocked.page)).toEqual([]);
    // The chair's console still shows them holding the floor, and ends it.
    await chair.page.locator(".floor-name").filter({ hasText: dg.blocked.name }).waitFor();
    await chair.page.getByRole("button", { name: "Kết thúc phát biểu" }).click();
    await chair.page.locator(".floor-name").waitFor({ state: "detached" });
    // The hall goes on: both remotes still hear it, nothing failed unhandled.
    await hears(blocked.page, dg.chair.id);
    await hears(listener.page, dg.chair.id);
    expect([blocked.errors, hall.errors, chair.errors]).toEqual([[], [], []]);
  });

  it("a speaker whose room socket drops mid-speech is heard again without a touch; their track ends with the floor", async () => {
    const speaker = await open(allowing, dg.speaker, paths.room, PHONE);
    // The hall screen plays remote speakers only after a tap too.
    await hall.page.mouse.click(5, 5);
    await giveFloor(speaker.page, chair.page, dg.speaker);
    await speaker.page.getByText("Micro đang bật").waitFor();
    await hears(hall.page, dg.speaker.id);

    const roomSockets = () =>
      speaker.page.evaluate(() =>
        (window as unknown as { __sockets: WebSocket[] }).__sockets
          .filter((s) => s.url.includes("/parties/"))
          .map((s) => s.readyState),
      );
    const before = (await roomSockets()).length;
    const hallSentBefore = await bytesWith(hall.page, dg.speaker.id, "out");
    // The phone loses the network and gets it back: the room link drops its socket and opens a new one at once.
    await speaker.context.setOffline(true);
    await speaker.page.locator(".room-conn[data-status=offline]").waitFor();
    await speaker.context.setOffline(false);
    await expect.poll(async () => (await roomSockets()).slice(before), poll).toEqual([WebSocket.OPEN]);
    await speaker.page.locator(".room-conn").filter({ hasText: "Đã kết nối" }).waitFor();
    // Back, they say hello to the hall, which offers its sound anew (its link to them starts again from 0 bytes).
    await expect.poll(() => bytesWith(hall.page, dg.speaker.id, "out"), poll).toBeLessThan(hallSentBefore);
    // Still holding the floor, nobody touching anything: the hall hears them again within seconds.
    await speaker.page.getByText("Micro đang bật").waitFor();
    await hallHearsNow(hall.page, dg.speaker.id, 8_000);
    await hears(hall.page, dg.speaker.id);

    await chair.page.getByRole("button", { name: "Kết thúc phát biểu" }).click();
    await expect.poll(async () => (await publishedTracks(speaker.page)).every((s) => s === "ended"), poll).toBe(true);
    await expect
      .poll(async () => (await audioFlows(speaker.page)).filter((f) => f.direction === "out").length, poll)
      .toBe(0);
    expect([speaker.errors, hall.errors]).toEqual([[], []]);
  });
});

describe("a hall screen refused its microphone", () => {
  const muted = dg.mutedHall;
  const paths = pathsOf(muted.meetingId);

  it("says so on the hall screen, and remote members are told the hall sends no sound", async () => {
    const chair = await open(refusing, muted.chair, paths.room);
    const hall = await startWithHall(chair, muted.meetingId);
    await hall.page.getByText(/Không mở được micro hội trường/).waitFor();
    await hall.page.getByText(/Cho phép/).waitFor();

    const member = await open(allowing, muted.member, paths.room, PHONE);
    await member.page.getByText(/Hội trường không gửi âm thanh/).waitFor();
    expect(await member.page.getByText(/Đang kết nối âm thanh/).count()).toBe(0);
    expect([hall.errors, member.errors]).toEqual([[], []]);
  });
});
