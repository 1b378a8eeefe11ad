/**
 * The Worker's entry only routes: live rooms at /parties/meeting-room/:meetingId (partyserver Durable
 * Objects), the API at /api/*, the live room and hall pages (/t/…/room|hall: index.html with the visitor's
 * room ticket, worker/room-page.ts), the local outbox in development (/dev/*, worker/dev/), and every other page
 * of the web client from [assets] (the Worker runs first for everything but /assets/*, so every HTML document
 * carries the security headers: worker/security-headers.ts). Pages and room admissions are logged here, API requests by the API app. The
 * configuration (server/config.ts) is checked before anything is served.
 */
import { Hono } from "hono";
import { routePartykitRequest } from "partyserver";
import { admitRoomConnection, refuseRoomRequest } from "../party/admit";
import { roomPageRoute } from "../schema/room-page";
import { configOf } from "../server/config";
import { errorResponse } from "../server/error-response";
import { app } from "./app";
import { devRoutes } from "./dev/outbox";
import { loggedAdmission, requestLog } from "./request-log";
import { roomPage } from "./room-page";
import { securityHeaders } from "./security-headers";

export { MeetingRoom } from "../party/meeting-room";

/** A response whose headers we may set (what a binding's fetch returns is immutable). */
const own = (res: Response) => new Response(res.body, res);

const site = new Hono<{ Bindings: Cloudflare.Env }>()
  .use(securityHeaders)
  .all("/parties/*", async (c) => {
    const res = await routePartykitRequest(c.req.raw, c.env, {
      onBeforeConnect: (req, lobby) => loggedAdmission(lobby.name, () => admitRoomConnection(req, c.env, lobby)),
      onBeforeRequest: () => refuseRoomRequest(),
    });
    if (!res) return app.fetch(c.req.raw, c.env, c.executionCtx);
    return res.status === 101 ? res : own(res);
  })
  .all("/api/*", (c) => app.fetch(c.req.raw, c.env, c.executionCtx))
  .use(requestLog)
  // Local development only (DEV_OUTBOX); a 404 everywhere else.
  .route("/dev", devRoutes)
  .get(roomPageRoute("room"), async (c) => own(await roomPage(c.req.raw, c.env)))
  .get(roomPageRoute("hall"), async (c) => own(await roomPage(c.req.raw, c.env)))
  .all("*", async (c) => own(await c.env.ASSETS.fetch(c.req.raw)));

export default {
  async fetch(request, env, ctx) {
    try {
      // Validated before anything is served, for the API and the rooms alike: a missing or short secret is one
      // clear line in the log and a 500 everywhere, not a login that fails later.
      configOf(env);
    } catch (err) {
      console.error(err instanceof Error ? err.message : err);
      return errorResponse("internal", "Máy chủ chưa được cấu hình đúng / The server is misconfigured");
    }
    return site.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<Cloudflare.Env>;
