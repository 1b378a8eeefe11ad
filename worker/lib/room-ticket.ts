import { ROOM_TICKET_TTL_SECONDS, type RoomTicketClaims, roomTicketClaimsSchema } from "../../schema/room/ticket";
import { sessionSecret } from "./session-token";
import { signToken, verifyToken } from "./signed-token";

/** Room tickets are signed with the session secret under their own purpose tag, so a session token is not a ticket. */
const purpose = (env: Cloudflare.Env) => `room-ticket:${sessionSecret(env)}`;

export async function issueRoomTicket(env: Cloudflare.Env, claims: Omit<RoomTicketClaims, "exp">) {
  const exp = Math.floor(Date.now() / 1000) + ROOM_TICKET_TTL_SECONDS;
  return { ticket: await signToken({ ...claims, exp }, purpose(env)), expiresAt: new Date(exp * 1000).toISOString() };
}

/** The claims of a good, unexpired ticket, or null. */
export async function verifyRoomTicket(env: Cloudflare.Env, ticket: string): Promise<RoomTicketClaims | null> {
  const payload = await verifyToken(ticket, purpose(env));
  const parsed = roomTicketClaimsSchema.safeParse(payload);
  return parsed.success ? parsed.data : null;
}
