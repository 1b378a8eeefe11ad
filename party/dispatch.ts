/**
 * A client frame's way through the room: rate-limited (per person, before it is read), parsed, applied by the pure logic (`reduceSession`,
 * which is `reduce` one frame after another), stored, then acknowledged and broadcast. Every frame takes
 * this one path, ballots included; ballots (in every room) and Join taps (in a large room) only wait a few
 * milliseconds so that those arriving together share one storage commit (and the taps' attendance one D1 write).
 */

import type { WSMessage } from "partyserver";
import { type ClientMessage, parseClientMessage, peekRequestId, type ServerMessage } from "../schema/room/messages";
import type { D1Sync } from "./d1-sync";
import type { Fanout, RoomConnection } from "./fanout";
import { mergeAttendanceOps } from "./logic/outbox-merge";
import { reduceSession, type Step } from "./logic/reduce";
import { isRtcFrame } from "./logic/rtc";
import type { Actor, Applied, Change, Ctx } from "./logic/state";
import { RateLimiter } from "./rate-limit";
import type { RoomData } from "./room-data";
import type { RtcRelay } from "./rtc-relay";

/**
 * A WebRTC frame, told by its type near the start, without parsing: signalling has its own budget (a hall device
 * connecting ten remotes sends well over a hundred ICE candidates in a second). A frame that claims `rtc/` here but
 * parses as something else is charged to the ordinary budget too.
 */
function looksRtc(raw: WSMessage): boolean {
  if (typeof raw !== "string") return false;
  // The regular expression only where `"rtc/` occurs at all: run on every ballot of 2,000 it was 4 % of a vote.
  const head = raw.slice(0, 256);
  for (let at = head.indexOf('"rtc/'); at >= 0; at = head.indexOf('"rtc/', at + 1))
    if (/"type"\s*:\s*$/.test(head.slice(0, at))) return true;
  return false;
}

/**
 * Ballots arriving together share one storage commit (one commit per ballot is most of what a ballot costs), in
 * every room: a branch of 20 sends a vote's 20 ballots within a few milliseconds, and one commit, ack and count
 * broadcast each was ~90 % of a small room's CPU. Each waits at most this long — a lone ballot's ack is still
 * practically at once — then the waiting ones are applied in order, stored in one transaction, and only then
 * acknowledged. Join taps (a room filling is hundreds of taps) share the batch in a large room only.
 */
export const BALLOT_BATCH_MS = 8;
/**
 * In a larger room ballots wait a little longer: one millisecond per 40 open sockets, from BALLOT_BATCH_MS up to
 * 50 ms. 2,000 ballots within a second were ~90 commits of 8 ms, each acknowledged only once stored; a ballot
 * acknowledged 1.8 s after it was sent (median) while the room's isolate sat idle 44 % of the vote.
 */
export const ballotBatchMs = (sockets: number) => Math.min(50, Math.max(BALLOT_BATCH_MS, Math.round(sockets / 40)));
/**
 * Join taps wait longer: a room fills at a few members a second, so 8 ms batched nothing, and every commit of a
 * tap copies and compares the whole list of intents (2,000 of them). A quarter of a second on a tap's ack, against
 * a batch of several taps per commit.
 */
export const JOIN_BATCH_MS = 250;
/** The taps' wait grows with the room as well: one millisecond per 8 open sockets, up to JOIN_BATCH_MS. */
export const joinBatchMs = (sockets: number) =>
  Math.min(JOIN_BATCH_MS, Math.max(BALLOT_BATCH_MS, Math.round(sockets / 8)));

/** A frame waiting to be applied, with who sent it. */
interface Queued {
  connection: RoomConnection;
  actor: Actor;
  msg: ClientMessage;
}

export class Dispatch {
  /**
   * Per person: 30 frames at once, 15 a second after that — far above what a member's hands produce (a vote, a
   * raised hand, a resync after a reconnect), and the same budget whether the frames come over one socket or
   * several. In memory (rate-limit.ts): an eviction gives everyone a full bucket again, which is harmless.
   */
  #limiter = new RateLimiter(30, 15);
  /** Signalling, per person: 300 frames at once, 60 a second after that. */
  #rtcLimiter = new RateLimiter(300, 60);
  #ballots: Queued[] = [];
  #ballotTimer: ReturnType<typeof setTimeout> | undefined;
  /** When the waiting batch is applied (the clock of `setTimeout`): a ballot brings a tap's longer wait forward. */
  #ballotDue = 0;

  constructor(
    private readonly data: RoomData,
    private readonly fanout: Fanout,
    private readonly sync: D1Sync,
    private readonly rtc: RtcRelay,
    /** The time and fresh ids, for each frame. */
    private readonly ctx: () => Ctx,
  ) {}

  onMessage(connection: RoomConnection, raw: WSMessage) {
    // The budget first, before any parsing: a flood costs the room one map lookup per frame, not a JSON.parse
    // and a zod pass. Keyed by person, so frames spread over a person's sockets draw on one budget.
    const who = connection.state?.personId ?? connection.id;
    const rtcBudget = looksRtc(raw);
    if (!(rtcBudget ? this.#rtcLimiter : this.#limiter).take(who, this.ctx().now)) {
      return this.fanout.send(connection, {
        type: "error",
        code: "rate_limited",
        message: "Gửi quá nhanh; thử lại sau giây lát / Too many messages; slow down",
        ref: peekRequestId(raw),
      });
    }
    const parsed = parseClientMessage(raw);
    if (!parsed.ok)
      return this.fanout.send(connection, {
        type: "error",
        code: parsed.code,
        message: parsed.message,
        ref: parsed.ref,
      });
    const msg = parsed.msg;
    if (rtcBudget && !isRtcFrame(msg) && !this.#limiter.take(who, this.ctx().now))
      return this.fanout.send(connection, {
        type: "error",
        code: "rate_limited",
        message: "Gửi quá nhanh; thử lại sau giây lát / Too many messages; slow down",
        ref: msg.id,
      });
    const actor = connection.state;
    if (!actor || !this.data.state)
      return this.fanout.send(connection, {
        type: "error",
        code: "internal",
        message: "Phòng chưa sẵn sàng / Room not ready",
        ref: msg.id,
      });
    // Signalling is relayed, not applied: nothing stored, no request id remembered (a replayed offer is stale).
    if (isRtcFrame(msg)) return this.rtc.onFrame(connection, actor, msg);
    if (msg.type === "vote/cast" || (msg.type === "presence/join" && this.fanout.large)) {
      this.#ballots.push({ connection, actor, msg });
      const wait =
        msg.type === "vote/cast" ? ballotBatchMs(this.fanout.openCount()) : joinBatchMs(this.fanout.openCount());
      const due = Date.now() + wait;
      if (this.#ballotTimer !== undefined && due >= this.#ballotDue) return;
      if (this.#ballotTimer !== undefined) clearTimeout(this.#ballotTimer);
      this.#ballotDue = due;
      this.#ballotTimer = setTimeout(() => this.drainBallots(), wait);
      return;
    }
    // Waiting ballots arrived first: they are applied first (a close must not overtake them).
    this.drainBallots();
    if (msg.type === "sync") return this.fanout.sendSnapshot(connection, actor);
    this.#apply([{ connection, actor, msg }]);
  }

  /**
   * A socket opened. Waiting ballots are applied first (the snapshot shows the sender's own ballot); Join taps
   * alone keep waiting: while a room fills, a connect follows nearly every tap, and applying them here batched
   * nothing. The snapshot without a waiting tap is followed by its attendance event, as if sent a moment earlier.
   */
  beforeConnect() {
    if (this.#ballots.every((q) => q.msg.type === "presence/join")) return;
    this.drainBallots();
  }

  /** Applies the waiting ballots and taps now: any other frame, a close or the alarm comes after them. */
  drainBallots() {
    if (this.#ballotTimer !== undefined) clearTimeout(this.#ballotTimer);
    this.#ballotTimer = undefined;
    if (this.#ballots.length === 0) return;
    const batch = this.#ballots;
    this.#ballots = [];
    this.#apply(batch);
  }

  /**
   * Applies frames in order and stores the outcome in one transaction; the acks (and refusals) go out
   * after it. If the transaction fails nothing is stored, and every frame of the batch gets `internal`.
   */
  #apply(batch: Queued[]) {
    const prev = this.data.state;
    if (!prev) return;
    const session = reduceSession(prev);
    const replies: [RoomConnection, ServerMessage][] = [];
    const seen = new Set<string>();
    const changes: Change[] = [];
    const outbox: Applied["outbox"] = [];
    // One query for the whole batch, not one per frame.
    const seenBefore = this.data.store.seenOf(batch.map(({ actor, msg }) => `${actor.personId}:${msg.id}`));
    for (const { connection, actor, msg } of batch) {
      const seenKey = `${actor.personId}:${msg.id}`;
      // partysocket replays what it queued offline: an applied request is acknowledged again, not re-applied.
      if (seen.has(seenKey) || seenBefore.has(seenKey)) {
        replies.push([connection, { type: "ack", ref: msg.id, duplicate: true }]);
        continue;
      }
      let step: Step;
      try {
        step = session.apply(actor, msg, this.ctx());
      } catch (err) {
        console.error("room: action failed", msg.type, err);
        replies.push([connection, internalError(msg.id)]);
        continue;
      }
      if (!step.ok) {
        replies.push([connection, { type: "error", code: step.code, message: step.message, ref: msg.id }]);
        continue;
      }
      seen.add(seenKey);
      changes.push(...step.changes);
      outbox.push(...step.outbox);
      replies.push([connection, { type: "ack", ref: msg.id, ...step.ack }]);
    }
    const result = { state: session.state(), outbox: mergeAttendanceOps(outbox) };
    try {
      this.data.commit(prev, result, [...seen]);
    } catch (err) {
      console.error("room: storing failed", err);
      for (const { connection, msg } of batch) this.fanout.send(connection, internalError(msg.id));
      return;
    }
    for (const [connection, reply] of replies) this.fanout.send(connection, reply);
    this.fanout.emit(changes);
    this.sync.after(result);
  }
}

const internalError = (ref: string): ServerMessage => ({
  type: "error",
  code: "internal",
  message: "Lỗi máy chủ; không có gì thay đổi / Server error; nothing changed",
  ref,
});
