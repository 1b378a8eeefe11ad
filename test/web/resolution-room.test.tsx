/**
 * The room at the review of last month's resolution: its current item shows the tasks under review (read-only for a
 * member), loaded from the API by the room's own address.
 */
import { cleanup, render, screen } from "@solidjs/testing-library";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TASK_REVIEW_TITLE, type TaskReviewList } from "../../schema/api/resolutions";
import type { RoomView } from "../../schema/room/views";
import { setLang } from "../../web/src/i18n";
import { AgendaNow } from "../../web/src/room/parts/agenda";
import { RoomContext } from "../../web/src/room/room-context";
import type { RoomConnection } from "../../web/src/room/room-socket";
import { resolution } from "./resolution-fixture";

const list: TaskReviewList = { meetingId: "m-2", canReview: false, tasks: resolution.reviews };
const realFetch = globalThis.fetch;
beforeEach(() => setLang("vi"));
afterEach(() => {
  cleanup();
  globalThis.fetch = realFetch;
});

/** AgendaNow reads only the agenda and the current item of the view. */
const viewAt = (title: string, kind: "item" | "task_review") =>
  ({
    currentItemId: "a1",
    agenda: [
      {
        id: "a1",
        title,
        position: 1,
        presenterPersonId: null,
        budgetMinutes: 15,
        elapsedMs: 0,
        runningSince: null,
        done: false,
        kind,
      },
    ],
  }) as Pick<RoomView, "agenda" | "currentItemId"> as RoomView;

function show(title: string, kind: "item" | "task_review" = "item") {
  const asked: string[] = [];
  globalThis.fetch = (async (input: RequestInfo | URL) => {
    asked.push(new URL(String(input), "http://localhost").pathname);
    return new Response(JSON.stringify(list), { headers: { "content-type": "application/json" } });
  }) as typeof fetch;
  window.history.replaceState(null, "", "/t/t-1/meetings/m-2/room");
  const ctx = { conn: {} as RoomConnection, now: () => Date.parse("2026-12-20T12:40:00Z") };
  render(() => (
    <RoomContext.Provider value={ctx}>
      <AgendaNow view={viewAt(title, kind)} />
    </RoomContext.Provider>
  ));
  return asked;
}

describe("the room's current item", () => {
  it("shows last month's tasks and how each was judged while the meeting reviews them", async () => {
    const asked = show(TASK_REVIEW_TITLE, "task_review");
    expect(await screen.findByText("Tuyên truyền phòng chống ma túy", {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByText("Đã hoàn thành — Đã tổ chức 2 buổi")).toBeTruthy();
    // A member reads; no buttons to mark the tasks.
    expect(screen.queryByRole("button", { name: "Đã hoàn thành" })).toBeNull();
    expect(asked).toEqual(["/api/tenants/t-1/meetings/m-2/task-reviews"]);
  });

  it("knows the review item by its kind, not its title", async () => {
    const asked = show(TASK_REVIEW_TITLE);
    await new Promise((r) => setTimeout(r, 50));
    expect(asked).toEqual([]);
  });

  it("asks for nothing at any other item", async () => {
    const asked = show("Khai mạc");
    expect(screen.getByText("Khai mạc")).toBeTruthy();
    await new Promise((r) => setTimeout(r, 50));
    expect(asked).toEqual([]);
  });
});
