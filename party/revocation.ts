/**
 * Revocations the API tells the room about (worker/data/room-revocation.ts): sessions signed out (logout, a
 * password change ending the other sessions, a password set by the committee) and people who lost their seat
 * in this tenant (suspended, transferred, detained, removed). The room closes their sockets with an
 * application close code (schema/room/ticket.ts ROOM_CLOSE) that the client shows and does not reconnect after,
 * and refuses the tickets minted before: a ticket lives 2 minutes, and the one in the client's hands would
 * otherwise open the room again. Reached only by RPC on the Durable Object (MeetingRoom.revoke): the public
 * /parties route forwards nothing but WebSocket upgrades (party/admit.ts).
 */

import type { Connection } from "partyserver";
import { ROOM_CLOSE, ROOM_TICKET_TTL_SECONDS, type RoomTicketClaims } from "../schema/room/ticket";
import { errorResponse } from "../server/error-response";
import type { ConnState } from "./fanout";

export type RevokeNotice =
  /** These sessions ended: their sockets close with 4401, wherever the person is. */
  | { kind: "sessions"; personId: string; sessionIds: string[] }
  /** The person has no seat in this tenant any more: their sockets in its rooms close with 4403. */
  | { kind: "seat"; tenantId: string; personId: string }
  /** A member of this tenant was reinstated: nothing closes, the room only takes D1's roster again. */
  | { kind: "roster"; tenantId: string };

/** What the room can do to its sockets (partyserver's Server). */
export interface TaggedSockets {
  getConnections<T>(tag?: string): Iterable<Connection<T>>;
}

/** A socket's tags (partyserver `getConnectionTags`, kept through hibernation): who, and under which session. */
export const personTag = (personId: string) => `p:${personId}`;
export const sessionTag = (sessionId: string) => `s:${sessionId}`;
export const tagsOf = (claims: RoomTicketClaims) => [
  personTag(claims.pid),
  ...(claims.sid ? [sessionTag(claims.sid)] : []),
];

const SIGNED_OUT = "Đã đăng xuất / Signed out";
const NO_SEAT = "Không còn quyền dự họp / No longer a member here";
/** A revocation is remembered while a ticket minted before it may still be presented (plus clock slack). */
const KEEP_MS = (ROOM_TICKET_TTL_SECONDS + 60) * 1000;

export class Revocations {
  #ready = false;
  /**
   * Whether the table may hold a row: read once, set by `apply`. A room nobody was revoked from (almost every
   * room) checks a connecting ticket without a query; a room of 2,000 filling ran 2,000 of them.
   */
  #someRevoked: boolean | undefined;

  constructor(
    private readonly sql: SqlStorage,
    private readonly sockets: TaggedSockets,
  ) {}

  #table() {
    if (this.#ready) return;
    this.sql.exec(`CREATE TABLE IF NOT EXISTS room_revoked (k TEXT PRIMARY KEY, at INTEGER NOT NULL)`);
    this.#ready = true;
  }

  /** Remembers the revocation and closes the sockets it names; answers how many it closed. */
  apply(notice: RevokeNotice, roomTenantId: string | null): number {
    this.#table();
    // Tickets carry real time (their expiry), so revocations are dated by the real clock, not the room's.
    const now = Date.now();
    this.#someRevoked = true;
    this.sql.exec(`DELETE FROM room_revoked WHERE at < ?`, now - KEEP_MS);
    let closed = 0;
    if (notice.kind === "sessions") {
      for (const sid of notice.sessionIds) {
        this.sql.exec(`INSERT OR REPLACE INTO room_revoked (k, at) VALUES (?, ?)`, `s:${sid}`, now);
        for (const c of this.sockets.getConnections<ConnState>(sessionTag(sid))) {
          c.close(ROOM_CLOSE.signedOut, SIGNED_OUT);
          closed++;
        }
      }
      return closed;
    }
    if (notice.kind === "roster") return 0;
    this.sql.exec(
      `INSERT OR REPLACE INTO room_revoked (k, at) VALUES (?, ?)`,
      `p:${notice.tenantId}:${notice.personId}`,
      now,
    );
    // Another tenant's notice never touches this room's sockets (the API only sends a tenant its own, checked here too).
    if (roomTenantId !== notice.tenantId) return 0;
    for (const c of this.sockets.getConnections<ConnState>(personTag(notice.personId))) {
      if (c.state?.tenantId !== notice.tenantId) continue;
      c.close(ROOM_CLOSE.notMember, NO_SEAT);
      closed++;
    }
    return closed;
  }

  /** A refusal for a ticket of a session signed out, or minted before its holder lost their seat; else null. */
  refusal(claims: RoomTicketClaims): Response | null {
    this.#table();
    this.#someRevoked ??= this.sql.exec(`SELECT 1 FROM room_revoked LIMIT 1`).toArray().length > 0;
    if (!this.#someRevoked) return null;
    const keys = [`p:${claims.tid}:${claims.pid}`, ...(claims.sid ? [`s:${claims.sid}`] : [])];
    const rows = this.sql
      .exec<{ k: string; at: number }>(
        `SELECT k, at FROM room_revoked WHERE k IN (${keys.map(() => "?").join(",")})`,
        ...keys,
      )
      .toArray();
    if (rows.some((r) => r.k.startsWith("s:")))
      return errorResponse("unauthorized", "Phiên đăng nhập đã kết thúc / The session was signed out");
    const issuedAt = (claims.exp - ROOM_TICKET_TTL_SECONDS) * 1000;
    // Whole seconds: a ticket minted in the same second as the revocation counts as before it.
    if (rows.some((r) => issuedAt <= r.at))
      return errorResponse("forbidden", "Không còn quyền dự họp / No longer a member here");
    return null;
  }
}
