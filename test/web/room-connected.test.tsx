/**
 * "connected" means the room accepts our frames: an effect that runs when the status turns "connected" (the media
 * layer says hello to the hall then) must be able to send at once, without waiting a microtask. Against a real
 * WebSocket server that sends a snapshot and records what it receives.
 */

import { createServer } from "node:http";
import { createRequire } from "node:module";
import { createEffect, createRoot, on } from "solid-js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { WebSocketServer as Server } from "ws";
import type { ClientMessage, ServerMessage } from "../../schema/room/messages";
import { connectRoom } from "../../web/src/room/room-socket";
import { emptyRoomView, officialMember } from "./room-view-fixture";

// As in room-signed-out.test.tsx: Node's `ws` stands in for the browser's WebSocket.
const load = createRequire(import.meta.url);
const WebSocketServer = load("../../node_modules/ws/lib/websocket-server.js") as typeof Server;
const NodeWebSocket = load("../../node_modules/ws/lib/websocket.js") as typeof WebSocket;
const pageWebSocket = globalThis.WebSocket;

let server: Server | undefined;
beforeEach(() => {
  globalThis.WebSocket = NodeWebSocket;
});
afterEach(() => {
  server?.close();
  globalThis.WebSocket = pageWebSocket;
});

const pageAt = (url: string) => (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const NOW = "2026-12-07T05:00:00.000Z";
const state = emptyRoomView(NOW, "Sinh hoạt thường kỳ tháng 12");
const you = officialMember;

/** The Worker in miniature: tickets on any request; the room sends its snapshot and keeps what it receives. */
async function roomServer() {
  const received: ClientMessage[] = [];
  const http = createServer((req, res) => {
    req.resume();
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ ticket: "t1", roomPath: "/parties/meeting-room/m1", role: "official" }));
  });
  server = new WebSocketServer({ server: http });
  server.on("connection", (ws) => {
    ws.on("message", (data) => received.push(JSON.parse(String(data)) as ClientMessage));
    ws.send(JSON.stringify({ type: "snapshot", version: 1, you, state } satisfies ServerMessage));
  });
  server.on("close", () => http.close());
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", () => resolve()));
  const address = http.address();
  if (typeof address === "string" || !address) throw new Error("no port");
  pageAt(`http://127.0.0.1:${address.port}/t/t1/meetings/m1/room`);
  return received;
}

describe("the room connection's status", () => {
  it("turns connected only when a frame sent from that very moment reaches the room", async () => {
    const received = await roomServer();
    const errors: unknown[] = [];
    const conn = createRoot(() => {
      const conn = connectRoom("t1", "m1");
      createEffect(
        on(conn.status, (status) => {
          if (status !== "connected") return;
          try {
            conn.rtc.hangup({ personId: "p-chair" });
          } catch (err) {
            errors.push(err);
          }
        }),
      );
      return conn;
    });
    for (let i = 0; i < 150 && received.length === 0; i++) await sleep(20);
    conn.close();
    expect(conn.status()).toBe("connected");
    expect(errors).toEqual([]);
    expect(received).toEqual([{ type: "rtc/hangup", id: expect.any(String), to: "p-chair" }]);
  });
});
