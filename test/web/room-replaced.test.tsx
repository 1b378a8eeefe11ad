/**
 * The room closes a person's oldest socket with 4409 when they open it on one device or tab too many
 * (party/socket-cap.ts). The client, against a real WebSocket server that does just that, must say so calmly
 * ("Bạn đã mở phòng họp ở thiết bị/tab khác") and stop: no reconnect loop (two tabs would take turns closing each
 * other), no new ticket asked for.
 */

import { createServer } from "node:http";
import { createRequire } from "node:module";
import { cleanup, render, screen } from "@solidjs/testing-library";
import { onCleanup } from "solid-js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { WebSocketServer as Server } from "ws";
import { ROOM_CLOSE } from "../../schema/room/ticket";
import { setLang } from "../../web/src/i18n";
import { ConnectionBanner } from "../../web/src/room/connection-banner";
import { connectRoom } from "../../web/src/room/room-socket";

// As in room-signed-out.test.tsx: Node's `ws` server and client, loaded by their files, the client standing in
// for the browser's WebSocket.
const load = createRequire(import.meta.url);
const WebSocketServer = load("../../node_modules/ws/lib/websocket-server.js") as typeof Server;
const NodeWebSocket = load("../../node_modules/ws/lib/websocket.js") as typeof WebSocket;
const pageWebSocket = globalThis.WebSocket;

let server: Server | undefined;
beforeEach(() => {
  globalThis.WebSocket = NodeWebSocket;
});
afterEach(() => {
  cleanup();
  server?.close();
  globalThis.WebSocket = pageWebSocket;
});

const pageAt = (url: string) => (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("a room socket replaced by a newer one of the same person", () => {
  it("shows “opened on another device or tab” in the banner and never reconnects", async () => {
    let tickets = 0;
    let connections = 0;
    // The Worker in miniature: the tickets route answers a ticket, the room closes the socket with 4409.
    const http = createServer((req, res) => {
      tickets++;
      req.resume();
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ ticket: `t${tickets}`, roomPath: "/parties/meeting-room/m1", role: "official" }));
    });
    server = new WebSocketServer({ server: http });
    server.on("connection", (ws) => {
      connections++;
      ws.close(ROOM_CLOSE.replaced, "Bạn đã mở phòng họp ở thiết bị/tab khác / Opened on another device or tab");
    });
    server.on("close", () => http.close());
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", () => resolve()));
    const address = http.address();
    if (typeof address === "string" || !address) throw new Error("no port");
    pageAt(`http://127.0.0.1:${address.port}/t/t1/meetings/m1/room`);
    setLang("vi");
    let fatal: (() => unknown) | undefined;
    render(() => {
      const conn = connectRoom("t1", "m1");
      fatal = conn.fatal;
      onCleanup(() => conn.close());
      return <ConnectionBanner conn={conn} />;
    });
    expect(await screen.findByText("Bạn đã mở phòng họp ở thiết bị/tab khác", {}, { timeout: 3000 })).toBeTruthy();
    expect(fatal?.()).toMatchObject({ code: "replaced", message: expect.stringContaining("thiết bị/tab khác") });
    // Past PartySocket's first reconnect delay (1–3 s) and a network "online" event: still one connection.
    window.dispatchEvent(new Event("online"));
    await sleep(3500);
    expect(connections).toBe(1);
    expect(tickets).toBe(1);
    expect(screen.getByRole("status").dataset.status).toBe("replaced");
  });
});
