/** Room tickets for the client: the early answer from index.html's script if usable, else `POST …/tickets`. */
import * as z from "zod/mini";
import { ApiFailure, request } from "../api/http";

const ticketResponseSchema = z.object({
  ticket: z.string().check(z.minLength(1)),
  roomPath: z.string().check(z.minLength(1)),
});
export type RoomTicket = z.infer<typeof ticketResponseSchema>;

/** Why the room cannot be entered at all (no retry helps). */
export interface FatalError {
  /**
   * An API refusal, or the room closing our socket because our session or seat was revoked, or because we opened
   * the room on another device or tab (`replaced`).
   */
  code: "forbidden" | "not_found" | "unauthorized" | "conflict" | "signed_out" | "no_seat" | "replaced";
  message: string;
}

/** What a failed ticket request tells the connection: the room is closed to us, or the network is gone. */
export interface TicketTrouble {
  fatal(error: FatalError): void;
  offline(): void;
}

/**
 * Tickets for one room, one per call: the answer of index.html's early request first (once, if it holds one),
 * then `POST …/tickets`. A refusal no retry can mend is reported as fatal before the call throws.
 */
export function roomTickets(
  tenantId: string,
  meetingId: string,
  early: Promise<unknown> | undefined,
  trouble: TicketTrouble,
): () => Promise<RoomTicket> {
  let earlyAnswer = early;
  return async () => {
    const answer = earlyAnswer;
    earlyAnswer = undefined;
    if (answer) {
      const parsed = ticketResponseSchema.safeParse(await answer);
      if (parsed.success) return parsed.data;
    }
    try {
      const body = await request<unknown>("POST", `/api/tenants/${encodeURIComponent(tenantId)}/tickets`, {
        meetingId,
      });
      return ticketResponseSchema.parse(body);
    } catch (err) {
      const why = fatalOf(err);
      if (why) trouble.fatal(why);
      else if (err instanceof ApiFailure && err.code === "network") trouble.offline();
      throw err;
    }
  };
}

/** No access, no such meeting, or a meeting that is not open (closed, cancelled): retrying will not help. */
function fatalOf(err: unknown): FatalError | null {
  if (
    err instanceof ApiFailure &&
    (err.code === "forbidden" || err.code === "not_found" || err.code === "unauthorized" || err.code === "conflict")
  ) {
    return { code: err.code, message: err.message };
  }
  return null;
}
