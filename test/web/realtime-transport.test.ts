/**
 * The SFU transport (web/src/room/rtc/transport/realtime-transport.ts) against the recorded Cloudflare Realtime
 * shapes, with a fake peer connection: publishing sends the browser's offer and applies the SFU's answer; stopping
 * stops the sender at once and closes the track; subscribing answers the SFU's offer through the worker; refused
 * tracks fail loudly; calls never overlap; quality comes from stats. And the chooser between SFU and star.
 */
import { describe, expect, it, vi } from "vitest";
import type { SfuTracksAnswer } from "../../schema/api/meeting-media-sfu";
import { mediaConfigOf, transportFor } from "../../web/src/room/rtc/transport/choose";
import type { MediaQuality, MediaTransport } from "../../web/src/room/rtc/transport/media-transport";
import { qualityOf } from "../../web/src/room/rtc/transport/quality";
import { realtimeTransport, SfuRefused } from "../../web/src/room/rtc/transport/realtime-transport";
import trackError from "../fixtures/realtime/track-error.response.json";
import localResponse from "../fixtures/realtime/tracks-new-local.response.json";
import remoteRequest from "../fixtures/realtime/tracks-new-remote.request.json";
import remoteResponse from "../fixtures/realtime/tracks-new-remote.response.json";
import { FakePeer, fakeMediaApi, track } from "./realtime-fakes";

const HALL = "p-hall";
const ICE = [{ urls: "stun:stun.cloudflare.com:3478" }];

async function open(overrides: Parameters<typeof fakeMediaApi>[0] = {}) {
  const { api, calls } = fakeMediaApi(overrides);
  let peer: FakePeer | undefined;
  const t = await realtimeTransport({
    api,
    iceServers: ICE,
    personId: HALL,
    createPeer: (config) => (peer = new FakePeer(config)),
  });
  return { t, calls, peer: peer as FakePeer };
}

describe("the SFU transport", () => {
  it("opens one session and one peer connection with the worker's ICE servers, bundled", async () => {
    const { t, calls, peer } = await open();
    expect(t.kind).toBe("sfu");
    expect(t.sessionId).toBe("2a45361d5fd7cc14eb41ba4e8c5dc4b0");
    expect(calls.map((c) => c.name)).toEqual(["session"]);
    expect(peer.config).toEqual({ iceServers: ICE, bundlePolicy: "max-bundle" });
  });

  it("publishes the hall's microphone: its offer and mid to the worker, the SFU's answer applied; stop stops it once", async () => {
    const { t, calls, peer } = await open();
    const mic = track("audio");
    const published = await t.publish(mic, `audio-${HALL}`);
    expect(calls[1]).toEqual({
      name: "publish",
      body: {
        sessionId: t.sessionId,
        sessionToken: "tok",
        offer: { type: "offer", sdp: "offer with 1 m-lines" },
        tracks: [{ mid: "0", trackName: `audio-${HALL}` }],
      },
    });
    expect(peer.log).toEqual(["createOffer", "local offer", "remote answer"]);
    expect(peer.transceivers[0]).toMatchObject({ direction: "sendonly", sentTrack: mic });
    expect(published.ref).toEqual({ personId: HALL, sessionId: t.sessionId, trackName: `audio-${HALL}` });

    await published.stop();
    await published.stop();
    expect(peer.transceivers[0]).toMatchObject({ direction: "inactive", sentTrack: null });
    expect(calls.filter((c) => c.name === "close")).toEqual([
      { name: "close", body: { sessionId: t.sessionId, sessionToken: "tok", mids: ["0"] } },
    ]);
  });

  it("subscribes to the hall: answers the SFU's offer through the worker and hands back the received track", async () => {
    const { t, calls, peer } = await open();
    const ref = { personId: HALL, ...remoteRequest.tracks[0]! };
    const received = await t.subscribe(ref);
    expect(calls[1]).toEqual({
      name: "subscribe",
      body: {
        sessionId: t.sessionId,
        sessionToken: "tok",
        tracks: remoteRequest.tracks.map(({ sessionId, trackName }) => ({ sessionId, trackName })),
      },
    });
    expect(calls[2]).toEqual({
      name: "renegotiate",
      body: { sessionId: t.sessionId, sessionToken: "tok", answer: { type: "answer", sdp: "browser answer" } },
    });
    expect(peer.log).toEqual(["remote offer", "createAnswer", "local answer"]);
    // The SFU's offer carried mid 1 (recorded): the track is that transceiver's.
    expect(received.id).toBe("received-1");
    await t.unsubscribe(ref);
    await t.unsubscribe(ref);
    expect(calls.filter((c) => c.name === "close").map((c) => c.body)).toEqual([
      { sessionId: t.sessionId, sessionToken: "tok", mids: ["1"] },
    ]);
  });

  it("fails loudly on a track the SFU refused, and applies nothing of it", async () => {
    const { t, peer } = await open({ subscribe: async () => trackError as SfuTracksAnswer });
    await expect(
      t.subscribe({ personId: "p-x", sessionId: "ffffffffffffffffffffffffffffffff", trackName: "audio-nobody" }),
    ).rejects.toThrow(new SfuRefused("not_found_track_error"));
    expect(peer.log).toEqual([]);
    await expect(t.subscribe({ personId: "p-x", trackName: "audio-x" })).rejects.toBeInstanceOf(SfuRefused);
  });

  it("makes one call to the SFU at a time, even when the room asks for two at once", async () => {
    let release = () => {};
    const slow = new Promise<void>((r) => (release = r));
    const order: string[] = [];
    const { t } = await open({
      publish: async () => {
        order.push("publish sent");
        await slow;
        order.push("publish answered");
        return localResponse as SfuTracksAnswer;
      },
      subscribe: async () => {
        order.push("subscribe sent");
        return remoteResponse as SfuTracksAnswer;
      },
    });
    const both = Promise.all([
      t.publish(track("audio"), `audio-${HALL}`),
      t.subscribe({ personId: "p-1", ...remoteRequest.tracks[0]! }),
    ]);
    await vi.waitFor(() => expect(order).toEqual(["publish sent"]));
    release();
    await both;
    expect(order).toEqual(["publish sent", "publish answered", "subscribe sent"]);
  });

  it("reports quality from stats, and a failed connection as lost and closed", async () => {
    const { t, peer } = await open();
    const seen: (MediaQuality | string)[] = [];
    t.on("quality", (q) => seen.push(q));
    t.on("closed", (why) => seen.push(`closed: ${why}`));
    peer.connectionState = "connected";
    peer.stats = [
      { type: "candidate-pair", state: "succeeded", nominated: true, currentRoundTripTime: 0.6 },
      { type: "inbound-rtp", packetsLost: 1, packetsReceived: 99 },
    ];
    await t.sampleQuality();
    peer.setState("failed");
    expect(seen).toEqual(["poor", "lost", "closed: failed"]);
    await t.close();
    expect(peer.closed).toBe(true);
  });
});

describe("connection quality from stats", () => {
  const pair = (rtt: number) => ({
    type: "candidate-pair",
    state: "succeeded",
    nominated: true,
    currentRoundTripTime: rtt,
  });
  const inbound = (lost: number, received: number) => ({
    type: "inbound-rtp",
    packetsLost: lost,
    packetsReceived: received,
  });
  it("is good, poor or lost by round trip and loss", () => {
    expect(qualityOf([pair(0.05), inbound(0, 1000)], "connected")).toBe("good");
    expect(qualityOf([pair(0.5), inbound(0, 1000)], "connected")).toBe("poor");
    expect(qualityOf([pair(0.05), inbound(80, 920)], "connected")).toBe("poor");
    expect(qualityOf([pair(2), inbound(0, 1000)], "connected")).toBe("lost");
    expect(qualityOf([pair(0.05), inbound(300, 700)], "connected")).toBe("lost");
    expect(qualityOf([], "disconnected")).toBe("lost");
    // A pair that is not the selected one does not count.
    expect(qualityOf([{ ...pair(3), nominated: false }], "connected")).toBe("good");
  });
});

describe("choosing the path", () => {
  const fakeTransport = (kind: "star" | "sfu") => ({ kind }) as MediaTransport;
  it("takes the star without Realtime, the SFU with it, and the star when the SFU cannot be opened", async () => {
    const star = vi.fn((_ice: RTCIceServer[]) => fakeTransport("star"));
    const sfu = vi.fn(async (_ice: RTCIceServer[]) => fakeTransport("sfu"));
    expect((await transportFor({ sfu: false, iceServers: ICE }, { star, sfu })).kind).toBe("star");
    expect(star).toHaveBeenCalledWith(ICE);
    expect(sfu).not.toHaveBeenCalled();
    expect((await transportFor({ sfu: true, iceServers: ICE }, { star, sfu })).kind).toBe("sfu");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const broken = vi.fn(async () => {
      throw new Error("503 unavailable");
    });
    expect((await transportFor({ sfu: true, iceServers: [] }, { star, sfu: broken })).kind).toBe("star");
    warn.mockRestore();
  });

  it("reads the worker's config, and falls back to the star without TURN when it cannot be read", async () => {
    const { api } = fakeMediaApi({ config: async () => ({ sfu: true, iceServers: ICE }) });
    expect(await mediaConfigOf(api)).toEqual({ sfu: true, iceServers: ICE });
    const down = fakeMediaApi({
      config: async () => {
        throw new Error("409");
      },
    });
    expect(await mediaConfigOf(down.api)).toEqual({ sfu: false, iceServers: [] });
  });
});
