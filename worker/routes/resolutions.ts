import { Hono } from "hono";
import { resolutionDraftSchema, type TaskReviewList, taskReviewInputSchema } from "../../schema/api/resolutions";
import { idSchema } from "../../schema/ids";
import { meetingForRead } from "../data/meetings-access";
import { getResolution, issueResolution, mayWriteResolution, saveDraft } from "../data/resolutions";
import { reloadBranchRooms } from "../data/room-revocation";
import { reviewTask, tasksUnderReview } from "../data/task-reviews";
import type { AppEnv } from "../env";
import { conflict, forbidden, notFound } from "../lib/api-error";
import { valid } from "../lib/validate";

/**
 * A meeting's resolution (read as the minutes are; written by the chair, the minutes-taker, admins and the branch's
 * secretary; issued only once the meeting is closed, then final) and its reviews of earlier resolutions' tasks
 * (marked before and during the meeting).
 */
export const resolutionsRoutes = new Hono<AppEnv>()
  .get("/resolution", async (c) => {
    const { access, db, session } = c.var;
    const meeting = await meetingForRead(db, access, c.req.param("meetingId"));
    const may = mayWriteResolution(access, session.personId, meeting) && meeting.status !== "cancelled";
    return c.json(await getResolution(db, access.tenantId, meeting, may));
  })
  .put("/resolution", valid("json", resolutionDraftSchema), async (c) => {
    const { access, db, session } = c.var;
    const meeting = await meetingForRead(db, access, c.req.param("meetingId"));
    if (!mayWriteResolution(access, session.personId, meeting)) throw forbidden();
    if (meeting.status === "cancelled") throw conflict("Cuộc họp đã hủy / The meeting was cancelled");
    await saveDraft(db, access.tenantId, session.personId, meeting, c.req.valid("json"));
    return c.json(await getResolution(db, access.tenantId, meeting, true));
  })
  .post("/resolution/issue", async (c) => {
    const { access, db, session } = c.var;
    const meeting = await meetingForRead(db, access, c.req.param("meetingId"));
    if (!mayWriteResolution(access, session.personId, meeting)) throw forbidden();
    if (meeting.status !== "closed")
      throw conflict(
        "Chỉ ban hành nghị quyết sau khi kết thúc cuộc họp / A resolution is issued after the meeting closes",
      );
    await issueResolution(db, access.tenantId, session.personId, meeting);
    return c.json(await getResolution(db, access.tenantId, meeting, false));
  })
  .get("/task-reviews", async (c) => {
    const { access, db, session } = c.var;
    const meeting = await meetingForRead(db, access, c.req.param("meetingId"));
    const list: TaskReviewList = {
      meetingId: meeting.id,
      canReview:
        mayWriteResolution(access, session.personId, meeting) &&
        (meeting.status === "planned" || meeting.status === "live"),
      tasks: await tasksUnderReview(db, access.tenantId, meeting),
    };
    return c.json(list);
  })
  .put("/task-reviews/:taskId", valid("json", taskReviewInputSchema), async (c) => {
    const { access, db, session } = c.var;
    const meeting = await meetingForRead(db, access, c.req.param("meetingId"));
    const taskId = c.req.param("taskId");
    if (!idSchema.safeParse(taskId).success) throw notFound("Task");
    if (!mayWriteResolution(access, session.personId, meeting)) throw forbidden();
    const tasks = await tasksUnderReview(db, access.tenantId, meeting);
    if (!tasks.some((t) => t.taskId === taskId)) throw notFound("Task");
    if (meeting.status !== "planned" && meeting.status !== "live")
      throw conflict("Chỉ kiểm điểm trước và trong cuộc họp / Tasks are reviewed before and during the meeting");
    await reviewTask(db, access.tenantId, session.personId, meeting.id, taskId, c.req.valid("json"));
    // The room prints the review in its minutes draft: it reloads it as it reloads a changed roster.
    await reloadBranchRooms(c.env, db, access.tenantId, [meeting.organizationId]);
    return c.json((await tasksUnderReview(db, access.tenantId, meeting)).find((t) => t.taskId === taskId)!);
  });
