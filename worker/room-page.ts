/**
 * The live room and hall pages (/t/:tenantId/meetings/:meetingId/room|hall: schema/room-page.ts) reach the Worker before the
 * assets ([assets] run_worker_first). When the request carries a live session of someone entitled to the
 * meeting, the page's HTML comes with that person's room ticket inside, so web/src/room/room-boot.ts (loaded by
 * index.html) opens the room's socket at once instead of first asking POST /api/tenants/:tenantId/tickets: one round
 * trip less before a member can vote (~0.56 s on slow 4G).
 *
 * The ticket keeps its guarantees: it is minted by the same code and rules as the tickets route
 * (ticketForMeeting), is short-lived (ROOM_TICKET_TTL_SECONDS, 2 minutes) and bound to this person and
 * meeting. The session cookie is SameSite=Strict and another site cannot read this page's HTML (same-origin
 * policy; no CORS is granted), and the page is answered `no-store, private` so no cache keeps a ticket.
 *
 * Every other case (no or dead session, no standing, another tenant's meeting, closed meeting, any error)
 * gets the plain index.html, never an error: the client then asks for the ticket as before.
 */

import { parse } from "hono/utils/cookie";
import type { TicketResponse } from "../schema/api/tickets";
import { idSchema } from "../schema/ids";
import { parseRoomPagePath } from "../schema/room-page";
import { tenantSessionAccess } from "./data/access";
import { ticketForMeeting } from "./data/room-ticket";
import { SESSION_COOKIE, verifySessionToken } from "./lib/session-token";

/** The JSON data block web/src/room/room-boot.ts reads (a data block: the CSP never runs it as script). */
export const TICKET_ELEMENT_ID = "chibo-ticket";

/** The ticket the page's visitor would get from the tickets route, or null (never throws). */
export async function roomPageTicket(request: Request, env: Cloudflare.Env): Promise<TicketResponse | null> {
  try {
    const address = parseRoomPagePath(new URL(request.url).pathname);
    if (!address) return null;
    const token = parse(request.headers.get("cookie") ?? "", SESSION_COOKIE)[SESSION_COOKIE];
    if (!token) return null;
    const session = await verifySessionToken(env, token);
    const { tenantId, meetingId } = address;
    if (!session || !idSchema.safeParse(meetingId).success) return null;
    const { live, access, shard } = await tenantSessionAccess(env, session, tenantId);
    if (!live || !access || !shard) return null;
    return await ticketForMeeting(env, shard, access, session, meetingId);
  } catch {
    // Not entitled (the route's 403/404/409) or anything unexpected: the client asks the route itself.
    return null;
  }
}

/** JSON safe inside a <script> element: no `<` (so no `</script>`), no `>`/`&`, no JS line separators. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * The page with the tickets route's whole answer as a JSON data block at the top of <head>, ahead of the
 * module that reads it (the room connection validates it as it does the route's), never stored by any cache.
 */
export function withTicket(page: Response, ticket: TicketResponse): Response {
  const tag = `<script id="${TICKET_ELEMENT_ID}" type="application/json">${scriptSafeJson(ticket)}</script>`;
  const rewritten = new HTMLRewriter()
    .on("head", { element: (head) => void head.prepend(tag, { html: true }) })
    .transform(page);
  const res = new Response(rewritten.body, rewritten);
  res.headers.set("Cache-Control", "no-store, private");
  res.headers.delete("ETag");
  res.headers.delete("Content-Length");
  return res;
}

/** The JSON data block in which the build lists the room and hall pages' chunks (web/vite-plugins.ts). */
export const ASSETS_ELEMENT_ID = "chibo-room-assets";

/**
 * The page with `<link rel=modulepreload>` (and preload for CSS) for the room or hall page's own chunks right
 * after the block that lists them, so the browser fetches them with the HTML's first wave instead of once
 * room-boot.ts has loaded and run (an external module now, for the CSP: one slow-4G round trip later).
 */
export function withPreloads(page: Response, kind: "room" | "hall"): Response {
  const type = page.headers.get("content-type") ?? "";
  if (page.status !== 200 || !type.startsWith("text/html")) return page;
  let json = "";
  const links = () => {
    try {
      const files = (JSON.parse(json) as Record<string, unknown>)[kind];
      if (!Array.isArray(files)) return "";
      return files
        .filter((f): f is string => typeof f === "string" && /^\/assets\/[\w.-]+\.(?:js|css)$/.test(f))
        .map((f) =>
          f.endsWith(".css")
            ? `<link rel="preload" as="style" crossorigin href="${f}">`
            : `<link rel="modulepreload" crossorigin href="${f}">`,
        )
        .join("");
    } catch {
      return "";
    }
  };
  const rewritten = new HTMLRewriter()
    .on(`script#${ASSETS_ELEMENT_ID}`, {
      text: (chunk) => {
        json += chunk.text;
      },
      element: (el) => el.onEndTag((end) => void end.after(links(), { html: true })),
    })
    .transform(page);
  const res = new Response(rewritten.body, rewritten);
  res.headers.delete("Content-Length");
  return res;
}

/** GET of a room or hall page: index.html with its chunks' preloads, and the visitor's ticket when they may enter. */
export async function roomPage(request: Request, env: Cloudflare.Env): Promise<Response> {
  const plain = () => env.ASSETS.fetch(request);
  // run_worker_first's `*` also spans slashes: anything but an exact room page is the plain asset answer.
  const address = request.method === "GET" ? parseRoomPagePath(new URL(request.url).pathname) : null;
  if (!address) return plain();
  const kind = address.page;
  const ticket = await roomPageTicket(request, env);
  if (!ticket) return withPreloads(await plain(), kind);
  // A fresh, unconditional fetch of the page: a 304 to the browser's cached copy would carry no ticket.
  const page = await env.ASSETS.fetch(new URL("/", request.url));
  return page.ok ? withTicket(withPreloads(page, kind), ticket) : plain();
}
