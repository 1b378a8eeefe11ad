import { describe, expect, it } from "vitest";
import { TASK_REVIEW_TITLE } from "../../schema/api/resolutions";
import { vnToday } from "../../schema/calendar";
import { api, d1Of, login } from "../support/fixtures";
import { auditCount, base, branch, planned, setStatus } from "./meetings-helpers";
import { closedMeeting, issued, type Resolution, type ReviewList, resolutionUrl, task } from "./resolutions-helpers";

type Agenda = { agenda: { title: string; position: number; kind: string }[] };

describe("follow-up of a resolution's tasks", () => {
  it("opens the branch's next meeting with the task review; reviews set the tasks' status and land in the resolution", async () => {
    const t = await branch();
    const m = await closedMeeting(t);
    const r = await issued(t, m.id, [task("Thu đảng phí", { deadline: "2099-01-31" }), task("Sửa nhà văn hóa")]);
    const [fees, hall] = r.tasks;
    const next = await planned(t, { template: true });
    expect(next.agenda[0]).toMatchObject({ position: 1, title: TASK_REVIEW_TITLE, kind: "task_review" });
    expect((next as unknown as Agenda).agenda.slice(1).every((a) => a.kind === "item")).toBe(true);
    expect(next.agenda.map((a) => a.position)).toEqual(next.agenda.map((_, i) => i + 1));

    const url = `${base(t.tenantId)}/${next.id}/task-reviews`;
    const takerToken = await login(t.deputy.email);
    const list = await api<ReviewList>("GET", url, takerToken);
    expect(list.json.canReview).toBe(true);
    expect(list.json.tasks.map((x) => [x.title, x.status, x.review])).toEqual([
      ["Thu đảng phí", "open", null],
      ["Sửa nhà văn hóa", "open", null],
    ]);
    const memberToken = await login(t.member.email);
    expect((await api<ReviewList>("GET", url, memberToken)).json.canReview).toBe(false);
    expect((await api("PUT", `${url}/${fees!.id}`, memberToken, { status: "done" })).status).toBe(403);

    const before = await auditCount(t.tenantId);
    const done = await api("PUT", `${url}/${fees!.id}`, takerToken, { status: "done", note: "Đã thu đủ" });
    expect(done.status).toBe(200);
    expect(done.json).toMatchObject({
      status: "done",
      doneOn: vnToday(),
      review: { status: "done", note: "Đã thu đủ" },
    });
    await setStatus(next.id, "live");
    expect((await api("PUT", `${url}/${hall!.id}`, takerToken, { status: "in_progress" })).status).toBe(200);
    expect(await auditCount(t.tenantId)).toBe(before + 2);
    // A task marked done stays on this meeting's list, with its review.
    const after = await api<ReviewList>("GET", url, takerToken);
    expect(after.json.tasks.map((x) => [x.title, x.status, x.review?.status])).toEqual([
      ["Thu đảng phí", "done", "done"],
      ["Sửa nhà văn hóa", "in_progress", "in_progress"],
    ]);
    // Taken back, a task is not done on any day.
    await api("PUT", `${url}/${fees!.id}`, takerToken, { status: "not_done" });
    const undone = (await d1Of(t.tenantId)
      .prepare("select status, done_on from resolution_tasks where id = ?")
      .bind(fees!.id)
      .first()) as Record<string, unknown>;
    expect(undone).toEqual({ status: "not_done", done_on: null });
    await api("PUT", `${url}/${fees!.id}`, takerToken, { status: "done", note: "Đã thu đủ" });

    // After the close the review is part of the record: no more changes; the meeting's resolution prints it.
    await setStatus(next.id, "closed");
    expect((await api("PUT", `${url}/${hall!.id}`, takerToken, { status: "done" })).status).toBe(409);
    const own = await api<Resolution>("GET", resolutionUrl(t, next.id), takerToken);
    expect(own.json.reviews.map((x) => [x.taskId, x.review?.status])).toEqual([
      [fees!.id, "done"],
      [hall!.id, "in_progress"],
    ]);
    // A task of the meeting's own resolution is not up for review there.
    const ownDraft = await api<Resolution>("PUT", resolutionUrl(t, next.id), takerToken, {
      body: "x",
      tasks: [task("Việc mới")],
    });
    const ownTask = ownDraft.json.tasks[0]!.id;
    expect((await api("PUT", `${url}/${ownTask}`, takerToken, { status: "done" })).status).toBe(404);

    // The meeting after that reviews only what is not done.
    const later = await planned(t, {
      template: true,
      scheduledAt: new Date(Date.now() + 40 * 86400_000).toISOString(),
    });
    const laterList = await api<ReviewList>("GET", `${base(t.tenantId)}/${later.id}/task-reviews`, takerToken);
    expect(laterList.json.tasks.map((x) => x.title)).toEqual(["Sửa nhà văn hóa"]);
  });

  it("adds the review item to meetings planned before the resolution was issued, once", async () => {
    const t = await branch();
    const early = await planned(t, { template: true });
    expect(early.agenda.some((a) => a.title === TASK_REVIEW_TITLE)).toBe(false);
    const m = await closedMeeting(t);
    await issued(t, m.id);
    const second = await closedMeeting(t, 20);
    await issued(t, second.id);
    const detail = await api<Agenda>("GET", `${base(t.tenantId)}/${early.id}`, t.adminToken);
    const reviewItems = detail.json.agenda.filter((a) => a.kind === "task_review");
    expect(reviewItems).toHaveLength(1);
    expect(detail.json.agenda[0]).toMatchObject({ position: 1, kind: "task_review" });
    expect(detail.json.agenda.map((a) => a.position)).toEqual(detail.json.agenda.map((_, i) => i + 1));
  });

  it("leaves a branch with no open tasks alone, and plans a year's meetings with the review item", async () => {
    const t = await branch();
    const m = await closedMeeting(t);
    await issued(t, m.id, []);
    const next = await planned(t, { template: true });
    expect(next.agenda.some((a) => (a as unknown as { kind: string }).kind === "task_review")).toBe(false);
    const other = await closedMeeting(t, 25);
    await issued(t, other.id, [task("Việc chung")]);
    const year = new Date().getUTCFullYear() + 1;
    const plan = await api<{ created: { id: string }[] }>("POST", `${base(t.tenantId)}/plan-year`, t.adminToken, {
      organizationId: t.branchId,
      year,
      dayOfMonth: 10,
      time: "19:30",
      place: "Nhà văn hóa",
    });
    expect(plan.status).toBe(201);
    const first = await api<Agenda>("GET", `${base(t.tenantId)}/${plan.json.created[0]!.id}`, t.adminToken);
    expect(first.json.agenda[0]).toMatchObject({ title: TASK_REVIEW_TITLE, kind: "task_review", position: 1 });
    expect(first.json.agenda.filter((a) => a.kind === "task_review")).toHaveLength(1);
  });
});
