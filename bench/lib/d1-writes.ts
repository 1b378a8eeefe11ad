/**
 * Counting what the Workers write to a local D1, for benches (bench/rooms.ts: the writes of every room's close).
 * D1 reports rows written per statement only to the code that ran it, and the room is not the bench's to change:
 * so before `wrangler dev` starts, the bench's own local database gets a trigger per table and write kind that logs
 * each row written (inserted, updated — an upsert that rewrites a row too — or deleted) with its table and time.
 * Only the bench's throwaway database has them; a trigger's insert adds a little to every write it logs.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { executeFileLocal, queryLocal } from "../../scripts/lib/wrangler.ts";

const LOG = "bench_row_writes";

/** Adds the log table and its triggers to `database` (local, under `persistTo`). Run before the server starts. */
export async function logRowWrites(persistTo: string, database: string): Promise<void> {
  const tables = (
    await queryLocal<{ name: string }>(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%'`,
      persistTo,
      database,
    )
  ).map((t) => t.name);
  // unixepoch('subsec'): milliseconds, comparable with the bench's Date.now() (same machine clock).
  const triggers = tables.flatMap((t) =>
    ["INSERT", "UPDATE", "DELETE"].map(
      (op) =>
        `CREATE TRIGGER bench_log_${op.toLowerCase()}_${t} AFTER ${op} ON "${t}" BEGIN INSERT INTO ${LOG} (tbl, op, at) VALUES ('${t}', '${op}', unixepoch('subsec') * 1000); END;`,
    ),
  );
  const dir = await mkdtemp(join(tmpdir(), "chibo-bench-writes-"));
  try {
    const file = join(dir, "triggers.sql");
    await writeFile(
      file,
      [
        `CREATE TABLE ${LOG} (id INTEGER PRIMARY KEY, tbl TEXT NOT NULL, op TEXT NOT NULL, at REAL NOT NULL);`,
        ...triggers,
      ]
        .join("\n")
        .concat("\n"),
    );
    await executeFileLocal(file, persistTo, database);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The last row write logged so far (0 when none): `rowWritesAfter` counts from a mark taken with it. */
export async function rowWriteMark(persistTo: string, database: string): Promise<number> {
  const [row] = await queryLocal<{ id: number | null }>(`SELECT MAX(id) AS id FROM ${LOG}`, persistTo, database);
  return row?.id ?? 0;
}

export interface RowWrites {
  rows: number;
  /** Rows written per table and kind, e.g. `attendance UPDATE`. */
  byTable: Record<string, number>;
  /** Epoch ms of the first and the last row written (null when none). */
  firstAt: number | null;
  lastAt: number | null;
}

/** Row writes logged after `mark`. */
export async function rowWritesAfter(mark: number, persistTo: string, database: string): Promise<RowWrites> {
  const groups = await queryLocal<{ tbl: string; op: string; n: number; first: number; last: number }>(
    `SELECT tbl, op, COUNT(*) AS n, MIN(at) AS first, MAX(at) AS last FROM ${LOG} WHERE id > ${mark} GROUP BY tbl, op ORDER BY tbl, op`,
    persistTo,
    database,
  );
  const byTable = Object.fromEntries(groups.map((g) => [`${g.tbl} ${g.op}`, g.n]));
  return {
    rows: groups.reduce((sum, g) => sum + g.n, 0),
    byTable,
    firstAt: groups.length ? Math.min(...groups.map((g) => g.first)) : null,
    lastAt: groups.length ? Math.max(...groups.map((g) => g.last)) : null,
  };
}
