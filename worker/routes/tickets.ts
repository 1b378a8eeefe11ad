import { Hono } from "hono";
import { ticketRequestSchema } from "../../schema/api/tickets";
import { ticketForMeeting } from "../data/room-ticket";
import type { AppEnv } from "../env";
import { valid } from "../lib/validate";

/** POST /api/tenants/:tenantId/tickets { meetingId } → a short-lived ticket for that meeting's room. */
export const ticketsRoutes = new Hono<AppEnv>().post("/", valid("json", ticketRequestSchema), async (c) => {
  const { access, session, shard } = c.var;
  return c.json(await ticketForMeeting(c.env, shard, access, session, c.req.valid("json").meetingId));
});
