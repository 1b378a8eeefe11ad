import { Hono } from "hono";
import { guestInputSchema } from "../../schema/api/meetings";
import { callHost } from "../../schema/meeting-media";
import { invitationLink } from "../data/invitations";
import { inviteGuest, uninviteGuest } from "../data/meeting-guests";
import { meetingForWrite } from "../data/meetings-access";
import type { AppEnv } from "../env";
import { valid } from "../lib/validate";
import { mailIssued } from "../mail/mail-issued";

/**
 * Guests are visiting leaders. A named guest's answer carries the invitation's link and code once; an officer of this
 * committee or the province above is admitted at once.
 */
export const meetingGuestsRoutes = new Hono<AppEnv>()
  .post("/", valid("json", guestInputSchema), async (c) => {
    const { access, db, session } = c.var;
    const meeting = await meetingForWrite(db, access, c.req.param("meetingId"), ["planned", "live"]);
    const linkOf = (secret: string) => invitationLink(c.req.url, secret);
    const body = c.req.valid("json");
    const guest = await inviteGuest(db, access.tenantId, session.personId, meeting.id, body, linkOf);
    if (guest.invitation && "email" in body) {
      const { link, code } = guest.invitation;
      const to = body.email;
      await mailIssued(c.env, db, {
        to,
        tenantId: access.tenantId,
        kind: "guest",
        link,
        code,
        meetingTitle: meeting.topic,
        meetingMedia: { mode: meeting.mediaMode, host: callHost(meeting.mediaLink) },
      });
    }
    return c.json(guest, 201);
  })
  .delete("/:personId", async (c) => {
    const { access, db, session } = c.var;
    const meeting = await meetingForWrite(db, access, c.req.param("meetingId"), ["planned", "live"]);
    await uninviteGuest(db, access.tenantId, session.personId, meeting.id, c.req.param("personId"));
    return c.json({ ok: true as const });
  });
