/**
 * A province's roll-up asks each committee's statements of D1 at once (worker/data/reports/one-round-trip.ts): the
 * batches asked for together go as one, each caller getting its own results, even when a caller reaches its batch
 * through a few awaits; an error reaches every caller.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { runQueries } from "../../worker/data/reports/engine";
import { oneRoundTrip } from "../../worker/data/reports/one-round-trip";

/** The shard's D1, counting the batches that reach it. */
function counting() {
  const d1 = env.SHARD_1;
  const seen = { batches: 0 };
  const handle = {
    prepare: (sql: string) => d1.prepare(sql),
    batch: (statements: D1PreparedStatement[]) => {
      seen.batches++;
      return d1.batch(statements);
    },
  } as unknown as D1Database;
  return { handle, seen };
}

const select = (n: number) => ({ name: `n${n}`, sql: "SELECT ?1 AS n, ?1 * 2 AS twice", params: [n] });

describe("one round trip for a province's committees", () => {
  it("runs the batches asked for together as one, and answers each caller its own rows", async () => {
    const { handle, seen } = counting();
    const together = oneRoundTrip(handle);
    const load = async (n: number) => {
      // As a report's load may: a few awaits before its batch.
      await Promise.resolve();
      await Promise.resolve();
      return runQueries<{ n: number; twice: number }>(together, [select(n), select(n + 100)]);
    };
    const answers = await Promise.all([1, 2, 3].map(load));
    expect(answers).toEqual([1, 2, 3].map((n) => [[{ n, twice: 2 * n }], [{ n: n + 100, twice: 2 * (n + 100) }]]));
    expect(seen.batches).toBe(1);
    // Later batches go in a round trip of their own.
    expect(await runQueries(together, [select(7)])).toEqual([[{ n: 7, twice: 14 }]]);
    expect(seen.batches).toBe(2);
  });

  it("rejects every caller of a batch that fails", async () => {
    const together = oneRoundTrip(counting().handle);
    const results = await Promise.allSettled([
      runQueries(together, [select(1)]),
      runQueries(together, [{ name: "bad", sql: "SELECT * FROM no_such_table", params: [] }]),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
  });
});
