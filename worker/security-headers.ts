/**
 * The security headers on every response the Worker serves: the API, the room and hall pages, and every
 * other page of the client (the Worker runs first for all but /assets/*, wrangler.toml, so each HTML
 * document gets its policy from here; the hashed JS and CSS under /assets/ get nosniff from web/public/_headers).
 *
 * The Content-Security-Policy lets a page load code, styles, fonts and data only from this origin and talk
 * only to this origin and its room sockets. No inline script runs (index.html's room head start is the
 * external module src/room/room-boot.ts; the room ticket travels in a JSON data block, which CSP never
 * executes). Styles need no 'unsafe-inline': the built CSS is external, and Solid's `style={{…}}` props and the
 * text-size control write through the CSSOM (element.style), which style-src does not govern.
 * `img-src data:` is for index.html's empty favicon (`data:,`, which spares a /favicon.ico request); the
 * minutes PDF is built in the page (no worker) and saved through a blob: download link, which CSP leaves alone.
 */
import type { Context, MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";

/** Two years, subdomains included: only ever sent over HTTPS (a deployed Worker), never to http://localhost. */
export const HSTS = "max-age=63072000; includeSubDomains";

/** `ws:`/`wss:` of this request's own origin: CSP3 lets 'self' match them, older browsers need them named. */
const roomSockets = (c: Context) => {
  const url = new URL(c.req.url);
  return `${url.protocol === "https:" ? "wss" : "ws"}://${url.host}`;
};

const secure = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", "data:"],
    fontSrc: ["'self'"],
    connectSrc: ["'self'", roomSockets],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  referrerPolicy: "same-origin",
  xFrameOptions: "DENY",
  // Added below for HTTPS requests only.
  strictTransportSecurity: false,
});

/**
 * Hono's secureHeaders, plus HSTS when the request came over HTTPS. A WebSocket upgrade is passed through
 * untouched: its 101 answer carries no document, and its headers cannot be changed.
 */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  if (c.req.header("upgrade")?.toLowerCase() === "websocket") return next();
  await secure(c, next);
  if (new URL(c.req.url).protocol === "https:") c.res.headers.set("Strict-Transport-Security", HSTS);
};
