/**
 * Delivers the room's outbox to D1. Each op's statements run in one `batch` (one transaction), in order;
 * an op is deleted from the room's storage only after D1 took it. On failure the op stays and the room's
 * alarm retries with backoff; an op that keeps failing is set aside after MAX_ATTEMPTS so it cannot block
 * the ones behind it (it stays in storage, visible in the logs).
 */
import type { BatchItem } from "drizzle-orm/batch";
import { type Db, statementsFor } from "./d1";
import type { RoomStore } from "./store";

export const MAX_ATTEMPTS = 20;
/** Ops per flush; several small ops (check-ins) share one batch. */
const OPS_PER_FLUSH = 50;
const STATEMENTS_PER_BATCH = 80;

/** Returns when to retry (ms epoch), or null when the outbox is empty. The caller runs one flush at a time. */
export async function flushOutbox(
  store: RoomStore,
  db: Db,
  tenantId: string,
  meetingId: string,
): Promise<number | null> {
  for (;;) {
    const rows = store.pending(OPS_PER_FLUSH);
    if (rows.length === 0) return null;
    // Group consecutive ops into batches of bounded size.
    let group: typeof rows = [];
    let stmts: BatchItem<"sqlite">[] = [];
    const groups: { rows: typeof rows; stmts: BatchItem<"sqlite">[] }[] = [];
    for (const row of rows) {
      const s = statementsFor(db, tenantId, meetingId, row.op);
      if (group.length && stmts.length + s.length > STATEMENTS_PER_BATCH) {
        groups.push({ rows: group, stmts });
        group = [];
        stmts = [];
      }
      group.push(row);
      stmts.push(...s);
    }
    if (group.length) groups.push({ rows: group, stmts });
    for (const g of groups) {
      const ok = await runBatch(db, g.stmts);
      if (ok) {
        store.done(g.rows.map((r) => r.seq));
        continue;
      }
      // Find the op that fails: run them one by one, stop at the first failure.
      for (const row of g.rows) {
        if (await runBatch(db, statementsFor(db, tenantId, meetingId, row.op))) {
          store.done([row.seq]);
          continue;
        }
        const attempts = store.failed(row.seq, MAX_ATTEMPTS);
        console.error(`room ${meetingId}: D1 write of ${row.op.kind} failed (attempt ${attempts})`);
        return Date.now() + Math.min(60_000, 1000 * 2 ** Math.min(attempts, 6));
      }
    }
  }
}

async function runBatch(db: Db, stmts: BatchItem<"sqlite">[]): Promise<boolean> {
  const [first, ...rest] = stmts;
  if (!first) return true;
  try {
    await db.batch([first, ...rest]);
    return true;
  } catch (err) {
    console.error("room: D1 batch failed", err);
    return false;
  }
}
