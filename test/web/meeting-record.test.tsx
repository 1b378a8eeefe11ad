/**
 * The meeting page after close is the record (issue 12, item 4): attendance (who, how, when), speakers, votes with
 * their rule, base, tally and result, reserved opinions, the leader's notes, the grades and the links; "saving"
 * (and nothing of the record) until the API says complete; and the agenda as text for everyone who cannot change it.
 * `fetch` stands in for the worker, answering as its routes do.
 */
import { fireEvent, render, screen, waitFor, within } from "@solidjs/testing-library";
import { describe, expect, it } from "vitest";
import type { Me } from "../../schema/api/auth";
import type { MeetingDetail, MeetingMinutes, MeetingRecordAnswer } from "../../schema/api/meetings";
import { App } from "../../web/src/app";
import { setLang } from "../../web/src/i18n";
import { setMe } from "../../web/src/session";
import { callerOf, fakeWorker, json, missing, useFakeWorker } from "./fake-worker";

const roles = {
  member: callerOf("p-an", { branchRole: "member" }),
  leader: callerOf("p-leader", { guest: true }),
  // The chair of this meeting is a committee member, not the secretary: chairing plans nothing.
  chair: callerOf("p-chair", { branchRole: "committee" }),
  secretary: callerOf("p-sec", { branchRole: "secretary" }),
  admin: callerOf("p-admin", { role: "admin" }),
};

const detail = (status: MeetingDetail["status"]): MeetingDetail => ({
  id: "m-1",
  organizationId: "org-1",
  organizationName: "Chi bộ khu phố 3",
  kind: "regular",
  topic: "Sinh hoạt thường kỳ tháng 11/2026",
  scheduledAt: "2026-11-20T12:30:00Z",
  place: "Nhà văn hóa",
  format: "hybrid",
  onlineBasis: null,
  status,
  chairPersonId: "p-chair",
  minutesTakerPersonId: "p-dep",
  chairName: "Đỗ Văn Chủ Trì",
  minutesTakerName: "Trần Thị Phó",
  startedAt: status === "planned" ? null : "2026-11-20T12:30:00Z",
  endedAt: status === "closed" ? "2026-11-20T14:10:00Z" : null,
  cancelReason: null,
  combined: false,
  mediaMode: "hall_only",
  mediaLink: null,
  agenda: [
    {
      id: "a-1",
      position: 1,
      title: "Kiểm điểm công tác tháng",
      presenterPersonId: "p-sec",
      presenterName: "Nguyễn Văn Bí Thư",
      minutesBudget: 30,
    },
    {
      id: "a-2",
      position: 2,
      title: "Biểu quyết nghị quyết",
      presenterPersonId: null,
      presenterName: null,
      minutesBudget: 60,
    },
  ],
  documents: [],
  guests: [],
  lateDocuments: false,
  expected: [{ personId: "p-an", fullName: "Lê Văn An", branchRole: "member" }],
});

const fullRecord: MeetingRecordAnswer = {
  complete: true,
  saving: false,
  attendance: [
    {
      personId: "p-an",
      fullName: "Lê Văn An",
      status: "present_hall",
      reason: null,
      joinedAt: "2026-11-20T12:31:00Z",
      leftAt: null,
      memberStatus: "official",
    },
    {
      personId: "p-binh",
      fullName: "Phạm Thị Bình",
      status: "present_remote",
      reason: null,
      joinedAt: "2026-11-20T12:35:00Z",
      leftAt: "2026-11-20T13:50:00Z",
      memberStatus: "official",
    },
    {
      personId: "p-cuong",
      fullName: "Võ Văn Cường",
      status: "absent_excused",
      reason: "Đi công tác",
      joinedAt: null,
      leftAt: null,
      memberStatus: "official",
    },
    {
      personId: "p-dung",
      fullName: "Hồ Thị Dung",
      status: "absent_unexcused",
      reason: null,
      joinedAt: null,
      leftAt: null,
      memberStatus: "official",
    },
    {
      personId: "p-em",
      fullName: "Lý Văn Em",
      status: "exempt",
      reason: null,
      joinedAt: null,
      leftAt: null,
      memberStatus: null,
    },
  ],
  speeches: [
    {
      id: "s-1",
      personId: "p-binh",
      fullName: "Phạm Thị Bình",
      agendaItemId: "a-1",
      kind: "speech",
      startedAt: "2026-11-20T12:50:00Z",
      endedAt: "2026-11-20T12:53:05Z",
      durationSeconds: 185,
      limitSeconds: 300,
    },
  ],
  votes: [
    {
      id: "v-1",
      agendaItemId: "a-2",
      motion: "Thông qua nghị quyết tháng 11",
      rule: { preset: "custom", base: "members", num: 1, den: 2, strict: true, allowChange: false },
      secret: false,
      openedAt: "2026-11-20T13:40:00Z",
      closedAt: "2026-11-20T13:45:00Z",
      base: 9,
      eligible: 8,
      agree: 5,
      disagree: 3,
      abstain: 0,
      result: "passed",
      voters: 8,
      ballots: [],
    },
  ],
  reservedOpinions: [
    {
      id: "r-1",
      voteId: "v-1",
      personId: "p-binh",
      fullName: "Phạm Thị Bình",
      body: "Tôi đề nghị lùi thời hạn",
      createdAt: "2026-11-20T13:46:00Z",
    },
  ],
  evaluations: [
    {
      id: "e-1",
      evaluatorPersonId: "p-leader",
      evaluatorName: "Hoàng Minh Đức",
      evaluatorKind: "leader",
      total: 82,
      grade: "fair",
      scores: {},
      confirmedAt: null,
    },
  ],
  leaderNotes: [
    {
      id: "n-1",
      personId: "p-leader",
      fullName: "Hoàng Minh Đức",
      agendaItemId: "a-1",
      body: "Cần nêu rõ người chịu trách nhiệm",
      shared: true,
      updatedAt: "2026-11-20T13:00:00Z",
    },
  ],
  approvedMinutes: { version: 2, approvedAt: "2026-11-21T02:00:00Z" },
  resolution: { id: "res-1", status: "issued", number: 5, year: 2026 },
};

/** Version 1 of the minutes as the room froze it, or as approved. */
const minutesV1 = (approved: boolean): MeetingMinutes => {
  const v1 = {
    version: 1,
    status: approved ? ("approved" as const) : ("frozen" as const),
    createdBy: null,
    createdAt: "2026-11-20T14:10:00Z",
    approvedBy: approved ? "p-chair" : null,
    approvedAt: approved ? "2026-11-21T02:00:00Z" : null,
  };
  return { versions: [v1], latest: { ...v1, body: "Biên bản" } };
};

/**
 * The worker for one meeting: its detail, and its record answers in turn (the last one repeats); its minutes (none
 * unless given), which approving version 1 approves.
 */
function fakeServer(meeting: MeetingDetail, records: MeetingRecordAnswer[], minutes?: MeetingMinutes) {
  let reads = 0;
  const answer = (path: string): Response => {
    if (path === "/api/tenants/t-1/meetings/m-1") return json(200, meeting);
    if (path === "/api/tenants/t-1/meetings/m-1/record")
      return json(200, records[Math.min(reads++, records.length - 1)]);
    if (path === "/api/tenants/t-1/meetings/m-1/minutes") return json(200, minutes ?? { versions: [], latest: null });
    if (path === "/api/tenants/t-1/meetings/m-1/minutes/1/approve") return json(200, minutesV1(true));
    return missing(path);
  };
  const seen = fakeWorker((_method, url) => answer(url.pathname + url.search));
  return { seen, reads: () => reads };
}

async function open(
  as: Me,
  meeting: MeetingDetail,
  records: MeetingRecordAnswer[] = [fullRecord],
  minutes?: MeetingMinutes,
) {
  const server = fakeServer(meeting, records, minutes);
  setMe(as);
  window.history.replaceState(null, "", "/t/t-1/meetings/m-1");
  render(() => <App />);
  await screen.findByRole("heading", { name: meeting.topic }, { timeout: 5000 });
  return server;
}

useFakeWorker();

describe("the closed meeting page", () => {
  it("shows the record: attendance with how and when, speakers, the vote with rule and tally, opinions, notes, grade, links", async () => {
    await open(roles.secretary, detail("closed"));
    const record = await screen.findByRole("region", { name: "Hồ sơ cuộc họp" }, { timeout: 5000 });
    const rows = within(record).getAllByRole("row");
    // Header and five members.
    expect(rows).toHaveLength(6);
    expect(rows[1]!.textContent).toContain("Lê Văn An");
    expect(rows[1]!.textContent).toContain("Có mặt tại hội trường");
    expect(rows[1]!.textContent).toContain("vào 19:31");
    expect(rows[2]!.textContent).toContain("Dự trực tuyến");
    expect(rows[2]!.textContent).toContain("ra 20:50");
    expect(rows[3]!.textContent).toContain("Vắng có lý do: Đi công tác");
    expect(rows[4]!.textContent).toContain("Vắng không lý do");
    expect(rows[5]!.textContent).toContain("Miễn sinh hoạt");
    const speech = within(record).getByText("Phạm Thị Bình", { selector: "li > strong" }).closest("li")!;
    expect(speech.textContent).toContain("19:50–19:53");
    expect(speech.textContent).toContain("3 phút 5 giây");
    expect(speech.textContent).toContain("Kiểm điểm công tác tháng");
    const vote = within(record).getByText("Thông qua nghị quyết tháng 11").closest("li")!;
    expect(vote.textContent).toContain("quy tắc tùy chỉnh: quá 1/2 số đảng viên chính thức");
    expect(vote.textContent).toContain("Tán thành 5/9 · không tán thành 3 · không biểu quyết 0");
    expect(vote.textContent).toContain("Thông qua");
    expect(vote.textContent).toContain("Bảo lưu ý kiến — Phạm Thị Bình: Tôi đề nghị lùi thời hạn");
    expect(within(record).getByText("Cần nêu rõ người chịu trách nhiệm")).toBeTruthy();
    expect(record.textContent).toContain("Lãnh đạo Hoàng Minh Đức: 82/100 — Khá");
    expect(within(record).getByRole("link", { name: "Biên bản đã duyệt (bản 2)" }).getAttribute("href")).toBe(
      "/t/t-1/meetings/m-1/minutes",
    );
    expect(within(record).getByRole("link", { name: "Nghị quyết số 05-NQ/CB năm 2026" }).getAttribute("href")).toBe(
      "/t/t-1/meetings/m-1/resolution",
    );
  });

  it("links no resolution when there is none, and says the minutes are not approved yet", async () => {
    await open(roles.member, detail("closed"), [{ ...fullRecord, resolution: null, approvedMinutes: null }]);
    const record = await screen.findByRole("region", { name: "Hồ sơ cuộc họp" }, { timeout: 5000 });
    expect(within(record).queryByRole("link", { name: /Nghị quyết/ })).toBeNull();
    expect(within(record).getByText("Biên bản chưa được duyệt")).toBeTruthy();
  });

  it("links the approved minutes as soon as the chair approves them on the page", async () => {
    const notApproved = { ...fullRecord, approvedMinutes: null };
    const approved = { ...fullRecord, approvedMinutes: { version: 1, approvedAt: "2026-11-21T02:00:00Z" } };
    await open(roles.chair, detail("closed"), [notApproved, approved], minutesV1(false));
    const record = await screen.findByRole("region", { name: "Hồ sơ cuộc họp" }, { timeout: 5000 });
    expect(within(record).getByText("Biên bản chưa được duyệt")).toBeTruthy();
    fireEvent.click(await screen.findByRole("button", { name: "Duyệt phiên bản 1" }));
    await waitFor(() =>
      expect(within(record).getByRole("link", { name: "Biên bản đã duyệt (bản 1)" }).getAttribute("href")).toBe(
        "/t/t-1/meetings/m-1/minutes",
      ),
    );
  });

  it("says saving and shows nothing of the record until the API says complete, then shows it", async () => {
    const saving = { ...fullRecord, complete: false, saving: true, attendance: fullRecord.attendance.slice(0, 1) };
    const server = await open(roles.member, detail("closed"), [saving, saving, fullRecord]);
    const notice = await screen.findByText(/Đang lưu biên bản…/, {}, { timeout: 5000 });
    expect(notice.getAttribute("role")).toBe("status");
    expect(screen.queryByRole("region", { name: "Hồ sơ cuộc họp" })).toBeNull();
    expect(screen.queryByText("Lê Văn An", { selector: "td" })).toBeNull();
    const record = await screen.findByRole("region", { name: "Hồ sơ cuộc họp" }, { timeout: 8000 });
    expect(server.reads()).toBe(3);
    expect(within(record).getAllByRole("row")).toHaveLength(6);
    expect(screen.queryByText(/Đang lưu biên bản/)).toBeNull();
  }, 15_000);

  it("says saving in English too", async () => {
    setLang("en");
    await open(roles.member, detail("closed"), [{ ...fullRecord, complete: false, saving: true }]);
    await waitFor(() => expect(screen.getByText(/Saving the record…/)).toBeTruthy(), { timeout: 5000 });
  });
});

describe("the agenda", () => {
  for (const [who, as] of Object.entries(roles)) {
    it(`reads as text, with no inputs, for the ${who} once the meeting is closed`, async () => {
      await open(as, detail("closed"));
      const agenda = await screen.findByRole("region", { name: "Chương trình" }, { timeout: 5000 });
      expect(within(agenda).getByText("Kiểm điểm công tác tháng")).toBeTruthy();
      expect(agenda.textContent).toContain("30 phút · Nguyễn Văn Bí Thư");
      expect(agenda.querySelectorAll("input, select, textarea")).toHaveLength(0);
    });
  }

  for (const who of ["member", "leader", "chair"] as const) {
    it(`reads as text for the ${who} while planned (they cannot change it)`, async () => {
      await open(roles[who], detail("planned"));
      const agenda = await screen.findByRole("region", { name: "Chương trình" }, { timeout: 5000 });
      expect(within(agenda).getByText("Biểu quyết nghị quyết")).toBeTruthy();
      expect(agenda.querySelectorAll("input, select, textarea")).toHaveLength(0);
    });
  }

  for (const who of ["secretary", "admin"] as const) {
    it(`stays an editor for the ${who} while planned`, async () => {
      await open(roles[who], detail("planned"));
      await waitFor(() =>
        expect((screen.getByLabelText(/Nội dung mục 1/) as HTMLInputElement).value).toBe("Kiểm điểm công tác tháng"),
      );
    });
  }
});
