/**
 * On a live room or hall address, starts what a member waits for while the app's code is still loading:
 * that page's code, the room ticket, and as soon as the ticket comes, the room's socket (room-early.ts hands
 * it to the room connection). On a slow phone network this saves round trips before a member can vote.
 *
 * Its own tiny entry, not part of the app's code: index.html loads it as a module ahead of the app's entry,
 * so it is fetched beside the entry and runs first, and the Content-Security-Policy needs no inline script
 * (worker/security-headers.ts). It imports nothing, so it never waits for the shell's chunk: the live pages'
 * address pattern (schema/room-page.ts) is written in by the build (`define` in web/vite.config.ts). What it reads sits in JSON data blocks of the page: the
 * room pages' chunks (written by the build, web/vite-plugins.ts) and, when the Worker put it there
 * (worker/room-page.ts), the visitor's ticket; otherwise (not logged in, no seat) it asks for the ticket.
 */

/** ROOM_PAGE_PATTERN's source (schema/room-page.ts): groups 1 and 2 the encoded tenant and meeting, 3 the page. */
declare const __ROOM_PAGE_SOURCE__: string;

/** The live page this path names (as schema/room-page.ts's parseRoomPagePath), or null. */
function liveAddress(path: string): { tenantId: string; meetingId: string; page: "room" | "hall" } | null {
  const m = new RegExp(__ROOM_PAGE_SOURCE__).exec(path);
  if (!m) return null;
  try {
    return { tenantId: decodeURIComponent(m[1]!), meetingId: decodeURIComponent(m[2]!), page: m[3] as "room" | "hall" };
  } catch {
    return null;
  }
}

/** JSON of a data block in the page, or null. */
function dataBlock(id: string): unknown {
  try {
    const el = document.getElementById(id);
    return el?.textContent ? JSON.parse(el.textContent) : null;
  } catch {
    return null;
  }
}

function boot() {
  const path = location.pathname;
  const address = liveAddress(path);
  if (!address || !window.fetch) return;
  const { tenantId, meetingId, page } = address;
  const embedded = dataBlock("chibo-ticket");
  const early: NonNullable<Window["chiboRoomTicket"]> = {
    path,
    // randomUUID needs a secure context (HTTPS or localhost): elsewhere the app opens its own socket.
    pk: typeof crypto.randomUUID === "function" ? crypto.randomUUID() : undefined,
    answer: embedded
      ? Promise.resolve(embedded)
      : fetch(`/api/tenants/${encodeURIComponent(tenantId)}/tickets`, {
          method: "POST",
          credentials: "same-origin",
          headers: { accept: "application/json", "content-type": "application/json" },
          body: JSON.stringify({ meetingId }),
        })
          .then((res) => (res.ok ? res.json() : null))
          .catch(() => null),
  };
  window.chiboRoomTicket = early;
  // After the ticket: on HTTP/1.1 (six connections) the ticket must not queue behind the code. The Worker
  // usually put these links in the page already (worker/room-page.ts); this covers a page it did not.
  const assets = (dataBlock("chibo-room-assets") ?? {}) as Record<string, string[] | undefined>;
  const linked = new Set([...document.querySelectorAll("link[href]")].map((l) => l.getAttribute("href")));
  for (const href of (assets[page] ?? []).filter((h) => !linked.has(h))) {
    const link = document.createElement("link");
    if (href.endsWith(".css")) {
      link.rel = "preload";
      link.as = "style";
    } else link.rel = "modulepreload";
    link.crossOrigin = "";
    link.href = href;
    document.head.appendChild(link);
  }
  const pk = early.pk;
  if (!pk || !window.WebSocket || !window.URLSearchParams) return;
  void early.answer.then((answer) => {
    const body = answer as { ticket?: unknown; roomPath?: unknown } | null;
    if (!body || typeof body.ticket !== "string" || typeof body.roomPath !== "string") return;
    // The same URL PartySocket builds (roomSocketUrl in room-early.ts), or the app opens its own.
    const query = new URLSearchParams({ _pk: pk, ticket: body.ticket });
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const url = `${scheme}://${location.host}/${body.roomPath.replace(/^\/+/, "")}?${query}`;
    const socket: NonNullable<typeof early.socket> = { url, ws: new WebSocket(url), events: [] };
    for (const type of ["open", "message", "close", "error"]) {
      socket.ws.addEventListener(type, (ev) => socket.events?.push(ev));
    }
    early.socket = socket;
  });
}

boot();
