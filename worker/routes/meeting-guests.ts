import { Hono } from "hono";
import { guestInputSchema } from "../../schema/api/meetings";
import { inviteGuest, uninviteGuest } from "../data/meeting-guests";
import { meetingForWrite } from "../data/meetings-access";
import type { AppEnv } from "../env";
import { valid } from "../lib/validate";

/** Guests are visiting leaders; the answer says whether a guest can log in yet (a new one has no password). */
export const meetingGuestsRoutes = new Hono<AppEnv>()
  .post("/", valid("json", guestInputSchema), async (c) => {
    const { access, db, session } = c.var;
    const meeting = await meetingForWrite(db, access, c.req.param("meetingId"), ["planned", "live"]);
    return c.json(await inviteGuest(db, access.tenantId, session.personId, meeting.id, c.req.valid("json")), 201);
  })
  .delete("/:personId", async (c) => {
    const { access, db, session } = c.var;
    const meeting = await meetingForWrite(db, access, c.req.param("meetingId"), ["planned", "live"]);
    await uninviteGuest(db, access.tenantId, session.personId, meeting.id, c.req.param("personId"));
    return c.json({ ok: true as const });
  });
