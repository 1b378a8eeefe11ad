import { describe, expect, it } from "vitest";
import type { ReportResult } from "../../schema/api/reports";
import { api, runInShards } from "../support/fixtures";
import { branch } from "./meetings-helpers";
import { closedMeeting, issued, resolutionUrl, task } from "./resolutions-helpers";

const setDone = (taskId: string, status: string, doneOn: string | null) =>
  runInShards("update resolution_tasks set status = ?, done_on = ? where id = ?", status, doneOn, taskId);

describe("tasks done on time", () => {
  it("counts an issued resolution's tasks due in the period and those done by their deadline, per branch", async () => {
    const t = await branch();
    const r = await issued(t, (await closedMeeting(t, 40)).id, [
      task("Quý 1", { deadline: "2025-03-31" }),
      task("Tháng 4", { deadline: "2025-04-30" }),
      task("Tháng 6", { deadline: "2025-06-30" }),
      task("Năm sau", { deadline: "2026-01-15" }),
    ]);
    const [q1, april] = r.tasks;
    await setDone(q1!.id, "done", "2025-03-31");
    await setDone(april!.id, "done", "2025-05-10");
    // A draft's task does not count, nor another tenant's.
    const draftMeeting = await closedMeeting(t, 20);
    await api("PUT", resolutionUrl(t, draftMeeting.id), t.adminToken, {
      body: "Dự thảo",
      tasks: [task("Nháp", { deadline: "2025-03-15" })],
    });
    const other = await branch();
    await issued(other, (await closedMeeting(other, 40)).id, [task("Của nơi khác", { deadline: "2025-03-10" })]);

    const base = `/api/tenants/${t.tenantId}/reports/meetings`;
    const year = await api<ReportResult>("GET", `${base}?year=2025`, t.adminToken);
    expect(year.status).toBe(200);
    expect(year.json.total).toMatchObject({ tasksDue: 3, tasksOnTime: 1, tasksOnTimeRate: 0.3333 });
    expect(year.json.rows[0]!.values).toMatchObject({ tasksDue: 3, tasksOnTime: 1, tasksOnTimeRate: 0.3333 });
    const march = await api<ReportResult>("GET", `${base}?month=2025-03`, t.adminToken);
    expect(march.json.total).toMatchObject({ tasksDue: 1, tasksOnTime: 1, tasksOnTimeRate: 1 });
    const may = await api<ReportResult>("GET", `${base}?month=2025-05`, t.adminToken);
    expect(may.json.total).toMatchObject({ tasksDue: 0, tasksOnTime: 0, tasksOnTimeRate: null });

    const csv = await exportsText(`${base}?year=2025&format=csv`, t.adminToken);
    const lines = csv.split(/\r?\n/);
    const header = lines.find((l) => l.includes("Việc nghị quyết đến hạn"))!.split(",");
    const at = header.indexOf("Việc nghị quyết đến hạn");
    // The rate is printed as a percentage, as every rate column of the exports is.
    expect(header.slice(at, at + 3)).toEqual([
      "Việc nghị quyết đến hạn",
      "Việc hoàn thành đúng hạn",
      "Tỷ lệ việc đúng hạn (%)",
    ]);
    const total = lines.find((l) => l.startsWith("Tổng"))!.split(",");
    expect(total.slice(at, at + 3)).toEqual(["3", "1", "33.3"]);
  });

  it("does not count a task whose deadline has not come as due, unless it is already done", async () => {
    const t = await branch();
    const r = await issued(t, (await closedMeeting(t, 40)).id, [
      task("Chưa đến hạn", { deadline: "2099-06-30" }),
      task("Xong sớm", { deadline: "2099-06-15" }),
    ]);
    await setDone(r.tasks[1]!.id, "done", "2099-01-10");
    const res = await api<ReportResult>("GET", `/api/tenants/${t.tenantId}/reports/meetings?year=2099`, t.adminToken);
    expect(res.status).toBe(200);
    expect(res.json.total).toMatchObject({ tasksDue: 1, tasksOnTime: 1, tasksOnTimeRate: 1 });
  });
});

async function exportsText(path: string, token: string) {
  const { exports } = await import("cloudflare:workers");
  const res = await exports.default.fetch(`http://chibo.test${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  return (await res.text()).replace(/^\uFEFF/, "");
}
