/**
 * Attendance ops of one batch of frames (Join taps arriving together in a large room) merged into one op, so a
 * batch of taps is one D1 write, not one per member. Only ops next to each other merge, and only while no person
 * repeats: D1 upserts an op's entries in one INSERT, which may not touch a row twice, and a later entry of the
 * same person must still land after the earlier one.
 */
import type { OutboxOp } from "./outbox";

type AttendanceOp = Extract<OutboxOp, { kind: "attendance" }>;

export function mergeAttendanceOps(ops: OutboxOp[]): OutboxOp[] {
  const out: OutboxOp[] = [];
  let open: { op: AttendanceOp; people: Set<string> } | null = null;
  for (const op of ops) {
    if (op.kind !== "attendance") {
      out.push(op);
      open = null;
      continue;
    }
    if (open && op.entries.every((e) => !open!.people.has(e.personId))) {
      open.op.entries.push(...op.entries);
      for (const e of op.entries) open.people.add(e.personId);
      continue;
    }
    const merged: AttendanceOp = { kind: "attendance", entries: [...op.entries] };
    out.push(merged);
    open = { op: merged, people: new Set(op.entries.map((e) => e.personId)) };
  }
  return out;
}
