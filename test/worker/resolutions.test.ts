import { describe, expect, it } from "vitest";
import { allInShards, api, login } from "../support/fixtures";
import { auditCount, branch, planned, setStatus, staff } from "./meetings-helpers";
import { closedMeeting, issued, type Resolution, resolutionUrl, task } from "./resolutions-helpers";

const rows = (sql: string, ...args: unknown[]) => allInShards(sql, ...args);

describe("resolution draft", () => {
  it("is prefilled from the meeting's record, saved with ordered tasks by the chair, minutes-taker or admin, read by members", async () => {
    const t = await branch();
    const m = await closedMeeting(t);
    const url = resolutionUrl(t, m.id);
    const memberToken = await login(t.member.email);
    const empty = await api<Resolution>("GET", url, memberToken);
    expect(empty.status).toBe(200);
    expect(empty.json).toMatchObject({ id: null, status: "draft", number: null, tasks: [], canWrite: false });
    expect(empty.json.facts).toMatchObject({
      members: 4,
      present: 3,
      presentHall: 2,
      presentRemote: 1,
      absent: 1,
      absentExcused: 1,
      absentUnexcused: 0,
      durationMinutes: 95,
      speakers: 1,
      chairName: "Nguyễn Văn Bí Thư",
      minutesTakerName: "Trần Thị Phó",
      organizationName: "Chi bộ khu phố 1",
    });
    expect(empty.json.votes).toEqual([
      { id: m.voteId, motion: "Thông qua nghị quyết", agree: 2, base: 3, result: "passed" },
    ]);

    const before = await auditCount(t.tenantId);
    const takerToken = await login(t.deputy.email);
    const saved = await api<Resolution>("PUT", url, takerToken, {
      body: "1. Tiếp tục vận động.",
      adoptedVoteId: m.voteId,
      tasks: [task("Thu đảng phí", { leadPersonId: t.member.id, leadName: "Lê Văn Đảng Viên" }), task("Dọn vệ sinh")],
    });
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({
      status: "draft",
      adoptedVoteId: m.voteId,
      body: "1. Tiếp tục vận động.",
      canWrite: true,
    });
    expect(saved.json.tasks.map((x) => [x.title, x.leadPersonId, x.status])).toEqual([
      ["Thu đảng phí", t.member.id, "open"],
      ["Dọn vệ sinh", null, "open"],
    ]);
    // Saving again replaces the tasks, in the new order.
    const reordered = await api<Resolution>("PUT", url, t.adminToken, {
      body: "1. Tiếp tục vận động.",
      tasks: [task("Dọn vệ sinh"), task("Thu đảng phí")],
    });
    expect(reordered.json.tasks.map((x) => x.title)).toEqual(["Dọn vệ sinh", "Thu đảng phí"]);
    expect(reordered.json.adoptedVoteId).toBeNull();
    expect(await auditCount(t.tenantId)).toBe(before + 2);
    expect(await rows("select id from resolution_tasks where resolution_id = ?", saved.json.id)).toHaveLength(2);

    // A member who is neither chair nor minutes-taker, and an organizer, may not write it.
    expect((await api("PUT", url, memberToken, { body: "x" })).status).toBe(403);
    expect((await api("PUT", url, (await staff(t.tenantId, "organizer")).token, { body: "x" })).status).toBe(403);
    expect((await api("POST", `${url}/issue`, memberToken)).status).toBe(403);
    expect(await auditCount(t.tenantId)).toBe(before + 2);
  });

  it("refuses a vote of another meeting, a lead outside the branch and bad tasks with 400, changing nothing", async () => {
    const t = await branch();
    const m = await closedMeeting(t);
    const other = await closedMeeting(t, 60);
    const url = resolutionUrl(t, m.id);
    const before = await auditCount(t.tenantId);
    const bad = [
      { body: "x", adoptedVoteId: other.voteId },
      { body: "x", tasks: [task("A", { leadPersonId: t.admin.id })] },
      { body: "x", tasks: [task("\u200b")] },
      { body: "x", tasks: [task("A", { deadline: "31/12/2026" })] },
      { body: "x", tasks: Array.from({ length: 51 }, (_, i) => task(`Việc ${i}`)) },
      { body: 5 },
      { body: "x", extra: 1 },
    ];
    for (const b of bad)
      expect((await api("PUT", url, t.adminToken, b)).status, JSON.stringify(b).slice(0, 80)).toBe(400);
    expect(await auditCount(t.tenantId)).toBe(before);
    expect((await api<Resolution>("GET", url, t.adminToken)).json.id).toBeNull();
  });
});

describe("issuing", () => {
  it("is for a closed meeting only, numbers per branch and year, and makes the resolution final", async () => {
    const t = await branch();
    const live = await planned(t);
    await api("PUT", resolutionUrl(t, live.id), t.adminToken, { body: "Dự thảo trước cuộc họp" });
    expect((await api("POST", `${resolutionUrl(t, live.id)}/issue`, t.adminToken)).status).toBe(409);
    await setStatus(live.id, "live");
    expect((await api("POST", `${resolutionUrl(t, live.id)}/issue`, t.adminToken)).status).toBe(409);

    const first = await closedMeeting(t, 40);
    const noDraft = await api("POST", `${resolutionUrl(t, first.id)}/issue`, t.adminToken);
    expect(noDraft.status).toBe(409);
    const one = await issued(t, first.id);
    const year = new Date(Date.now() - 40 * 86400_000 + 7 * 3600_000).getUTCFullYear();
    expect(one).toMatchObject({ status: "issued", number: 1, year, canWrite: false });
    const second = await closedMeeting(t, 10);
    const sameYear = new Date(Date.now() - 10 * 86400_000 + 7 * 3600_000).getUTCFullYear() === year;
    expect((await issued(t, second.id)).number).toBe(sameYear ? 2 : 1);
    // Another branch's numbering (another tenant here) starts at 1 again.
    const u = await branch();
    expect((await issued(u, (await closedMeeting(u, 40)).id)).number).toBe(1);

    const url = resolutionUrl(t, first.id);
    const before = await auditCount(t.tenantId);
    expect((await api("PUT", url, t.adminToken, { body: "Sửa sau khi ban hành" })).status).toBe(409);
    expect((await api("POST", `${url}/issue`, t.adminToken)).status).toBe(409);
    expect(await auditCount(t.tenantId)).toBe(before);
    expect((await api<Resolution>("GET", url, t.adminToken)).json).toMatchObject({ body: "Quyết nghị", number: 1 });
  });

  it("never gives two resolutions issued at once the same number", async () => {
    const t = await branch();
    const meetings = [];
    for (let i = 0; i < 6; i++) meetings.push(await closedMeeting(t, 20 + i));
    for (const m of meetings) await api("PUT", resolutionUrl(t, m.id), t.adminToken, { body: `Nghị quyết ${m.id}` });
    const answers = await Promise.all(
      meetings.map((m) => api<Resolution>("POST", `${resolutionUrl(t, m.id)}/issue`, t.adminToken)),
    );
    for (const a of answers) expect(a.status).toBe(200);
    const numbers = (await rows("select number from resolutions where tenant_id = ? order by number", t.tenantId)).map(
      (r) => r.number,
    );
    expect(numbers).toHaveLength(6);
    expect(new Set(numbers).size).toBe(6);
    expect(Math.max(...(numbers as number[]))).toBeLessThanOrEqual(6);
  });
});

describe("another tenant", () => {
  it("gets 404 for the meeting's resolution and task reviews, and changes nothing", async () => {
    const t = await branch();
    const m = await closedMeeting(t);
    const r = await issued(t, m.id);
    const next = await planned(t);
    const taskId = r.tasks[0]!.id;
    const o = await branch();
    const oMeeting = await planned(o);
    const before = {
      audit: await auditCount(t.tenantId),
      rows: await rows("select * from resolutions where tenant_id = ?", t.tenantId),
      tasks: await rows("select * from resolution_tasks where tenant_id = ?", t.tenantId),
    };
    const theirs = resolutionUrl(o, m.id);
    expect((await api("GET", theirs, o.adminToken)).status).toBe(404);
    expect((await api("PUT", theirs, o.adminToken, { body: "x" })).status).toBe(404);
    expect((await api("POST", `${theirs}/issue`, o.adminToken)).status).toBe(404);
    const reviews = (meetingId: string) => `/api/tenants/${o.tenantId}/meetings/${meetingId}/task-reviews`;
    expect((await api("GET", reviews(next.id), o.adminToken)).status).toBe(404);
    expect((await api("PUT", `${reviews(next.id)}/${taskId}`, o.adminToken, { status: "done" })).status).toBe(404);
    // Their own meeting, with our task's id: not a task of theirs.
    expect((await api("PUT", `${reviews(oMeeting.id)}/${taskId}`, o.adminToken, { status: "done" })).status).toBe(404);
    // Our tenant in the path with their token: no standing here.
    expect((await api("GET", resolutionUrl(t, m.id), o.adminToken)).status).toBe(404);
    expect(await auditCount(t.tenantId)).toBe(before.audit);
    expect(await rows("select * from resolutions where tenant_id = ?", t.tenantId)).toEqual(before.rows);
    expect(await rows("select * from resolution_tasks where tenant_id = ?", t.tenantId)).toEqual(before.tasks);
    expect(await rows("select * from task_reviews where task_id = ?", taskId)).toEqual([]);
  });
});
