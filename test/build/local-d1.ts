/**
 * Reads a local D1 — the files `wrangler d1 execute --local --persist-to DIR` and `wrangler dev --persist-to DIR`
 * write — from a test in Node, through wrangler's own `getPlatformProxy`: one workerd for the whole test file, the
 * same bindings and files as wrangler.toml's. A `wrangler d1 execute` per query started workerd each time (~3 s on
 * two cores, 20 per file in the seed tests): most of the node project's time in CI.
 *
 * The scripts under test still write through wrangler (their own code path); the proxy sees their writes, since
 * each query is a new SQLite read of the same file.
 */
import { join } from "node:path";
import { getPlatformProxy } from "wrangler";
import { root } from "../../scripts/lib/wrangler.ts";

type Row = Record<string, unknown>;

/** The part of a D1 binding these reads use (the workers types are not in the Node programme's scope). */
interface D1Statement {
  all<T>(): Promise<{ results: T[] }>;
}
interface D1Binding {
  prepare(sql: string): D1Statement;
  batch(statements: D1Statement[]): Promise<{ results: unknown[] }[]>;
}

export interface LocalD1 {
  /** One query's rows, from the directory (`DB`) or a shard (`SHARD_1`…). */
  query<T = Row>(sql: string, database?: string): Promise<T[]>;
  /** Several queries in one batch; the rows of each, in order. */
  queryAll(sqls: string[], database?: string): Promise<Row[][]>;
  dispose(): Promise<void>;
}

export async function openLocalD1(persistTo: string): Promise<LocalD1> {
  // Wrangler would warn at length that the proxy serves no Durable Object (no test reads a room through it); workerd
  // still prints its one line about MeetingRoom.
  const logLevel = process.env.WRANGLER_LOG;
  process.env.WRANGLER_LOG = "error";
  const proxy = await getPlatformProxy<Record<string, D1Binding>>({
    configPath: join(root, "wrangler.toml"),
    // `--persist-to DIR` keeps its state under DIR/v3; the proxy takes that inner path.
    persist: { path: join(persistTo, "v3") },
  }).finally(() => {
    if (logLevel === undefined) delete process.env.WRANGLER_LOG;
    else process.env.WRANGLER_LOG = logLevel;
  });
  const db = (database: string) => {
    const binding = proxy.env[database];
    if (!binding) throw new Error(`wrangler.toml binds no D1 database ${database}`);
    return binding;
  };
  return {
    async query<T = Row>(sql: string, database = "DB") {
      return (await db(database).prepare(sql).all<T>()).results;
    },
    async queryAll(sqls: string[], database = "DB") {
      const d1 = db(database);
      const results = await d1.batch(sqls.map((sql) => d1.prepare(sql)));
      return results.map((r) => r.results as Row[]);
    },
    dispose: () => proxy.dispose(),
  };
}
