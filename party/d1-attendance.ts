/**
 * The room's attendance rows in D1: one per member and meeting however often they come and go (issue 12 item 5).
 * Idempotent upserts, as every outbox statement (party/d1.ts): an op may be retried after a write that landed.
 */
import { sql } from "drizzle-orm";
import { attendance } from "../schema/db/tables";
import type { Db } from "./d1";
import type { OutboxOp } from "./logic/outbox";

type AttendanceEntryOp = Extract<OutboxOp, { kind: "attendance" }>["entries"][number];

/**
 * Upserts of attendance rows. `timed`: the entries carry the room's join / leave times; otherwise D1's times
 * stay as earlier ops wrote them.
 */
export function attendanceUpserts(
  db: Db,
  tenantId: string,
  meetingId: string,
  entries: AttendanceEntryOp[],
  timed: boolean,
) {
  // 10 parameters a row (and the timestamp): D1 takes at most 100 per statement.
  return chunk(entries, 9).map((rows) =>
    db
      .insert(attendance)
      .values(
        rows.map((e) => ({
          tenantId,
          meetingId,
          personId: e.personId,
          status: e.status,
          reason: e.reason,
          recordedBy: e.recordedBy,
          joinedAt: e.joinedAt ?? null,
          leftAt: e.leftAt ?? null,
          heardAt: e.heardAt ?? null,
          memberStatus: e.memberStatus ?? null,
        })),
      )
      .onConflictDoUpdate({
        target: [attendance.meetingId, attendance.personId],
        set: {
          status: sqlExcluded("status"),
          reason: sqlExcluded("reason"),
          recordedBy: sqlExcluded("recorded_by"),
          recordedAt: new Date().toISOString(),
          // Written once, by the close's settlement; other ops carry none and leave it.
          memberStatus: sql.raw("coalesce(excluded.member_status, attendance.member_status)"),
          // The first hearing of the hall stays; an op that carries none leaves it.
          heardAt: sql.raw("coalesce(attendance.heard_at, excluded.heard_at)"),
          // The first join stays (a guest's trace is written on every connect); the last leave is the room's
          // (null once they came back).
          ...(timed
            ? {
                joinedAt: sql.raw("coalesce(attendance.joined_at, excluded.joined_at)"),
                leftAt: sqlExcluded("left_at"),
              }
            : {}),
        },
      }),
  );
}

const sqlExcluded = (col: string) => sql.raw(`excluded.${col}`);
const chunk = <T>(xs: T[], n: number): T[][] =>
  Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));
