/**
 * Minutes are versioned: the room freezes version 1 when it closes the meeting; corrections after that are new
 * versions; an approved version is final, so no version is added after one is approved. Scoped by tenant.
 */
import { and, desc, eq, max } from "drizzle-orm";
import type { MeetingMinutes } from "../../schema/api/meetings";
import { minutes } from "../../schema/db/tables";
import { checkMinutesCounts, disagreementText } from "../../schema/record/minutes-counts";
import type { Db } from "../env";
import { conflict, notFound } from "../lib/api-error";
import { auditInsert } from "../lib/audit";
import { newId, nowIso } from "../lib/ids";
import { unlessUnique } from "../lib/unique";
import type { MeetingRow } from "./meetings";
import { minutesFactsOf } from "./minutes-facts";

export async function getMinutes(db: Db, tenantId: string, meetingId: string): Promise<MeetingMinutes> {
  const rows = await db
    .select()
    .from(minutes)
    .where(and(eq(minutes.tenantId, tenantId), eq(minutes.meetingId, meetingId)))
    .orderBy(desc(minutes.version));
  const versions = rows.map((r) => ({
    version: r.version,
    status: r.status,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
    approvedBy: r.approvedBy,
    approvedAt: r.approvedAt,
  }));
  const top = rows[0];
  return { versions, latest: top ? { ...versions[0]!, body: top.body } : null };
}

/** Saves a new version of the minutes; 409 once a version is approved or when another editor saved first. */
export async function addMinutesVersion(db: Db, tenantId: string, actorId: string, meetingId: string, body: string) {
  const scope = and(eq(minutes.tenantId, tenantId), eq(minutes.meetingId, meetingId));
  const approved = await db
    .select({ v: minutes.version })
    .from(minutes)
    .where(and(scope, eq(minutes.status, "approved")))
    .get();
  if (approved) throw conflict("Biên bản đã được duyệt, không thể sửa / The minutes are approved and final");
  const top = await db
    .select({ v: max(minutes.version) })
    .from(minutes)
    .where(scope)
    .get();
  const version = (top?.v ?? 0) + 1;
  const id = newId();
  // Two editors saving at once: the unique (meeting, version) index lets one win; the other retries.
  await unlessUnique(
    db.batch([
      db.insert(minutes).values({ id, tenantId, meetingId, version, body, createdBy: actorId }),
      auditInsert(db, {
        tenantId,
        personId: actorId,
        action: "create",
        entity: "minutes",
        entityId: id,
        detail: { meetingId, version },
      }),
    ]),
    () => conflict("Có người vừa lưu phiên bản mới, hãy tải lại / Someone just saved a version; reload"),
  );
}

/**
 * Approves a frozen version, which must be the latest and whose counts must be the record's: every count line
 * (schema/record/minutes-counts.ts) is read back from its text and compared with what the room wrote to D1; a
 * text that leaves one out or gives it otherwise is refused (409), each disagreement named in `issues`.
 * 404 when the meeting has no such version.
 */
export async function approveMinutes(db: Db, tenantId: string, actorId: string, meeting: MeetingRow, version: number) {
  const meetingId = meeting.id;
  const scope = and(eq(minutes.tenantId, tenantId), eq(minutes.meetingId, meetingId), eq(minutes.version, version));
  const row = await db
    .select({ id: minutes.id, status: minutes.status, body: minutes.body })
    .from(minutes)
    .where(scope)
    .get();
  if (!row) throw notFound("Minutes version");
  if (row.status === "approved") throw conflict("Phiên bản này đã được duyệt / This version is already approved");
  const latest = await db
    .select({ v: max(minutes.version) })
    .from(minutes)
    .where(and(eq(minutes.tenantId, tenantId), eq(minutes.meetingId, meetingId)))
    .get();
  if (latest?.v !== version) throw conflict("Chỉ duyệt phiên bản mới nhất / Only the latest version can be approved");
  const disagreements = checkMinutesCounts(row.body, await minutesFactsOf(db, tenantId, meeting));
  if (disagreements.length)
    throw conflict(
      "Số liệu trong biên bản không khớp với hồ sơ cuộc họp; sửa rồi lưu phiên bản mới / The minutes' counts disagree with the meeting's record; correct them and save a new version",
      disagreements.map((d) => ({ path: d.label, message: disagreementText(d) })),
    );
  await db.batch([
    db
      .update(minutes)
      .set({ status: "approved", approvedBy: actorId, approvedAt: nowIso() })
      .where(and(scope, eq(minutes.status, "frozen"))),
    auditInsert(db, {
      tenantId,
      personId: actorId,
      action: "approve",
      entity: "minutes",
      entityId: row.id,
      detail: { meetingId, version },
    }),
  ]);
}
