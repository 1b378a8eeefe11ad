/**
 * The bare partyserver room of ../shared/STACK.md ("the platform's own fan-out"), the yardstick of
 * bench/room.ts: a hibernating Server, like MeetingRoom, that re-broadcasts every frame to every connection
 * and does nothing else. A frame starting with `{"to":"sender"` goes back to its sender only: the bare cost of a
 * request answered to one client (what a ballot and its ack cost the platform). With `?welcome=<chars>` on the
 * socket's URL it sends each new connection one frame of that size, built once (the floor of a snapshot serialised
 * once and sent to everyone who joins). It has its own Worker and
 * wrangler config so it never ships in the production Worker.
 */
import { type Connection, type ConnectionContext, routePartykitRequest, Server, type WSMessage } from "partyserver";
import { TO_SENDER } from "./protocol";

/** The welcome frame of each size, built once. */
const welcomes = new Map<number, string>();
const welcomeOf = (chars: number) => {
  let frame = welcomes.get(chars);
  if (!frame) {
    const bare = '{"type":"welcome","version":0,"pad":""}';
    frame = `{"type":"welcome","version":0,"pad":"${"x".repeat(Math.max(0, chars - bare.length))}"}`;
    welcomes.set(chars, frame);
  }
  return frame;
};

export class EchoRoom extends Server {
  static options = { hibernate: true };

  override onConnect(connection: Connection, ctx: ConnectionContext): void {
    const chars = Number(new URL(ctx.request.url).searchParams.get("welcome") ?? 0);
    if (chars > 0) connection.send(welcomeOf(chars));
  }

  override onMessage(sender: Connection, message: WSMessage): void {
    if (typeof message === "string" && message.startsWith(TO_SENDER)) sender.send(message);
    else this.broadcast(message);
  }
}

export default {
  async fetch(request: Request, env: Cloudflare.Env): Promise<Response> {
    // startDev waits for this path before it hands the server over.
    if (new URL(request.url).pathname === "/api/health") return Response.json({ ok: true });
    return (await routePartykitRequest(request, env)) ?? new Response("not found", { status: 404 });
  },
} satisfies ExportedHandler<Cloudflare.Env>;
