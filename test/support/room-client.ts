/**
 * Real WebSocket clients of a meeting room, opened through the Worker's entry inside workerd. Every wait
 * has a timeout, and `closeAllRooms()` (call it in afterEach) closes whatever a test opened.
 */
import { exports } from "cloudflare:workers";
import { type ClientMessage, parseServerMessage, type ServerMessage } from "../../schema/room/messages";

type Distribute<T> = T extends unknown ? Omit<T, "id"> : never;
export type Outgoing = Distribute<ClientMessage>;
type Of<T extends ServerMessage["type"]> = Extract<ServerMessage, { type: T }>;

const open = new Set<RoomClient>();
let counter = 0;
export const nextId = () => `m${Date.now().toString(36)}${(counter++).toString(36)}`;

export class RoomClient {
  readonly received: ServerMessage[] = [];
  readonly raw: string[] = [];
  #waiters: { pred: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];
  closed = false;
  /** The close frame's code and reason, once the server closed the socket. */
  closeCode: number | undefined;
  closeReason = "";

  constructor(readonly ws: WebSocket) {
    ws.addEventListener("message", (e) => {
      const text = typeof e.data === "string" ? e.data : "";
      this.raw.push(text);
      const msg = parseServerMessage(text);
      if (!msg) throw new Error(`unparseable server frame: ${text.slice(0, 300)}`);
      this.received.push(msg);
      this.#waiters = this.#waiters.filter((w) => {
        if (!w.pred(msg)) return true;
        w.resolve(msg);
        return false;
      });
    });
    ws.addEventListener("close", (e) => {
      this.closed = true;
      this.closeCode = e.code;
      this.closeReason = e.reason;
    });
    open.add(this);
  }

  /** Waits for a message (already received since `from`, or future) that matches. */
  wait<T extends ServerMessage>(pred: (m: ServerMessage) => m is T, timeoutMs?: number, from?: number): Promise<T>;
  wait(pred: (m: ServerMessage) => boolean, timeoutMs?: number, from?: number): Promise<ServerMessage>;
  wait(pred: (m: ServerMessage) => boolean, timeoutMs = 5000, from = 0): Promise<ServerMessage> {
    const found = this.received.slice(from).find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(`timed out after ${timeoutMs} ms; last frames: ${this.raw.slice(-3).join(" | ").slice(0, 800)}`),
          ),
        timeoutMs,
      );
      this.#waiters.push({
        pred,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }

  snapshot(): Promise<Of<"snapshot">> {
    return this.wait((m): m is Of<"snapshot"> => m.type === "snapshot");
  }

  /** The latest snapshot after asking for one. */
  async sync(): Promise<Of<"snapshot">> {
    const from = this.received.length;
    this.sendRaw(JSON.stringify({ type: "sync", id: nextId() }));
    return this.wait((m): m is Of<"snapshot"> => m.type === "snapshot", 5000, from);
  }

  /** Waits for the next event of a type (after now, or after `from`). */
  event<T extends ServerMessage["type"]>(
    type: T,
    pred: (m: Of<T>) => boolean = () => true,
    from = this.received.length,
    timeoutMs = 5000,
  ): Promise<Of<T>> {
    return this.wait((m): m is Of<T> => m.type === type && pred(m as Of<T>), timeoutMs, from);
  }

  sendRaw(text: string) {
    this.ws.send(text);
  }

  /** Sends an action and waits for its ack or error. */
  async request(msg: Outgoing, id = nextId()): Promise<Of<"ack"> | Of<"error">> {
    const from = this.received.length;
    this.sendRaw(JSON.stringify({ ...msg, id }));
    return this.wait(
      (m): m is Of<"ack"> | Of<"error"> => (m.type === "ack" || m.type === "error") && m.ref === id,
      5000,
      from,
    );
  }

  /** Sends an action that must be acknowledged. */
  async ok(msg: Outgoing, id?: string): Promise<Of<"ack">> {
    const res = await this.request(msg, id);
    if (res.type !== "ack") throw new Error(`${msg.type} refused: ${res.code} ${res.message}`);
    return res;
  }

  /** Sends an action that must be refused with this code. */
  async refused(msg: Outgoing, code: Of<"error">["code"], id?: string): Promise<Of<"error">> {
    const res = await this.request(msg, id);
    if (res.type !== "error") throw new Error(`${msg.type} was accepted, expected ${code}`);
    if (res.code !== code) throw new Error(`${msg.type}: expected ${code}, got ${res.code} (${res.message})`);
    return res;
  }

  close() {
    if (!this.closed) {
      try {
        this.ws.close(1000, "test done");
      } catch {
        // already closing
      }
    }
    this.closed = true;
    open.delete(this);
  }
}

export interface ConnectOptions {
  origin?: string;
  ticket?: string | null;
}

/** Opens a room socket; answers the refusal Response when the Worker does not upgrade. */
export async function connectRoom(
  meetingId: string,
  ticket: string | null,
  options: ConnectOptions = {},
): Promise<RoomClient | Response> {
  const url = new URL(`http://chibo.test/parties/meeting-room/${meetingId}`);
  if (ticket !== null) url.searchParams.set("ticket", ticket);
  url.searchParams.set("_pk", nextId());
  const res = await exports.default.fetch(url.toString(), {
    headers: { Upgrade: "websocket", ...(options.origin ? { Origin: options.origin } : {}) },
  });
  if (res.status !== 101 || !res.webSocket) return res;
  const ws = res.webSocket;
  ws.accept();
  return new RoomClient(ws);
}

/** Opens a room socket that must be accepted, and waits for the first snapshot. */
export async function joinRoom(meetingId: string, ticket: string): Promise<RoomClient> {
  const c = await connectRoom(meetingId, ticket);
  if (!(c instanceof RoomClient)) throw new Error(`connection refused: ${c.status} ${await c.text()}`);
  await c.snapshot();
  return c;
}

export function closeAllRooms() {
  for (const c of [...open]) c.close();
}

/** Polls until `check` returns a value that is not undefined/false, or fails after the timeout. */
export async function eventually<T>(check: () => Promise<T | undefined | false | null>, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false && v !== null) return v;
    if (Date.now() > until) throw new Error("eventually: condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}
