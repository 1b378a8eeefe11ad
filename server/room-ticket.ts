/**
 * Room tickets: minted by the API (worker/data/room-ticket.ts decides who gets which role), checked by the
 * room's gate (party/admit.ts) and again by the room itself before it upgrades.
 */
import { ROOM_TICKET_TTL_SECONDS, type RoomTicketClaims, roomTicketClaimsSchema } from "../schema/room/ticket";
import { configOf } from "./config";
import { roomTicketKey, signToken, VerifiedTokens } from "./signed-token";

export async function issueRoomTicket(env: Cloudflare.Env, claims: Omit<RoomTicketClaims, "exp">) {
  const exp = Math.floor(Date.now() / 1000) + ROOM_TICKET_TTL_SECONDS;
  const ticket = await signToken({ ...claims, exp }, roomTicketKey(configOf(env).sessionSecret));
  return { ticket, expiresAt: new Date(exp * 1000).toISOString() };
}

/**
 * Tickets whose signature this isolate has already checked, with their claims. Every socket's ticket is checked
 * twice, by the gate and by the room, and where both run in one isolate (as under `wrangler dev`, and whenever the
 * runtime places them together) the second check was a second HMAC and zod pass for each member joining. The room
 * still checks the meeting, the tenant and revocations each time. A ticket lives 2 minutes, so a room of 2,000
 * filling keeps all of its own.
 */
const verified = new VerifiedTokens<RoomTicketClaims>(4_000);

/** The claims of a good, unexpired ticket, or null. */
export async function verifyRoomTicket(env: Cloudflare.Env, ticket: string): Promise<RoomTicketClaims | null> {
  return verified.verify(ticket, roomTicketKey(configOf(env).sessionSecret), (payload) => {
    const parsed = roomTicketClaimsSchema.safeParse(payload);
    return parsed.success ? parsed.data : null;
  });
}
