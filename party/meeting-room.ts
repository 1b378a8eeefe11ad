/**
 * One live room per meeting (a hibernating partyserver Durable Object at /parties/meeting-room/:meetingId).
 * This class only wires the room's parts to partyserver's hooks; the protocol is in party/README.md:
 * - admission.ts: the checks before the upgrade, the first load from D1, the connected person;
 * - dispatch.ts: every client frame, parsed, applied by the pure logic (party/logic), stored, acknowledged;
 * - fanout.ts: snapshots and events to the sockets, coalesced in a large room;
 * - socket-cap.ts: a handful of sockets per person; a newer one replaces the oldest (close code 4409);
 * - d1-sync.ts: the outbox to D1 and the alarm (speaking clock, retries);
 * - room-data.ts: the state, kept in the object's SQLite and read back after hibernation or eviction;
 * - rtc-relay.ts: WebRTC signalling relayed to one person, and `rtc/stop` when the floor leaves a speaker.
 */
import { type Connection, type ConnectionContext, Server, type WSMessage } from "partyserver";
import { Admission } from "./admission";
import { D1Sync } from "./d1-sync";
import { type RoomDelivery, roomDelivery } from "./delivery";
import { Dispatch } from "./dispatch";
import { type ConnState, Fanout } from "./fanout";
import { addTracks, isListed, removeClosed } from "./logic/media-tracks";
import { mayPublish } from "./logic/rtc";
import type { Ctx } from "./logic/state";
import { OpenSockets } from "./open-sockets";
import { Revocations, type RevokeNotice } from "./revocation";
import { RoomData } from "./room-data";
import { RtcRelay } from "./rtc-relay";
import { closeAtSfu } from "./sfu-close";
import { SocketCap } from "./socket-cap";

export class MeetingRoom extends Server<Cloudflare.Env> {
  static options = { hibernate: true };

  /**
   * The room's clock: every time the room reads comes from here. Tests move it forward (through
   * `runInDurableObject`, test/support/room-clock.ts) to pass a speaking limit, the refresh interval or the rate
   * limit's refill at once, instead of sleeping through real time.
   */
  now: () => number = () => Date.now();
  readonly #clock = () => this.now();
  /**
   * What the pure logic gets from outside for each action: the time and fresh ids. The id maker is made once: a
   * closure made per call (every frame reads the time, for its rate limit) was also named per call by the bundle's
   * `__name`, a defineProperty on each of a room's frames.
   */
  readonly #newId = () => crypto.randomUUID();
  readonly #actionCtx = (): Ctx => ({ now: this.now(), newId: this.#newId });

  readonly #open = new OpenSockets(this.ctx);
  readonly #data = new RoomData(this.ctx.storage);
  readonly #fanout = new Fanout(this, this.#data, this.#clock);
  readonly #sync = new D1Sync(this.ctx, this.env, this.#data, this.#fanout, this.#clock);
  readonly #rtc = new RtcRelay(this, this.#data, this.#fanout);
  readonly #dispatch = new Dispatch(this.#data, this.#fanout, this.#sync, this.#rtc, this.#actionCtx);
  readonly #revocations = new Revocations(this.ctx.storage.sql, this);
  readonly #cap = new SocketCap(this);
  readonly #admission = new Admission(
    this.env,
    () => this.name,
    this.#data,
    this.#fanout,
    this.#sync,
    this.#clock,
    this.#revocations,
  );

  /** Refuses before the upgrade; plain HTTP goes to partyserver (which answers 404). */
  constructor(ctx: DurableObjectState, env: Cloudflare.Env) {
    super(ctx, env);
    this.#data.afterCommit = (prev, next, removed) => {
      this.#rtc.afterCommit(prev, next, removed);
      // After the start's own commit and frames: the leaders in the room at the start have visited.
      if (prev.meeting.status === "planned" && next.meeting.status === "live")
        queueMicrotask(() => this.#admission.guestsPresentAtStart());
    };
    // The room's output gate does not wait for it: a slow Cloudflare must not hold the room's acks.
    this.#rtc.onTracksRemoved = (removed) => this.ctx.waitUntil(closeAtSfu(this.env, removed));
  }

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("Upgrade")?.toLowerCase() !== "websocket") return super.fetch(request);
    return (await this.#admission.check(request)) ?? super.fetch(request);
  }

  /** Each socket is tagged with its person and session, so a revocation finds its sockets after hibernation too. */
  override getConnectionTags(_connection: Connection, ctx: ConnectionContext): string[] {
    return this.#admission.tags(ctx);
  }

  /**
   * RPC from the API (worker/data/room-revocation.ts), never reachable from /parties: closes the sockets of
   * sessions signed out (4401) or of a person who lost their seat (4403), refuses the tickets minted before, and
   * after a seat change takes the roster from D1 again. Answers how many sockets it closed.
   */
  async revoke(notice: RevokeNotice): Promise<number> {
    this.#dispatch.drainBallots();
    const tenantId = this.#data.state?.meeting.tenantId ?? null;
    const closed = this.#revocations.apply(notice, tenantId);
    if (notice.kind !== "sessions" && tenantId === notice.tenantId) await this.#admission.refreshRoster();
    return closed;
  }

  /** RPC from the API (worker/data/record-answer.ts): has the room closed, and does it still owe D1 part of the record? */
  async delivery(): Promise<RoomDelivery> {
    return roomDelivery(this.ctx.storage.sql, () => this.#data.state);
  }

  /**
   * RPC from the API (worker/data/room-publish.ts): may this person publish sound now (the SFU path)? The same rule
   * as a star offer: the hall device, or the floor's holder not muted. A room nobody opened yet says no.
   */
  async mayPublish(personId: string): Promise<boolean> {
    const s = this.#data.state;
    return !!s && mayPublish(s, personId);
  }

  /**
   * RPC from the API (worker/routes/meeting-media.ts) once Cloudflare accepted a publish: these tracks of this
   * person's session join the room's track list (party/logic/media-tracks.ts), broadcast to every socket. False
   * when the room does not list them: not opened yet, or the person may no longer publish.
   */
  async published(personId: string, sessionId: string, tracks: { trackName: string; mid: string }[]): Promise<boolean> {
    this.#dispatch.drainBallots();
    const s = this.#data.state;
    const next = s && addTracks(s, personId, sessionId, tracks);
    if (!s || !next) return false;
    this.#data.commit(s, { state: next, outbox: [] });
    return true;
  }

  /** RPC from the API (`/sfu/close`): the publisher closed these tracks of their session; off the list. */
  async tracksClosed(personId: string, sessionId: string, mids: string[]): Promise<void> {
    this.#dispatch.drainBallots();
    const s = this.#data.state;
    if (s) this.#data.commit(s, { state: removeClosed(s, personId, sessionId, mids), outbox: [] });
  }

  /** RPC from the API (`/sfu/subscribe`): is every one of these tracks published in this meeting now? */
  async tracksListed(tracks: { sessionId: string; trackName: string }[]): Promise<boolean> {
    const s = this.#data.state;
    return !!s && tracks.every((t) => isListed(s, t.sessionId, t.trackName));
  }

  /** Every frame the room broadcasts goes to the kept list of open sockets (open-sockets.ts), not partyserver's walk. */
  override broadcast(msg: string | ArrayBuffer | ArrayBufferView, without?: string[]): void {
    if (typeof msg === "string" && !without?.length) this.#open.send(msg);
    else super.broadcast(msg, without);
  }

  override async onConnect(connection: Connection<ConnState>, ctx: ConnectionContext): Promise<void> {
    this.#open.changed();
    this.#dispatch.beforeConnect();
    this.#admission.connected(connection, ctx, this.#actionCtx());
    this.#cap.admitted(connection, this.now());
  }

  override async onClose(connection: Connection<ConnState>): Promise<void> {
    this.#open.changed();
    this.#dispatch.drainBallots();
    const who = connection.state?.personId;
    if (who) this.#admission.disconnected(who, this.#actionCtx());
  }

  override async onMessage(connection: Connection<ConnState>, raw: WSMessage): Promise<void> {
    // A socket the room closed (a revocation) may still have frames in flight: none of them counts.
    if (connection.readyState !== WebSocket.OPEN) return;
    this.#dispatch.onMessage(connection, raw);
  }

  /** Alarms are at-least-once: `tick` and the outbox are idempotent. */
  override async onAlarm(): Promise<void> {
    this.#dispatch.drainBallots();
    await this.#sync.alarm(this.#actionCtx());
  }
}
