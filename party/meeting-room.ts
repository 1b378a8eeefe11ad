/**
 * One live room per meeting (a hibernating partyserver Durable Object at /parties/meeting-room/:meetingId).
 * This class only parses, calls the pure logic (party/logic), persists, acknowledges and broadcasts; the
 * protocol is in party/README.md. State lives in the object's SQLite (party/store.ts), never only in fields:
 * after hibernation or eviction the constructor runs again and the state is read back.
 */
import { type Connection, type ConnectionContext, Server, type WSMessage } from "partyserver";
import { type ClientMessage, parseClientMessage, type ServerMessage } from "../schema/room/messages";
import type { RoomTicketClaims } from "../schema/room/ticket";
import { verifyRoomTicket } from "../server/room-ticket";
import { loadMeeting, roomDb } from "./d1";
import { onConnected } from "./logic/attendance";
import { canSeeNote } from "./logic/leader";
import { nextFloorDeadline, tick } from "./logic/queue";
import { reduce } from "./logic/reduce";
import {
  type Actor,
  type Applied,
  type Change,
  type Ctx,
  initialState,
  type Result,
  type RoomState,
  refreshPlanned,
} from "./logic/state";
import { type Connected, eventFor, roomView, you } from "./logic/views";
import { type BallotSession, ballotSession } from "./logic/votes";
import { flushOutbox } from "./outbox-flush";
import { RateLimiter } from "./rate-limit";
import { RoomStore } from "./store";

/** What a connection carries through hibernation (its socket attachment): who it is, from the ticket. */
export interface ConnState {
  personId: string;
  tenantId: string;
  role: RoomTicketClaims["role"];
  name: string;
}
type RoomConnection = Connection<ConnState>;
/** A frame waiting to be applied, with who sent it. */
interface Queued {
  connection: RoomConnection;
  actor: Actor;
  msg: ClientMessage;
}

/** From this many connections on, frequent events are coalesced and broadcast every COALESCE_MS. */
export const COALESCE_FROM = 50;
export const COALESCE_MS = 250;
/**
 * In a room that large, ballots arriving together share one storage commit (one commit per ballot is most
 * of what a ballot costs): each waits at most this long, then the waiting ones are applied in order and
 * stored in one transaction, and only then acknowledged.
 */
export const BALLOT_BATCH_MS = 8;
/** In a large room, how long a D1 write waits after the broadcast it follows. */
const OUTBOX_DELAY_MS = 300;
/** While planned, a new connection makes the room re-read the meeting from D1 at most this often. */
const REFRESH_MS = 3_000;

const json = (status: number, code: string, message: string) =>
  new Response(JSON.stringify({ error: { code, message } }), {
    status,
    headers: { "content-type": "application/json" },
  });

export class MeetingRoom extends Server<Cloudflare.Env> {
  static options = { hibernate: true };

  #store: RoomStore | undefined;
  #state: RoomState | null | undefined;
  #claims = new WeakMap<Request, RoomTicketClaims>();
  #limiter = new RateLimiter(30, 15);
  /** Coalesced changes waiting for the next window, by piece; their frames are built from the state at send time. */
  #pending = new Map<string, Change>();
  #pendingTimer: ReturnType<typeof setTimeout> | undefined;
  #ballots: Queued[] = [];
  #ballotTimer: ReturnType<typeof setTimeout> | undefined;
  #flushing: Promise<number | null> = Promise.resolve(null);
  #refreshedAt = 0;
  #connectedCache: { counts: Connected; total: number } | undefined;
  /**
   * The room's clock. Tests move it forward (through `runInDurableObject`) to pass a speaking limit, the refresh
   * interval or the rate limit's refill at once, instead of sleeping through real time.
   */
  now: () => number = () => Date.now();

  get store(): RoomStore {
    return (this.#store ??= new RoomStore(this.ctx.storage.sql));
  }

  /** The state from storage (cached in memory until the next eviction); null before the first connection. */
  get roomState(): RoomState | null {
    if (this.#state === undefined) this.#state = this.store.load();
    return this.#state;
  }

  #ctx(): Ctx {
    return { now: this.now(), newId: () => crypto.randomUUID() };
  }

  /** Refuses before the upgrade: a bad ticket, a ticket for another meeting or tenant, a meeting not open. */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("Upgrade")?.toLowerCase() !== "websocket") return super.fetch(request);
    const ticket = new URL(request.url).searchParams.get("ticket") ?? "";
    const claims = ticket ? await verifyRoomTicket(this.env, ticket) : null;
    if (!claims)
      return json(401, "unauthorized", "Vé vào phòng không hợp lệ hoặc đã hết hạn / Invalid or expired room ticket");
    if (claims.mid !== this.name)
      return json(403, "forbidden", "Vé dành cho cuộc họp khác / The ticket is for another meeting");
    let state = this.roomState;
    if (
      state &&
      state.meeting.status === "planned" &&
      state.meeting.tenantId === claims.tid &&
      this.now() - this.#refreshedAt > REFRESH_MS
    ) {
      const refused = await this.#refreshPlanned(claims.tid);
      if (refused) return refused;
      state = this.roomState;
    }
    if (!state) {
      const res = await loadMeeting(roomDb(this.env), claims.tid, this.name);
      if (!res.ok) {
        return res.reason === "not_found"
          ? json(404, "not_found", "Không tìm thấy cuộc họp / Meeting not found")
          : json(409, "conflict", "Cuộc họp không mở (đã kết thúc hoặc hủy) / The meeting is not open");
      }
      // Another request may have loaded it while D1 answered.
      state = this.roomState;
      if (!state) {
        state = initialState(res.loaded, this.now());
        this.store.save(null, state);
        this.#state = state;
        this.#refreshedAt = this.now();
      }
    }
    if (state.meeting.tenantId !== claims.tid)
      return json(403, "forbidden", "Vé dành cho đơn vị khác / The ticket is for another tenant");
    this.#claims.set(request, claims);
    return super.fetch(request);
  }

  /**
   * Takes D1's latest agenda, roster and guests while the meeting is still planned. A roster has no event
   * of its own: the version skips a number, so connected clients see a gap at their next event and resync.
   */
  async #refreshPlanned(tenantId: string): Promise<Response | null> {
    this.#refreshedAt = this.now();
    const res = await loadMeeting(roomDb(this.env), tenantId, this.name);
    if (!res.ok) return json(409, "conflict", "Cuộc họp không mở (đã kết thúc hoặc hủy) / The meeting is not open");
    const prev = this.roomState;
    if (!prev) return null;
    const next = refreshPlanned(prev, res.loaded, this.now(), this.store.hasPending("agenda"));
    if (JSON.stringify(next) === JSON.stringify(prev)) return null;
    this.#commit(prev, { ok: true, state: next, changes: [], outbox: [] });
    this.store.bumpVersion();
    this.#emit([{ kind: "meeting" }, { kind: "agenda" }, { kind: "attendance", personIds: Object.keys(next.roster) }]);
    return null;
  }

  override async onConnect(connection: RoomConnection, ctx: ConnectionContext): Promise<void> {
    this.#drainBallots();
    const claims = this.#claims.get(ctx.request);
    const state = this.roomState;
    if (!claims || !state) {
      connection.close(1011, "not initialised");
      return;
    }
    const actor: ConnState = { personId: claims.pid, tenantId: claims.tid, role: claims.role, name: claims.name };
    connection.setState(actor);
    this.#adjustConnected(actor.personId, 1);
    const checked = onConnected(state, actor, this.#ctx());
    if (checked?.ok) this.#commit(state, checked);
    this.#sendSnapshot(connection, actor);
    this.#emit(checked?.ok ? checked.changes : [], [{ kind: "attendance", personIds: [actor.personId] }]);
    if (checked?.ok) this.#after(checked);
  }

  override async onClose(connection: RoomConnection): Promise<void> {
    this.#drainBallots();
    this.#limiter.forget(connection.id);
    const who = connection.state?.personId;
    if (who) this.#adjustConnected(who, -1);
    if (who && this.roomState) this.#emit([{ kind: "attendance", personIds: [who] }]);
  }

  override async onMessage(connection: RoomConnection, raw: WSMessage): Promise<void> {
    const parsed = parseClientMessage(raw);
    if (!parsed.ok)
      return this.#send(connection, { type: "error", code: parsed.code, message: parsed.message, ref: parsed.ref });
    const msg = parsed.msg;
    if (!this.#limiter.take(connection.id, this.now())) {
      return this.#send(connection, {
        type: "error",
        code: "rate_limited",
        message: "Gửi quá nhanh; thử lại sau giây lát / Too many messages; slow down",
        ref: msg.id,
      });
    }
    const actor = connection.state;
    if (!actor || !this.roomState)
      return this.#send(connection, {
        type: "error",
        code: "internal",
        message: "Phòng chưa sẵn sàng / Room not ready",
        ref: msg.id,
      });
    if (msg.type === "vote/cast" && this.#connectedCounts().total >= COALESCE_FROM) {
      this.#ballots.push({ connection, actor, msg });
      this.#ballotTimer ??= setTimeout(() => this.#drainBallots(), BALLOT_BATCH_MS);
      return;
    }
    // Waiting ballots arrived first: they are applied first (a close must not overtake them).
    this.#drainBallots();
    if (msg.type === "sync") return this.#sendSnapshot(connection, actor);
    this.#apply([{ connection, actor, msg }]);
  }

  #drainBallots() {
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
    const prev = this.roomState;
    if (!prev) return;
    let state = prev;
    const replies: [RoomConnection, ServerMessage][] = [];
    const seen = new Set<string>();
    const changes: Change[] = [];
    const outbox: Applied["outbox"] = [];
    // One query for the whole batch, not one per frame.
    const seenBefore = this.store.seenOf(batch.map(({ actor, msg }) => `${actor.personId}:${msg.id}`));
    // Ballots share one working copy of the ballot record (a copy per ballot is quadratic in a large vote).
    let ballots: BallotSession | null = null;
    for (const { connection, actor, msg } of batch) {
      const seenKey = `${actor.personId}:${msg.id}`;
      // partysocket replays what it queued offline: an applied request is acknowledged again, not re-applied.
      if (seen.has(seenKey) || seenBefore.has(seenKey)) {
        replies.push([connection, { type: "ack", ref: msg.id, duplicate: true }]);
        continue;
      }
      let result: Result;
      try {
        if (msg.type === "vote/cast") {
          ballots ??= ballotSession(state);
          result = ballots.cast(actor, msg.voteId, msg.choice, msg.id, this.#ctx());
        } else {
          if (ballots) state = ballots.state();
          ballots = null;
          result = reduce(state, actor, msg, this.#ctx());
        }
      } catch (err) {
        console.error("room: action failed", msg.type, err);
        replies.push([connection, internalError(msg.id)]);
        continue;
      }
      if (!result.ok) {
        replies.push([connection, { type: "error", code: result.code, message: result.message, ref: msg.id }]);
        continue;
      }
      if (!ballots) state = result.state;
      seen.add(seenKey);
      changes.push(...result.changes);
      outbox.push(...result.outbox);
      replies.push([connection, { type: "ack", ref: msg.id, ...result.ack }]);
    }
    if (ballots) state = ballots.state();
    const applied: Applied = { ok: true, state, changes, outbox };
    try {
      this.#commit(prev, applied, [...seen]);
    } catch (err) {
      console.error("room: storing failed", err);
      for (const { connection, msg } of batch) this.#send(connection, internalError(msg.id));
      return;
    }
    for (const [connection, reply] of replies) this.#send(connection, reply);
    this.#emit(changes);
    this.#after(applied);
  }

  /** Stores the new state, the request id and the D1 outbox in one transaction; the ack waits for it. */
  #commit(prev: RoomState, result: Applied, seenKeys: string[] = []) {
    if (result.state === prev && result.outbox.length === 0) {
      this.store.markSeen(seenKeys);
      return;
    }
    this.ctx.storage.transactionSync(() => {
      this.store.save(prev, result.state);
      this.store.markSeen(seenKeys);
      this.store.enqueue(result.outbox);
    });
    this.#state = result.state;
  }

  #after(result: Applied) {
    if (result.outbox.length && this.#connectedCounts().total >= COALESCE_FROM) {
      // In a large room the frames just broadcast leave first: building and running a D1 batch (a closed
      // vote carries every ballot) shares the isolate with them. The ops wait in the room's storage; the
      // alarm is a backstop should the object be evicted before the timer fires.
      setTimeout(() => void this.#flush(), OUTBOX_DELAY_MS);
      this.ctx.waitUntil(this.#schedule(this.now() + OUTBOX_DELAY_MS + 5_000));
      return;
    }
    if (result.outbox.length) this.ctx.waitUntil(this.#flush());
    this.ctx.waitUntil(this.#schedule());
  }
  /** One flush at a time: a second caller waits for the running one, then flushes what is new. */
  #flush(): Promise<number | null> {
    const run = this.#flushing
      .catch(() => null)
      .then(async () => {
        const state = this.roomState;
        if (!state) return null;
        const retryAt = await flushOutbox(this.store, roomDb(this.env), state.meeting.tenantId, state.meeting.id);
        if (retryAt !== null) await this.#schedule(retryAt);
        return retryAt;
      });
    this.#flushing = run;
    return run;
  }

  /** One alarm serves the speaking clock and the outbox retry: set it to the earliest of what is due. */
  async #schedule(retryAt?: number): Promise<void> {
    const state = this.roomState;
    if (!state) return;
    const candidates = [nextFloorDeadline(state), retryAt ?? null].filter((t): t is number => t !== null);
    if (candidates.length === 0) return;
    const next = Math.min(...candidates);
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > next || current < this.now()) await this.ctx.storage.setAlarm(next);
  }

  /** Alarms are at-least-once: `tick` and the outbox are idempotent. */
  override async onAlarm(): Promise<void> {
    this.#drainBallots();
    const state = this.roomState;
    if (!state) return;
    const result = tick(state, this.#ctx());
    if (result.ok && result.state !== state) {
      this.#commit(state, result);
      this.#emit(result.changes);
    }
    const retryAt = await this.#flush();
    const latest = this.roomState;
    const deadline = latest ? nextFloorDeadline(latest) : null;
    const next = [deadline, retryAt].filter((t): t is number => t !== null);
    if (next.length) await this.ctx.storage.setAlarm(Math.min(...next));
  }

  /**
   * Open sockets per person. Counting reads every socket's attachment, so the count is kept in memory and
   * adjusted on connect and close; after a wake-up it is counted once again from the sockets.
   */
  #connected(): Connected {
    return this.#connectedCounts().counts;
  }

  #connectedCounts() {
    if (this.#connectedCache) return this.#connectedCache;
    const counts: Connected = {};
    let total = 0;
    for (const c of this.getConnections<ConnState>()) {
      const id = c.state?.personId;
      if (id && c.readyState === WebSocket.OPEN) {
        counts[id] = (counts[id] ?? 0) + 1;
        total++;
      }
    }
    this.#connectedCache = { counts, total };
    return this.#connectedCache;
  }

  #adjustConnected(personId: string, delta: 1 | -1) {
    const cache = this.#connectedCache;
    // Without a cache the next count reads the sockets, the new one included and the closing one not.
    if (!cache) return;
    const before = cache.counts[personId] ?? 0;
    const after = Math.max(0, before + delta);
    cache.counts[personId] = after;
    cache.total += after - before;
  }

  #sendSnapshot(connection: RoomConnection, actor: Actor) {
    const state = this.roomState;
    if (!state) return;
    this.#send(connection, {
      type: "snapshot",
      version: this.store.version,
      you: you(state, actor),
      state: roomView(state, actor, this.#connected(), this.now()),
    });
  }

  #send(connection: RoomConnection, msg: ServerMessage) {
    connection.send(JSON.stringify(msg));
  }

  /**
   * Broadcasts the events for these changes. In a large room the frequent ones — presence/attendance and an
   * open vote's count moving with each ballot — are coalesced: the changes wait, attendance person ids
   * merge, and one frame per piece is built from the state of the moment every COALESCE_MS (so 500 ballots
   * cost a few vote views, not 500). Everything else (an opened vote, agenda, queue, a result…) goes out at
   * once, and drops any pending frame of the same piece so a stale one cannot follow it.
   */
  #emit(...changeLists: Change[][]) {
    const state = this.roomState;
    if (!state) return;
    const changes = changeLists.flat();
    if (changes.length === 0) return;
    if (changes.some((c) => c.kind === "notes")) this.#sendNotes(state);
    // Read from the kept counts: `getWebSockets()` would wrap every socket on every message.
    const large = this.#connectedCounts().total >= COALESCE_FROM;
    for (const change of changes) {
      const key = changeKey(change);
      const frequent =
        change.kind === "attendance" ||
        (change.kind === "vote" && change.tally === true && state.votes[change.id]?.status === "open");
      if (!large || !frequent) {
        this.#pending.delete(key);
        this.#broadcastChange(state, change);
        continue;
      }
      const prior = this.#pending.get(key);
      if (prior?.kind === "attendance" && change.kind === "attendance") {
        this.#pending.set(key, {
          kind: "attendance",
          personIds: [...new Set([...prior.personIds, ...change.personIds])],
        });
      } else {
        this.#pending.set(key, change);
      }
    }
    if (this.#pending.size === 0) return;
    if (!large) return this.#flushEvents();
    this.#pendingTimer ??= setTimeout(() => this.#flushEvents(), COALESCE_MS);
  }

  /** Counting connections reads every socket's attachment: only attendance events need it. */
  #broadcastChange(state: RoomState, change: Change) {
    const body = eventFor(state, change, change.kind === "attendance" ? this.#connected() : {});
    if (!body) return;
    const version = this.store.bumpVersion();
    this.broadcast(JSON.stringify({ ...body, version }));
  }

  #flushEvents() {
    if (this.#pendingTimer !== undefined) clearTimeout(this.#pendingTimer);
    this.#pendingTimer = undefined;
    const changes = [...this.#pending.values()];
    this.#pending.clear();
    const state = this.roomState;
    if (!state) return;
    for (const change of changes) this.#broadcastChange(state, change);
  }

  /** Notes are private: each connection gets the notes it may see. */
  #sendNotes(state: RoomState) {
    const notes = Object.values(state.notes);
    for (const c of this.getConnections<ConnState>()) {
      const viewer = c.state;
      if (!viewer) continue;
      const branchRole = state.roster[viewer.personId]?.branchRole;
      const mightSee =
        viewer.role !== "official" && viewer.role !== "probationary"
          ? true
          : branchRole !== undefined && branchRole !== "member";
      if (mightSee) this.#send(c, { type: "notes", notes: notes.filter((n) => canSeeNote(state, viewer, n)) });
    }
  }
}

const internalError = (ref: string): ServerMessage => ({
  type: "error",
  code: "internal",
  message: "Lỗi máy chủ; không có gì thay đổi / Server error; nothing changed",
  ref,
});

/** Which piece of the room a change is about (a pending frame of the same piece is superseded). */
function changeKey(change: Change): string {
  switch (change.kind) {
    case "vote":
    case "speech":
    case "reserved":
    case "guidance":
      return `${change.kind}:${change.id}`;
    case "evaluation":
      return `evaluation:${change.personId}`;
    default:
      return change.kind;
  }
}
