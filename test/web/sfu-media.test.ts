/**
 * The SFU behind the media layer's interface (web/src/room/rtc/transport/sfu-media.ts): it follows the room's list
 * of published tracks — subscribes to the hall's and the floor holder's as they appear, unsubscribes when they leave
 * the list or the person is no longer wanted, never takes its own — gathers each person's tracks in one stream, and
 * publishes this page's tracks under its own names. The SFU itself is a recording fake here (its calls to Cloudflare
 * are tested in realtime-transport.test.ts).
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { ListedTrack, SfuTransport } from "../../web/src/room/rtc/transport/media-transport";
import { realtimeTransport } from "../../web/src/room/rtc/transport/realtime-transport";
import { sfuMedia } from "../../web/src/room/rtc/transport/sfu-media";
import remoteRequest from "../fixtures/realtime/tracks-new-remote.request.json";
import { FakePeer, fakeMediaApi, track } from "./realtime-fakes";

const ME = "p-member";
const HALL = "p-chair";
const SPEAKER = "p-speaker";
const listed = (personId: string, kind: "audio" | "video", sessionId = `s-${personId}`): ListedTrack => ({
  personId,
  sessionId,
  trackName: `${kind}-${personId}`,
  kind,
});

function fakeSfu() {
  const log: string[] = [];
  const sfu: SfuTransport & { sampleQuality(): Promise<"good"> } = {
    kind: "sfu",
    async publish(_t, trackName) {
      log.push(`publish ${trackName}`);
      return { ref: { personId: ME, trackName }, stop: async () => void log.push(`stop ${trackName}`) };
    },
    async subscribe(ref) {
      log.push(`subscribe ${ref.sessionId}/${ref.trackName}`);
      return track(ref.trackName.startsWith("video") ? "video" : "audio", `got-${ref.trackName}`);
    },
    async unsubscribe(ref) {
      log.push(`unsubscribe ${ref.sessionId}/${ref.trackName}`);
    },
    on: () => () => {},
    close: async () => void log.push("close"),
    sampleQuality: async () => "good",
  };
  return { sfu, log };
}

// A stream is its tracks here (the fake tracks are plain objects).
beforeAll(() => {
  vi.stubGlobal(
    "MediaStream",
    class {
      constructor(readonly tracks: MediaStreamTrack[]) {}
      getTracks() {
        return this.tracks;
      }
    },
  );
});

const settle = () => new Promise((r) => setTimeout(r, 0));

function open(opts: { video?: boolean } = {}) {
  const { sfu, log } = fakeSfu();
  let floor: string | null = null;
  const media = sfuMedia(sfu, {
    me: ME,
    wants: (p) => p === HALL || p === floor,
  });
  if (opts.video === false) media.setVideo(false);
  const streams: [string, string[] | null][] = [];
  media.onStream((p, s) => streams.push([p, s ? s.getTracks().map((t) => t.id) : null]));
  return { media, log, streams, give: (p: string | null) => (floor = p) };
}

describe("the SFU behind the media layer", () => {
  it("subscribes to the hall's tracks as the room lists them, in one stream, and never to its own", async () => {
    const { media, log, streams } = open();
    expect(media.kind).toBe("sfu");
    media.tracksListed([listed(HALL, "audio"), listed(ME, "audio"), listed("p-other", "audio")]);
    await settle();
    expect(log).toEqual([`subscribe s-${HALL}/audio-${HALL}`]);
    media.tracksListed([listed(HALL, "audio"), listed(HALL, "video")]);
    await settle();
    expect(log).toEqual([`subscribe s-${HALL}/audio-${HALL}`, `subscribe s-${HALL}/video-${HALL}`]);
    expect(streams.at(-1)).toEqual([HALL, [`got-audio-${HALL}`, `got-video-${HALL}`]]);
  });

  it("takes the floor holder's track while they hold it and lets it go when the list or the floor drops it", async () => {
    const { media, log, streams, give } = open();
    media.tracksListed([listed(HALL, "audio"), listed(SPEAKER, "audio")]);
    await settle();
    expect(log).toEqual([`subscribe s-${HALL}/audio-${HALL}`]);
    give(SPEAKER);
    media.tracksListed([listed(HALL, "audio"), listed(SPEAKER, "audio")]);
    await settle();
    expect(log.at(-1)).toBe(`subscribe s-${SPEAKER}/audio-${SPEAKER}`);
    expect(streams.at(-1)).toEqual([SPEAKER, [`got-audio-${SPEAKER}`]]);
    // The speaker's track leaves the room's list (their floor ended, the worker closed it): unsubscribed, stream gone.
    media.tracksListed([listed(HALL, "audio")]);
    await settle();
    expect(log.at(-1)).toBe(`unsubscribe s-${SPEAKER}/audio-${SPEAKER}`);
    expect(streams.at(-1)).toEqual([SPEAKER, null]);
    // Listed again under a new session while no longer holding the floor: not taken.
    give(null);
    media.tracksListed([listed(HALL, "audio"), listed(SPEAKER, "audio", "s-new")]);
    await settle();
    expect(log.filter((l) => l.startsWith("subscribe"))).toHaveLength(2);
  });

  it("drops a person at once when asked (the floor ended before the list says so)", async () => {
    const { media, log, streams, give } = open();
    give(SPEAKER);
    media.tracksListed([listed(SPEAKER, "audio")]);
    await settle();
    media.drop(SPEAKER);
    await settle();
    expect(log.at(-1)).toBe(`unsubscribe s-${SPEAKER}/audio-${SPEAKER}`);
    expect(streams.at(-1)).toEqual([SPEAKER, null]);
  });

  it("with video off takes only the sound; video back on subscribes to the picture", async () => {
    const { media, log } = open({ video: false });
    media.tracksListed([listed(HALL, "audio"), listed(HALL, "video")]);
    await settle();
    expect(log).toEqual([`subscribe s-${HALL}/audio-${HALL}`]);
    media.setVideo(true);
    await settle();
    expect(log.at(-1)).toBe(`subscribe s-${HALL}/video-${HALL}`);
    media.setVideo(false);
    await settle();
    expect(log.at(-1)).toBe(`unsubscribe s-${HALL}/video-${HALL}`);
  });

  it("publishes this page's tracks under its own names, stops the ones it no longer sends, closes", async () => {
    const { media, log } = open();
    const mic = track("audio", "mic");
    const stopped: string[] = [];
    mic.stop = () => void stopped.push("mic");
    media.publish([mic]);
    media.publish([mic]);
    await settle();
    expect(log).toEqual([`publish audio-${ME}`]);
    media.publish([]);
    await settle();
    expect(log).toEqual([`publish audio-${ME}`, `stop audio-${ME}`]);
    expect(stopped).toEqual(["mic"]);
    expect(await media.quality()).toBe("good");
    media.close();
    await settle();
    expect(log.at(-1)).toBe("close");
  });

  it("over the real SFU client (fake peer, recorded shapes): a listed track is subscribed through the worker, unlisted closed", async () => {
    const { api, calls } = fakeMediaApi();
    const sfu = await realtimeTransport({ api, iceServers: [], personId: ME, createPeer: (c) => new FakePeer(c) });
    const media = sfuMedia(sfu, { me: ME, wants: (p) => p === HALL });
    const recorded = remoteRequest.tracks[0]!;
    const hallTrack: ListedTrack = {
      personId: HALL,
      sessionId: recorded.sessionId,
      trackName: recorded.trackName,
      kind: "audio",
    };
    media.tracksListed([hallTrack]);
    await vi.waitFor(() => expect(calls.map((c) => c.name)).toEqual(["session", "subscribe", "renegotiate"]));
    expect(calls[1]?.body).toMatchObject({
      tracks: [{ sessionId: recorded.sessionId, trackName: recorded.trackName }],
    });
    media.tracksListed([]);
    await vi.waitFor(() => expect(calls.at(-1)).toMatchObject({ name: "close", body: { mids: ["1"] } }));
    media.close();
  });
});
