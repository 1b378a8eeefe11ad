/**
 * Whether the room still owes D1 part of its record (worker/data/record-answer.ts asks, over RPC). The outbox
 * delivers in order and the close op is the last the room queues, but an op that keeps failing is set aside
 * (party/outbox-flush.ts) and ops may follow the close: "closed in D1" alone does not mean "all in D1".
 */
import type { RoomState } from "./logic/state";

export interface RoomDelivery {
  /** The room has closed the meeting (D1 may not know yet). */
  closed: boolean;
  /** Outbox ops not yet in D1, those set aside included. */
  owed: number;
}

/** Reads only: a room that was never opened gets no tables made for it. */
export function roomDelivery(sql: SqlStorage, state: () => RoomState | null): RoomDelivery {
  const opened =
    sql.exec(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'room_outbox'`).toArray().length > 0;
  if (!opened) return { closed: false, owed: 0 };
  const owed = sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM room_outbox`).one().n;
  return { closed: state()?.meeting.status === "closed", owed };
}
