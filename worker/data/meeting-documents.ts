/** A meeting's documents: added (with the `late` flag worked out) and removed, each with its audit row. */
import { and, eq } from "drizzle-orm";
import type { DocumentInput, MeetingDocument } from "../../schema/api/meetings";
import { meetingDocuments } from "../../schema/db/tables";
import { idSchema } from "../../schema/ids";
import type { Db } from "../env";
import { notFound } from "../lib/api-error";
import { auditInsert } from "../lib/audit";
import { newId, nowIso } from "../lib/ids";
import { isLateDocument, type MeetingRow } from "./meetings";

export async function addDocument(
  db: Db,
  tenantId: string,
  actorId: string,
  meeting: MeetingRow,
  body: DocumentInput,
): Promise<MeetingDocument> {
  const row = {
    id: newId(),
    tenantId,
    meetingId: meeting.id,
    title: body.title,
    body: body.body ?? null,
    url: body.url ?? null,
    createdAt: nowIso(),
  };
  await db.batch([
    db.insert(meetingDocuments).values(row),
    auditInsert(db, {
      tenantId,
      personId: actorId,
      action: "create",
      entity: "meeting_document",
      entityId: row.id,
      detail: { meetingId: meeting.id, title: body.title, url: row.url },
    }),
  ]);
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    url: row.url,
    createdAt: row.createdAt,
    late: isLateDocument(row.createdAt, meeting.scheduledAt),
  };
}

/** Removes one of the meeting's documents; 404 when the id names none of them. */
export async function removeDocument(
  db: Db,
  tenantId: string,
  actorId: string,
  meetingId: string,
  docId: string | undefined,
) {
  if (!docId || !idSchema.safeParse(docId).success) throw notFound("Document");
  const scope = and(
    eq(meetingDocuments.tenantId, tenantId),
    eq(meetingDocuments.meetingId, meetingId),
    eq(meetingDocuments.id, docId),
  );
  const doc = await db.select({ id: meetingDocuments.id }).from(meetingDocuments).where(scope).get();
  if (!doc) throw notFound("Document");
  await db.batch([
    db.delete(meetingDocuments).where(scope),
    auditInsert(db, {
      tenantId,
      personId: actorId,
      action: "delete",
      entity: "meeting_document",
      entityId: docId,
      detail: { meetingId },
    }),
  ]);
}
