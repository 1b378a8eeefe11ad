/**
 * The Worker's entry only routes: live rooms at /parties/meeting-room/:meetingId (partyserver Durable
 * Objects), the API at /api/*. Every other path is the built web client, served by [assets] before this runs.
 */
import { routePartykitRequest } from "partyserver";
import { admitRoomConnection, refuseRoomRequest } from "../party/admit";
import { app } from "./app";

export { MeetingRoom } from "../party/meeting-room";

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
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
