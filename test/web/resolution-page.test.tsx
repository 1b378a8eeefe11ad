/**
 * The resolution page as the chair opens it: the sheet drawn from the API's answer, the draft edited (tasks added,
 * reordered, removed, a lead picked from the branch or typed, the adopting vote picked), saved and issued; the review
 * of last month's tasks marked. `fetch` stands in for the worker and records what the page sent.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from "@solidjs/testing-library";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Me } from "../../schema/api/auth";
import {
  type Resolution,
  type ResolutionDraftInput,
  resolutionDraftSchema,
  type TaskReviewList,
} from "../../schema/api/resolutions";
import { App } from "../../web/src/app";
import { setLang } from "../../web/src/i18n";
import { setMe } from "../../web/src/session";
import { meetingOf, resolution } from "./resolution-fixture";

/** The branch's secretary, who chairs the meeting. */
const chair: Me = {
  person: { id: "p-sec", fullName: "Nguyễn Văn Bí Thư", email: "bithu@chibo.test" },
  tenants: [
    {
      ...{ id: "t-1", name: "Đảng ủy phường Hòa An", kind: "committee", parentId: null, viaProvince: false },
      ...{ provinceRole: null, role: null, organizationIds: ["org-1"], guestMeetingIds: [] },
      branchRoles: [{ organizationId: "org-1", branchRole: "secretary" }],
    },
  ],
};
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

function fakeServer(start: Resolution, reviews: TaskReviewList) {
  let current = start;
  const sent: { method: string; path: string; body: unknown }[] = [];
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = new URL(String(input), "http://localhost").pathname;
    const method = init?.method ?? "GET";
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    sent.push({ method, path, body });
    const m = "/api/tenants/t-1/meetings/m-1";
    if (method === "GET" && path === m) return json(200, meetingOf(start));
    if (method === "GET" && path === `${m}/resolution`) return json(200, current);
    if (method === "PUT" && path === `${m}/resolution`) {
      const draft = body as ResolutionDraftInput;
      current = {
        ...current,
        body: draft.body,
        adoptedVoteId: draft.adoptedVoteId ?? null,
        tasks: (draft.tasks ?? []).map((t, i) => ({
          id: `new-${i}`,
          position: i + 1,
          title: t.title,
          leadPersonId: t.leadPersonId ?? null,
          leadName: t.leadName ?? "",
          deadline: t.deadline,
          reportBack: t.reportBack ?? "",
          status: "open",
          doneOn: null,
        })),
      };
      return json(200, current);
    }
    if (method === "POST" && path === `${m}/resolution/issue`) {
      current = { ...current, status: "issued", number: 7, year: 2026, canWrite: false };
      return json(200, current);
    }
    if (method === "GET" && path === `${m}/task-reviews`) return json(200, reviews);
    if (method === "PUT" && path.startsWith(`${m}/task-reviews/`)) return json(200, reviews.tasks[0]);
    return json(404, { error: { code: "not_found", message: `Không có / Not found: ${method} ${path}` } });
  }) as typeof fetch;
  return sent;
}

const realFetch = globalThis.fetch;
const realConfirm = window.confirm;
beforeEach(() => {
  setLang("vi");
  localStorage.clear();
  window.confirm = () => true;
});
afterEach(() => {
  cleanup();
  globalThis.fetch = realFetch;
  window.confirm = realConfirm;
});

async function open(start: Resolution, reviews: TaskReviewList = { meetingId: "m-1", canReview: false, tasks: [] }) {
  const sent = fakeServer(start, reviews);
  setMe(chair);
  window.history.replaceState(null, "", "/t/t-1/meetings/m-1/resolution");
  render(() => <App />);
  await screen.findByRole("article", { name: /NGHỊ QUYẾT/ }, { timeout: 5000 });
  return sent;
}

describe("the resolution page", () => {
  it("prints the resolution from the meeting's record: number, counts, review, tasks and tally", async () => {
    await open({ ...resolution, status: "issued", number: 5, year: 2026, canWrite: false });
    const sheet = screen.getByRole("article", { name: /NGHỊ QUYẾT/ });
    expect(within(sheet).getByText("Số 05-NQ/CB")).toBeTruthy();
    expect(within(sheet).getByText("Sinh hoạt chi bộ tháng 11/2026")).toBeTruthy();
    expect(within(sheet).getByText(/có mặt: 9 \(tại hội trường 7, trực tuyến 2\)/)).toBeTruthy();
    expect(within(sheet).getByText(/Tuyên truyền phòng chống ma túy .*Đã hoàn thành — Đã tổ chức 2 buổi/)).toBeTruthy();
    const rows = within(sheet).getAllByRole("row");
    expect(rows.map((r) => r.textContent)).toEqual([
      "STTNội dung công việcNgười chủ trìThời hạnBáo cáo kết quả",
      "1Thu đảng phí quý IVTrần Thị Phó31/12/2026Sinh hoạt chi bộ tháng 12/2026",
      "2Ra quân dọn vệ sinh khu phốChi hội Cựu chiến binh15/12/2026Sinh hoạt chi bộ tháng 12/2026",
    ]);
    expect(within(sheet).getByText(/tán thành 8\/9 = 88,9%/)).toBeTruthy();
    // Issued: no editor, a notice that it is final.
    expect(screen.queryByRole("button", { name: "Lưu dự thảo" })).toBeNull();
    expect(screen.getByText("Nghị quyết đã ban hành, không sửa được nữa.")).toBeTruthy();
  });

  it("edits the draft's tasks and vote, saves them in order, and issues it", async () => {
    const sent = await open({ ...resolution, adoptedVoteId: null });
    // Add a third task, led by a member picked from the branch.
    fireEvent.click(screen.getByRole("button", { name: "+ Thêm việc" }));
    const third = screen.getByRole("listitem", { name: "Việc 3" });
    fireEvent.input(within(third).getByLabelText("3. Nội dung công việc"), {
      target: { value: "Thăm hỏi gia đình chính sách" },
    });
    fireEvent.change(within(third).getByLabelText("Người chủ trì"), { target: { value: "p-an" } });
    // Move it to the top, remove the (now) third one, and type a lead for the second.
    fireEvent.click(within(third).getByRole("button", { name: "↑ Lên" }));
    fireEvent.click(within(screen.getByRole("listitem", { name: "Việc 2" })).getByRole("button", { name: "↑ Lên" }));
    fireEvent.click(within(screen.getByRole("listitem", { name: "Việc 3" })).getByRole("button", { name: "Xóa việc" }));
    fireEvent.change(screen.getByLabelText("Biểu quyết thông qua nghị quyết"), { target: { value: "v-1" } });
    fireEvent.click(screen.getByRole("button", { name: "Lưu dự thảo" }));
    await waitFor(() => expect(sent.some((r) => r.method === "PUT")).toBe(true));
    const put = sent.find((r) => r.method === "PUT")!.body as ResolutionDraftInput;
    expect(put.adoptedVoteId).toBe("v-1");
    expect(put.tasks!.map((t) => [t.title, t.leadPersonId, t.leadName])).toEqual([
      ["Thăm hỏi gia đình chính sách", "p-an", "Lê Văn An"],
      ["Thu đảng phí quý IV", "p-dep", "Trần Thị Phó"],
    ]);
    // A new task is due at the end of next month and reports back at next month's meeting.
    expect(put.tasks![0]).toMatchObject({ deadline: "2026-12-31", reportBack: "Sinh hoạt chi bộ tháng 12/2026" });
    await screen.findByText("Đã lưu dự thảo");
    // The sheet shows the saved order.
    await waitFor(() => expect(screen.getAllByRole("row")[1]!.textContent).toContain("Thăm hỏi gia đình chính sách"));

    fireEvent.click(await screen.findByRole("button", { name: "Ban hành nghị quyết" }));
    await waitFor(() =>
      expect(sent.some((r) => r.method === "POST" && r.path.endsWith("/resolution/issue"))).toBe(true),
    );
    expect(await screen.findByText("Số 07-NQ/CB")).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole("button", { name: "Lưu dự thảo" })).toBeNull());
  });

  it("saves a draft opened with saved tasks as the API's strict contract accepts it", async () => {
    // The saved tasks carry id, position, status and done day; a draft sends none of them (PUT would answer 400).
    const sent = await open(resolution);
    fireEvent.click(screen.getByRole("button", { name: "Lưu dự thảo" }));
    await waitFor(() => expect(sent.some((r) => r.method === "PUT")).toBe(true));
    const put = sent.find((r) => r.method === "PUT")!.body;
    expect(resolutionDraftSchema.safeParse(put).error?.issues ?? []).toEqual([]);
    expect((put as ResolutionDraftInput).tasks!.map((t) => t.title)).toEqual(resolution.tasks.map((t) => t.title));
  });

  it("marks last month's tasks done, in progress or not done with a note", async () => {
    const task = { ...resolution.reviews[0]!, review: null, status: "open" as const, doneOn: null };
    const sent = await open(resolution, { meetingId: "m-1", canReview: true, tasks: [task] });
    const group = await screen.findByRole("group", { name: task.title });
    fireEvent.input(screen.getByLabelText("Ghi chú"), { target: { value: "Còn 1 tổ chưa làm" } });
    fireEvent.click(within(group).getByRole("button", { name: "Đang thực hiện" }));
    await waitFor(() => expect(sent.some((r) => r.method === "PUT" && r.path.includes("/task-reviews/"))).toBe(true));
    const put = sent.find((r) => r.path.includes("/task-reviews/"))!;
    expect(put.path).toBe("/api/tenants/t-1/meetings/m-1/task-reviews/old-1");
    expect(put.body).toEqual({ status: "in_progress", note: "Còn 1 tổ chưa làm" });
  });
});
