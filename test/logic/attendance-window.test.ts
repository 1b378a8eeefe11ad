import { describe, expect, it } from "vitest";
import { attendanceWindowMs, COALESCE_MS } from "../../party/fanout";

describe("attendanceWindowMs", () => {
  it("waits the usual window in a room just past the mark, longer as the room grows, never past 2 s", () => {
    expect(attendanceWindowMs(52)).toBe(COALESCE_MS);
    expect(attendanceWindowMs(500)).toBe(500);
    expect(attendanceWindowMs(2_000)).toBe(2_000);
    expect(attendanceWindowMs(10_000)).toBe(2_000);
  });
});
