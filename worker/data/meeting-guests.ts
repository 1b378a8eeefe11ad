/**
 * A meeting's guests, visiting leaders. A leader is one global person across tenants, found by e-mail; a new one
 * is created without a password (an admin gives them one). Each invitation and removal has its audit row.
 */
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { guestInputSchema, MeetingGuest } from "../../schema/api/meetings";
import { meetingGuests, people } from "../../schema/db/tables";
import { idSchema } from "../../schema/ids";
import { foldForSearch } from "../../schema/text";
import type { Db } from "../env";
import { conflict, notFound } from "../lib/api-error";
import { auditInsert } from "../lib/audit";
import { newId } from "../lib/ids";

/** Invites a leader by e-mail (creating the person if unknown); 409 when already invited. */
export async function inviteGuest(
  db: Db,
  tenantId: string,
  actorId: string,
  meetingId: string,
  body: z.output<typeof guestInputSchema>,
): Promise<MeetingGuest> {
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
          eq(meetingGuests.tenantId, tenantId),
          eq(meetingGuests.meetingId, meetingId),
          eq(meetingGuests.personId, personId),
        ),
      )
      .get();
    if (already) throw conflict("Khách đã được mời / This guest is already invited");
  }
  const invite = db.insert(meetingGuests).values({ tenantId, meetingId, personId, title: body.title });
  const audit = auditInsert(db, {
    tenantId,
    personId: actorId,
    action: "invite",
    entity: "meeting_guest",
    entityId: personId,
    detail: { meetingId, email, title: body.title, newPerson: !existing },
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
  return {
    personId,
    fullName: existing?.fullName ?? body.fullName,
    email,
    title: body.title,
    canLogIn: !!existing?.hash,
  };
}

/** Withdraws an invitation; 404 when the person is not a guest of the meeting. */
export async function uninviteGuest(
  db: Db,
  tenantId: string,
  actorId: string,
  meetingId: string,
  personId: string | undefined,
) {
  if (!personId || !idSchema.safeParse(personId).success) throw notFound("Guest");
  const scope = and(
    eq(meetingGuests.tenantId, tenantId),
    eq(meetingGuests.meetingId, meetingId),
    eq(meetingGuests.personId, personId),
  );
  if (!(await db.select({ p: meetingGuests.personId }).from(meetingGuests).where(scope).get())) throw notFound("Guest");
  await db.batch([
    db.delete(meetingGuests).where(scope),
    auditInsert(db, {
      tenantId,
      personId: actorId,
      action: "uninvite",
      entity: "meeting_guest",
      entityId: personId,
      detail: { meetingId },
    }),
  ]);
}
