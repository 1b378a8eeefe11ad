/**
 * The room closes a socket with 4401 (signed out) or 4403 (no longer a member) when the API revokes the session or
 * the seat (party/revocation.ts). The client's link, against a real WebSocket server that does just that, must
 * show it and stop: no reconnect loop, no new ticket asked for.
 */

import { createServer } from "node:http";
import { createRequire } from "node:module";
import { cleanup, render, screen } from "@solidjs/testing-library";
import { createRoot, createSignal, onCleanup } from "solid-js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { WebSocketServer as Server } from "ws";
import { ROOM_CLOSE } from "../../schema/room/ticket";
import { setLang } from "../../web/src/i18n";
import { ConnectionBanner } from "../../web/src/room/connection-banner";
import { type ConnectionStatus, openRoomLink } from "../../web/src/room/room-link";
import { connectRoom } from "../../web/src/room/room-socket";

// The web project resolves packages for the browser, where `ws` is a stub (and happy-dom's WebSocket, built on
// it, cannot connect): load Node's `ws` server and client by their files. The client stands in for the browser's
// WebSocket (same events, codes and reasons).
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

/** A server that closes every socket at once with this code, counting the connections. */
async function revokingServer(code: number) {
  const counts = { connections: 0 };
  server = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  server.on("connection", (ws) => {
    counts.connections++;
    ws.close(code, code === ROOM_CLOSE.signedOut ? "Đã đăng xuất / Signed out" : "No longer a member here");
  });
  await new Promise<void>((resolve) => server!.once("listening", () => resolve()));
  const address = server.address();
  if (typeof address === "string" || !address) throw new Error("no port");
  pageAt(`http://127.0.0.1:${address.port}/t/x/meetings/m1/room`);
  return counts;
}

/** Puts the page on the test server's origin: the client opens its socket and asks for tickets on `location.host`. */
const pageAt = (url: string) => (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("a revoked room socket", () => {
  for (const code of [ROOM_CLOSE.signedOut, ROOM_CLOSE.notMember]) {
    it(`closed with ${code}: shows signed out and never reconnects`, async () => {
      const counts = await revokingServer(code);
      let tickets = 0;
      const revoked: { code: number; reason: string }[] = [];
      const { status, link } = createRoot(() => {
        const [status, setStatus] = createSignal<ConnectionStatus>("connecting");
        const [fatal, setFatal] = createSignal(false);
        const link = openRoomLink({
          socketId: undefined,
          fetchTicket: async () => {
            tickets++;
            return { ticket: `t${tickets}`, roomPath: "/parties/meeting-room/m1" };
          },
          onFrame: () => {},
          status,
          setStatus,
          isFatal: fatal,
          revoked(c, reason) {
            revoked.push({ code: c, reason });
            setFatal(true);
            setStatus("signed_out");
          },
        });
        return { status, link };
      });
      for (let i = 0; i < 100 && revoked.length === 0; i++) await sleep(20);
      expect(revoked).toEqual([{ code, reason: expect.stringMatching(/Signed out|No longer a member/) }]);
      expect(status()).toBe("signed_out");
      // Past PartySocket's first reconnect delay (1–3 s) and a network "online" event: still one connection.
      window.dispatchEvent(new Event("online"));
      await sleep(3500);
      expect(counts.connections).toBe(1);
      expect(tickets).toBe(1);
      expect(status()).toBe("signed_out");
      link.close();
    });
  }
});

/**
 * The final closes the screen explains and never retries: signed out (4401), and replaced by a newer socket of the
 * same person (4409, party/socket-cap.ts: two tabs would otherwise take turns closing each other).
 */
const finalCloses = [
  {
    name: "shows Đã đăng xuất / Signed out in the banner and asks for no ticket again",
    code: ROOM_CLOSE.signedOut,
    reason: "Đã đăng xuất / Signed out",
    banner: "Đã đăng xuất",
    fatal: { code: "signed_out" },
    status: "signed_out",
  },
  {
    name: "shows “opened on another device or tab” in the banner and never reconnects",
    code: ROOM_CLOSE.replaced,
    reason: "Bạn đã mở phòng họp ở thiết bị/tab khác / Opened on another device or tab",
    banner: "Bạn đã mở phòng họp ở thiết bị/tab khác",
    fatal: { code: "replaced", message: expect.stringContaining("thiết bị/tab khác") },
    status: "replaced",
  },
];

describe("the room screen's connection", () => {
  for (const c of finalCloses) {
    it(c.name, async () => {
      let tickets = 0;
      let connections = 0;
      // The Worker in miniature: the tickets route answers a ticket, the room closes the socket with the code.
      const http = createServer((req, res) => {
        tickets++;
        req.resume();
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ ticket: `t${tickets}`, roomPath: "/parties/meeting-room/m1", role: "official" }));
      });
      server = new WebSocketServer({ server: http });
      server.on("connection", (ws) => {
        connections++;
        ws.close(c.code, c.reason);
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
      expect(await screen.findByText(c.banner, {}, { timeout: 3000 })).toBeTruthy();
      expect(fatal?.()).toMatchObject(c.fatal);
      // Past PartySocket's first reconnect delay (1–3 s) and a network "online" event: still one connection.
      window.dispatchEvent(new Event("online"));
      await sleep(3500);
      expect(connections).toBe(1);
      expect(tickets).toBe(1);
      expect(screen.getByRole("status").dataset.status).toBe(c.status);
    });
  }
});
