/**
 * The review of last month's resolution reaches the live room and its minutes: a task marked through the API
 * during the meeting shows under the review item of every screen's agenda, and the minutes frozen at the close
 * print it (DOMAIN.md "Resolutions and follow-up").
 */
import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { agendaItems, meetings, minutes, resolutions, resolutionTasks } from "../../schema/db/tables";
import { api, dbOf, login } from "../support/fixtures";
import { closeAllRooms, eventually } from "../support/room-client";
import { createMeeting, MEMBER_NAMES } from "./meeting-fixture";

afterEach(() => closeAllRooms());

describe("the task review in the live room", () => {
  it("follows reviews marked through the API and lands in the frozen minutes", async () => {
    const f = await createMeeting();
    const chairId = f.idOf("chair");
    // Last month: a closed meeting of the branch whose issued resolution has one task.
    const lastMonth = `prev-${f.meetingId}`;
    await dbOf(f.tenantId).insert(meetings).values({
      id: lastMonth,
      tenantId: f.tenantId,
      organizationId: f.branchId,
      kind: "regular",
      topic: "Sinh hoạt chi bộ tháng 10/2026",
      scheduledAt: "2026-10-22T12:00:00.000Z",
      status: "closed",
    });
    await dbOf(f.tenantId)
      .insert(resolutions)
      .values({
        id: `nq-${f.meetingId}`,
        tenantId: f.tenantId,
        meetingId: lastMonth,
        organizationId: f.branchId,
        year: 2026,
        number: 7,
        status: "issued",
      });
    const taskId = `task-${f.meetingId}`;
    await dbOf(f.tenantId)
      .insert(resolutionTasks)
      .values({
        id: taskId,
        tenantId: f.tenantId,
        resolutionId: `nq-${f.meetingId}`,
        organizationId: f.branchId,
        position: 1,
        title: "Vận động đóng góp quỹ khuyến học",
        leadPersonId: chairId,
        leadName: MEMBER_NAMES.chair,
        deadline: "2026-11-20",
      });
    await dbOf(f.tenantId)
      .insert(agendaItems)
      .values({
        id: `review-${f.meetingId}`,
        tenantId: f.tenantId,
        meetingId: f.meetingId,
        position: 0,
        title: "Kiểm điểm việc thực hiện nghị quyết tháng trước",
        kind: "task_review",
      });

    const chair = await f.join("chair");
    const taker = await f.join("taker");
    await chair.ok({ type: "meeting/start" });
    const reviewItem = async () => (await taker.sync()).state.agenda.find((a) => a.kind === "task_review");
    expect((await reviewItem())?.reviews).toEqual([
      expect.objectContaining({
        title: "Vận động đóng góp quỹ khuyến học",
        resolutionNumber: "Số 07-NQ/CB",
        review: null,
      }),
    ]);

    const token = await login(f.people[MEMBER_NAMES.chair]!.email);
    const url = `/api/tenants/${f.tenantId}/meetings/${f.meetingId}/task-reviews/${taskId}`;
    const res = await api("PUT", url, token, { status: "done", note: "Đã vận động được 12 triệu đồng" });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    await eventually(async () => {
      const item = await reviewItem();
      return item?.reviews?.[0]?.review?.status === "done" ? item : undefined;
    });

    await chair.ok({ type: "meeting/close" });
    const scope = and(eq(minutes.tenantId, f.tenantId), eq(minutes.meetingId, f.meetingId));
    const frozen = await eventually(async () => (await dbOf(f.tenantId).select().from(minutes).where(scope))[0]);
    expect(frozen.body).toContain("1. Vận động đóng góp quỹ khuyến học (Số 07-NQ/CB");
    expect(frozen.body).toContain("Đã hoàn thành — Đã vận động được 12 triệu đồng");
  });
});
