import { describe, expect, it } from "vitest";
import type { OutboxOp } from "../../party/logic/outbox";
import { mergeAttendanceOps } from "../../party/logic/outbox-merge";

const entry = (personId: string, joinedAt: string | null = "2026-12-07T01:00:00.000Z") => ({
  personId,
  status: "present_remote" as const,
  reason: null,
  recordedBy: personId,
  joinedAt,
  leftAt: null,
});
const att = (...entries: ReturnType<typeof entry>[]): OutboxOp => ({ kind: "attendance", entries });

describe("mergeAttendanceOps", () => {
  it("merges the attendance ops of a batch of taps into one", () => {
    expect(mergeAttendanceOps([att(entry("a")), att(entry("b")), att(entry("c"))])).toEqual([
      att(entry("a"), entry("b"), entry("c")),
    ]);
  });

  it("starts a new op when a person repeats, so their later entry lands after the earlier one", () => {
    const later = entry("a", null);
    expect(mergeAttendanceOps([att(entry("a")), att(entry("b")), att(later)])).toEqual([
      att(entry("a"), entry("b")),
      att(later),
    ]);
  });

  it("never merges across another kind of op, and leaves the ops it was given unchanged", () => {
    const first = att(entry("a"));
    const ops: OutboxOp[] = [first, { kind: "meeting_live", startedAt: "2026-12-07T01:00:00.000Z" }, att(entry("b"))];
    expect(mergeAttendanceOps(ops)).toEqual(ops);
    mergeAttendanceOps([first, att(entry("c"))]);
    expect(first).toEqual(att(entry("a")));
  });
});
