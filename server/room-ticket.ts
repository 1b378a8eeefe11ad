/**
 * Room tickets: minted by the API (worker/data/room-ticket.ts decides who gets which role), checked by the
 * room's gate (party/admit.ts) and again by the room itself before it upgrades.
 */
import { ROOM_TICKET_TTL_SECONDS, type RoomTicketClaims, roomTicketClaimsSchema } from "../schema/room/ticket";
import { configOf } from "./config";
import { roomTicketKey, signToken, verifyToken } from "./signed-token";

export async function issueRoomTicket(env: Cloudflare.Env, claims: Omit<RoomTicketClaims, "exp">) {
  const exp = Math.floor(Date.now() / 1000) + ROOM_TICKET_TTL_SECONDS;
  const ticket = await signToken({ ...claims, exp }, roomTicketKey(configOf(env).sessionSecret));
  return { ticket, expiresAt: new Date(exp * 1000).toISOString() };
}

/** The claims of a good, unexpired ticket, or null. */
export async function verifyRoomTicket(env: Cloudflare.Env, ticket: string): Promise<RoomTicketClaims | null> {
  const payload = await verifyToken(ticket, roomTicketKey(configOf(env).sessionSecret));
  const parsed = roomTicketClaimsSchema.safeParse(payload);
  return parsed.success ? parsed.data : null;
}
