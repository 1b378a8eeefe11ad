/**
 * The SFU's published-track list (issue 13), through the real worker routes, the real Durable Object and real
 * WebSockets, Cloudflare answering from recorded shapes: a publish Cloudflare accepted is listed and broadcast (the
 * `media` event, no mids); the floor ending, passing, running out, the chair's mute and the close take a speaker's
 * tracks off (the hall's stay until the close); a close by the publisher unlists; and a subscription to a track
 * that is not listed in this meeting — ended, made up, another meeting's or tenant's — is 404 before Cloudflare.
 */
import { runInDurableObject } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import type { MeetingRoom } from "../../party/meeting-room";
import type { SfuSessionAnswer } from "../../schema/api/meeting-media-sfu";
import type { ServerMessage } from "../../schema/room/messages";
import localRequest from "../fixtures/realtime/tracks-new-local.request.json";
import localResponse from "../fixtures/realtime/tracks-new-local.response.json";
import { liveMeeting, type MeetingFixture, type Who } from "../party/meeting-fixture";
import { login, runInShards } from "../support/fixtures";
import { closeAllRooms, eventually, type RoomClient } from "../support/room-client";
import { alarmAfter, roomStub } from "../support/room-clock";
import { call, fakeRealtime, SECRETS } from "./realtime-helpers";

let fake: ReturnType<typeof fakeRealtime> | undefined;
afterEach(() => {
  fake?.restore();
  fake = undefined;
  closeAllRooms();
});

const OFFER = localRequest.sessionDescription as { type: "offer"; sdp: string };
const base = (f: MeetingFixture) => `/api/tenants/${f.tenantId}/meetings/${f.meetingId}/media`;
const builtin = (meetingId: string) =>
  runInShards("update meetings set media_mode = 'builtin' where id = ?", meetingId);
type Media = Extract<ServerMessage, { type: "media" }>["media"];

/** A live built-in meeting with these people in the room, and a way to publish and subscribe as any of them. */
async function meeting(who: Who[]) {
  const m = await liveMeeting(who);
  await builtin(m.f.meetingId);
  fake ??= fakeRealtime();
  const tokens = new Map<Who, string>();
  const token = async (w: Who) => {
    if (!tokens.has(w))
      tokens.set(w, await login(w === "leader" ? m.f.leader.email : m.f.people[m.f.nameOf(w)]!.email));
    return tokens.get(w)!;
  };
  const session = async (w: Who) =>
    (await call<SfuSessionAnswer>("POST", `${base(m.f)}/sfu/session`, await token(w), undefined, SECRETS)).json;
  /** Publishes this person's audio (and video) on a new session: the status and the session. */
  const publish = async (w: Who, video = false) => {
    const s = await session(w);
    const id = m.f.idOf(w);
    const tracks = [{ mid: "0", trackName: `audio-${id}` }, ...(video ? [{ mid: "1", trackName: `video-${id}` }] : [])];
    const res = await call("POST", `${base(m.f)}/sfu/publish`, await token(w), { ...s, offer: OFFER, tracks }, SECRETS);
    return { status: res.status, session: s };
  };
  const subscribe = async (w: Who, tracks: { sessionId: string; trackName: string }[], f = m.f) => {
    const s = await session(w);
    return call<{ error?: { code: string } }>(
      "POST",
      `${base(f)}/sfu/subscribe`,
      await token(w),
      { ...s, tracks },
      SECRETS,
    );
  };
  return { ...m, token, session, publish, subscribe };
}

/** The next `media` event this socket receives after `from`. */
const mediaEvent = async (c: RoomClient, from: number): Promise<Media> =>
  ((await c.wait((x) => x.type === "media", 5000, from)) as Extract<ServerMessage, { type: "media" }>).media;
const names = (media: Media | undefined) => (media?.tracks ?? []).map((t) => t.trackName).sort();

describe("the SFU track list", () => {
  it("lists what is published and broadcasts it; a speaker's tracks go when the floor ends, passes, runs out or is muted; the hall's stay until the close", async () => {
    const { f, c, chair, publish, subscribe } = await meeting(["chair", "m1", "m2"]);
    const [hallId, m1Id, m2Id] = [f.idOf("chair"), f.idOf("m1"), f.idOf("m2")];
    let from = c.m2!.received.length;
    const hall = await publish("chair");
    expect(hall.status).toBe(200);
    let media = await mediaEvent(c.m2!, from);
    expect(media.tracks).toEqual([
      { personId: hallId, sessionId: hall.session.sessionId, trackName: `audio-${hallId}`, kind: "audio" },
    ]);
    expect(JSON.stringify(media)).not.toContain("mid");

    // Given the floor, m1 publishes sound and picture: listed, and a listener may subscribe.
    await chair.ok({ type: "floor/give", personId: m1Id });
    from = c.m2!.received.length;
    const speaker = await publish("m1", true);
    expect(speaker.status).toBe(200);
    media = await mediaEvent(c.m2!, from);
    expect(names(media)).toEqual([`audio-${hallId}`, `audio-${m1Id}`, `video-${m1Id}`].sort());
    expect(media.tracks.find((t) => t.trackName === `video-${m1Id}`)?.kind).toBe("video");
    expect(names((await c.m2!.sync()).state.media)).toEqual(names(media));
    const m1Audio = { sessionId: speaker.session.sessionId, trackName: `audio-${m1Id}` };
    expect((await subscribe("m2", [m1Audio])).status).toBe(200);

    // The floor ends: m1's tracks go, the hall's stay; subscribing to m1's is now 404, and Cloudflare is not asked.
    from = c.m2!.received.length;
    await chair.ok({ type: "floor/end" });
    expect(names(await mediaEvent(c.m2!, from))).toEqual([`audio-${hallId}`]);
    let before = fake!.sent.length;
    const refused = await subscribe("m2", [m1Audio]);
    expect(refused.status).toBe(404);
    expect(refused.json.error?.code).toBe("not_found");
    // Only the new session was opened: no subscription reached Cloudflare.
    expect(fake!.sent.slice(before).filter((x) => x.url.endsWith("/tracks/new"))).toEqual([]);

    // The floor passes on; the chair mutes; the clock runs out: each time the speaker's tracks go.
    await chair.ok({ type: "floor/give", personId: m1Id });
    expect((await publish("m1")).status).toBe(200);
    from = c.m2!.received.length;
    await chair.ok({ type: "floor/give", personId: m2Id });
    expect(names(await mediaEvent(c.m2!, from))).toEqual([`audio-${hallId}`]);
    expect((await publish("m2")).status).toBe(200);
    from = c.m1!.received.length;
    await chair.ok({ type: "rtc/mute", personId: m2Id });
    expect(names(await mediaEvent(c.m1!, from))).toEqual([`audio-${hallId}`]);
    await chair.ok({ type: "queue/settings", settings: { limitSeconds: 1, graceSeconds: 1 } });
    await chair.ok({ type: "floor/give", personId: m1Id });
    expect((await publish("m1")).status).toBe(200);
    from = c.m2!.received.length;
    await alarmAfter(f.meetingId, 2100);
    expect(names(await mediaEvent(c.m2!, from))).toEqual([`audio-${hallId}`]);

    // The hall closes its own track: unlisted. Published again, it goes at the close with everything.
    from = c.m2!.received.length;
    const closed = await call(
      "POST",
      `${base(f)}/sfu/close`,
      await login(f.people[f.nameOf("chair")]!.email),
      { ...hall.session, mids: ["0"] },
      SECRETS,
    );
    expect(closed.status).toBe(200);
    expect(names(await mediaEvent(c.m2!, from))).toEqual([]);
    expect((await publish("chair")).status).toBe(200);
    from = c.m2!.received.length;
    await chair.ok({ type: "meeting/close" });
    expect(names(await mediaEvent(c.m2!, from))).toEqual([]);
    before = fake!.sent.length;
    expect((await c.m1!.sync()).state.media).toEqual({ tracks: [] });
    expect(fake!.sent.length).toBe(before);
  });

  it("refuses a track that is not published in this meeting: made up, another meeting's, another tenant's — 404 before Cloudflare", async () => {
    const a = await meeting(["chair", "m1"]);
    const b = await meeting(["chair", "m1"]); // another branch, another tenant (the fixture makes one each)
    const aHall = await a.publish("chair");
    const bHall = await b.publish("chair");
    expect([aHall.status, bHall.status]).toEqual([200, 200]);
    const bTrack = { sessionId: bHall.session.sessionId, trackName: `audio-${b.f.idOf("chair")}` };
    const aTrack = { sessionId: aHall.session.sessionId, trackName: `audio-${a.f.idOf("chair")}` };
    const before = fake!.sent.filter((x) => x.url.endsWith("/tracks/new")).length;
    for (const tracks of [
      [bTrack],
      [aTrack, bTrack],
      [{ sessionId: aTrack.sessionId, trackName: `video-${a.f.idOf("chair")}` }],
      [{ sessionId: "0123456789abcdef0123456789abcdef", trackName: aTrack.trackName }],
    ]) {
      const res = await a.subscribe("m1", tracks);
      expect(res.status, JSON.stringify(tracks)).toBe(404);
    }
    // Another tenant's member naming meeting A under their own tenant, or A's own path: 404 / 403, never Cloudflare.
    const foreign = await call(
      "POST",
      `/api/tenants/${b.f.tenantId}/meetings/${a.f.meetingId}/media/sfu/subscribe`,
      await b.token("m1"),
      { sessionId: aTrack.sessionId, sessionToken: "x", tracks: [aTrack] },
      SECRETS,
    );
    expect(foreign.status).toBe(404);
    expect(fake!.sent.filter((x) => x.url.endsWith("/tracks/new")).length).toBe(before);
    // A's own track is fine for A's member.
    expect((await a.subscribe("m1", [aTrack])).status).toBe(200);
  });

  it("does not list a publish when the floor passed while Cloudflare answered: closed again there, 403", async () => {
    let endFloor: (() => Promise<unknown>) | undefined;
    // Cloudflare takes its time over m1's publish; meanwhile the chair ends the floor.
    fake = fakeRealtime({
      "/tracks/new": (() =>
        (async () => {
          await endFloor?.();
          return Response.json(localResponse);
        })()) as unknown as () => Response,
    });
    const { f, c, chair, publish } = await meeting(["chair", "m1", "m2"]);
    await chair.ok({ type: "floor/give", personId: f.idOf("m1") });
    endFloor = () => chair.ok({ type: "floor/end" });
    const from = c.m2!.received.length;
    const res = await publish("m1");
    expect(res.status).toBe(403);
    const closes = fake.sent.filter((x) => x.url.endsWith("/tracks/close"));
    expect(closes).toHaveLength(1);
    expect(closes[0]).toMatchObject({
      url: expect.stringContaining(`/sessions/${res.session.sessionId}/tracks/close`),
      body: { tracks: [{ mid: "0" }], force: true },
    });
    expect((await c.m2!.sync()).state.media).toEqual({ tracks: [] });
    expect(c.m2!.received.slice(from).some((x) => x.type === "media")).toBe(false);
  });

  it("closes a speaker's tracks at Cloudflare from the room when the floor ends, forced, and never the hall's", async () => {
    const { f, chair, publish } = await meeting(["chair", "m1"]);
    // The room's own env gets Realtime's secrets, as a deployment has them (the routes' tests pass them per request).
    await runInDurableObject(roomStub(f.meetingId), (room: MeetingRoom) => {
      const own = room as unknown as { env: object };
      Object.defineProperty(room, "env", { value: { ...own.env, ...SECRETS } });
    });
    const hall = await publish("chair");
    await chair.ok({ type: "floor/give", personId: f.idOf("m1") });
    const speaker = await publish("m1", true);
    expect([hall.status, speaker.status]).toEqual([200, 200]);
    const before = fake!.sent.length;
    await chair.ok({ type: "floor/end" });
    const closes = await eventually(async () => {
      const c = fake!.sent.slice(before).filter((x) => x.url.endsWith("/tracks/close"));
      return c.length ? c : null;
    });
    expect(closes).toEqual([
      {
        method: "PUT",
        url: `https://rtc.live.cloudflare.com/v1/apps/${SECRETS.REALTIME_APP_ID}/sessions/${speaker.session.sessionId}/tracks/close`,
        auth: `Bearer ${SECRETS.REALTIME_APP_TOKEN}`,
        body: { tracks: [{ mid: "0" }, { mid: "1" }], force: true },
      },
    ]);
  });
});
