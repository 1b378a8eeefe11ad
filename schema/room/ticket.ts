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
  exp: z.number(),
});
export type RoomTicketClaims = z.infer<typeof roomTicketClaimsSchema>;

export const ROOM_TICKET_TTL_SECONDS = 120;
