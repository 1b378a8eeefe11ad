/**
 * A head start for the room on a slow phone network. When the app starts on a room or hall address, the
 * ticket is asked for at once and, as soon as it comes, the socket is opened: by room-boot.ts (loaded by
 * index.html ahead of the app's entry, before the rest of our code has loaded) or else here, beside the room's
 * code rather than after it.
 * The room connection later adopts that socket through PartySocket's `WebSocket` option, with what arrived
 * meanwhile (the snapshot) replayed in order. Under 4× CPU and a slow-4G profile this saves the ticket's
 * round trip and the socket's handshake (~1.5 s).
 *
 * It sits in the entry chunk, so it is tiny and free of zod; the room connection validates the ticket.
 * Unclaimed (the person is not logged in, or went elsewhere), the socket is closed after a while.
 */
import { parseRoomPagePath } from "../../../schema/room-page";
import { randomId } from "./random-id";

declare global {
  interface Window {
    /**
     * Set by room-boot.ts: the ticket asked for before this code has loaded, the connection
     * id it chose, and the socket it opened with the ticket (its events kept in `events` until claimed here).
     */
    chiboRoomTicket?: {
      path: string;
      answer: Promise<unknown>;
      pk?: string;
      socket?: { url: string; ws: WebSocket; events: Event[] | null };
    };
  }
}
const UNCLAIMED_MS = 20_000;

interface Early {
  key: string;
  answer: Promise<unknown>;
  /** The socket's URL as PartySocket will build it (same `_pk`, same ticket), once the ticket came. */
  url: string | null;
  socket: EarlySocket | null;
  pk: string;
}

let early: Early | null = null;

/** Holds a real WebSocket and the events it fired until someone claims it, then replays and forwards them. */
class EarlySocket extends EventTarget {
  readonly ws: WebSocket;
  private queue: Event[] = [];
  private claimed = false;

  /** Opens `url`, or takes over a socket room-boot opened, with the events it kept so far. */
  constructor(url: string, opened?: { ws: WebSocket; events: Event[] | null }) {
    super();
    this.ws = opened?.ws ?? new WebSocket(url);
    const keep = (ev: Event) => {
      const copy =
        ev instanceof MessageEvent
          ? new MessageEvent("message", { data: ev.data })
          : ev instanceof CloseEvent
            ? new CloseEvent("close", { code: ev.code, reason: ev.reason, wasClean: ev.wasClean })
            : new Event(ev.type);
      if (this.claimed) this.dispatchEvent(copy);
      else this.queue.push(copy);
    };
    if (opened) {
      for (const ev of opened.events ?? []) keep(ev);
      opened.events = null;
    }
    for (const type of ["open", "message", "close", "error"]) this.ws.addEventListener(type, keep);
  }

  /** PartySocket attaches its listeners right after construction: replay on the next task. */
  claim(): this {
    setTimeout(() => {
      const queued = this.queue;
      this.queue = [];
      this.claimed = true;
      for (const ev of queued) this.dispatchEvent(ev);
    });
    return this;
  }

  get readyState() {
    // Until the open event is replayed, PartySocket must not think it can send.
    return this.claimed || this.ws.readyState !== WebSocket.OPEN ? this.ws.readyState : WebSocket.CONNECTING;
  }
  get url() {
    return this.ws.url;
  }
  get protocol() {
    return this.ws.protocol;
  }
  get extensions() {
    return this.ws.extensions;
  }
  get bufferedAmount() {
    return this.ws.bufferedAmount;
  }
  get binaryType() {
    return this.ws.binaryType;
  }
  set binaryType(v: BinaryType) {
    this.ws.binaryType = v;
  }
  send(data: string | Blob | BufferSource) {
    this.ws.send(data);
  }
  close(code?: number, reason?: string) {
    this.ws.close(code, reason);
  }
}

export function startRoomEarly(pathname = location.pathname): void {
  const address = parseRoomPagePath(pathname);
  if (!address) return;
  const { tenantId, meetingId } = address;
  const fromHtml = window.chiboRoomTicket?.path === pathname ? window.chiboRoomTicket : undefined;
  window.chiboRoomTicket = undefined;
  const pk = fromHtml?.pk ?? randomId();
  const answer = fromHtml
    ? fromHtml.answer
    : fetch(`/api/tenants/${encodeURIComponent(tenantId)}/tickets`, {
        method: "POST",
        credentials: "same-origin",
        headers: { accept: "application/json", "content-type": "application/json" },
        body: JSON.stringify({ meetingId }),
      })
        .then((res) => (res.ok ? (res.json() as Promise<unknown>) : null))
        .catch(() => null);
  const state: Early = { key: `${tenantId}/${meetingId}`, answer, url: null, socket: null, pk };
  early = state;
  void answer.then((body) => {
    if (early !== state || typeof body !== "object" || body === null) return;
    const { ticket, roomPath } = body as { ticket?: unknown; roomPath?: unknown };
    if (typeof ticket !== "string" || typeof roomPath !== "string") return;
    state.url = roomSocketUrl(roomPath, pk, ticket);
    // room-boot's socket is adopted only if it was opened on exactly the URL PartySocket will ask for.
    const opened = fromHtml?.socket;
    if (opened && opened.url !== state.url) opened.ws.close();
    state.socket = new EarlySocket(state.url, opened?.url === state.url ? opened : undefined);
    setTimeout(() => {
      if (early === state && state.socket) {
        state.socket.close();
        early = null;
      }
    }, UNCLAIMED_MS);
  });
}

/** The URL PartySocket builds for `basePath` + `?_pk=…&ticket=…` on this page's host. */
export function roomSocketUrl(roomPath: string, pk: string, ticket: string): string {
  const protocol = location.protocol === "https:" ? "wss" : "ws";
  return `${protocol}://${location.host}/${roomPath.replace(/^\/+/, "")}?${new URLSearchParams({ _pk: pk, ticket })}`;
}

/** The early ticket answer and connection id for this room (once), or null. */
export function takeEarlyStart(tenantId: string, meetingId: string): { answer: Promise<unknown>; pk: string } | null {
  if (!early || early.key !== `${tenantId}/${meetingId}`) return null;
  return { answer: early.answer, pk: early.pk };
}

/**
 * For PartySocket's `WebSocket` option: the early socket when PartySocket asks for exactly its URL,
 * otherwise a fresh WebSocket.
 */
function adoptingWebSocket(url: string, protocols?: string | string[]): WebSocket | EarlySocket {
  const state = early;
  if (state?.socket && state.url === url) {
    early = null;
    return state.socket.claim();
  }
  return new WebSocket(url, protocols);
}
/** PartySocket calls its `WebSocket` option with `new`; a function that returns an object hands that object back. */
export const AdoptingWebSocket = adoptingWebSocket as unknown as typeof WebSocket;
