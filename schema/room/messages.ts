/**
 * The room protocol: every frame in both directions, as zod unions on `type`. The server parses each
 * incoming frame with `parseClientMessage` (a union or null, never a cast); the client parses each
 * outgoing one with `parseServerMessage`. Documented in party/README.md. zod/mini, as in ./views.ts: the
 * client carries these schemas too.
 */
import * as z from "zod/mini";
import { scoresSchema } from "../quality-grid";
import { namedPresetSchema, voteRuleSchema } from "../vote-rules";
import {
  agendaItemViewSchema,
  attendanceCountsSchema,
  attendanceEntrySchema,
  choiceSchema,
  evaluationViewSchema,
  floorViewSchema,
  guidanceViewSchema,
  leaderNoteViewSchema,
  mediaViewSchema,
  meetingViewSchema,
  minutesViewSchema,
  queueEntrySchema,
  queueSettingsSchema,
  reservedOpinionViewSchema,
  roomViewSchema,
  speechKindSchema,
  speechViewSchema,
  voteViewSchema,
  youSchema,
} from "./views";

/** Frames longer than this (in UTF-16 code units) are refused with `too_large`. */
export const MAX_FRAME_CHARS = 128_000;
export const MAX_MINUTES_CHARS = 60_000;
export const MAX_TEXT_CHARS = 4_000;
/** A WebRTC session description (SDP) relayed by the room: audio and video with a few codecs fit in a few KB. */
export const MAX_SDP_CHARS = 16_000;
/** One ICE candidate line (RFC 8839 lines are well under this). */
export const MAX_CANDIDATE_CHARS = 1_024;

/** The client's id for a request: acks and errors name it (`ref`); a replayed id is not applied twice. */
const msgId = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_-]+$/));
const entityId = z.string().check(z.minLength(1), z.maxLength(64));
const text = (max = MAX_TEXT_CHARS) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
const int = (min: number, max: number) => z.int().check(z.minimum(min), z.maximum(max));

/**
 * WebRTC signalling: `to` is a person of this meeting; `toSocket` (optional) narrows delivery to one of their
 * sockets, the `fromSocket` a frame they sent carried. The room adds `from` itself (party/rtc-relay.ts).
 */
const rtcPeer = { to: entityId, toSocket: z.optional(z.string().check(z.minLength(1), z.maxLength(128))) };
const sdp = z.string().check(z.minLength(1), z.maxLength(MAX_SDP_CHARS));
/** RTCIceCandidateInit; an empty `candidate` is the end of candidates. */
const iceCandidateSchema = z.strictObject({
  candidate: z.string().check(z.maxLength(MAX_CANDIDATE_CHARS)),
  sdpMid: z.optional(z.nullable(z.string().check(z.maxLength(64)))),
  sdpMLineIndex: z.optional(z.nullable(int(0, 64))),
  usernameFragment: z.optional(z.nullable(z.string().check(z.maxLength(256)))),
});
export type IceCandidate = z.infer<typeof iceCandidateSchema>;

const m = <T extends string, S extends z.core.$ZodLooseShape>(type: T, shape: S) =>
  z.strictObject({ type: z.literal(type), id: msgId, ...shape });

export const clientMessageSchema = z.discriminatedUnion("type", [
  /** Ask for a fresh snapshot (after a version gap). */
  m("sync", {}),
  /**
   * A member's own "Tham dự / Join" tap: present remotely from now (live), or from the start (planned: the
   * tap is remembered as `joining` while one of their sockets stays open). Opening the room is not joining.
   */
  m("presence/join", {}),
  /** Self check-in (own personId), or chair / minutes-taker checks in someone in the hall. */
  m("presence/check-in", { personId: entityId, mode: z.enum(["hall", "remote"]) }),
  /** Chair / minutes-taker: absent with a reason the committee accepts (excused) or without. */
  m("presence/mark-absent", {
    personId: entityId,
    excused: z.boolean(),
    reason: z.optional(z.string().check(z.trim(), z.maxLength(500))),
  }),
  m("meeting/start", {}),
  m("meeting/close", {}),
  m("agenda/go", { itemId: entityId }),
  m("agenda/add", {
    title: text(300),
    budgetMinutes: int(1, 600),
    presenterPersonId: z.optional(z.nullable(entityId)),
    /** Insert after this item; at the end when absent. */
    afterItemId: z.optional(z.nullable(entityId)),
  }),
  /** The full new order: every item id exactly once. */
  m("agenda/reorder", { itemIds: z.array(entityId).check(z.minLength(1), z.maxLength(200)) }),
  m("queue/raise", { kind: speechKindSchema }),
  /** Lower one's own hand, or (chair) someone else's. */
  m("queue/lower", { personId: z.optional(entityId) }),
  m("queue/settings", { settings: queueSettingsSchema }),
  m("floor/give", { personId: entityId, limitSeconds: z.optional(int(1, 3600)) }),
  m("floor/end", {}),
  m("floor/extend", { seconds: int(1, 1800) }),
  /** Chair opens a vote: a preset name, or a full (edited) rule. */
  m("vote/open", {
    motion: text(1000),
    itemId: z.optional(z.nullable(entityId)),
    rule: z.union([namedPresetSchema, voteRuleSchema]),
    secret: z.boolean(),
  }),
  /** A member's own ballot. The message id is the ballot id: a replay is recognised, not counted twice. */
  m("vote/cast", { voteId: entityId, choice: choiceSchema }),
  /** Minutes-taker / chair enters hands counted in the hall, by name; members who voted remotely are refused. */
  m("vote/hall", {
    voteId: entityId,
    entries: z
      .array(z.strictObject({ personId: entityId, choice: choiceSchema }))
      .check(z.minLength(1), z.maxLength(500)),
  }),
  m("vote/close", { voteId: entityId }),
  /** A member in the minority of a closed vote reserves their opinion. */
  m("vote/reserve", { voteId: entityId, body: text() }),
  /** Visiting leader: create (no noteId) or update own note. */
  m("note/save", {
    noteId: z.optional(entityId),
    itemId: z.optional(z.nullable(entityId)),
    body: text(),
    shared: z.boolean(),
  }),
  m("guidance/post", { body: text() }),
  /** Leader (kind leader) or chair (kind branch) scores the meeting. */
  m("evaluation/save", { scores: scoresSchema }),
  /** Minutes-taker / chair replaces the body; `baseRevision` must be the current revision. */
  m("minutes/edit", {
    body: z.string().check(z.maxLength(MAX_MINUTES_CHARS)),
    baseRevision: z.int().check(z.minimum(0)),
  }),
  /** Replace the body with a draft built from what happened. */
  m("minutes/prefill", {}),
  /** WebRTC (party/logic/rtc.ts says who may send what): relayed to `to` only, never stored. */
  m("rtc/offer", { ...rtcPeer, sdp }),
  m("rtc/answer", { ...rtcPeer, sdp }),
  m("rtc/ice", { ...rtcPeer, candidate: iceCandidateSchema }),
  /** Closes the sender's connection with `to`, or (no `to`) with everyone. */
  m("rtc/hangup", { to: z.optional(entityId), toSocket: rtcPeer.toSocket }),
  /** Chair: this person's client stops sending sound and picture (`rtc/stop` reason `mute`). */
  m("rtc/mute", { personId: entityId }),
  /**
   * A remote participant (member or invited guest) now receives (true) / no longer receives (false) the hall's
   * sound through built-in media: attendance by media, stored. Only in a `builtin` meeting while live (another
   * media mode: `conflict`); not from observers (`forbidden`).
   */
  m("rtc/media", { hearing: z.boolean() }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;
export type ClientMessageType = ClientMessage["type"];

/** Error codes of the error frame. */
export const roomErrorCodeSchema = z.enum([
  "bad_message",
  "unknown_type",
  "too_large",
  "rate_limited",
  "forbidden",
  "not_found",
  "conflict",
  "meeting_not_live",
  "meeting_closed",
  "not_eligible",
  "probationary_cannot_vote",
  "guest_cannot_vote",
  "not_present",
  "not_in_hall",
  "already_voted",
  "vote_closed",
  "vote_open",
  "stale_revision",
  "not_minority",
  /** An offer from someone who may not publish: neither the hall device (the chair) nor the floor's holder. */
  "no_floor",
  /** An answer or ICE candidate to a peer who is not publishing (it never offered). */
  "peer_not_publishing",
  /** The person named in `to` (or the socket in `toSocket`) has no open socket in this room: nothing delivered. */
  "peer_offline",
  "internal",
]);
export type RoomErrorCode = z.infer<typeof roomErrorCodeSchema>;

const ev = <T extends string, S extends z.core.$ZodLooseShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), version: z.int(), ...shape });

/** Broadcast events: each carries the room's version; a client that sees a gap sends `sync`. */
export const roomEventSchema = z.discriminatedUnion("type", [
  ev("meeting", { meeting: meetingViewSchema }),
  /** Only the entries that changed, plus the new counts. */
  ev("attendance", {
    entries: z.array(attendanceEntrySchema),
    counts: attendanceCountsSchema,
    /**
     * The meeting started: every member shown joining (`joining` true) and not listed in `entries` is now present
     * remotely, joined at `at`, not left, not hearing (web/src/room/room-state.ts `applyEvent`). One field instead
     * of an entry per member: at the start of a room of 2,000 that entry list went to every socket.
     */
    admitted: z.optional(z.object({ at: z.string() })),
  }),
  ev("agenda", { agenda: z.array(agendaItemViewSchema), currentItemId: z.nullable(z.string()) }),
  ev("queue", {
    queue: z.array(queueEntrySchema),
    floor: z.nullable(floorViewSchema),
    queueSettings: queueSettingsSchema,
  }),
  ev("speech", { speech: speechViewSchema }),
  ev("vote", { vote: voteViewSchema }),
  ev("reserved", { opinion: reservedOpinionViewSchema }),
  ev("guidance", { guidance: guidanceViewSchema }),
  ev("evaluation", { evaluation: evaluationViewSchema }),
  ev("minutes", { minutes: minutesViewSchema }),
  /** The SFU's published-track list changed (a track published, a speaker's tracks removed, the close). */
  ev("media", { media: mediaViewSchema }),
]);
export type RoomEvent = z.infer<typeof roomEventSchema>;

export const serverMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("snapshot"), version: z.int(), you: youSchema, state: roomViewSchema }),
  ...roomEventSchema.def.options,
  /** Private to the author and, once shared, to the committee; carries no version. */
  z.object({ type: z.literal("notes"), notes: z.array(leaderNoteViewSchema) }),
  /** The action `ref` is durably stored. `duplicate`: it was already applied (a replay). `entityId`: what it created. */
  z.object({
    type: z.literal("ack"),
    ref: z.string(),
    duplicate: z.optional(z.boolean()),
    entityId: z.optional(z.string()),
    /** For vote/cast: the ballot as stored. */
    ballot: z.optional(z.object({ voteId: z.string(), choice: choiceSchema })),
    /** For vote/hall: people skipped because they had already voted from their own device. */
    skipped: z.optional(z.array(z.string())),
  }),
  /** WebRTC signalling relayed from `from` (set by the room) and the socket it came from; no version. */
  z.object({ type: z.literal("rtc/offer"), from: z.string(), fromSocket: z.string(), sdp: z.string() }),
  z.object({ type: z.literal("rtc/answer"), from: z.string(), fromSocket: z.string(), sdp: z.string() }),
  z.object({ type: z.literal("rtc/ice"), from: z.string(), fromSocket: z.string(), candidate: iceCandidateSchema }),
  z.object({ type: z.literal("rtc/hangup"), from: z.string(), fromSocket: z.string() }),
  /**
   * Stop sending: `floor` (the floor ended or passed on), `mute` (the chair), `closed` (the meeting closed: close
   * every peer connection).
   */
  z.object({ type: z.literal("rtc/stop"), reason: z.enum(["floor", "mute", "closed"]) }),
  /** The request `ref` (null when the frame could not be read) changed nothing; the socket stays open. */
  z.object({ type: z.literal("error"), code: roomErrorCodeSchema, message: z.string(), ref: z.nullable(z.string()) }),
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;

/** A parsed frame, or why it could not be read (the `id`, if one could be found, for the error's `ref`). */
export type ParsedClientMessage =
  | { ok: true; msg: ClientMessage }
  | { ok: false; code: "bad_message" | "unknown_type" | "too_large"; ref: string | null; message: string };

const knownTypes = new Set<string>(clientMessageSchema.def.options.flatMap((o) => o.shape.type.def.values));

/**
 * The request id of a frame that is refused without being parsed (too large, over the rate limit): looked for
 * near the start only, so the refusal can name the request at no cost. Null when there is none to find.
 */
export function peekRequestId(raw: string | ArrayBuffer | ArrayBufferView): string | null {
  if (typeof raw !== "string") return null;
  return /"id"\s*:\s*"([A-Za-z0-9_-]{1,64})"/.exec(raw.slice(0, 256))?.[1] ?? null;
}

export function parseClientMessage(raw: string | ArrayBuffer | ArrayBufferView): ParsedClientMessage {
  if (typeof raw !== "string")
    return {
      ok: false,
      code: "bad_message",
      ref: null,
      message: "Khung nhị phân không được hỗ trợ / Binary frames are not supported",
    };
  if (raw.length > MAX_FRAME_CHARS) {
    // Not parsed (that is the cost being refused), but the request id is looked for near the start.
    return { ok: false, code: "too_large", ref: peekRequestId(raw), message: "Tin nhắn quá lớn / Message too large" };
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { ok: false, code: "bad_message", ref: null, message: "JSON không hợp lệ / Malformed JSON" };
  }
  const ref =
    typeof data === "object" && data !== null && "id" in data && typeof data.id === "string"
      ? data.id.slice(0, 64)
      : null;
  const type = typeof data === "object" && data !== null && "type" in data ? data.type : undefined;
  if (typeof type !== "string" || !knownTypes.has(type)) {
    return { ok: false, code: "unknown_type", ref, message: "Loại tin nhắn không xác định / Unknown message type" };
  }
  const parsed = clientMessageSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join(".")}: ${issue.message}` : "";
    return { ok: false, code: "bad_message", ref, message: `Tin nhắn không hợp lệ / Invalid message (${where})` };
  }
  return { ok: true, msg: parsed.data };
}

export function parseServerMessage(raw: string): ServerMessage | null {
  try {
    const parsed = serverMessageSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
