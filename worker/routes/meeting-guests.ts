import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import { guestInputSchema, type MeetingGuest } from "../../schema/api/meetings";
import { meetingGuests, people } from "../../schema/db/tables";
import { idSchema } from "../../schema/ids";
import { foldForSearch } from "../../schema/text";
import { meetingForWrite } from "../data/meetings-access";
import type { AppEnv } from "../env";
import { conflict, notFound } from "../lib/api-error";
import { auditInsert } from "../lib/audit";
import { newId } from "../lib/ids";
import { valid } from "../lib/validate";

/**
 * Guests are visiting leaders. A leader is one global person across tenants, found by e-mail; a new one is
 * created without a password (an admin gives them one), so the answer says whether they can log in yet.
 */
export const meetingGuestsRoutes = new Hono<AppEnv>()
  .post("/", valid("json", guestInputSchema), async (c) => {
    const { access, db, session } = c.var;
    const meeting = await meetingForWrite(db, access, c.req.param("meetingId"), ["planned", "live"]);
    const body = c.req.valid("json");
    const email = body.email.toLowerCase();
    const existing = await db
      .select({ id: people.id, fullName: people.fullName, hash: people.passwordHash })
      .from(people)
      .where(eq(people.email, email))
      .get();
    const personId = existing?.id ?? newId();
    if (existing) {
      const already = await db
        .select({ p: meetingGuests.personId })
        .from(meetingGuests)
        .where(
          and(
            eq(meetingGuests.tenantId, meeting.tenantId),
            eq(meetingGuests.meetingId, meeting.id),
            eq(meetingGuests.personId, personId),
          ),
        )
        .get();
      if (already) throw conflict("Khách đã được mời / This guest is already invited");
    }
    const invite = db
      .insert(meetingGuests)
      .values({ tenantId: meeting.tenantId, meetingId: meeting.id, personId, title: body.title });
    const audit = auditInsert(db, {
      tenantId: meeting.tenantId,
      personId: session.personId,
      action: "invite",
      entity: "meeting_guest",
      entityId: personId,
      detail: { meetingId: meeting.id, email, title: body.title, newPerson: !existing },
    });
    if (existing) await db.batch([invite, audit]);
    else
      await db.batch([
        db
          .insert(people)
          .values({ id: personId, email, fullName: body.fullName, searchName: foldForSearch(body.fullName) }),
        invite,
        audit,
      ]);
    // A known person keeps the name they already have: one person, one name, in every tenant.
    const guest: MeetingGuest = {
      personId,
      fullName: existing?.fullName ?? body.fullName,
      email,
      title: body.title,
      canLogIn: !!existing?.hash,
    };
    return c.json(guest, 201);
  })
  .delete("/:personId", async (c) => {
    const { access, db, session } = c.var;
    const meeting = await meetingForWrite(db, access, c.req.param("meetingId"), ["planned", "live"]);
    const personId = c.req.param("personId");
    if (!personId || !idSchema.safeParse(personId).success) throw notFound("Guest");
    const scope = and(
      eq(meetingGuests.tenantId, meeting.tenantId),
      eq(meetingGuests.meetingId, meeting.id),
      eq(meetingGuests.personId, personId),
    );
    if (!(await db.select({ p: meetingGuests.personId }).from(meetingGuests).where(scope).get()))
      throw notFound("Guest");
    await db.batch([
      db.delete(meetingGuests).where(scope),
      auditInsert(db, {
        tenantId: meeting.tenantId,
        personId: session.personId,
        action: "uninvite",
        entity: "meeting_guest",
        entityId: personId,
        detail: { meetingId: meeting.id },
      }),
    ]);
    return c.json({ ok: true as const });
  });
