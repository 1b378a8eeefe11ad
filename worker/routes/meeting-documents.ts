import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import { documentInputSchema, type MeetingDocument } from "../../schema/api/meetings";
import { meetingDocuments } from "../../schema/db/tables";
import { idSchema } from "../../schema/ids";
import { isLateDocument } from "../data/meetings";
import { meetingForWrite } from "../data/meetings-access";
import type { AppEnv } from "../env";
import { notFound } from "../lib/api-error";
import { auditInsert } from "../lib/audit";
import { newId, nowIso } from "../lib/ids";
import { valid } from "../lib/validate";

/** Documents reach members before the meeting; one added later than a day ahead is flagged `late`. */
export const meetingDocumentsRoutes = new Hono<AppEnv>()
  .post("/", valid("json", documentInputSchema), async (c) => {
    const { access, db, session } = c.var;
    const meeting = await meetingForWrite(db, access, c.req.param("meetingId"), ["planned", "live"]);
    const body = c.req.valid("json");
    const row = {
      id: newId(),
      tenantId: meeting.tenantId,
      meetingId: meeting.id,
      title: body.title,
      body: body.body ?? null,
      url: body.url ?? null,
      createdAt: nowIso(),
    };
    await db.batch([
      db.insert(meetingDocuments).values(row),
      auditInsert(db, {
        tenantId: meeting.tenantId,
        personId: session.personId,
        action: "create",
        entity: "meeting_document",
        entityId: row.id,
        detail: { meetingId: meeting.id, title: body.title, url: row.url },
      }),
    ]);
    const doc: MeetingDocument = {
      id: row.id,
      title: row.title,
      body: row.body,
      url: row.url,
      createdAt: row.createdAt,
      late: isLateDocument(row.createdAt, meeting.scheduledAt),
    };
    return c.json(doc, 201);
  })
  .delete("/:docId", async (c) => {
    const { access, db, session } = c.var;
    const meeting = await meetingForWrite(db, access, c.req.param("meetingId"), ["planned", "live"]);
    const docId = c.req.param("docId");
    if (!docId || !idSchema.safeParse(docId).success) throw notFound("Document");
    const scope = and(
      eq(meetingDocuments.tenantId, meeting.tenantId),
      eq(meetingDocuments.meetingId, meeting.id),
      eq(meetingDocuments.id, docId),
    );
    const doc = await db.select({ id: meetingDocuments.id }).from(meetingDocuments).where(scope).get();
    if (!doc) throw notFound("Document");
    await db.batch([
      db.delete(meetingDocuments).where(scope),
      auditInsert(db, {
        tenantId: meeting.tenantId,
        personId: session.personId,
        action: "delete",
        entity: "meeting_document",
        entityId: docId,
        detail: { meetingId: meeting.id },
      }),
    ]);
    return c.json({ ok: true as const });
  });
