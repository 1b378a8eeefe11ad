import { and, eq } from "drizzle-orm";
import type { MembershipStanding } from "../../schema/api/members";
import type { TicketResponse } from "../../schema/api/tickets";
import { meetingGuests, meetings, people } from "../../schema/db/tables";
import type { RoomRole } from "../../schema/room/ticket";
import { issueRoomTicket } from "../../server/room-ticket";
import type { TenantAccess } from "../env";
import { conflict, forbidden, notFound } from "../lib/api-error";
import { type ShardName, shardBinding, shardDb } from "../lib/shards";
import { closeVisitLoop } from "./visits";

const notActiveMessage: Record<Exclude<MembershipStanding, "active">, string> = {
  transferred:
    "Đồng chí đã chuyển sinh hoạt tạm thời sang tổ chức khác, không dự họp chi bộ này / You are temporarily transferred to another organization and do not attend this branch's meetings",
  suspended:
    "Đồng chí đang bị đình chỉ sinh hoạt đảng, không dự họp / Your party activity is suspended: you cannot attend meetings",
  detained: "Đồng chí đang bị tạm giữ, tạm giam, không dự họp / You are held in custody and cannot attend meetings",
};

/**
 * The role a person has in one meeting's room, from the meeting (chair, minutes-taker), their membership
 * of the meeting's branch, a guest invitation (visiting leader) or a committee role (observer); null when
 * they have no business there.
 */
export function roomRoleFor(
  access: TenantAccess,
  personId: string,
  meeting: { id: string; organizationId: string; chairPersonId: string | null; minutesTakerPersonId: string | null },
): RoomRole | null {
  const membership = access.memberships.get(meeting.organizationId);
  // A province's staff read their committees' meetings but take no seat in a room, not even an observer's.
  const observer = access.role && !access.roleFromProvince ? "observer" : null;
  // Transferred, suspended or detained: off the branch's roster and vote base (DOMAIN.md), so no seat as a
  // member, chair or minutes-taker; an invitation or a committee role still lets them in as that.
  if (membership && membership.standing !== "active") {
    return access.guestMeetingIds.has(meeting.id) ? "leader" : observer;
  }
  if (meeting.chairPersonId === personId) return "chair";
  if (meeting.minutesTakerPersonId === personId) return "minutes_taker";
  // A meeting planned without a chair is chaired by the branch secretary (DOMAIN: the secretary presides).
  if (meeting.chairPersonId === null && membership?.branchRole === "secretary") return "chair";
  if (membership) return membership.status;
  if (access.guestMeetingIds.has(meeting.id)) return "leader";
  return observer;
}

/**
 * A ticket for one meeting's room for the person, by the rules above; throws the API error the tickets
 * route answers with otherwise. The tickets route and the room page (worker/room-page.ts) both use it.
 */
export async function ticketForMeeting(
  env: Cloudflare.Env,
  shard: ShardName,
  access: TenantAccess,
  session: { personId: string; sessionId: string },
  meetingId: string,
): Promise<TicketResponse> {
  const { personId } = session;
  const db = shardDb(env, shard);
  const meeting = await db
    .select({
      id: meetings.id,
      organizationId: meetings.organizationId,
      status: meetings.status,
      chairPersonId: meetings.chairPersonId,
      minutesTakerPersonId: meetings.minutesTakerPersonId,
    })
    .from(meetings)
    .where(and(eq(meetings.tenantId, access.tenantId), eq(meetings.id, meetingId)))
    .get();
  if (!meeting) throw notFound("Meeting");
  let role = roomRoleFor(access, personId, meeting);
  // A leader planned for this branch's month is invited when the visit loop links the plan to the meeting,
  // which runs when plans are read; the meeting may have been scheduled since. Link now and look again, so
  // the plan alone gets the leader into the room.
  if (!role && access.plannedVisitor) {
    await closeVisitLoop(shardBinding(env, shard), access.tenantId);
    const invited = await db
      .select({ personId: meetingGuests.personId })
      .from(meetingGuests)
      .where(
        and(
          eq(meetingGuests.tenantId, access.tenantId),
          eq(meetingGuests.meetingId, meeting.id),
          eq(meetingGuests.personId, personId),
        ),
      )
      .get();
    if (invited) role = "leader";
  }
  const standing = access.memberships.get(meeting.organizationId)?.standing;
  // The member sees the meeting in their branch's list; telling them why the room is shut beats a 404.
  if (!role && standing && standing !== "active") throw forbidden(notActiveMessage[standing]);
  // The province's staff see the meeting in the list: the room is shut to them, which a 404 would not say.
  if (!role && access.roleFromProvince)
    throw forbidden(
      "Cấp trên chỉ xem, không vào phòng họp / The province reads this committee and does not join its rooms",
    );
  // Someone with standing in the tenant but none in this meeting learns nothing about it.
  if (!role) throw notFound("Meeting");
  if (meeting.status === "closed" || meeting.status === "cancelled") {
    throw conflict("Cuộc họp không mở (đã kết thúc hoặc hủy) / The meeting is not open (closed or cancelled)");
  }
  const person = await db.select({ name: people.fullName }).from(people).where(eq(people.id, personId)).get();
  const { ticket, expiresAt } = await issueRoomTicket(env, {
    pid: personId,
    tid: access.tenantId,
    mid: meeting.id,
    role,
    name: person?.name ?? "",
    // Logout ends this session's sockets too (party/revocation.ts).
    sid: session.sessionId,
  });
  return { ticket, expiresAt, role, roomPath: `/parties/meeting-room/${encodeURIComponent(meeting.id)}` };
}
