/**
 * The socket's life: PartySocket with a fresh ticket per connection attempt, calm retries until the room can be
 * entered, and a quick reconnect when the network or the screen comes back. PartySocket's own offline queue is
 * off (it would replay blindly): nothing is sent before the socket's snapshot, and the pending actions are sent
 * again after it (room-pending.ts, room-frames.ts).
 */
import PartySocket from "partysocket";
import type { Accessor } from "solid-js";
import { type ClientMessage, parseServerMessage, type ServerMessage } from "../../../schema/room/messages";
import { ROOM_CLOSE, type RoomCloseCode } from "../../../schema/room/ticket";
import { AdoptingWebSocket } from "./room-early";
import { newActionId } from "./room-pending";
import type { RoomTicket } from "./room-ticket";

/** `replaced`: a newer socket of ours (another tab or device) took this one's place (close code 4409). */
export type ConnectionStatus = "connecting" | "connected" | "reconnecting" | "offline" | "signed_out" | "replaced";

/**
 * The room closed the socket for good: our session ended, our seat was taken away, or we opened the room on
 * another device or tab (party/socket-cap.ts). Reconnecting would loop on refusals, or make two tabs take turns
 * closing each other.
 */
export const isFinalClose = (code: number): code is RoomCloseCode =>
  code === ROOM_CLOSE.signedOut || code === ROOM_CLOSE.notMember || code === ROOM_CLOSE.replaced;

export interface LinkHooks {
  /** The connection id (PartySocket's `id`), when index.html's script already chose one. */
  socketId: string | undefined;
  /** A ticket for the next connection attempt; throws when none can be had. */
  fetchTicket(): Promise<RoomTicket>;
  onFrame(msg: ServerMessage): void;
  status: Accessor<ConnectionStatus>;
  setStatus(status: ConnectionStatus): void;
  /** The room cannot be entered at all: no retry helps. */
  isFatal(): boolean;
  /**
   * The room closed our socket with a final code (a revocation, or replaced by a newer socket of ours: party/README.md,
   * close codes); the link stays closed.
   */
  revoked(code: RoomCloseCode, reason: string): void;
}

export interface RoomLink {
  /** Sends when the socket is open and in sync; otherwise the action waits for the next snapshot's resend. */
  transmit(msg: ClientMessage): void;
  /** Asks the room for a new snapshot (once until it comes). */
  requestSync(): void;
  /** Whether a snapshot arrived on the current socket. */
  inSync(): boolean;
  /** The snapshot arrived on the current socket. */
  synced(): void;
  close(): void;
}

const offlineOr = (status: ConnectionStatus): ConnectionStatus => (navigator.onLine ? status : "offline");

export function openRoomLink(hooks: LinkHooks): RoomLink {
  let ready = false; // a snapshot arrived on this socket
  let syncRequested = false;
  let closed = false;
  let socket: PartySocket | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const ticket = async () => {
    try {
      return await hooks.fetchTicket();
    } catch (err) {
      if (hooks.isFatal()) {
        closed = true;
        socket?.close();
      }
      throw err;
    }
  };

  const connect = (first: RoomTicket) => {
    let spare: string | null = first.ticket;
    const ws = new PartySocket({
      id: hooks.socketId,
      WebSocket: AdoptingWebSocket,
      host: location.host,
      protocol: location.protocol === "https:" ? "wss" : "ws",
      basePath: first.roomPath.replace(/^\/+/, ""),
      // A fresh ticket per connection attempt; the first one reuses the ticket fetched before the socket.
      query: async () => {
        const next = spare ?? (await ticket()).ticket;
        spare = null;
        return { ticket: next };
      },
      maxEnqueuedMessages: 0,
      // Signed out, no longer a member, or opened elsewhere: reconnecting would only loop.
      shouldReconnectOnClose: (ev) => !isFinalClose(ev.code),
      minReconnectionDelay: 1000 + Math.random() * 2000,
      maxReconnectionDelay: 10_000,
    });
    ws.addEventListener("message", (ev: MessageEvent) => {
      if (typeof ev.data !== "string") return;
      const msg = parseServerMessage(ev.data);
      if (msg) hooks.onFrame(msg);
    });
    ws.addEventListener("close", (ev: CloseEvent) => {
      ready = false;
      syncRequested = false;
      if (isFinalClose(ev.code)) {
        closed = true;
        clearTimeout(retryTimer);
        ws.close();
        hooks.revoked(ev.code, ev.reason);
        return;
      }
      if (!closed && !hooks.isFatal()) hooks.setStatus(offlineOr("reconnecting"));
    });
    return ws;
  };

  const open = async () => {
    let first: RoomTicket;
    try {
      first = await ticket();
    } catch {
      if (closed) return;
      hooks.setStatus(offlineOr("reconnecting"));
      // Keep trying at a calm pace until the room can be entered (or the page is left).
      retryTimer = setTimeout(() => void open(), 3000 + Math.random() * 2000);
      return;
    }
    if (closed) return;
    socket = connect(first);
  };

  const unwatch = watchWakeups(hooks, () => socket?.reconnect());
  void open();

  return {
    transmit(msg) {
      if (socket && ready && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(msg));
    },
    requestSync() {
      if (syncRequested || !socket || socket.readyState !== WebSocket.OPEN) return;
      syncRequested = true;
      socket.send(JSON.stringify({ type: "sync", id: newActionId() } satisfies ClientMessage));
    },
    inSync: () => ready,
    synced() {
      ready = true;
      syncRequested = false;
    },
    close() {
      closed = true;
      clearTimeout(retryTimer);
      unwatch();
      socket?.close();
    },
  };
}

/** The network back or the phone woken up: reconnect at once, not after the backoff. Answers the unsubscribe. */
function watchWakeups(hooks: LinkHooks, reconnect: () => void): () => void {
  // A room that cannot be entered (refused, signed out) stays shut: the network coming back changes nothing.
  const onOffline = () => {
    if (!hooks.isFatal()) hooks.setStatus("offline");
  };
  const onOnline = () => {
    if (hooks.isFatal()) return;
    if (hooks.status() !== "connected") hooks.setStatus("reconnecting");
    reconnect();
  };
  // A phone waking up may hold a dead socket.
  const onVisible = () => {
    if (document.visibilityState === "visible" && hooks.status() !== "connected" && !hooks.isFatal()) reconnect();
  };
  window.addEventListener("offline", onOffline);
  window.addEventListener("online", onOnline);
  document.addEventListener("visibilitychange", onVisible);
  return () => {
    window.removeEventListener("offline", onOffline);
    window.removeEventListener("online", onOnline);
    document.removeEventListener("visibilitychange", onVisible);
  };
}
