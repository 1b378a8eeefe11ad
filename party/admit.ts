/**
 * The gate in front of the room, run by the Worker before the request reaches the Durable Object (so a
 * refused connection never wakes it and never gets a socket): a browser Origin must be ours or listed in
 * ALLOWED_ORIGINS (no Origin: a non-browser client, allowed), the ticket must verify, and it must be for
 * this meeting. The room checks the ticket again, with the tenant, before it upgrades.
 */
import type { Lobby } from "partyserver";
import { verifyRoomTicket } from "../worker/lib/room-ticket";

const refuse = (status: number, code: string, message: string) =>
  new Response(JSON.stringify({ error: { code, message } }), {
    status,
    headers: { "content-type": "application/json" },
  });

export function originAllowed(request: Request, env: Cloudflare.Env): boolean {
  const origin = request.headers.get("Origin");
  if (!origin) return true;
  if (origin === new URL(request.url).origin) return true;
  const allowed: string = env.ALLOWED_ORIGINS ?? "";
  return allowed
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean)
    .includes(origin);
}

export async function admitRoomConnection(
  request: Request,
  env: Cloudflare.Env,
  lobby: Lobby,
): Promise<Response | undefined> {
  if (!originAllowed(request, env))
    return refuse(403, "forbidden", "Nguồn kết nối không được phép / Origin not allowed");
  const ticket = new URL(request.url).searchParams.get("ticket");
  const claims = ticket ? await verifyRoomTicket(env, ticket) : null;
  if (!claims)
    return refuse(401, "unauthorized", "Vé vào phòng không hợp lệ hoặc đã hết hạn / Invalid or expired room ticket");
  if (claims.mid !== lobby.name)
    return refuse(403, "forbidden", "Vé dành cho cuộc họp khác / The ticket is for another meeting");
  return undefined;
}

/** Plain HTTP to a room path: rooms speak WebSocket only. */
export function refuseRoomRequest(): Response {
  return refuse(404, "not_found", "Phòng họp chỉ nhận kết nối WebSocket / Rooms accept WebSocket connections only");
}
