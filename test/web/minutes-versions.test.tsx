import { cleanup, fireEvent, render, screen, waitFor } from "@solidjs/testing-library";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { MeetingMinutes, MinutesVersion } from "../../schema/api/meetings";
import { ApiFailure } from "../../web/src/api/http";
import { setLang } from "../../web/src/i18n";
import { MinutesRefusal } from "../../web/src/pages/tenant/minutes-refusal";
import { MinutesVersions, type MinutesVersionsProps, minutesRights } from "../../web/src/pages/tenant/minutes-versions";

beforeEach(() => setLang("vi"));
afterEach(cleanup);

const people = {
  chairPersonId: "p-chair",
  chairName: "Nguyễn Văn Bí Thư",
  minutesTakerPersonId: "p-taker",
  minutesTakerName: "Trần Thị Phó",
};
const v = (version: number, over: Partial<MinutesVersion> = {}): MinutesVersion => ({
  version,
  status: "frozen",
  createdBy: version === 1 ? null : "p-taker",
  createdAt: `2026-11-2${version}T14:30:00Z`,
  approvedBy: null,
  approvedAt: null,
  ...over,
});
/** Newest first, as the API answers. */
const minutesOf = (...versions: MinutesVersion[]): MeetingMinutes => ({
  versions,
  latest: versions[0] ? { ...versions[0], body: `Biên bản bản ${versions[0].version}` } : null,
});

function show(over: Partial<MinutesVersionsProps>) {
  const calls = { approve: [] as number[], saved: [] as string[] };
  render(() => (
    <MinutesVersions
      minutes={minutesOf(v(2), v(1))}
      meeting={people}
      canApprove={false}
      canWrite={false}
      onApprove={(n) => calls.approve.push(n)}
      onNewVersion={async (body) => {
        calls.saved.push(body);
        return true;
      }}
      {...over}
    />
  ));
  return calls;
}
const card = (n: number) => document.querySelector(`[data-version="${n}"]`)!;

describe("who may approve and write the minutes (the API's rule)", () => {
  it("lets the chair or an admin approve, and the minutes-taker also write, only once the meeting is closed", () => {
    const closed = { ...people, status: "closed" as const };
    expect(minutesRights(closed, "p-chair", null)).toEqual({ approve: true, write: true });
    expect(minutesRights(closed, "p-taker", null)).toEqual({ approve: false, write: true });
    expect(minutesRights(closed, "p-admin", "admin")).toEqual({ approve: true, write: true });
    expect(minutesRights(closed, "p-org", "organizer")).toEqual({ approve: false, write: false });
    expect(minutesRights(closed, undefined, null)).toEqual({ approve: false, write: false });
    expect(minutesRights({ ...closed, chairPersonId: null }, undefined, null)).toEqual({
      approve: false,
      write: false,
    });
    expect(minutesRights({ ...people, status: "live" }, "p-chair", "admin")).toEqual({ approve: false, write: false });
  });
});

describe("minutes versions", () => {
  it("lists every version newest first, with who saved it, and offers approval of the latest only", () => {
    const calls = show({ canApprove: true });
    const items = [...document.querySelectorAll("[data-version]")].map((e) => e.getAttribute("data-version"));
    expect(items).toEqual(["2", "1"]);
    expect(card(2).textContent).toContain("Phiên bản 2");
    expect(card(2).textContent).toContain("Chờ duyệt");
    expect(card(2).textContent).toContain("bởi Trần Thị Phó");
    expect(card(1).textContent).toContain("Đã có bản mới hơn");
    expect(screen.queryByRole("button", { name: "Duyệt phiên bản 1" })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Duyệt phiên bản 2" }));
    expect(calls.approve).toEqual([2]);
    // Approving is not writing: no new version for someone who may only approve.
    expect(screen.queryByRole("button", { name: /Tạo phiên bản mới/ })).toBeNull();
  });

  it("writes a new version from the latest text and closes the editor once saved", async () => {
    const calls = show({ canWrite: true });
    expect(screen.queryByRole("button", { name: /Duyệt/ })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Tạo phiên bản mới từ phiên bản 2" }));
    const text = screen.getByLabelText(/Nội dung biên bản/) as HTMLTextAreaElement;
    expect(text.value).toBe("Biên bản bản 2");
    fireEvent.input(text, { target: { value: "Biên bản bản 2, sửa tên người phát biểu" } });
    fireEvent.click(screen.getByRole("button", { name: "Lưu thành phiên bản 3" }));
    await waitFor(() => expect(calls.saved).toEqual(["Biên bản bản 2, sửa tên người phát biểu"]));
    await waitFor(() => expect(screen.queryByLabelText(/Nội dung biên bản/)).toBeNull());
  });

  it("keeps the editor and its text when the save is refused", async () => {
    const saved: string[] = [];
    let answer!: (ok: boolean) => void;
    const refusal = new Promise<boolean>((r) => {
      answer = r;
    });
    const answers = [refusal, Promise.resolve(true)];
    render(() => (
      <MinutesVersions
        minutes={minutesOf(v(1))}
        meeting={people}
        canApprove
        canWrite
        onApprove={() => {}}
        onNewVersion={(body) => {
          saved.push(body);
          return answers[saved.length - 1]!;
        }}
      />
    ));
    fireEvent.click(screen.getByRole("button", { name: "Tạo phiên bản mới từ phiên bản 1" }));
    fireEvent.input(screen.getByLabelText(/Nội dung biên bản/), { target: { value: "Bản sửa" } });
    fireEvent.click(screen.getByRole("button", { name: "Lưu thành phiên bản 2" }));
    answer(false);
    // The editor awaited this answer before the test did, so it has handled the refusal by now.
    await refusal;
    // Still open, and saving again sends the typed text: the editor kept it (the textarea alone would show what
    // the test typed into it even if the editor had lost it).
    expect((screen.getByLabelText(/Nội dung biên bản/) as HTMLTextAreaElement).value).toBe("Bản sửa");
    fireEvent.click(screen.getByRole("button", { name: "Lưu thành phiên bản 2" }));
    expect(saved).toEqual(["Bản sửa", "Bản sửa"]);
    // This one is taken: the editor closes, as it would have after the first had the refusal been ignored.
    await waitFor(() => expect(screen.queryByLabelText(/Nội dung biên bản/)).toBeNull());
  });

  it("shows an approved version as final: no approval, no new version, even for the chair", () => {
    show({
      canApprove: true,
      canWrite: true,
      minutes: minutesOf(v(2, { status: "approved", approvedBy: "p-chair", approvedAt: "2026-12-01T02:00:00Z" }), v(1)),
    });
    expect(card(2).textContent).toContain("Đã duyệt");
    expect(card(2).textContent).toContain("bởi Nguyễn Văn Bí Thư");
    expect(screen.getByText(/Biên bản đã được duyệt: đây là bản chính thức/)).toBeTruthy();
    expect(screen.queryAllByRole("button")).toEqual([]);
  });

  it("says when there are no minutes yet, and lets a writer start them", () => {
    show({ minutes: minutesOf(), canWrite: true });
    expect(screen.getByText("Chưa có biên bản.")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Viết biên bản" }));
    expect((screen.getByLabelText(/Nội dung biên bản/) as HTMLTextAreaElement).value).toBe("");
    expect((screen.getByRole("button", { name: "Lưu thành phiên bản 1" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("reads in English too", () => {
    setLang("en");
    show({ canApprove: true });
    expect(screen.getByRole("heading", { name: "Versions of the minutes" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Approve version 2" })).toBeTruthy();
    expect(card(1).textContent).toContain("Replaced by a later version");
  });
});

describe("a refused approval", () => {
  it("names each count of the minutes that disagrees with the record, with both values", () => {
    const refusal = new ApiFailure(409, "conflict", "Số liệu trong biên bản không khớp với hồ sơ cuộc họp", [
      { path: "Có mặt", message: "biên bản ghi «3», hồ sơ ghi «8» / the minutes say «3», the record says «8»" },
      {
        path: "Số lần biểu quyết",
        message: "biên bản không ghi, hồ sơ ghi «1» / missing from the minutes, the record says «1»",
      },
    ]);
    render(() => <MinutesRefusal error={refusal} />);
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("Chưa duyệt được: số liệu trong biên bản không khớp với hồ sơ cuộc họp.");
    const items = [...alert.querySelectorAll("li")].map((li) => li.textContent);
    expect(items).toEqual([
      "Có mặt: biên bản ghi «3», hồ sơ ghi «8»",
      "Số lần biểu quyết: biên bản không ghi, hồ sơ ghi «1»",
    ]);
  });

  it("shows any other failure as the usual error", () => {
    render(() => (
      <MinutesRefusal error={new ApiFailure(409, "conflict", "Chỉ duyệt phiên bản mới nhất / Only the latest")} />
    ));
    expect(screen.getByRole("alert").textContent).toContain("Chỉ duyệt phiên bản mới nhất");
    expect(screen.getByRole("alert").textContent).not.toContain("không khớp");
  });
});
