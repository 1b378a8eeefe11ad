/**
 * Attendance by media in the minutes (issue 13 item 3): a built-in media meeting's "Có mặt" line splits the remote
 * members into those who heard the hall with sound and those who only followed the room; other meetings keep the
 * short line; the approval check reads the split like any count.
 */
import { describe, expect, it } from "vitest";
import { checkMinutesCounts, countLines } from "../../schema/record/minutes-counts";
import { draftMinutes } from "../../schema/record/minutes-draft";
import type { MinutesFacts } from "../../schema/record/minutes-facts";

type Member = MinutesFacts["members"][number];
const member = (i: number, attendance: Member["attendance"], heard = false): Member => ({
  name: `Đảng viên ${i}`,
  official: true,
  attendance,
  reason: null,
  heard,
});

function facts(mediaMode?: MinutesFacts["mediaMode"]): MinutesFacts {
  return {
    topic: "Sinh hoạt tháng 12",
    place: "Nhà văn hóa",
    scheduledAt: "2026-12-06T12:00:00.000Z",
    startedAt: "2026-12-06T12:05:00.000Z",
    endedAt: "2026-12-06T13:05:00.000Z",
    chairName: "Đảng viên 1",
    minutesTakerName: "Đảng viên 2",
    guests: [],
    mediaMode,
    members: [
      ...[1, 2, 3, 4].map((i) => member(i, "present_hall")),
      member(5, "present_remote", true),
      member(6, "present_remote", true),
      member(7, "present_remote"),
      // Heard for a moment, then was marked absent: not counted among those present.
      member(8, "absent_excused", true),
    ],
    agenda: [{ id: "a1", position: 1, title: "Tình hình tháng" }],
    speeches: [{ personId: "p5", name: "Đảng viên 5", itemId: "a1", durationSeconds: 90 }],
    votes: [],
    reserved: [],
    evaluations: [],
  };
}

const present = (f: MinutesFacts) => countLines(f).find((c) => c.label === "Có mặt")?.value;

describe("attendance by media in the minutes", () => {
  it("splits the remote count in a built-in media meeting, in the draft too", () => {
    const f = facts("builtin");
    const line = "7 (tại hội trường 4, trực tuyến 3, trong đó 2 nghe qua âm thanh tích hợp, 1 chỉ theo dõi phòng họp)";
    expect(present(f)).toBe(line);
    expect(draftMinutes(f)).toContain(`Có mặt: ${line}`);
    // A remote member's speech is written like a hall member's.
    expect(draftMinutes(f)).toContain("Đồng chí Đảng viên 5 phát biểu (2 phút)");
  });

  it("keeps today's line in hall-only and external meetings, and in facts that name no mode", () => {
    for (const mode of ["hall_only", "external", undefined] as const)
      expect(present(facts(mode)), String(mode)).toBe("7 (tại hội trường 4, trực tuyến 3)");
  });

  it("the approval check names a wrong media split, and accepts the record's", () => {
    const f = facts("builtin");
    const draft = draftMinutes(f);
    expect(checkMinutesCounts(draft, f)).toEqual([]);
    const wrong = draft.replace(
      "trong đó 2 nghe qua âm thanh tích hợp, 1 chỉ",
      "trong đó 3 nghe qua âm thanh tích hợp, 0 chỉ",
    );
    expect(wrong).not.toBe(draft);
    expect(checkMinutesCounts(wrong, f)).toEqual([
      {
        label: "Có mặt",
        text: "7 (tại hội trường 4, trực tuyến 3, trong đó 3 nghe qua âm thanh tích hợp, 0 chỉ theo dõi phòng họp)",
        record: present(f),
      },
    ]);
    // The short line of a meeting without built-in media is a disagreement in a built-in one.
    const short = draft.replace(/^Có mặt: .*$/m, "Có mặt: 7 (tại hội trường 4, trực tuyến 3)");
    expect(checkMinutesCounts(short, f).map((d) => d.label)).toEqual(["Có mặt"]);
  });
});
