/**
 * A meeting's guests, chiefly visiting leaders. A guest the committee names gets an empty account of this committee's
 * and a `guest` invitation (docs/identity.md): nobody is looked up by e-mail, so no other committee's person is ever
 * attached or shown. A leader the committee knows (its leader pool) is picked by id and admitted at once.
 * Each invitation and removal has its audit row.
 */
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { guestInputSchema, InvitedGuest } from "../../schema/api/meetings";
import { meetingGuests } from "../../schema/db/tables";
import { idSchema } from "../../schema/ids";
import type { Db } from "../env";
import { conflict, notFound } from "../lib/api-error";
import { auditInsert } from "../lib/audit";
import { newId } from "../lib/ids";
import { issueInvitation } from "./invitations";
import { findLeader } from "./leader-pool";
import { emptyAccount } from "./member-writes";

type GuestBody = z.output<typeof guestInputSchema>;

/** Invites a guest; answers the guest and, for a named one, the invitation's link and code (shown this once). */
export async function inviteGuest(
  db: Db,
  tenantId: string,
  actorId: string,
  meetingId: string,
  body: GuestBody,
  linkOf: (secret: string) => string,
): Promise<InvitedGuest> {
  if ("personId" in body) {
    const officer = await findLeader(db, tenantId, { id: body.personId });
    if (!officer) throw notFound("Guest");
    const already = await db
      .select({ p: meetingGuests.personId })
      .from(meetingGuests)
      .where(and(eq(meetingGuests.meetingId, meetingId), eq(meetingGuests.personId, officer.id)))
      .get();
    if (already) throw conflict("Khách đã được mời / This guest is already invited");
    await db.batch([
      db.insert(meetingGuests).values({ tenantId, meetingId, personId: officer.id, title: body.title }),
      auditInsert(db, {
        tenantId,
        personId: actorId,
        action: "invite",
        entity: "meeting_guest",
        entityId: officer.id,
        detail: { meetingId, title: body.title, officer: true },
      }),
    ]);
    return {
      personId: officer.id,
      fullName: officer.fullName,
      email: null,
      title: body.title,
      canLogIn: true,
      invitation: null,
    };
  }
  const personId = newId();
  await db.batch([
    emptyAccount(db, personId, body.fullName),
    db.insert(meetingGuests).values({ tenantId, meetingId, personId, title: body.title }),
    auditInsert(db, {
      tenantId,
      personId: actorId,
      action: "invite",
      entity: "meeting_guest",
      entityId: personId,
      detail: { meetingId, title: body.title },
    }),
  ]);
  const issued = await issueInvitation(db, { tenantId, creatorId: actorId, purpose: "guest", meetingId, personId });
  return {
    personId,
    fullName: body.fullName,
    email: null,
    title: body.title,
    canLogIn: false,
    invitation: { link: linkOf(issued.secret), code: issued.code, expiresAt: issued.invitation.expiresAt },
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
