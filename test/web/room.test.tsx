/**
 * The live room's client logic: versions and event merging (pure), and the member's phone view rendered
 * from a room view, with a recording stand-in for the socket (the real socket runs in test/browser).
 */
import { Route, Router } from "@solidjs/router";
import { cleanup, fireEvent, render, screen } from "@solidjs/testing-library";
import { createSignal, type JSX } from "solid-js";
import { createStore } from "solid-js/store";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ClientMessage } from "../../schema/room/messages";
import type { RoomView, VoteView, You } from "../../schema/room/views";
import { votePresets } from "../../schema/vote-rules";
import { setLang } from "../../web/src/i18n";
import { RoomContext } from "../../web/src/room/room-context";
import type { ActionOutcome, RoomAction, RoomConnection, RoomData } from "../../web/src/room/room-socket";
import {
  applyEvent,
  clock,
  floorSecondsLeft,
  HALL_RESULT_MS,
  hallVoteInFocus,
  latestVote,
  versionStep,
} from "../../web/src/room/room-state";
import { createRtcSignals } from "../../web/src/room/rtc/signalling";
import { ChairConsole } from "../../web/src/room/views/chair-console";
import { EvaluationForm } from "../../web/src/room/views/leader-view";
import { MemberView } from "../../web/src/room/views/member-view";
import { MinutesView } from "../../web/src/room/views/minutes-view";

const NOW = Date.parse("2026-11-25T12:30:00Z");

function roomView(over: Partial<RoomView> = {}): RoomView {
  return {
    meeting: {
      id: "m1",
      topic: "Sinh hoạt thường kỳ tháng 11",
      kind: "regular",
      place: "Nhà văn hóa",
      format: "hybrid",
      scheduledAt: "2026-11-25T12:00:00Z",
      status: "live",
      chairPersonId: "p-chair",
      minutesTakerPersonId: null,
      startedAt: "2026-11-25T12:00:00Z",
      endedAt: null,
      durationMarkMinutes: 90,
    },
    roster: [
      { personId: "p-chair", name: "Nguyễn Văn Bình", status: "official", branchRole: "secretary", exempt: false },
      { personId: "p-an", name: "Lê Văn An", status: "official", branchRole: "member", exempt: false },
      { personId: "p-hoa", name: "Phạm Thị Hoa", status: "probationary", branchRole: "member", exempt: false },
    ],
    guests: [],
    attendance: [
      { personId: "p-chair", status: "present_hall", reason: null, connected: 1 },
      { personId: "p-an", status: "present_remote", reason: null, connected: 1 },
      { personId: "p-hoa", status: "present_remote", reason: null, connected: 1 },
    ],
    counts: {
      members: 3,
      official: 2,
      probationary: 1,
      exempt: 0,
      expected: 2,
      presentHall: 1,
      presentRemote: 2,
      present: 3,
      absentExcused: 0,
      absentUnexcused: 0,
      unrecorded: 0,
      rate: 1,
      mark: 0.85,
      reachesMark: true,
      eligibleVoters: 2,
      voteBase: 2,
    },
    agenda: [
      {
        id: "a1",
        title: "Khai mạc",
        position: 1,
        presenterPersonId: null,
        budgetMinutes: 5,
        elapsedMs: 300_000,
        runningSince: null,
        done: true,
      },
      {
        id: "a2",
        title: "Biểu quyết nghị quyết",
        position: 2,
        presenterPersonId: null,
        budgetMinutes: 10,
        elapsedMs: 0,
        runningSince: "2026-11-25T12:25:00Z",
        done: false,
      },
    ],
    currentItemId: "a2",
    queue: [],
    floor: null,
    queueSettings: { limitSeconds: 300, graceSeconds: 30 },
    speeches: [],
    votes: [],
    reservedOpinions: [],
    guidance: [],
    evaluations: [],
    notes: [],
    minutes: { body: "", revision: 0, editedBy: null, editedAt: null, frozenVersion: null },
    now: new Date(NOW).toISOString(),
    ...over,
  };
}

const openVote = (over: Partial<VoteView> = {}): VoteView => ({
  id: "v1",
  motion: "Thông qua nghị quyết tháng 12",
  itemId: "a2",
  rule: votePresets.resolution,
  secret: false,
  status: "open",
  openedAt: "2026-11-25T12:26:00Z",
  closedAt: null,
  eligible: 2,
  voted: 0,
  votedHall: 0,
  votedRemote: 0,
  tally: { agree: 0, disagree: 0, abstain: 0 },
  base: 2,
  needed: 2,
  canStillPass: true,
  result: null,
  ...over,
});

const youAs = (personId: string, role: You["role"], official: boolean): You => ({
  personId,
  name: personId,
  role,
  official,
  ballots: {},
});

type Screen = (props: { view: RoomView; you: You }) => JSX.Element;

/** Renders the member view over a recording stand-in for the connection; `answer` decides each outcome. */
function renderMember(
  view: RoomView,
  you: You,
  answer: (a: RoomAction) => ActionOutcome = () => ({ ok: true, duplicate: false }),
) {
  return renderScreen(MemberView, view, you, answer);
}

function renderScreen(
  Screen: Screen,
  view: RoomView,
  you: You,
  answer: (a: RoomAction) => ActionOutcome = () => ({ ok: true, duplicate: false }),
) {
  const sent: RoomAction[] = [];
  const [data] = createStore<RoomData>({ view, you, notes: [] });
  const conn: RoomConnection = {
    data,
    status: () => "connected",
    pending: () => [],
    fatal: () => null,
    lastError: () => null,
    clockOffset: () => 0,
    send: async (action) => {
      sent.push(action);
      return answer(action);
    },
    rtc: createRtcSignals(
      () => undefined,
      () => "rtc",
    ),
    close: () => undefined,
  };
  const [now] = createSignal(NOW);
  render(() => (
    <RoomContext.Provider value={{ conn, now }}>
      <Screen view={view} you={you} />
    </RoomContext.Provider>
  ));
  return sent;
}

beforeEach(() => setLang("vi"));
afterEach(cleanup);

describe("room versions and events", () => {
  it("applies the next version and repeats of the current one, ignores older ones, resyncs on a gap", () => {
    expect(versionStep(7, 8)).toBe("apply");
    expect(versionStep(7, 7)).toBe("apply");
    expect(versionStep(7, 6)).toBe("ignore");
    expect(versionStep(7, 9)).toBe("resync");
  });

  it("merges attendance entries by person and replaces a vote by id", () => {
    const view = roomView({ votes: [openVote()] });
    applyEvent(view, {
      type: "attendance",
      version: 2,
      entries: [{ personId: "p-hoa", status: "absent_excused", reason: "Ốm", connected: 0 }],
      counts: { ...view.counts, present: 2 },
    });
    expect(view.attendance.map((a) => a.status)).toEqual(["present_hall", "present_remote", "absent_excused"]);
    expect(view.counts.present).toBe(2);
    applyEvent(view, {
      type: "vote",
      version: 3,
      vote: openVote({ status: "closed", result: "passed", closedAt: "2026-11-25T12:29:00Z" }),
    });
    expect(view.votes).toHaveLength(1);
    expect(latestVote(view)?.result).toBe("passed");
  });

  it("counts a speech down from its limit and shows overrun as negative", () => {
    const floor = {
      personId: "p-an",
      name: "Lê Văn An",
      kind: "speech" as const,
      itemId: "a2",
      startedAt: new Date(NOW - 290_000).toISOString(),
      limitSeconds: 300,
      overrun: false,
      graceSeconds: 30,
    };
    expect(clock(floorSecondsLeft(floor, NOW))).toBe("0:10");
    expect(clock(floorSecondsLeft(floor, NOW + 75_000))).toBe("−1:05");
  });

  it("gives the hall screen's top to an open vote and to a result for ten minutes after it closes, then lets it go", () => {
    expect(hallVoteInFocus(roomView(), NOW)).toBeNull();
    expect(hallVoteInFocus(roomView({ votes: [openVote()] }), NOW)?.id).toBe("v1");
    const closedAt = "2026-11-25T12:29:00Z";
    const closed = roomView({ votes: [openVote({ status: "closed", result: "passed", closedAt })] });
    expect(hallVoteInFocus(closed, Date.parse(closedAt) + HALL_RESULT_MS - 1)?.id).toBe("v1");
    expect(hallVoteInFocus(closed, Date.parse(closedAt) + HALL_RESULT_MS)).toBeNull();
  });
});

describe("the member's phone view", () => {
  it("offers one large Join tap to a member who only opened the room, and says a tap before the start counts from it", () => {
    const planned = { ...roomView().meeting, status: "planned" as const, startedAt: null };
    const reading = roomView({
      meeting: planned,
      attendance: [{ personId: "p-hoa", status: null, reason: null, connected: 1 }],
    });
    const sent = renderMember(reading, youAs("p-hoa", "official", true));
    fireEvent.click(screen.getByRole("button", { name: "Tham dự" }));
    expect(sent).toEqual([{ type: "presence/join" }]);
    cleanup();
    const tapped = roomView({
      meeting: planned,
      attendance: [{ personId: "p-hoa", status: null, reason: null, connected: 1, joining: true }],
    });
    renderMember(tapped, youAs("p-hoa", "official", true));
    expect(screen.queryByRole("button", { name: "Tham dự" })).toBeNull();
    expect(screen.getByText(/được tính có mặt từ khi cuộc họp bắt đầu/)).toBeTruthy();
  });

  it("sends the ballot the member taps, with the open vote's id", async () => {
    const sent = renderMember(roomView({ votes: [openVote()] }), youAs("p-an", "official", true));
    fireEvent.click(screen.getByRole("button", { name: "Tán thành" }));
    await Promise.resolve();
    expect(sent).toEqual([
      { type: "vote/cast", voteId: "v1", choice: "agree" } satisfies Omit<
        Extract<ClientMessage, { type: "vote/cast" }>,
        "id"
      >,
    ]);
  });

  it("shows a probationary member the vote and its count but no ballot buttons; an official member gets them", () => {
    const buttons = () =>
      ["Tán thành", "Không tán thành", "Không biểu quyết"].filter((name) => screen.queryByRole("button", { name }));
    const counting = openVote({ voted: 1, votedRemote: 1, tally: { agree: 1, disagree: 0, abstain: 0 } });
    renderMember(roomView({ votes: [counting] }), youAs("p-hoa", "probationary", false));
    expect(screen.getByText("Thông qua nghị quyết tháng 12")).toBeTruthy();
    expect(screen.getByText(/Đảng viên dự bị được thảo luận nhưng không biểu quyết/)).toBeTruthy();
    expect(screen.getByText("1 tán thành, 0 không tán thành, 0 không biểu quyết")).toBeTruthy();
    expect(buttons()).toEqual([]);
    cleanup();
    const closed = openVote({
      status: "closed",
      closedAt: new Date(NOW - 60_000).toISOString(),
      result: "passed",
      voted: 2,
      tally: { agree: 2, disagree: 0, abstain: 0 },
    });
    renderMember(roomView({ votes: [closed] }), youAs("p-hoa", "probationary", false));
    expect(screen.getByText("Thông qua")).toBeTruthy();
    expect(screen.getByText("2 tán thành, 0 không tán thành, 0 không biểu quyết")).toBeTruthy();
    expect(buttons()).toEqual([]);
    cleanup();
    renderMember(roomView({ votes: [counting] }), youAs("p-an", "official", true));
    expect(buttons()).toEqual(["Tán thành", "Không tán thành", "Không biểu quyết"]);
  });

  it("hides the hand button while a vote is open and offers it again afterwards", () => {
    renderMember(roomView({ votes: [openVote()] }), youAs("p-an", "official", true));
    expect(screen.queryByRole("button", { name: "Giơ tay xin phát biểu" })).toBeNull();
    cleanup();
    const sent = renderMember(roomView(), youAs("p-an", "official", true));
    fireEvent.click(screen.getByRole("button", { name: "Giơ tay xin phát biểu" }));
    expect(sent).toEqual([{ type: "queue/raise", kind: "speech" }]);
  });

  it("shows the member's place in the queue and lets them lower the hand", () => {
    const queue = [
      { personId: "p-chair", name: "Nguyễn Văn Bình", kind: "speech" as const, raisedAt: "2026-11-25T12:27:00Z" },
      { personId: "p-an", name: "Lê Văn An", kind: "speech" as const, raisedAt: "2026-11-25T12:28:00Z" },
    ];
    const sent = renderMember(roomView({ queue }), youAs("p-an", "official", true));
    expect(screen.getByText(/Bạn đứng thứ 2 trong danh sách/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Hạ tay" }));
    expect(sent).toEqual([{ type: "queue/lower" }]);
  });

  it("puts a result that just came above the agenda", () => {
    const closed = openVote({
      status: "closed",
      closedAt: new Date(NOW - 60_000).toISOString(),
      result: "passed",
      tally: { agree: 2, disagree: 0, abstain: 0 },
    });
    renderMember(roomView({ votes: [closed] }), youAs("p-an", "official", true));
    const result = screen.getByText("Thông qua");
    const agenda = screen.getByText("Biểu quyết nghị quyết");
    expect(result.compareDocumentPosition(agenda) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.getByText("2 tán thành, 0 không tán thành, 0 không biểu quyết")).toBeTruthy();
  });

  it("offers a remote member the external call's join button, and none in a hall-only meeting", () => {
    const base = roomView().meeting;
    const link = "https://meet.example.vn/kp1";
    renderMember(
      roomView({ meeting: { ...base, mediaMode: "external", mediaLink: link } }),
      youAs("p-an", "official", true),
    );
    expect(screen.getByRole("link", { name: /Tham gia cuộc gọi/ }).getAttribute("href")).toBe(link);
    cleanup();
    renderMember(
      roomView({ meeting: { ...base, mediaMode: "hall_only", mediaLink: null } }),
      youAs("p-an", "official", true),
    );
    expect(screen.queryByRole("link", { name: /Tham gia cuộc gọi/ })).toBeNull();
  });
});

const chairConsole: Screen = (p) => <ChairConsole {...p} minutesHref="/t/t-1/meetings/m1/minutes" />;

describe("the chair's console", () => {
  const chair = youAs("p-chair", "chair", true);

  it("opens a vote on the current item with the chosen preset", async () => {
    const sent = renderScreen(chairConsole, roomView(), chair);
    fireEvent.input(screen.getByLabelText("Nội dung biểu quyết"), {
      target: { value: "Kết nạp quần chúng Trần Văn Nam" },
    });
    fireEvent.change(screen.getByLabelText("Cách tính"), { target: { value: "admission" } });
    fireEvent.click(screen.getByLabelText("Bỏ phiếu kín"));
    fireEvent.submit(screen.getByRole("button", { name: "Mở biểu quyết" }).closest("form")!);
    await Promise.resolve();
    expect(sent).toEqual([
      { type: "vote/open", motion: "Kết nạp quần chúng Trần Văn Nam", rule: "admission", secret: true, itemId: "a2" },
    ]);
  });

  it("records hall hands by name for the members checked in in the hall, and closes the vote", async () => {
    const sent = renderScreen(chairConsole, roomView({ votes: [openVote()] }), chair);
    // Only full members present in the hall are offered: the chair, not the remote or probationary ones.
    const selects = screen.getAllByRole("combobox").filter((el) => el.id.startsWith("hall-"));
    expect(selects.map((el) => el.id)).toEqual(["hall-v1-p-chair"]);
    fireEvent.change(selects[0]!, { target: { value: "disagree" } });
    fireEvent.submit(screen.getByRole("button", { name: /Ghi số phiếu tại hội trường/ }).closest("form")!);
    await Promise.resolve();
    fireEvent.click(screen.getByRole("button", { name: "Kết thúc biểu quyết" }));
    await Promise.resolve();
    expect(sent).toEqual([
      { type: "vote/hall", voteId: "v1", entries: [{ personId: "p-chair", choice: "disagree" }] },
      { type: "vote/close", voteId: "v1" },
    ]);
  });

  it("shows in the roll call when each member joined and when a remote member left", () => {
    const view = roomView({
      attendance: [
        { personId: "p-chair", status: "present_hall", reason: null, connected: 1, joinedAt: "2026-11-25T12:02:00Z" },
        {
          personId: "p-an",
          status: "present_remote",
          reason: null,
          connected: 0,
          joinedAt: "2026-11-25T12:05:00Z",
          leftAt: "2026-11-25T12:40:00Z",
        },
      ],
    });
    renderScreen(chairConsole, view, chair);
    const an = document.querySelector('[data-person="p-an"]')!;
    // Vietnam time (UTC+7).
    expect(an.textContent).toContain("vào 19:05");
    expect(an.textContent).toContain("rời 19:40");
    expect(document.querySelector('[data-person="p-chair"]')!.textContent).toContain("vào 19:02");
  });

  it("lets a chair who attends online join from their own roll-call row", () => {
    const sent = renderScreen(chairConsole, roomView({ attendance: [] }), chair);
    const row = document.querySelector<HTMLElement>('[data-person="p-chair"]')!;
    const joinButtons = screen.getAllByRole("button", { name: "Tham dự" });
    expect(joinButtons).toHaveLength(1);
    expect(row.contains(joinButtons[0]!)).toBe(true);
    fireEvent.click(joinButtons[0]!);
    expect(sent).toEqual([{ type: "presence/join" }]);
  });

  it("checks in a member without a device from the roll call", () => {
    const view = roomView({
      attendance: [{ personId: "p-chair", status: "present_hall", reason: null, connected: 1 }],
    });
    const sent = renderScreen(chairConsole, view, chair);
    fireEvent.click(screen.getByRole("button", { name: "Điểm danh có mặt: Lê Văn An" }));
    expect(sent).toEqual([{ type: "presence/check-in", personId: "p-an", mode: "hall" }]);
  });
});

describe("the chair's console after close", () => {
  it("shows the closed meeting with a link to its minutes and no live controls", () => {
    const closedView = roomView({
      meeting: { ...roomView().meeting, status: "closed", endedAt: "2026-11-25T13:40:00Z" },
      votes: [openVote({ status: "closed", closedAt: "2026-11-25T13:00:00Z", result: "passed" })],
      currentItemId: null,
    });
    const sent = renderScreen(chairConsole, closedView, youAs("p-chair", "chair", true));
    expect(screen.getByText(/Cuộc họp đã kết thúc/)).toBeTruthy();
    const link = screen.getByRole("link", { name: /Xem biên bản/ });
    expect(link.getAttribute("href")).toBe("/t/t-1/meetings/m1/minutes");
    // Nothing left to run: no start/close, no agenda moves, no floor, no vote opening, no roll call.
    expect(screen.queryAllByRole("button")).toEqual([]);
    expect(screen.queryByLabelText("Nội dung biểu quyết")).toBeNull();
    expect(screen.queryByText("Kết thúc cuộc họp")).toBeNull();
    expect(sent).toEqual([]);
  });
});

describe("the quality evaluation", () => {
  it("computes the grade as scores are typed: Tốt needs 90 and full marks on the required criteria", () => {
    renderScreen(EvaluationForm, roomView(), youAs("p-leader", "leader", false));
    const full: Record<string, number> = {
      attendance: 20,
      preparation: 15,
      documents: 5,
      duration: 10,
      conduct: 10,
      speaking: 15,
      principles: 10,
      resolution: 10,
      minutes: 5,
    };
    for (const [key, n] of Object.entries(full))
      fireEvent.input(document.getElementById(`score-${key}`)!, { target: { value: String(n) } });
    expect(screen.getByRole("status").textContent).toMatch(/Tổng điểm: 100\/100 · Xếp loại: Tốt/);
    fireEvent.input(document.getElementById("score-minutes")!, { target: { value: "4" } });
    expect(screen.getByRole("status").textContent).toMatch(/Tổng điểm: 99\/100 · Xếp loại: Khá/);
  });

  it("suggests the duration score against the view's mark: 100 minutes are full marks at 90, not at 120 (combined)", () => {
    const started = { ...roomView().meeting, startedAt: new Date(NOW - 100 * 60_000).toISOString() };
    renderScreen(EvaluationForm, roomView({ meeting: started }), youAs("p-leader", "leader", false));
    expect((document.getElementById("score-duration") as HTMLInputElement).value).toBe("10");
    cleanup();
    renderScreen(
      EvaluationForm,
      roomView({ meeting: { ...started, durationMarkMinutes: 120 } }),
      youAs("p-leader", "leader", false),
    );
    expect((document.getElementById("score-duration") as HTMLInputElement).value).toBe("8");
  });
});

// Its link to the minutes page is a router link: the screen renders inside a router, as in the app.
const minutesScreen: Screen = (p) => (
  <Router>
    <Route path="*" component={() => <MinutesView {...p} minutesHref="/t/t-1/meetings/m1/minutes" />} />
  </Router>
);

describe("the minutes-taker's screen", () => {
  const taker = youAs("p-chair", "minutes_taker", true);
  /** An admission vote whose rule the chair edited to more than half, closed 2 of 2. */
  const edited = openVote({
    rule: { ...votePresets.admission, preset: "custom", num: 1, den: 2, strict: true },
    status: "closed",
    closedAt: "2026-11-25T12:28:00Z",
    tally: { agree: 2, disagree: 0, abstain: 0 },
    result: "passed",
  });
  const body = () => (document.getElementById("minutes-body") as HTMLTextAreaElement).value;

  it("asks the room for nothing on opening, and shows the draft of the room as it stands", () => {
    const sent = renderScreen(minutesScreen, roomView({ votes: [edited] }), taker);
    expect(sent).toEqual([]);
    expect(body()).toContain("Biểu quyết số 1: Thông qua nghị quyết tháng 12");
    expect(body()).toContain("Quy tắc biểu quyết số 1: quy tắc tùy chỉnh: quá 1/2 số đảng viên chính thức");
    expect(body()).not.toContain("ĐẢNG CỘNG SẢN VIỆT NAM");
    // The vote card states the same rule as applied, never the preset's "at least two thirds".
    expect(screen.getByText("Quy tắc tùy chỉnh: quá 1/2 số đảng viên chính thức")).toBeTruthy();
  });

  it("tells them what changed since their edit, and rewrites the count lines of their text on one tap", () => {
    const theirs = "Chi bộ họp đúng giờ.\nSố lần biểu quyết: 0";
    const view = roomView({
      votes: [edited],
      minutes: {
        body: theirs,
        revision: 1,
        editedBy: "p-chair",
        editedAt: "2026-11-25T12:20:00Z",
        frozenVersion: null,
        countsAtEdit: [{ label: "Số lần biểu quyết", value: "0" }],
      },
    });
    const sent = renderScreen(minutesScreen, view, taker);
    expect(body()).toBe(theirs);
    const since = screen.getByRole("status", { name: "Từ lần sửa gần nhất của bạn:" });
    expect(since.textContent).toContain("Số lần biểu quyết: 0 → 1");
    fireEvent.click(screen.getByRole("button", { name: "Cập nhật số liệu" }));
    expect(body()).toContain("Chi bộ họp đúng giờ.\nSố lần biểu quyết: 1");
    expect(body()).toContain("Kết quả biểu quyết số 1: tán thành 2/2");
    expect(sent).toEqual([]);
  });
});
