/**
 * The deployed database's upgrade, on a D1 of its own (UPGRADE_DB, which the setup file leaves empty): the
 * migrations of the last release (schema/db/released-migrations.json), the demo committee, then the new
 * migrations, the way `npm run deploy` applies them. With no new migration yet it still proves the released
 * schema takes today's data and that applying "nothing new" keeps it.
 */
import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import releasedFile from "../../schema/db/released-migrations.json";
import {
  COLUMNS_SQL,
  type Columns,
  columnsFromRows,
  type Dump,
  dumpStatements,
  FILLED_TABLES,
  rowCounts,
  seedStatements,
} from "../support/upgrade-data";

const db = env.UPGRADE_DB;

/**
 * Tables a new migration drops on purpose, each with why; the rest keep every row. 0001_login_throttle:
 * login_attempts held lockouts per key that never expired, replaced by login_throttle's 15-minute windows, so a
 * lockout in force at the upgrade is forgotten.
 */
const DROPPED = new Set(["login_attempts"]);

async function columns(): Promise<Columns> {
  const { results } = await db.prepare(COLUMNS_SQL).all<{ t: string; c: string }>();
  return columnsFromRows(results);
}

async function dump(schema: Columns): Promise<Dump> {
  const results = await db.batch<Record<string, unknown>>(dumpStatements(schema).map((s) => db.prepare(s)));
  return Object.fromEntries([...schema.keys()].map((t, i) => [t, results[i]?.results ?? []]));
}

describe("upgrading the deployed database", () => {
  it("keeps every row of the last release when the new migrations are applied on top", async () => {
    expect((await columns()).size, "UPGRADE_DB must start empty").toBe(0);
    const releasedNames = new Set(releasedFile.released.map((m) => m.name));
    const released = env.TEST_MIGRATIONS.filter((m) => releasedNames.has(m.name));
    const fresh = env.TEST_MIGRATIONS.filter((m) => !releasedNames.has(m.name));
    expect(released.map((m) => m.name).sort()).toEqual([...releasedNames].sort());

    await applyD1Migrations(db, released);
    const old = await columns();
    await db.batch(seedStatements(inject("upgradeSeedSql"), old).map((s) => db.prepare(s)));
    const before = await dump(old);
    const counts = rowCounts(before);
    for (const t of FILLED_TABLES) expect(counts[t], t).toBeGreaterThan(0);

    await applyD1Migrations(db, fresh);
    const kept: Columns = new Map([...old].filter(([t]) => !DROPPED.has(t)));
    const after = await dump(kept);
    expect(rowCounts(after)).toEqual(Object.fromEntries(Object.entries(counts).filter(([t]) => kept.has(t))));
    // Every value of every column the last release had. A migration that rewrites data on purpose must
    // say here which columns it changes.
    for (const t of kept.keys()) expect(after[t], t).toEqual(before[t]);
    const now = await columns();
    for (const t of DROPPED) expect(now.has(t), t).toBe(false);
    const { results } = await db.prepare("SELECT name FROM d1_migrations ORDER BY id").all<{ name: string }>();
    expect(results.map((r) => r.name)).toEqual(env.TEST_MIGRATIONS.map((m) => m.name));
  });
});
