/**
 * The gate in front of the room, run by the Worker before the request reaches the Durable Object (so a
 * refused connection never wakes it and never gets a socket): a browser Origin must be ours or listed in
 * ALLOWED_ORIGINS (no Origin: a non-browser client, allowed), the ticket must verify, and it must be for
 * this meeting. The room checks the ticket again, with the tenant, before it upgrades. Only upgrades pass:
 * the room's RPC methods (MeetingRoom.revoke) are reachable from the Worker's own code alone.
 */
import type { Lobby } from "partyserver";
import { configOf, originAllowed } from "../server/config";
import { errorResponse } from "../server/error-response";
import { verifyRoomTicket } from "../server/room-ticket";

export async function admitRoomConnection(
  request: Request,
  env: Cloudflare.Env,
  lobby: Lobby,
): Promise<Response | undefined> {
  const origin = request.headers.get("Origin");
  if (origin && !originAllowed(configOf(env), origin, request.url))
    return errorResponse("forbidden", "Nguồn kết nối không được phép / Origin not allowed");
  const ticket = new URL(request.url).searchParams.get("ticket");
  const claims = ticket ? await verifyRoomTicket(env, ticket) : null;
  if (!claims)
    return errorResponse("unauthorized", "Vé vào phòng không hợp lệ hoặc đã hết hạn / Invalid or expired room ticket");
  if (claims.mid !== lobby.name)
    return errorResponse("forbidden", "Vé dành cho cuộc họp khác / The ticket is for another meeting");
  return undefined;
}

/** Plain HTTP to a room path: rooms speak WebSocket only. */
export function refuseRoomRequest(): Response {
  return errorResponse("not_found", "Phòng họp chỉ nhận kết nối WebSocket / Rooms accept WebSocket connections only");
}
