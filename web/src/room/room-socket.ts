/**
 * The client's one connection to a live room, around PartySocket.
 *
 * - Every (re)connect fetches a fresh ticket (`query` is an async function): tickets live two minutes and
 *   sit in the URL, so an old one is never reused.
 * - Every frame is parsed with the shared `serverMessageSchema`; an unreadable frame is dropped.
 * - The snapshot comes first; events carry versions, and a skipped version asks for a new snapshot.
 * - Every action carries an id and stays pending until acked or refused. PartySocket's own offline queue
 *   is off (it would replay blindly): after each snapshot we resend what is still pending, and the room
 *   recognises a replayed id. Pending actions also survive a page reload (sessionStorage).
 * - The owner closes it in Solid's `onCleanup`.
 */
import PartySocket from "partysocket";
import { type Accessor, batch, createSignal } from "solid-js";
import { createStore, produce, reconcile, unwrap } from "solid-js/store";
import * as z from "zod/mini";
import {
  type ClientMessage,
  clientMessageSchema,
  parseServerMessage,
  type RoomErrorCode,
  type ServerMessage,
} from "../../../schema/room/messages";
import type { LeaderNoteView, RoomView, You } from "../../../schema/room/views";
import { ApiFailure, request } from "../api/http";
import { AdoptingWebSocket, takeEarlyStart } from "./room-early";
import { applyEvent, copyForEvent, versionStep } from "./room-state";

export type ConnectionStatus = "connecting" | "connected" | "reconnecting" | "offline";

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An action as a screen writes it; the connection gives it its id. */
export type RoomAction = DistributiveOmit<ClientMessage, "id">;

export type ActionOutcome =
  | { ok: true; duplicate: boolean; entityId?: string }
  | { ok: false; code: RoomErrorCode | "gone"; message: string };

export interface PendingAction {
  id: string;
  msg: ClientMessage;
}

export interface RoomData {
  view: RoomView | null;
  you: You | null;
  notes: LeaderNoteView[];
}

/** Why the room cannot be entered at all (no retry helps). */
export interface FatalError {
  code: "forbidden" | "not_found" | "unauthorized" | "conflict";
  message: string;
}

export interface RoomConnection {
  data: RoomData;
  status: Accessor<ConnectionStatus>;
  pending: Accessor<PendingAction[]>;
  fatal: Accessor<FatalError | null>;
  /** Refusals without a request of ours to attach to, and the last refusals of our actions. */
  lastError: Accessor<{ code: string; message: string; at: number } | null>;
  /** Server clock minus ours, in ms, from the last snapshot: timers use `Date.now() + offset`. */
  clockOffset: Accessor<number>;
  send(action: RoomAction): Promise<ActionOutcome>;
  close(): void;
}

const ticketResponseSchema = z.object({
  ticket: z.string().check(z.minLength(1)),
  roomPath: z.string().check(z.minLength(1)),
});

const newActionId = () => crypto.randomUUID().replaceAll("-", "");

export function connectRoom(tenantId: string, meetingId: string): RoomConnection {
  const storageKey = `chibo.room.pending.${meetingId}`;
  const [data, setData] = createStore<RoomData>({ view: null, you: null, notes: [] });
  const [status, setStatus] = createSignal<ConnectionStatus>("connecting");
  const [pending, setPending] = createSignal<PendingAction[]>(loadPending(storageKey));
  const [fatal, setFatal] = createSignal<FatalError | null>(null);
  const [lastError, setLastError] = createSignal<{ code: string; message: string; at: number } | null>(null);
  const [clockOffset, setClockOffset] = createSignal(0);
  const waiters = new Map<string, (outcome: ActionOutcome) => void>();
  let version = -1;
  let ready = false; // a snapshot arrived on this socket
  let syncRequested = false;
  let closed = false;
  let socket: PartySocket | null = null;
  // A ticket asked for (and a socket opened) while the app was still loading: see room-early.ts.
  let earlyStart = takeEarlyStart(tenantId, meetingId);
  const socketId = earlyStart?.pk;

  const savePending = (list: PendingAction[]) => {
    setPending(list);
    try {
      if (list.length) sessionStorage.setItem(storageKey, JSON.stringify(list));
      else sessionStorage.removeItem(storageKey);
    } catch {
      // Storage off: pending actions still survive reconnects, only not a reload.
    }
  };

  const settle = (ref: string, outcome: ActionOutcome) => {
    savePending(pending().filter((p) => p.id !== ref));
    waiters.get(ref)?.(outcome);
    waiters.delete(ref);
  };

  const transmit = (msg: ClientMessage) => {
    if (socket && ready && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(msg));
  };

  const requestSync = () => {
    if (syncRequested || !socket || socket.readyState !== WebSocket.OPEN) return;
    syncRequested = true;
    socket.send(JSON.stringify({ type: "sync", id: newActionId() } satisfies ClientMessage));
  };

  const fetchTicket = async () => {
    const early = earlyStart?.answer;
    earlyStart = null;
    if (early) {
      const parsed = ticketResponseSchema.safeParse(await early);
      if (parsed.success) return parsed.data;
    }
    try {
      const body = await request<unknown>("POST", `/api/tenants/${encodeURIComponent(tenantId)}/tickets`, {
        meetingId,
      });
      return ticketResponseSchema.parse(body);
    } catch (err) {
      // No access, no such meeting, or a meeting that is not open (closed, cancelled): retrying will not help.
      if (
        err instanceof ApiFailure &&
        (err.code === "forbidden" || err.code === "not_found" || err.code === "unauthorized" || err.code === "conflict")
      ) {
        setFatal({ code: err.code, message: err.message });
        closed = true;
        socket?.close();
      } else if (err instanceof ApiFailure && err.code === "network") {
        setStatus("offline");
      }
      throw err;
    }
  };

  const onMessage = (msg: ServerMessage) => {
    switch (msg.type) {
      case "snapshot": {
        batch(() => {
          setData("view", reconcile(msg.state));
          setData("you", reconcile(msg.you));
          setClockOffset(Date.parse(msg.state.now) - Date.now());
          setStatus("connected");
        });
        version = msg.version;
        ready = true;
        syncRequested = false;
        for (const p of pending()) transmit(p.msg);
        return;
      }
      case "notes":
        setData("notes", reconcile(msg.notes));
        return;
      case "ack": {
        const { ballot } = msg;
        if (ballot)
          setData(
            "you",
            produce((you) => you && (you.ballots[ballot.voteId] = ballot.choice)),
          );
        settle(msg.ref, { ok: true, duplicate: msg.duplicate ?? false, entityId: msg.entityId });
        return;
      }
      case "error":
        setLastError({ code: msg.code, message: msg.message, at: Date.now() });
        if (msg.ref) settle(msg.ref, { ok: false, code: msg.code, message: msg.message });
        return;
      default: {
        if (!ready || !data.view) return;
        const step = versionStep(version, msg.version);
        if (step === "resync") return requestSync();
        if (step === "ignore") return;
        version = msg.version;
        // Merge into a copy, then reconcile by id: rows that stay keep their DOM (and whatever is being typed
        // in them), where assigning the event's fresh objects would rebuild every row of a changed list.
        const next = copyForEvent(unwrap(data.view));
        applyEvent(next, msg);
        setData("view", reconcile(next));
      }
    }
  };

  const open = async () => {
    let first: z.infer<typeof ticketResponseSchema>;
    try {
      first = await fetchTicket();
    } catch {
      if (closed) return;
      setStatus(navigator.onLine ? "reconnecting" : "offline");
      // Keep trying at a calm pace until the room can be entered (or the page is left).
      retryTimer = setTimeout(() => void open(), 3000 + Math.random() * 2000);
      return;
    }
    if (closed) return;
    let spare: string | null = first.ticket;
    socket = new PartySocket({
      id: socketId,
      WebSocket: AdoptingWebSocket,
      host: location.host,
      protocol: location.protocol === "https:" ? "wss" : "ws",
      basePath: first.roomPath.replace(/^\/+/, ""),
      // A fresh ticket per connection attempt; the first one reuses the ticket fetched just above.
      query: async () => {
        const ticket = spare ?? (await fetchTicket()).ticket;
        spare = null;
        return { ticket };
      },
      maxEnqueuedMessages: 0,
      minReconnectionDelay: 1000 + Math.random() * 2000,
      maxReconnectionDelay: 10_000,
    });
    socket.addEventListener("message", (ev: MessageEvent) => {
      if (typeof ev.data !== "string") return;
      const msg = parseServerMessage(ev.data);
      if (msg) onMessage(msg);
    });
    socket.addEventListener("close", () => {
      ready = false;
      syncRequested = false;
      if (!closed && !fatal()) setStatus(navigator.onLine ? "reconnecting" : "offline");
    });
  };

  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  const onOffline = () => setStatus("offline");
  const onOnline = () => {
    if (status() !== "connected") setStatus("reconnecting");
    socket?.reconnect();
  };
  // A phone waking up may hold a dead socket: reconnect at once instead of waiting for the backoff.
  const onVisible = () => {
    if (document.visibilityState === "visible" && status() !== "connected" && !fatal()) socket?.reconnect();
  };
  window.addEventListener("offline", onOffline);
  window.addEventListener("online", onOnline);
  document.addEventListener("visibilitychange", onVisible);
  void open();

  return {
    data,
    status,
    pending,
    fatal,
    lastError,
    clockOffset,
    send(action) {
      const msg = { ...action, id: newActionId() } as ClientMessage;
      savePending([...pending(), { id: msg.id, msg }]);
      transmit(msg);
      return new Promise((resolve) => waiters.set(msg.id, resolve));
    },
    close() {
      closed = true;
      clearTimeout(retryTimer);
      window.removeEventListener("offline", onOffline);
      window.removeEventListener("online", onOnline);
      document.removeEventListener("visibilitychange", onVisible);
      socket?.close();
      for (const resolve of waiters.values()) resolve({ ok: false, code: "gone", message: "closed" });
      waiters.clear();
    },
  };
}

function loadPending(key: string): PendingAction[] {
  try {
    const raw = sessionStorage.getItem(key);
    const list: unknown = raw ? JSON.parse(raw) : [];
    if (!Array.isArray(list)) return [];
    const out: PendingAction[] = [];
    for (const item of list) {
      const parsed = clientMessageSchema.safeParse(
        typeof item === "object" && item !== null && "msg" in item ? item.msg : null,
      );
      if (parsed.success) out.push({ id: parsed.data.id, msg: parsed.data });
    }
    return out;
  } catch {
    return [];
  }
}
