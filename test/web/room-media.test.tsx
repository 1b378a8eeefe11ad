/** Issue 13 item 1: the room shows how remote people hear and speak; an external call gets one large join button. */
import { cleanup, render, screen } from "@solidjs/testing-library";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { MeetingView } from "../../schema/room/views";
import { setLang } from "../../web/src/i18n";
import { MediaCard } from "../../web/src/room/parts/media-card";

const meeting = (over: Partial<MeetingView>): MeetingView => ({
  id: "m1",
  topic: "Sinh hoạt thường kỳ tháng 12",
  kind: "regular",
  place: "Nhà văn hóa",
  format: "hybrid",
  scheduledAt: "2026-12-20T12:00:00Z",
  status: "live",
  chairPersonId: null,
  minutesTakerPersonId: null,
  startedAt: "2026-12-20T12:00:00Z",
  endedAt: null,
  durationMarkMinutes: 90,
  ...over,
});

beforeEach(() => setLang("vi"));
afterEach(cleanup);

describe("the room's media card", () => {
  it("shows a join-the-call button opening the external call in a new tab, without an opener", () => {
    render(() => <MediaCard meeting={meeting({ mediaMode: "external", mediaLink: "https://meet.example.vn/kp1" })} />);
    const button = screen.getByRole("link", { name: /Tham gia cuộc gọi/ });
    expect(button.getAttribute("href")).toBe("https://meet.example.vn/kp1");
    expect(button.getAttribute("target")).toBe("_blank");
    expect(button.getAttribute("rel")).toContain("noopener");
    expect(screen.getByText("Dự trực tuyến qua: meet.example.vn")).toBeTruthy();
  });

  it("speaks English when asked", () => {
    setLang("en");
    render(() => <MediaCard meeting={meeting({ mediaMode: "external", mediaLink: "https://meet.example.vn/kp1" })} />);
    expect(screen.getByRole("link", { name: /Join the call/ })).toBeTruthy();
  });

  it("shows no button for a link that is not https, nor for hall-only, closed or older rooms", () => {
    const cases: Partial<MeetingView>[] = [
      { mediaMode: "external", mediaLink: "javascript:alert(1)" },
      { mediaMode: "external", mediaLink: "http://meet.example.vn/kp1" },
      { mediaMode: "external", mediaLink: null },
      { mediaMode: "external", mediaLink: "https://meet.example.vn/kp1", status: "closed" },
      { mediaMode: "hall_only", mediaLink: null },
      {},
    ];
    for (const over of cases) {
      render(() => <MediaCard meeting={meeting(over)} />);
      expect(screen.queryByRole("link"), JSON.stringify(over)).toBeNull();
      expect(screen.queryByText(/Nghe và nói từ xa/), JSON.stringify(over)).toBeNull();
      cleanup();
    }
  });

  it("gives built-in sound its card, with no call link (the sound itself: test/browser/media.test.ts)", () => {
    render(() => <MediaCard meeting={meeting({ mediaMode: "builtin", mediaLink: null })} />);
    expect(screen.getByText(/Nghe và nói từ xa/)).toBeTruthy();
    expect(screen.queryByText(/sắp có/)).toBeNull();
    expect(screen.queryByRole("link")).toBeNull();
  });
});
