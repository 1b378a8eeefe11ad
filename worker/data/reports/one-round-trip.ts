/**
 * A D1 handle whose batches asked for in the same turn run as one `batch` (one round trip): a province's roll-up
 * (./children.ts) starts every committee's load at once, each asking for its statements in a batch of its own, and
 * together they then cost one round trip instead of one per committee (a province has dozens). Each caller gets its
 * own statements' results, in order; if the batch fails, every caller sees the error. Only `prepare` and `batch`,
 * what the reports use.
 */
interface Waiting {
  statements: D1PreparedStatement[];
  resolve: (results: D1Result[]) => void;
  reject: (err: unknown) => void;
}

export function oneRoundTrip(d1: D1Database): D1Database {
  let waiting: Waiting[] = [];
  const flush = async () => {
    const these = waiting;
    waiting = [];
    try {
      const results = await d1.batch(these.flatMap((w) => w.statements));
      let at = 0;
      for (const w of these) {
        w.resolve(results.slice(at, at + w.statements.length));
        at += w.statements.length;
      }
    } catch (err) {
      for (const w of these) w.reject(err);
    }
  };
  const batch = (statements: D1PreparedStatement[]) =>
    new Promise<D1Result[]>((resolve, reject) => {
      // A timer, not a microtask: the other loads reach their batch through several awaits each, all before it fires.
      if (waiting.length === 0) setTimeout(() => void flush(), 0);
      waiting.push({ statements, resolve, reject });
    });
  return { prepare: (sql: string) => d1.prepare(sql), batch } as unknown as D1Database;
}
