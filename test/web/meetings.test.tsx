import { cleanup, fireEvent, render, screen } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AgendaItem, Meeting, MeetingMinutes } from "../../schema/api/meetings";
import type { Member } from "../../schema/api/members";
import { defaultMeetingTopic, REGULAR_MEETING_TEMPLATE } from "../../schema/meeting-template";
import { setLang } from "../../web/src/i18n";
import { buildMinutesDoc } from "../../web/src/pages/minutes/minutes-build";
import { MinutesSheet } from "../../web/src/pages/minutes/minutes-page";
import {
  type AgendaDraft,
  AgendaEditor,
  agendaTotal,
  moveItem,
  templateFor,
} from "../../web/src/pages/tenant/agenda-editor";
import { planAgendaSave } from "../../web/src/pages/tenant/agenda-save";
import { documentInput, safeHref } from "../../web/src/pages/tenant/meeting-sections";
import { orderMeetings } from "../../web/src/pages/tenant/meetings-page";
import { presenterOptions } from "../../web/src/pages/tenant/member-picker";

beforeEach(() => setLang("vi"));
afterEach(cleanup);

const meeting = (over: Partial<Meeting>): Meeting => ({
  id: "m",
  organizationId: "o",
  organizationName: "Chi bộ khu phố 3",
  kind: "regular",
  topic: "Sinh hoạt thường kỳ tháng 11/2026",
  scheduledAt: "2026-11-25T12:30:00Z",
  place: "Nhà văn hóa khu phố 3, Hòa An",
  format: "hybrid",
  onlineBasis: null,
  status: "planned",
  chairPersonId: "p1",
  minutesTakerPersonId: "p2",
  chairName: "Nguyễn Văn Bình",
  minutesTakerName: "Trần Thị Thu",
  startedAt: null,
  endedAt: null,
  cancelReason: null,
  combined: false,
  mediaMode: "hall_only",
  mediaLink: null,
  ...over,
});

const minutesOf = (body: string, status: "frozen" | "approved", version = 1): MeetingMinutes => {
  const v = { version, status, createdBy: null, createdAt: "2026-11-25T14:30:00Z", approvedBy: null, approvedAt: null };
  return { versions: [v], latest: { ...v, body } };
};
const item = (id: string, title: string, minutesBudget = 10, position = 1): AgendaItem => ({
  id,
  position,
  title,
  minutesBudget,
  presenterPersonId: null,
  presenterName: null,
});

describe("agenda", () => {
  it("starts from the usual order the API uses, which lasts the 90 minutes Directive 50 asks for", () => {
    const regular = templateFor("regular");
    expect(regular).toEqual(REGULAR_MEETING_TEMPLATE.map((t) => ({ ...t })));
    expect(regular[0]!.title).toMatch(/Khai mạc/);
    expect(regular.at(-1)!.title).toMatch(/Bế mạc/);
    expect(agendaTotal(regular)).toBeGreaterThanOrEqual(90);
    expect(agendaTotal(templateFor("thematic"))).toBeGreaterThanOrEqual(90);
    // A copy each time: editing one meeting's agenda never changes the template.
    regular[0]!.title = "x";
    expect(templateFor("regular")[0]!.title).toMatch(/Khai mạc/);
    expect(defaultMeetingTopic("regular", 2026, 11)).toBe("Sinh hoạt chi bộ thường kỳ tháng 11/2026");
    expect(defaultMeetingTopic("thematic", 2026, 8)).toBe("Sinh hoạt chuyên đề quý 3/2026");
  });

  it("saves an edited agenda as the API's removals, edits and additions, unchanged items untouched", () => {
    const saved = [item("a", "Khai mạc", 5, 1), item("b", "Thảo luận", 30, 2), item("c", "Bế mạc", 10, 3)];
    const plan = planAgendaSave(saved, [
      { id: "c", title: "Bế mạc", minutesBudget: 10 },
      { title: "Phổ biến nghị quyết", minutesBudget: 15 },
      { id: "a", title: " Khai mạc, điểm danh ", minutesBudget: 5 },
    ]);
    expect(plan).toEqual({ remove: ["b"], update: [{ id: "a", patch: { title: "Khai mạc, điểm danh" } }], add: [1] });
    expect(
      planAgendaSave(
        saved,
        saved.map((a) => ({ id: a.id, title: a.title, minutesBudget: a.minutesBudget })),
      ),
    ).toEqual({ remove: [], update: [], add: [] });
  });

  it("moves items and ignores moves past the ends", () => {
    expect(moveItem(["a", "b", "c"], 2, 0)).toEqual(["c", "a", "b"]);
    expect(moveItem(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
  });

  it("edits, reorders and removes items, and warns when the meeting would be under 90 minutes", () => {
    const [items, setItems] = createSignal<AgendaDraft[]>([
      { title: "Khai mạc", minutesBudget: 60 },
      { title: "Thảo luận", minutesBudget: 40 },
    ]);
    render(() => <AgendaEditor items={items()} onChange={setItems} />);
    expect(screen.getByText(/Tổng thời lượng: 100 phút/).className).not.toContain("notice-warn");
    fireEvent.click(screen.getByRole("button", { name: "Chuyển mục 2 lên" }));
    expect(items().map((i) => i.title)).toEqual(["Thảo luận", "Khai mạc"]);
    fireEvent.input(screen.getByLabelText("Số phút mục 2"), { target: { value: "30" } });
    expect(items()[1]!.minutesBudget).toBe(30);
    expect(screen.getByText(/Tổng thời lượng: 70 phút/).textContent).toContain("Chỉ thị 50-CT/TW");
    fireEvent.click(screen.getByRole("button", { name: "Xóa mục 1" }));
    expect(items()).toEqual([{ title: "Khai mạc", minutesBudget: 30 }]);
  });
});

describe("agenda presenters", () => {
  const presenters = [
    { value: "p-sec", label: "Nguyễn Văn Bí Thư" },
    { value: "p-mem", label: "Lê Văn Đảng Viên" },
  ];

  it("picks a presenter for an item from the branch's members, and clears it", () => {
    const [items, setItems] = createSignal<AgendaDraft[]>([
      { id: "a", title: "Khai mạc", minutesBudget: 50, presenterPersonId: null },
      { id: "b", title: "Thảo luận", minutesBudget: 50, presenterPersonId: "p-sec" },
    ]);
    render(() => <AgendaEditor items={items()} onChange={setItems} presenters={presenters} />);
    const first = screen.getByLabelText("Người trình bày mục 1") as HTMLSelectElement;
    const second = screen.getByLabelText("Người trình bày mục 2") as HTMLSelectElement;
    expect([...first.options].map((o) => o.text)).toEqual([
      "— người trình bày —",
      "Nguyễn Văn Bí Thư",
      "Lê Văn Đảng Viên",
    ]);
    expect(first.value).toBe("");
    expect(second.value).toBe("p-sec");
    fireEvent.change(first, { target: { value: "p-mem" } });
    fireEvent.change(second, { target: { value: "" } });
    expect(items().map((i) => i.presenterPersonId)).toEqual(["p-mem", null]);
    // Moving an item carries its presenter along.
    fireEvent.click(screen.getByRole("button", { name: "Chuyển mục 1 xuống" }));
    expect(items().map((i) => [i.title, i.presenterPersonId])).toEqual([
      ["Thảo luận", null],
      ["Khai mạc", "p-mem"],
    ]);
  });

  it("shows the presenter read-only when the person cannot edit, and no picker without people to pick", () => {
    render(() => (
      <AgendaEditor
        items={[{ id: "a", title: "Khai mạc", minutesBudget: 90, presenterPersonId: "p-mem" }]}
        onChange={() => {}}
        presenters={presenters}
        disabled
      />
    ));
    const picker = screen.getByLabelText("Người trình bày mục 1") as HTMLSelectElement;
    expect(picker.disabled).toBe(true);
    expect(picker.value).toBe("p-mem");
    expect(picker.options[picker.selectedIndex]!.text).toBe("Lê Văn Đảng Viên");
    cleanup();
    render(() => <AgendaEditor items={[{ title: "Khai mạc", minutesBudget: 90 }]} onChange={() => {}} />);
    expect(screen.queryByLabelText("Người trình bày mục 1")).toBeNull();
  });

  it("saves a changed presenter as an edit and sends the presenter of a new item", () => {
    const saved = [
      { ...item("a", "Khai mạc", 5, 1), presenterPersonId: "p-sec", presenterName: "Nguyễn Văn Bí Thư" },
      item("b", "Thảo luận", 30, 2),
    ];
    const plan = planAgendaSave(saved, [
      { id: "a", title: "Khai mạc", minutesBudget: 5, presenterPersonId: null },
      { id: "b", title: "Thảo luận", minutesBudget: 30, presenterPersonId: "p-mem" },
      { title: "Phổ biến nghị quyết", minutesBudget: 15, presenterPersonId: "p-sec" },
    ]);
    expect(plan).toEqual({
      remove: [],
      update: [
        { id: "a", patch: { presenterPersonId: null } },
        { id: "b", patch: { presenterPersonId: "p-mem" } },
      ],
      add: [2],
    });
    // A draft that never touched the presenter leaves it as saved.
    expect(planAgendaSave(saved, [{ id: "b", title: "Thảo luận", minutesBudget: 30 }]).update).toEqual([]);
  });

  it("offers the branch's members, then the meeting's guests, and keeps a named presenter it cannot otherwise list", () => {
    const options = presenterOptions(
      [
        { personId: "p-mem", fullName: "Lê Văn Đảng Viên", branchRole: "member" },
        { personId: "p-sec", fullName: "Nguyễn Văn Bí Thư", branchRole: "secretary" },
      ] as Member[],
      [{ personId: "p-guest", fullName: "Võ Thị Lãnh Đạo" }],
      [
        { presenterPersonId: "p-old", presenterName: "Trần Văn Cũ" },
        { presenterPersonId: "p-sec", presenterName: "Nguyễn Văn Bí Thư" },
      ],
    );
    expect(options.map((o) => o.value)).toEqual(["p-sec", "p-mem", "p-guest", "p-old"]);
  });
});

describe("meeting lists and documents", () => {
  it("puts the live meeting first, then the next ones, then the past, latest first", () => {
    const now = Date.parse("2026-11-22T00:00:00Z");
    const ordered = orderMeetings(
      [
        meeting({ id: "past-old", scheduledAt: "2026-09-25T12:00:00Z", status: "closed" }),
        meeting({ id: "next-far", scheduledAt: "2026-12-25T12:00:00Z" }),
        meeting({ id: "live", scheduledAt: "2026-11-21T12:00:00Z", status: "live" }),
        meeting({ id: "past-recent", scheduledAt: "2026-10-25T12:00:00Z", status: "closed" }),
        meeting({ id: "next-soon", scheduledAt: "2026-11-25T12:00:00Z" }),
      ],
      now,
    );
    expect(ordered.map((m) => m.id)).toEqual(["live", "next-soon", "next-far", "past-recent", "past-old"]);
  });

  it("never turns a stored javascript: link into a clickable one", () => {
    expect(safeHref("https://dangcongsan.vn/van-ban")).toBe("https://dangcongsan.vn/van-ban");
    expect(safeHref("javascript:alert(1)")).toBeNull();
    expect(safeHref("not a url")).toBeNull();
    expect(safeHref(null)).toBeNull();
  });

  it("sends a document as a link or a text, never both and never an empty field", () => {
    expect(documentInput(" Nghị quyết ", " https://dangcongsan.vn/nq ", "")).toEqual({
      title: "Nghị quyết",
      url: "https://dangcongsan.vn/nq",
    });
    expect(documentInput("Dự thảo", "", " Nội dung ")).toEqual({ title: "Dự thảo", body: "Nội dung" });
    // Neither: the body goes empty so the API answers which field is missing.
    expect(documentInput("Dự thảo", "", "")).toEqual({ title: "Dự thảo", body: "" });
  });
});

describe("minutes sheet", () => {
  it("carries the party header, the month, the body as written and both signatures", () => {
    const doc = buildMinutesDoc(
      meeting({}),
      minutesOf("I. THỜI GIAN\nHồi 19 giờ 30.\n\nII. THÀNH PHẦN", "frozen"),
      "Đảng ủy phường Hòa An",
    );
    expect(doc.placeDate).toBe("Hòa An, ngày 25 tháng 11 năm 2026");
    expect(doc.subtitle).toBe("Sinh hoạt chi bộ thường kỳ tháng 11 năm 2026");
    expect(doc.versionNote).toContain("đã chốt");
    render(() => <MinutesSheet doc={doc} />);
    const sheet = document.querySelector("article")!;
    expect(sheet.textContent).toContain("ĐẢNG CỘNG SẢN VIỆT NAM");
    expect(sheet.textContent).toContain("ĐẢNG ỦY PHƯỜNG HÒA AN");
    expect(sheet.textContent).toContain("CHI BỘ KHU PHỐ 3");
    expect(screen.getByRole("heading", { name: "BIÊN BẢN" })).toBeTruthy();
    expect(sheet.querySelectorAll(".a4-body p")).toHaveLength(2);
    expect(sheet.querySelector(".a4-body p br")).toBeTruthy();
    expect(sheet.textContent).toContain("THƯ KÝ");
    expect(sheet.textContent).toContain("Trần Thị Thu");
    expect(sheet.textContent).toContain("Nguyễn Văn Bình");
  });

  it("leaves dotted space for an unassigned chair and names a thematic meeting's topic", () => {
    const doc = buildMinutesDoc(
      meeting({ kind: "thematic", topic: "Học tập và làm theo Bác", chairName: null, place: "" }),
      { versions: [], latest: null },
      "Đảng ủy",
    );
    expect(doc.chairName).toMatch(/…/);
    expect(doc.subtitle).toBe("Sinh hoạt chi bộ chuyên đề tháng 11 năm 2026: Học tập và làm theo Bác");
    expect(doc.placeDate).toBe("ngày 25 tháng 11 năm 2026");
    expect(doc.versionNote).toBe("Bản nháp");
    expect(doc.body).toBe("");
  });

  it("prints the latest version and says when it was approved", () => {
    const doc = buildMinutesDoc(meeting({ status: "closed" }), minutesOf("Bản đã sửa", "approved", 2), "Đảng ủy");
    expect(doc.body).toBe("Bản đã sửa");
    expect(doc.versionNote).toBe("Bản 2 · đã thông qua");
  });
});
