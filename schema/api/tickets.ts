/** Room tickets over HTTP: `POST /api/tenants/:tenantId/tickets { meetingId }` → a ticket for that room. */
import { z } from "zod";
import { idSchema } from "../ids";
import type { RoomRole } from "../room/ticket";

export const ticketRequestSchema = z.object({ meetingId: idSchema }).strict();
export type TicketRequest = z.infer<typeof ticketRequestSchema>;

export interface TicketResponse {
  /** Signed, valid ROOM_TICKET_TTL_SECONDS (2 minutes): ask for a new one on every (re)connect. */
  ticket: string;
  expiresAt: string;
  role: RoomRole;
  /** Where the room's socket lives, e.g. `/parties/meeting-room/<meetingId>`; the ticket goes in `?ticket=`. */
  roomPath: string;
}
