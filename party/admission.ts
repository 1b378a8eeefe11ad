/**
 * Who gets a socket, checked in the room before the upgrade (the Worker's gate, party/admit.ts, ran first):
 * a valid ticket for this meeting and its tenant, a meeting still planned or live. The first connection
 * loads the meeting from D1; while it is planned, later ones take D1's changes (agenda, roster, guests).
 * Then the connected person: identity on the socket, a snapshot (a socket is not attendance: logic/joining.ts);
 * and when their last socket closes, the room notes it (a Join intent dropped, a remote member's leave time).
 */
import type { ConnectionContext } from "partyserver";
import type { RoomTicketClaims } from "../schema/room/ticket";
import { errorResponse } from "../server/error-response";
import { verifyRoomTicket } from "../server/room-ticket";
import { loadMeeting, roomDb } from "./d1";
import type { D1Sync } from "./d1-sync";
import type { ConnState, Fanout, RoomConnection } from "./fanout";
import { guestsAtStart, onConnected, refreshRoster } from "./logic/attendance";
import { onLastSocketClosed } from "./logic/joining";
import { type Ctx, initialState, type RoomState, refreshPlanned } from "./logic/state";
import { type Revocations, tagsOf } from "./revocation";
import type { RoomData } from "./room-data";

/**
 * While planned, a new connection makes the room re-read the meeting from D1 at most this often: every 3 s, and in
 * a larger branch 5 ms per member on the roster (10 s at 2,000). Re-reading and comparing a roster of 2,000 costs
 * about a quarter of a second of CPU (measured in Node); every 3 s while 2,000 members connect, it was a third of
 * the fill. Roster changes made in the console reach the room at once anyway (the `roster` notice, revocation.ts).
 */
export const refreshEveryMs = (rosterSize: number) => Math.max(3_000, rosterSize * 5);

export class Admission {
  #claims = new WeakMap<Request, RoomTicketClaims>();
  #refreshedAt = 0;

  constructor(
    private readonly env: Cloudflare.Env,
    private readonly meetingId: () => string,
    private readonly data: RoomData,
    private readonly fanout: Fanout,
    private readonly sync: D1Sync,
    /** The room's clock (MeetingRoom.now). */
    private readonly now: () => number,
    private readonly revocations: Revocations,
  ) {}

  /** A refusal before the upgrade (a bad ticket, another meeting or tenant, a meeting not open), or null to go on. */
  async check(request: Request): Promise<Response | null> {
    const ticket = new URL(request.url).searchParams.get("ticket") ?? "";
    const claims = ticket ? await verifyRoomTicket(this.env, ticket) : null;
    if (!claims)
      return errorResponse(
        "unauthorized",
        "Vé vào phòng không hợp lệ hoặc đã hết hạn / Invalid or expired room ticket",
      );
    if (claims.mid !== this.meetingId())
      return errorResponse("forbidden", "Vé dành cho cuộc họp khác / The ticket is for another meeting");
    const revoked = this.revocations.refusal(claims);
    if (revoked) return revoked;
    let state = this.data.state;
    if (
      state &&
      state.meeting.status === "planned" &&
      state.meeting.tenantId === claims.tid &&
      this.now() - this.#refreshedAt > refreshEveryMs(Object.keys(state.roster).length)
    ) {
      const refused = await this.#refreshPlanned(claims.tid);
      if (refused) return refused;
      state = this.data.state;
    }
    if (!state) {
      const res = await loadMeeting(await roomDb(this.env, claims.tid), claims.tid, this.meetingId());
      if (!res.ok) {
        return res.reason === "not_found"
          ? errorResponse("not_found", "Không tìm thấy cuộc họp / Meeting not found")
          : errorResponse("conflict", "Cuộc họp không mở (đã kết thúc hoặc hủy) / The meeting is not open");
      }
      // Another request may have loaded it while D1 answered.
      state = this.data.state;
      if (!state) {
        state = initialState(res.loaded, this.now());
        this.data.init(state);
        this.#refreshedAt = this.now();
      }
    }
    if (state.meeting.tenantId !== claims.tid)
      return errorResponse("forbidden", "Vé dành cho đơn vị khác / The ticket is for another tenant");
    this.#claims.set(request, claims);
    return null;
  }

  /**
   * Takes D1's latest agenda, roster and guests while the meeting is still planned. A roster has no event
   * of its own: the version skips a number, so connected clients see a gap at their next event and resync.
   */
  async #refreshPlanned(tenantId: string): Promise<Response | null> {
    this.#refreshedAt = this.now();
    const res = await loadMeeting(await roomDb(this.env, tenantId), tenantId, this.meetingId());
    if (!res.ok) return errorResponse("conflict", "Cuộc họp không mở (đã kết thúc hoặc hủy) / The meeting is not open");
    const prev = this.data.state;
    if (!prev) return null;
    const next = refreshPlanned(prev, res.loaded, this.now(), this.data.store.hasPending("agenda"));
    if (sameState(prev, next)) return null;
    this.data.commit(prev, { state: next, outbox: [] });
    this.data.store.bumpVersion();
    this.fanout.emit([
      { kind: "meeting" },
      { kind: "agenda" },
      { kind: "attendance", personIds: Object.keys(next.roster) },
    ]);
    return null;
  }

  /**
   * A member's standing changed (worker/data/room-revocation.ts): the room takes D1's roster at once, planned
   * or live, so a suspended member is out of the counts and the vote base. The version skips a number: clients
   * resync.
   */
  async refreshRoster(): Promise<void> {
    const prev = this.data.state;
    if (!prev) return;
    if (prev.meeting.status === "planned") {
      await this.#refreshPlanned(prev.meeting.tenantId);
      return;
    }
    const res = await loadMeeting(
      await roomDb(this.env, prev.meeting.tenantId),
      prev.meeting.tenantId,
      this.meetingId(),
    );
    const current = this.data.state;
    if (!res.ok || !current || current.meeting.status !== "live") return;
    const next = refreshRoster(current, res.loaded, this.now());
    if (sameState(current, next)) return;
    this.data.commit(current, { state: next, outbox: [] });
    this.data.store.bumpVersion();
    this.fanout.emit([
      { kind: "attendance", personIds: Object.keys({ ...current.roster, ...next.roster }) },
      ...(JSON.stringify(next.agenda) === JSON.stringify(current.agenda) ? [] : [{ kind: "agenda" as const }]),
    ]);
  }

  /** The meeting just started: the guests connected now leave the trace of their visit (logic/attendance.ts). */
  guestsPresentAtStart() {
    const state = this.data.state;
    const traced = state && guestsAtStart(state, (id) => this.fanout.connectedOf(id) > 0);
    if (!state || !traced?.ok) return;
    this.data.commit(state, traced);
    this.sync.after(traced);
  }

  /** The socket's tags, from its ticket: the person and the session (partyserver keeps them through hibernation). */
  tags(ctx: ConnectionContext): string[] {
    const claims = this.#claims.get(ctx.request);
    return claims ? tagsOf(claims) : [];
  }

  /**
   * A socket closed. When it was the person's last, the room notes it (logic/joining.ts `onLastSocketClosed`);
   * either way everyone sees their connection count move.
   */
  disconnected(personId: string, actionCtx: Ctx) {
    this.fanout.adjustConnected(personId, -1);
    const state = this.data.state;
    if (!state) return;
    const left = this.fanout.connectedOf(personId) === 0 ? onLastSocketClosed(state, personId, actionCtx) : null;
    if (left?.ok) this.data.commit(state, left);
    this.fanout.emit(left?.ok ? left.changes : [], [{ kind: "attendance", personIds: [personId] }]);
    if (left?.ok) this.sync.after(left);
  }

  /** The upgraded socket: its identity from the ticket (kept through hibernation), a returning member back, a snapshot. */
  connected(connection: RoomConnection, ctx: ConnectionContext, actionCtx: Ctx) {
    const claims = this.#claims.get(ctx.request);
    const state = this.data.state;
    if (!claims || !state) {
      connection.close(1011, "not initialised");
      return;
    }
    const actor: ConnState = { personId: claims.pid, tenantId: claims.tid, role: claims.role, name: claims.name };
    connection.setState(actor);
    this.fanout.adjustConnected(actor.personId, 1);
    const checked = onConnected(state, actor, actionCtx);
    if (checked?.ok) this.data.commit(state, checked);
    this.fanout.sendSnapshot(connection, actor);
    this.fanout.emit(checked?.ok ? checked.changes : [], [{ kind: "attendance", personIds: [actor.personId] }]);
    if (checked?.ok) this.sync.after(checked);
  }
}

/**
 * Two states equal, piece by piece: a piece kept by reference (the attendance and Join intents a refresh keeps) is
 * not serialised; the others are compared as JSON, as the whole state was before.
 */
function sameState(a: RoomState, b: RoomState): boolean {
  const keys = Object.keys(b) as (keyof RoomState)[];
  if (keys.length !== Object.keys(a).length) return false;
  return keys.every((k) => a[k] === b[k] || JSON.stringify(a[k]) === JSON.stringify(b[k]));
}
