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

/**
 * Tickets whose signature this isolate has already checked, with their claims (as worker/lib/session-token.ts does
 * for session tokens). Every socket's ticket is checked twice, by the gate and by the room, and where both run in
 * one isolate (as under `wrangler dev`, and whenever the runtime places them together) the second check was a
 * second HMAC and zod pass for each member joining. A ticket is immutable: its signature holds or fails the same
 * way every time, so only the exact string checked before is found here. The expiry is still compared on every
 * use, and what the room checks beside the signature — the meeting, the tenant, revocations — is checked by its
 * callers each time. Bounded: the oldest entry leaves first; a ticket lives 2 minutes, so a room of 2,000 filling
 * keeps all of its own.
 */
const verified = new Map<string, { secret: string; claims: RoomTicketClaims }>();
const VERIFIED_MAX = 4_000;

/** The claims of a good, unexpired ticket, or null. */
export async function verifyRoomTicket(env: Cloudflare.Env, ticket: string): Promise<RoomTicketClaims | null> {
  const secret = roomTicketKey(configOf(env).sessionSecret);
  const known = verified.get(ticket);
  if (known && known.secret === secret) return known.claims.exp * 1000 < Date.now() ? null : known.claims;
  const payload = await verifyToken(ticket, secret);
  const parsed = roomTicketClaimsSchema.safeParse(payload);
  if (!parsed.success) return null;
  if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value!);
  verified.set(ticket, { secret, claims: parsed.data });
  return parsed.data;
}
