/**
 * The Worker's entry only routes: live rooms at /parties/meeting-room/:meetingId (partyserver Durable
 * Objects), the API at /api/*, and the live room and hall pages (/t/…/room|hall: index.html with the
 * visitor's room ticket, worker/room-page.ts). Every other path is the built web client, served by [assets]
 * before this runs. The configuration (server/config.ts) is checked first.
 */
import { routePartykitRequest } from "partyserver";
import { admitRoomConnection, refuseRoomRequest } from "../party/admit";
import { configOf } from "../server/config";
import { errorResponse } from "../server/error-response";
import { app } from "./app";
import { roomPage } from "./room-page";

export { MeetingRoom } from "../party/meeting-room";

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
    const url = new URL(request.url);
    if (url.pathname.startsWith("/t/")) return roomPage(request, env);
    if (url.pathname.startsWith("/parties/")) {
      const res = await routePartykitRequest(request, env, {
        onBeforeConnect: (req, lobby) => admitRoomConnection(req, env, lobby),
        onBeforeRequest: () => refuseRoomRequest(),
      });
      if (res) return res;
    }
    return app.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<Cloudflare.Env>;
