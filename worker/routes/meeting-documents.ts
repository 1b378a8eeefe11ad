import { Hono } from "hono";
import { documentInputSchema } from "../../schema/api/meetings";
import { addDocument, removeDocument } from "../data/meeting-documents";
import { meetingForWrite } from "../data/meetings-access";
import type { AppEnv } from "../env";
import { valid } from "../lib/validate";

/** Documents reach members before the meeting; one added later than a day ahead is flagged `late`. */
export const meetingDocumentsRoutes = new Hono<AppEnv>()
  .post("/", valid("json", documentInputSchema), async (c) => {
    const { access, db, session } = c.var;
    const meeting = await meetingForWrite(db, access, c.req.param("meetingId"), ["planned", "live"]);
    return c.json(await addDocument(db, access.tenantId, session.personId, meeting, c.req.valid("json")), 201);
  })
  .delete("/:docId", async (c) => {
    const { access, db, session } = c.var;
    const meeting = await meetingForWrite(db, access, c.req.param("meetingId"), ["planned", "live"]);
    await removeDocument(db, access.tenantId, session.personId, meeting.id, c.req.param("docId"));
    return c.json({ ok: true as const });
  });
