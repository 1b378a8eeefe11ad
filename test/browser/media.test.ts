/**
 * Issue 13, built-in sound in real Chromium with fake devices (a beeping microphone): the hall screen (under the
 * chair's login) sends the hall's sound to a remote member and to a visiting leader, who hear it; the chair gives
 * the member the floor and the hall hears them; the floor ends and the member's microphone track stops; the
 * leader's turn works the same. Measured from RTCPeerConnection.getStats() through window.__chiboMedia.
 */
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { overflowProblems } from "./fit.ts";
import {
  audioFlows,
  bytesWith,
  MEDIA_ARGS,
  mediaFlows,
  publishedTracks,
  silenceMics,
  soundSentTo,
} from "./media-stats.ts";
import { browserForFile, PHONE } from "./support.ts";

const baseUrl = inject("baseUrl");
const seed = inject("seed");
const md = seed.media;
const roomPath = `/t/${seed.tenantId}/meetings/${md.meetingId}/room`;
const hallPath = `/t/${seed.tenantId}/meetings/${md.meetingId}/hall`;
const browser = browserForFile(baseUrl, MEDIA_ARGS);
const poll = { timeout: 20_000, intervals: [250] };
/** The member's, the leader's, the hall's and the chair's pages, left open by the first test for the second. */
const pages: Page[] = [];

/** The hall's sound reaches this page: bytes and a level above silence on its link from the chair. */
async function hearsTheHall(page: Page) {
  await expect
    .poll(async () => {
      const f = (await audioFlows(page)).filter((x) => x.direction === "in" && x.peer === md.chair.id);
      return f.some((x) => x.bytes > 0 && x.level > 0);
    }, poll)
    .toBe(true);
}

/** The hall receives `speaker`'s sound: the bytes keep growing. */
async function hallHears(hall: Page, speaker: string) {
  await expect.poll(() => bytesWith(hall, speaker, "in"), poll).toBeGreaterThan(0);
  const before = await bytesWith(hall, speaker, "in");
  await expect.poll(() => bytesWith(hall, speaker, "in"), poll).toBeGreaterThan(before);
  const flows = (await audioFlows(hall)).filter((f) => f.direction === "in" && f.peer === speaker);
  expect(flows.some((f) => f.level > 0)).toBe(true);
}

/**
 * This page's person, without the floor, offers their microphone to the hall: a real offer (the fake microphone on an
 * RTCPeerConnection) sent as `rtc/offer` on a room socket of their own (a fresh ticket from the API, as the room's
 * client gets one). Answers the room's reply to that frame: `error` with its code, or `ack`.
 */
function offerWithoutFloor(page: Page, tenantId: string, meetingId: string, hallId: string) {
  return page.evaluate(
    async ({ tenantId, meetingId, hallId }) => {
      const res = await fetch(`/api/tenants/${tenantId}/tickets`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ meetingId }),
      });
      const { ticket, roomPath } = (await res.json()) as { ticket: string; roomPath: string };
      const mic = await navigator.mediaDevices.getUserMedia({ audio: true });
      const pc = new RTCPeerConnection();
      for (const t of mic.getTracks()) pc.addTrack(t, mic);
      const offer = await pc.createOffer();
      const ws = new WebSocket(
        `${location.origin.replace(/^http/, "ws")}${roomPath}?ticket=${encodeURIComponent(ticket)}`,
      );
      try {
        return await new Promise<{ type: string; code?: string }>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error("no answer to the offer")), 10_000);
          ws.onmessage = (e) => {
            const m = JSON.parse(String(e.data)) as { type: string; code?: string; ref?: string };
            if (m.type === "snapshot")
              ws.send(JSON.stringify({ type: "rtc/offer", id: "offer-without-floor", to: hallId, sdp: offer.sdp }));
            if ((m.type === "error" || m.type === "ack") && m.ref === "offer-without-floor") {
              clearTimeout(timer);
              resolve({ type: m.type, code: m.code });
            }
          };
        });
      } finally {
        ws.close();
        pc.close();
        for (const t of mic.getTracks()) t.stop();
      }
    },
    { tenantId, meetingId, hallId },
  );
}

describe("built-in sound: the hall and two remote participants", () => {
  it("the remotes hear the hall; a remote speaker is heard by the hall while holding the floor", async () => {
    const chair = await browser.login(md.chair, roomPath);
    await chair.page.locator(".room-conn").filter({ hasText: "Đã kết nối" }).waitFor();
    await chair.page.getByRole("button", { name: "Bắt đầu cuộc họp" }).click();
    await chair.page.getByText("Chưa có ai giơ tay").waitFor();
    const hall = await chair.context.newPage();
    await hall.goto(hallPath);
    await hall.getByText(/Âm thanh hội trường: đang gửi tới/).waitFor();

    const member = await browser.login(md.member, roomPath, PHONE);
    const leader = await browser.login(md.leader, roomPath);
    await hearsTheHall(member.page);
    await hearsTheHall(leader.page);
    await member.page.getByText("Đang nghe hội trường").waitFor();
    await hall.getByText("Âm thanh hội trường: đang gửi tới 2 người dự từ xa").waitFor();
    // Each remote says it hears the hall (rtc/media): the chair's attendance counts the member as remote with sound
    // (the leader is a guest, not counted); their card shows the connection's quality.
    await chair.page.getByText("Trực tuyến: 1 (trong đó nghe có âm thanh: 1)").waitFor();
    await member.page.getByText("Kết nối: tốt").waitFor();

    // The hall's camera reaches the remotes: inbound video frames decoded, the picture in the card.
    for (const p of [member.page, leader.page])
      await expect
        .poll(async () => (await mediaFlows(p, "video")).some((f) => f.direction === "in" && f.level > 0), poll)
        .toBe(true);
    await member.page.getByLabel("Hình từ hội trường").waitFor();
    // On the 360 px phone the card with its picture and buttons fits the screen.
    expect(await overflowProblems(member.page)).toBe("");
    // "Tắt hình": the video bytes stop (the link is answered anew without video) while the sound keeps flowing.
    await member.page.getByRole("button", { name: "Tắt hình" }).click();
    await member.page.getByRole("button", { name: "Bật hình" }).waitFor();
    await hearsTheHall(member.page);
    const still = async () => {
      const v = await bytesWith(member.page, md.chair.id, "in", "video");
      const a = await bytesWith(member.page, md.chair.id, "in", "audio");
      await new Promise((r) => setTimeout(r, 1_500));
      return {
        video: (await bytesWith(member.page, md.chair.id, "in", "video")) - v,
        audio: (await bytesWith(member.page, md.chair.id, "in", "audio")) - a,
      };
    };
    await expect
      .poll(async () => {
        const d = await still();
        return d.video === 0 && d.audio > 0;
      }, poll)
      .toBe(true);
    await member.page.getByLabel("Hình từ hội trường").waitFor({ state: "detached" });
    // Back on: the picture flows again; the choice stays on the device.
    await member.page.getByRole("button", { name: "Bật hình" }).click();
    await expect
      .poll(async () => (await mediaFlows(member.page, "video")).some((f) => f.direction === "in" && f.level > 0), poll)
      .toBe(true);
    expect(await member.page.evaluate(() => localStorage.getItem("chibo.media.video"))).toBe("on");
    pages.push(member.page, leader.page, hall, chair.page);

    // Without the floor, the member's offer to the hall is refused by the room, and the hall gets no link from them.
    const refused = await offerWithoutFloor(member.page, seed.tenantId, md.meetingId, md.chair.id);
    expect(refused).toEqual({ type: "error", code: "no_floor" });
    expect((await audioFlows(hall)).filter((f) => f.direction === "in" && f.peer === md.member.id)).toEqual([]);

    // The member asks for the floor and is given it: their microphone opens, the hall hears them.
    await member.page.getByRole("button", { name: "Giơ tay xin phát biểu" }).click();
    await chair.page.getByRole("button", { name: `Mời ${md.member.name} phát biểu` }).click();
    await member.page.getByText("Micro đang bật").waitFor();
    await hallHears(hall, md.member.id);
    expect(await publishedTracks(member.page)).toEqual(["live"]);
    // The speaker switches their camera on (off by default): the hall shows their picture.
    await member.page.getByRole("button", { name: "Bật camera" }).click();
    await expect
      .poll(async () => (await mediaFlows(hall, "video")).some((f) => f.peer === md.member.id && f.level > 0), poll)
      .toBe(true);
    await hall.getByLabel("Hình người phát biểu").waitFor();
    await hallHears(hall, md.member.id);
    // The hall is the hub: the leader's link carries the hall mixed with the member (and the member's picture in
    // place of the hall's camera); the member's own link keeps the hall's microphone alone. The leader hears it.
    await expect.poll(() => soundSentTo(hall, md.leader.id), poll).toEqual(["mixed"]);
    expect(await soundSentTo(hall, md.member.id)).toEqual(["mic"]);
    await hearsTheHall(leader.page);
    // By ear: the hall's own microphone silenced, the leader still hears sound (the member's, mixed in).
    await silenceMics(hall, true);
    await new Promise((r) => setTimeout(r, 1_000));
    await hearsTheHall(leader.page);
    await silenceMics(hall, false);
    const leaderVideo = await bytesWith(leader.page, md.chair.id, "in", "video");
    await expect.poll(() => bytesWith(leader.page, md.chair.id, "in", "video"), poll).toBeGreaterThan(leaderVideo);

    // The floor ends: the member's track stops and their link to the hall closes; they still hear the hall.
    await chair.page.getByRole("button", { name: "Kết thúc phát biểu" }).click();
    await expect.poll(() => publishedTracks(member.page), poll).toEqual(["ended"]);
    // Their floor over, the others get the hall's microphone alone again.
    await expect.poll(() => soundSentTo(hall, md.leader.id), poll).toEqual(["mic"]);
    await expect
      .poll(async () => (await audioFlows(member.page)).filter((f) => f.direction === "out").length, poll)
      .toBe(0);
    await member.page.getByText("Micro đang bật").waitFor({ state: "detached" });
    await hearsTheHall(member.page);

    // The visiting leader's turn, given from the chair's list of everyone present.
    await chair.page.getByText("Mời người khác phát biểu").click();
    await chair.page.getByLabel("Người phát biểu").selectOption(md.leader.id);
    await chair.page.locator("form:has(#give-who)").getByRole("button", { name: "Mời phát biểu" }).click();
    await leader.page.getByText("Micro đang bật").waitFor();
    await hallHears(hall, md.leader.id);
    await chair.page.getByRole("button", { name: "Kết thúc phát biểu" }).click();
    await expect.poll(() => publishedTracks(leader.page), poll).toEqual(["ended"]);
    expect(await publishedTracks(member.page)).toEqual(["ended"]);
  });

  it("a remote who reloads hears the hall again, as does everyone after the hall screen reloads; closing stops it all", async () => {
    const [member, leader, hall, chair] = pages;
    if (!member || !leader || !hall || !chair) throw new Error("the first test did not open the pages");
    await member.reload();
    await hearsTheHall(member);
    const hallSocket = async (p: Page) =>
      (await audioFlows(p)).filter((f) => f.direction === "in").map((f) => f.socket);
    const [before] = await hallSocket(member);
    await hall.reload();
    await hall.getByText("Âm thanh hội trường: đang gửi tới 2 người dự từ xa").waitFor();
    // Each remote now has one link, to the reloaded hall's new socket (the old one closed), and hears it.
    for (const p of [member, leader]) {
      await expect
        .poll(async () => {
          const sockets = await hallSocket(p);
          return sockets.length === 1 && sockets[0] !== before;
        }, poll)
        .toBe(true);
      await hearsTheHall(p);
    }

    // The meeting closes: the hall's microphone stops and no link is left anywhere.
    await chair.getByRole("button", { name: "Kết thúc cuộc họp" }).click();
    await chair.getByRole("button", { name: "Xác nhận: Kết thúc cuộc họp" }).click();
    await expect.poll(() => publishedTracks(hall), poll).toEqual(["ended"]);
    for (const p of [hall, member, leader]) await expect.poll(async () => (await audioFlows(p)).length, poll).toBe(0);
  });
});
