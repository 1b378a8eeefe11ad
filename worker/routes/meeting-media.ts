/**
 * The SFU path (Cloudflare Realtime) under a meeting: the worker holds the app's secret and proxies the few calls a
 * browser needs, each authorised like the room's signalling (docs/media.md "The SFU path"):
 * - only the meeting's participants (its chair, its branch's members, its invited guests) — staff who are none of
 *   these follow the room as observers and, as there, neither publish nor receive (403);
 * - publishing only for the hall device (the chair) or the floor's holder, asked of the room (worker/data/room-publish.ts);
 * - a session named by id must be the caller's own (worker/lib/realtime/binding.ts);
 * - the room keeps the list of published tracks (party/logic/media-tracks.ts, worker/data/room-tracks.ts): a
 *   publish is listed once Cloudflare accepted it, a close unlists it, and only listed tracks may be subscribed to;
 * - another tenant's or an unseen meeting → 404 before anything else; Realtime not configured → 503.
 */
import { Hono } from "hono";
import {
  closeTracksSchema,
  type MediaConfigAnswer,
  publishSchema,
  renegotiateSchema,
  type SfuSessionAnswer,
  type SfuTracksAnswer,
  subscribeSchema,
} from "../../schema/api/meeting-media-sfu";
import { meetingForRead } from "../data/meetings-access";
import { mayPublishNow } from "../data/room-publish";
import { allListed, listPublished, unlistClosed } from "../data/room-tracks";
import type { AppEnv, TenantAccess } from "../env";
import { ApiError, conflict, forbidden, notFound } from "../lib/api-error";
import { bindSession, requireOwnSession } from "../lib/realtime/binding";
import { realtimeClient } from "../lib/realtime/client";
import { realtimeConfigOf } from "../lib/realtime/config";
import type { TracksAnswer } from "../lib/realtime/shapes";
import { turnIceServers } from "../lib/realtime/turn";
import { valid } from "../lib/validate";

type Row = Awaited<ReturnType<typeof meetingForRead>>;

/** The room's participants: its chair (the hall device), the branch's members, the meeting's invited guests. */
const isParticipant = (access: TenantAccess, personId: string, m: Row) =>
  m.chairPersonId === personId || access.memberships.has(m.organizationId) || access.guestMeetingIds.has(m.id);

const notConfigured = () =>
  new ApiError(
    "unavailable",
    "Máy chủ chưa cấu hình Cloudflare Realtime; dùng kết nối trực tiếp / Cloudflare Realtime is not configured here; use the peer-to-peer path",
  );

const tracksAnswer = (t: TracksAnswer): SfuTracksAnswer => ({
  requiresImmediateRenegotiation: t.requiresImmediateRenegotiation,
  ...(t.sessionDescription ? { sessionDescription: t.sessionDescription } : {}),
  tracks: t.tracks.map(({ mid, sessionId, trackName, errorCode }) => ({ mid, sessionId, trackName, errorCode })),
});

export const meetingMediaRoutes = new Hono<AppEnv>()
  /** Which path to use, and ICE servers for either (TURN credentials only when TURN keys are configured). */
  .get("/config", async (c) => {
    const { access, db, session } = c.var;
    const meeting = await meetingForRead(db, access, c.req.param("meetingId"));
    if (!isParticipant(access, session.personId, meeting)) throw forbidden();
    if (meeting.mediaMode !== "builtin")
      throw conflict("Cuộc họp không dùng âm thanh tích hợp / This meeting does not use built-in media");
    const config = realtimeConfigOf(c.env);
    // A TURN outage must not stop the meeting: without relays, a LAN and most homes still connect.
    const iceServers = await turnIceServers(config.turn, fetch).catch((err: unknown) => {
      console.error(`TURN credentials for ${meeting.id}: none`, err);
      return [];
    });
    const answer: MediaConfigAnswer = { sfu: config.app !== null, iceServers };
    c.header("cache-control", "no-store");
    return c.json(answer);
  })
  .use("/sfu/*", async (c, next) => {
    const { access, db, session } = c.var;
    const meeting = await meetingForRead(db, access, c.req.param("meetingId"));
    if (!isParticipant(access, session.personId, meeting)) throw forbidden();
    if (meeting.mediaMode !== "builtin")
      throw conflict("Cuộc họp không dùng âm thanh tích hợp / This meeting does not use built-in media");
    if (meeting.status !== "live") throw conflict("Cuộc họp chưa diễn ra / The meeting is not live");
    if (!realtimeConfigOf(c.env).app) throw notConfigured();
    await next();
  })
  .post("/sfu/session", async (c) => {
    const { app } = realtimeConfigOf(c.env);
    if (!app) throw notConfigured();
    const meetingId = c.req.param("meetingId") ?? "";
    const { sessionId } = await realtimeClient(app, fetch).newSession();
    const sessionToken = await bindSession(c.env.SESSION_SECRET, meetingId, c.var.session.personId, sessionId);
    const answer: SfuSessionAnswer = { sessionId, sessionToken };
    return c.json(answer, 201);
  })
  .post("/sfu/publish", valid("json", publishSchema), async (c) => {
    const { app } = realtimeConfigOf(c.env);
    if (!app) throw notConfigured();
    const { access, db, session } = c.var;
    const body = c.req.valid("json");
    const meeting = await meetingForRead(db, access, c.req.param("meetingId"));
    await requireOwnSession(c.env.SESSION_SECRET, meeting.id, session.personId, body);
    const own = new Set([`audio-${session.personId}`, `video-${session.personId}`]);
    if (body.tracks.some((t) => !own.has(t.trackName)))
      throw forbidden("Chỉ được phát tiếng của chính mình / You may publish only your own tracks");
    if (!(await mayPublishNow(c.env, meeting, session.personId)))
      throw forbidden("Chỉ người đang được phát biểu mới gửi được tiếng / Only the person holding the floor may speak");
    const tracks = body.tracks.map((t) => ({ location: "local" as const, ...t }));
    const client = realtimeClient(app, fetch);
    const answer = await client.publish(body.sessionId, body.offer, tracks);
    // The room lists what Cloudflare accepted, so others may subscribe to it. It refuses when the floor passed
    // meanwhile: then the tracks are closed again and nobody may subscribe to them.
    const refused = new Set(answer.tracks.filter((t) => t.errorCode).map((t) => t.mid));
    const accepted = body.tracks.filter((t) => !refused.has(t.mid));
    if (accepted.length && !(await listPublished(c.env, meeting.id, session.personId, body.sessionId, accepted))) {
      await client
        .close(
          body.sessionId,
          accepted.map((t) => t.mid),
        )
        .catch((err: unknown) => console.error(`closing unlisted tracks in ${meeting.id}`, err));
      throw forbidden("Chỉ người đang được phát biểu mới gửi được tiếng / Only the person holding the floor may speak");
    }
    return c.json(tracksAnswer(answer));
  })
  .post("/sfu/subscribe", valid("json", subscribeSchema), async (c) => {
    const { app } = realtimeConfigOf(c.env);
    if (!app) throw notConfigured();
    const body = c.req.valid("json");
    const meetingId = c.req.param("meetingId") ?? "";
    await requireOwnSession(c.env.SESSION_SECRET, meetingId, c.var.session.personId, body);
    // Only tracks published in this meeting now: not another meeting's, nor a speaker's whose floor ended.
    if (!(await allListed(c.env, meetingId, body.tracks)))
      throw notFound("Bản phát trong cuộc họp này / Published track in this meeting");
    const tracks = body.tracks.map((t) => ({ location: "remote" as const, ...t }));
    return c.json(tracksAnswer(await realtimeClient(app, fetch).subscribe(body.sessionId, tracks)));
  })
  .post("/sfu/renegotiate", valid("json", renegotiateSchema), async (c) => {
    const { app } = realtimeConfigOf(c.env);
    if (!app) throw notConfigured();
    const body = c.req.valid("json");
    await requireOwnSession(c.env.SESSION_SECRET, c.req.param("meetingId") ?? "", c.var.session.personId, body);
    await realtimeClient(app, fetch).renegotiate(body.sessionId, body.answer);
    return c.json({ ok: true as const });
  })
  .post("/sfu/close", valid("json", closeTracksSchema), async (c) => {
    const { app } = realtimeConfigOf(c.env);
    if (!app) throw notConfigured();
    const body = c.req.valid("json");
    const meetingId = c.req.param("meetingId") ?? "";
    await requireOwnSession(c.env.SESSION_SECRET, meetingId, c.var.session.personId, body);
    const answer = await realtimeClient(app, fetch).close(body.sessionId, body.mids);
    await unlistClosed(c.env, meetingId, c.var.session.personId, body.sessionId, body.mids);
    return c.json(tracksAnswer(answer));
  });
