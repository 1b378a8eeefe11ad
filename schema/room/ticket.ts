import * as z from "zod/mini";

/**
 * Roles in the live room. The API decides the role when it issues a ticket (from the meeting's chair and
 * minutes-taker, the person's membership status, guest invitations and tenant roles); the room checks the
 * role again on every message.
 */
export const roomRoleSchema = z.enum(["chair", "minutes_taker", "official", "probationary", "leader", "observer"]);
export type RoomRole = z.infer<typeof roomRoleSchema>;

/** What a signed room ticket carries. Short-lived: it sits in the socket URL, and URLs end up in logs. */
export const roomTicketClaimsSchema = z.object({
  pid: z.string(),
  tid: z.string(),
  mid: z.string(),
  role: roomRoleSchema,
  name: z.string(),
  /**
   * The API session the ticket was minted under: logout ends that session's sockets (party/revocation.ts).
   * Every ticket the API mints has it; tickets minted by tests and the benchmark straight from the secret may not.
   */
  sid: z.optional(z.string()),
  exp: z.number(),
});
export type RoomTicketClaims = z.infer<typeof roomTicketClaimsSchema>;

export const ROOM_TICKET_TTL_SECONDS = 120;

/**
 * Application close codes the room ends a socket with when its holder's access was revoked (party/revocation.ts)
 * or a newer socket of the same person took its place (party/socket-cap.ts). The client shows them as a banner and
 * does not reconnect (web/src/room/room-link.ts).
 */
export const ROOM_CLOSE = {
  /** The session was signed out (logout, a password change or reset ending other sessions). */
  signedOut: 4401,
  /** The person no longer has a seat: suspended, transferred, detained or removed from the branch. */
  notMember: 4403,
  /**
   * The person opened the room on more devices or tabs than the room keeps for one person
   * (party/socket-cap.ts): their oldest socket gives way to the newest. Not a revocation (the person may open the
   * room again here), but no automatic reconnect either: two tabs would take turns closing each other.
   */
  replaced: 4409,
} as const;
export type RoomCloseCode = (typeof ROOM_CLOSE)[keyof typeof ROOM_CLOSE];
