import { afterEach, describe, expect, it, vi } from "vitest";
import type { MediaConfigAnswer, SfuSessionAnswer, SfuTracksAnswer } from "../../schema/api/meeting-media-sfu";
import localRequest from "../fixtures/realtime/tracks-new-local.request.json";
import remoteRequest from "../fixtures/realtime/tracks-new-remote.request.json";
import { createMeeting, liveMeeting, type MeetingFixture } from "../party/meeting-fixture";
import { createTenant, d1Of, login, runInShards } from "../support/fixtures";
import { closeAllRooms } from "../support/room-client";
import { call, fakeRealtime, SECRETS } from "./realtime-helpers";

let fake: ReturnType<typeof fakeRealtime> | undefined;
afterEach(() => {
  fake?.restore();
  fake = undefined;
  closeAllRooms();
});

const builtin = (meetingId: string, status = "live") =>
  runInShards("update meetings set media_mode = 'builtin', status = ? where id = ?", status, meetingId);
const base = (f: { tenantId: string; meetingId: string }) => `/api/tenants/${f.tenantId}/meetings/${f.meetingId}/media`;
const OFFER = localRequest.sessionDescription as { type: "offer"; sdp: string };
type Envelope = { error: { code: string; message: string } };

async function openSession(path: string, token: string) {
  const s = await call<SfuSessionAnswer>("POST", `${path}/sfu/session`, token, undefined, SECRETS);
  expect(s.status).toBe(201);
  return s.json;
}

/**
 * The hall device opens the room and publishes its sound on the SFU: the room lists the track (only listed tracks
 * may be subscribed to). Answers the track as a subscriber names it.
 */
async function hallPublishes(f: MeetingFixture) {
  const hall = await f.open("chair");
  const chair = await login(f.people["Nguyễn Văn Bí Thư"]!.email);
  const s = await openSession(base(f), chair);
  const trackName = `audio-${f.idOf("chair")}`;
  const pub = await call(
    "POST",
    `${base(f)}/sfu/publish`,
    chair,
    { ...s, offer: OFFER, tracks: [{ mid: "0", trackName }] },
    SECRETS,
  );
  expect(pub.status).toBe(200);
  return { hall, track: { sessionId: s.sessionId, trackName } };
}

describe("the SFU routes", () => {
  it("answers 503 in the envelope when Realtime is not configured, and ICE servers [] without TURN keys", async () => {
    const f = await createMeeting();
    await builtin(f.meetingId);
    const token = await login(f.people["Đỗ Thị Một"]!.email);
    fake = fakeRealtime();
    const config = await call<MediaConfigAnswer>("GET", `${base(f)}/config`, token);
    expect(config).toEqual({ status: 200, json: { sfu: false, iceServers: [] } });
    const s = await call<Envelope>("POST", `${base(f)}/sfu/session`, token);
    expect(s.status).toBe(503);
    expect(s.json.error.code).toBe("unavailable");
    expect(s.json.error.message).toMatch(
      /chưa cấu hình Cloudflare Realtime.* \/ Cloudflare Realtime is not configured/,
    );
    expect(fake.sent).toEqual([]);
  });

  it("gives participants short-lived TURN credentials, asked with the TURN key's token, never the key itself", async () => {
    const f = await createMeeting();
    await builtin(f.meetingId);
    fake = fakeRealtime();
    const config = await call<MediaConfigAnswer>(
      "GET",
      `${base(f)}/config`,
      await login(f.people["Đỗ Thị Một"]!.email),
      undefined,
      SECRETS,
    );
    expect(config.status).toBe(200);
    expect(config.json.sfu).toBe(true);
    expect(config.json.iceServers[1]).toMatchObject({ username: expect.any(String), credential: expect.any(String) });
    expect(fake.sent).toEqual([
      {
        method: "POST",
        url: `https://rtc.live.cloudflare.com/v1/turn/keys/${SECRETS.TURN_KEY_ID}/credentials/generate-ice-servers`,
        auth: `Bearer ${SECRETS.TURN_KEY_TOKEN}`,
        body: { ttl: 14400 },
      },
    ]);
    expect(JSON.stringify(config.json)).not.toContain("never-in-a-browser");
  });

  it("still answers the config when TURN fails, with no relays (a LAN still connects)", async () => {
    const f = await createMeeting();
    await builtin(f.meetingId);
    fake = fakeRealtime({ "/generate-ice-servers": () => new Response("down", { status: 500 }) });
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const config = await call<MediaConfigAnswer>(
      "GET",
      `${base(f)}/config`,
      await login(f.people["Đỗ Thị Một"]!.email),
      undefined,
      SECRETS,
    );
    error.mockRestore();
    expect(config).toEqual({ status: 200, json: { sfu: true, iceServers: [] } });
  });

  it("lets the hall device publish: session, then its offer → the SFU's answer, with the app's secret server side", async () => {
    const f = await createMeeting();
    await builtin(f.meetingId);
    const chair = await login(f.people["Nguyễn Văn Bí Thư"]!.email);
    await f.open("chair"); // the hall screen has the room open: it keeps the track list
    fake = fakeRealtime();
    const s = await openSession(base(f), chair);
    expect(s.sessionId).toBe("2a45361d5fd7cc14eb41ba4e8c5dc4b0");
    const tracks = [{ mid: "0", trackName: `audio-${f.idOf("chair")}` }];
    const pub = await call<SfuTracksAnswer>(
      "POST",
      `${base(f)}/sfu/publish`,
      chair,
      { ...s, offer: OFFER, tracks },
      SECRETS,
    );
    expect(pub.status).toBe(200);
    expect(pub.json).toMatchObject({ requiresImmediateRenegotiation: false, sessionDescription: { type: "answer" } });
    expect(fake.sent[1]).toEqual({
      method: "POST",
      url: `https://rtc.live.cloudflare.com/v1/apps/${SECRETS.REALTIME_APP_ID}/sessions/${s.sessionId}/tracks/new`,
      auth: `Bearer ${SECRETS.REALTIME_APP_TOKEN}`,
      body: { sessionDescription: OFFER, tracks: [{ location: "local", ...tracks[0] }] },
    });
    expect(JSON.stringify([s, pub.json])).not.toContain("never-in-a-browser");
    // The floor ends: the browser closes its track (forced: no new offer/answer round).
    const closed = await call<SfuTracksAnswer>("POST", `${base(f)}/sfu/close`, chair, { ...s, mids: ["0"] }, SECRETS);
    expect(closed).toEqual({ status: 200, json: { requiresImmediateRenegotiation: false, tracks: [{ mid: "0" }] } });
    expect(fake.sent[2]).toEqual({
      method: "PUT",
      url: `https://rtc.live.cloudflare.com/v1/apps/${SECRETS.REALTIME_APP_ID}/sessions/${s.sessionId}/tracks/close`,
      auth: `Bearer ${SECRETS.REALTIME_APP_TOKEN}`,
      body: { tracks: [{ mid: "0" }], force: true },
    });
  });

  it("lets a remote member subscribe to the hall and answer the SFU's offer, but not publish without the floor", async () => {
    const f = await createMeeting();
    await builtin(f.meetingId);
    const m1 = await login(f.people["Đỗ Thị Một"]!.email);
    fake = fakeRealtime();
    const { track } = await hallPublishes(f);
    // The hall's session is the recorded one: the subscription is the recorded request, for the hall's track name.
    expect(track.sessionId).toBe(remoteRequest.tracks[0]!.sessionId);
    const s = await openSession(base(f), m1);
    const sub = await call<SfuTracksAnswer>("POST", `${base(f)}/sfu/subscribe`, m1, { ...s, tracks: [track] }, SECRETS);
    expect(sub.status).toBe(200);
    expect(sub.json).toMatchObject({ requiresImmediateRenegotiation: true, sessionDescription: { type: "offer" } });
    expect(fake.sent[3]?.body).toEqual({ tracks: [{ ...remoteRequest.tracks[0], trackName: track.trackName }] });
    const answer = { type: "answer", sdp: "v=0\r\n" };
    const re = await call("POST", `${base(f)}/sfu/renegotiate`, m1, { ...s, answer }, SECRETS);
    expect(re).toEqual({ status: 200, json: { ok: true } });
    expect(fake.sent[4]).toMatchObject({ method: "PUT", body: { sessionDescription: answer } });

    const before = fake.sent.length;
    const tracks = [{ mid: "0", trackName: `audio-${f.idOf("m1")}` }];
    const pub = await call<Envelope>("POST", `${base(f)}/sfu/publish`, m1, { ...s, offer: OFFER, tracks }, SECRETS);
    expect(pub.status).toBe(403);
    expect(pub.json.error.message).toMatch(/Only the person holding the floor/);
    expect(fake.sent.length).toBe(before);
  });

  it("asks the room: given the floor, a member publishes; when it ends, they may not", async () => {
    const { f, chair } = await liveMeeting(["chair", "m1"]);
    await builtin(f.meetingId);
    const m1 = await login(f.people["Đỗ Thị Một"]!.email);
    fake = fakeRealtime();
    const s = await openSession(base(f), m1);
    const body = { ...s, offer: OFFER, tracks: [{ mid: "0", trackName: `audio-${f.idOf("m1")}` }] };
    expect((await call("POST", `${base(f)}/sfu/publish`, m1, body, SECRETS)).status).toBe(403);
    await chair.ok({ type: "floor/give", personId: f.idOf("m1") });
    expect((await call("POST", `${base(f)}/sfu/publish`, m1, body, SECRETS)).status).toBe(200);
    await chair.ok({ type: "floor/end" });
    expect((await call("POST", `${base(f)}/sfu/publish`, m1, body, SECRETS)).status).toBe(403);
  });

  it("lets the visiting leader and a probationary member take part, and the leader publish during a guidance turn", async () => {
    const { f, chair } = await liveMeeting(["chair", "probationary", "leader"]);
    await builtin(f.meetingId);
    const leader = await login(f.leader.email);
    const probationary = await login(f.people["Hoàng Văn Dự Bị"]!.email);
    fake = fakeRealtime();
    const { track } = await hallPublishes(f);
    const p = await openSession(base(f), probationary);
    const sub = await call("POST", `${base(f)}/sfu/subscribe`, probationary, { ...p, tracks: [track] }, SECRETS);
    expect(sub.status).toBe(200);
    const s = await openSession(base(f), leader);
    const body = { ...s, offer: OFFER, tracks: [{ mid: "0", trackName: `audio-${f.leader.id}` }] };
    expect((await call("POST", `${base(f)}/sfu/publish`, leader, body, SECRETS)).status).toBe(403);
    await chair.ok({ type: "floor/give", personId: f.leader.id });
    expect((await call("POST", `${base(f)}/sfu/publish`, leader, body, SECRETS)).status).toBe(200);
    // The chair mutes them: the room's rule, so the SFU refuses too.
    await chair.ok({ type: "rtc/mute", personId: f.leader.id });
    expect((await call("POST", `${base(f)}/sfu/publish`, leader, body, SECRETS)).status).toBe(403);
  });

  it("refuses a track named for someone else, and a session the caller did not open", async () => {
    const f = await createMeeting();
    await builtin(f.meetingId);
    const chair = await login(f.people["Nguyễn Văn Bí Thư"]!.email);
    const m1 = await login(f.people["Đỗ Thị Một"]!.email);
    fake = fakeRealtime();
    const hall = await openSession(base(f), chair);
    const asHall = [{ mid: "0", trackName: `audio-${f.idOf("m1")}` }];
    const spoofed = await call(
      "POST",
      `${base(f)}/sfu/publish`,
      chair,
      { ...hall, offer: OFFER, tracks: asHall },
      SECRETS,
    );
    expect(spoofed.status).toBe(403);
    // m1 names the hall's session (its id is not secret) with a forged or borrowed token.
    const mine = await openSession(base(f), m1);
    for (const sessionToken of [mine.sessionToken, "0".repeat(64)]) {
      const closed = await call(
        "POST",
        `${base(f)}/sfu/close`,
        m1,
        { sessionId: hall.sessionId, sessionToken, mids: ["0"] },
        SECRETS,
      );
      expect(closed.status).toBe(403);
    }
    expect(fake.sent.filter((s) => s.url.endsWith("/tracks/close"))).toEqual([]);
  });

  it("answers another tenant's meeting 404, a non-participant 403, a hall-only or planned meeting 409, all before Cloudflare", async () => {
    const f = await createMeeting();
    await builtin(f.meetingId);
    const other = await createTenant();
    const outsider = await login(other.admin.email);
    const staff = await login(f.admin.email);
    fake = fakeRealtime();
    for (const [method, path] of [
      ["GET", "/config"],
      ["POST", "/sfu/session"],
    ] as const) {
      const foreign = await call<Envelope>(
        method,
        `/api/tenants/${other.tenantId}/meetings/${f.meetingId}/media${path}`,
        outsider,
        undefined,
        SECRETS,
      );
      expect(foreign.status).toBe(404);
      const foreign2 = await call<Envelope>(method, `${base(f)}${path}`, outsider, undefined, SECRETS);
      expect([403, 404]).toContain(foreign2.status);
      expect((await call(method, `${base(f)}${path}`, staff, undefined, SECRETS)).status).toBe(403);
    }
    const m1 = await login(f.people["Đỗ Thị Một"]!.email);
    await d1Of(f.tenantId).prepare("update meetings set media_mode = 'hall_only' where id = ?").bind(f.meetingId).run();
    expect((await call("GET", `${base(f)}/config`, m1, undefined, SECRETS)).status).toBe(409);
    await builtin(f.meetingId, "planned");
    expect((await call("POST", `${base(f)}/sfu/session`, m1, undefined, SECRETS)).status).toBe(409);
    expect(fake.sent).toEqual([]);
  });

  it("maps Cloudflare's refusals and failures to the envelope: 400 for what the browser sent, 503 for the rest", async () => {
    const f = await createMeeting();
    await builtin(f.meetingId);
    const chair = await login(f.people["Nguyễn Văn Bí Thư"]!.email);
    const refusal = (await import("../fixtures/realtime/error.response.json")).default;
    const tracks = [{ mid: "0", trackName: `audio-${f.idOf("chair")}` }];
    fake = fakeRealtime({ "/tracks/new": () => Response.json(refusal, { status: 400 }) });
    const s = await openSession(base(f), chair);
    const bad = await call<Envelope & { error: { issues: { message: string }[] } }>(
      "POST",
      `${base(f)}/sfu/publish`,
      chair,
      { ...s, offer: OFFER, tracks },
      SECRETS,
    );
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toContain("invalid_request_body");
    fake.restore();
    fake = fakeRealtime({ "/sessions/new": () => Response.json({ unexpected: true }) });
    expect((await call<Envelope>("POST", `${base(f)}/sfu/session`, chair, undefined, SECRETS)).json.error.code).toBe(
      "unavailable",
    );
    fake.restore();
    fake = fakeRealtime({ "/sessions/new": () => new Response("bad gateway", { status: 502 }) });
    expect((await call("POST", `${base(f)}/sfu/session`, chair, undefined, SECRETS)).status).toBe(503);
  });
});
