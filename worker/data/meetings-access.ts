/** Loading a meeting for a request: 404 when the caller may not see it, 403/409 when they may not change it. */

import type { MeetingStatus } from "../../schema/api/meetings";
import { idSchema } from "../../schema/ids";
import type { Db, TenantAccess } from "../env";
import { conflict, forbidden, notFound } from "../lib/api-error";
import { canPlanFor, canSeeMeeting, getMeetingDetail, getMeetingRow } from "./meetings";

/** A malformed id cannot name a meeting: same answer as an unknown one. */
function meetingIdOr404(meetingId: string | undefined): string {
  if (!meetingId || !idSchema.safeParse(meetingId).success) throw notFound("Meeting");
  return meetingId;
}

export async function meetingForRead(db: Db, access: TenantAccess, meetingId: string | undefined) {
  const row = await getMeetingRow(db, access.tenantId, meetingIdOr404(meetingId));
  if (!row || !canSeeMeeting(access, row)) throw notFound("Meeting");
  return row;
}

/**
 * The meeting with its agenda, documents, guests and roster, under the same rule as `meetingForRead`, in one round
 * trip: read first, then kept from a caller who may not see the meeting (none of it leaves unless they may).
 */
export async function meetingDetailForRead(db: Db, access: TenantAccess, meetingId: string | undefined) {
  const detail = await getMeetingDetail(db, access.tenantId, meetingIdOr404(meetingId));
  if (!detail || !canSeeMeeting(access, detail)) throw notFound("Meeting");
  return detail;
}

const statusText: Record<MeetingStatus, string> = {
  planned: "chưa diễn ra / planned",
  live: "đang họp / live",
  closed: "đã kết thúc / closed",
  cancelled: "đã hủy / cancelled",
};

export async function meetingForWrite(
  db: Db,
  access: TenantAccess,
  meetingId: string | undefined,
  allowed: readonly MeetingStatus[],
) {
  const row = await meetingForRead(db, access, meetingId);
  if (!canPlanFor(access, row.organizationId)) throw forbidden();
  if (!allowed.includes(row.status)) {
    throw conflict(
      `Không thể sửa: cuộc họp ${statusText[row.status].split(" / ")[0]} / Cannot change a meeting that is ${statusText[row.status].split(" / ")[1]}`,
    );
  }
  return row;
}
