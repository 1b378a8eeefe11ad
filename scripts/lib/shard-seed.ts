/**
 * A seed written for D1 sharded by province (worker/lib/shards.ts): the directory takes the tenants (with the shard
 * that holds them) and the accounts; the province's shard takes every row, its tenants' rows too, and the people as
 * the shard's mirror of them (name and login e-mail, never a password hash).
 */
import { readFileSync } from "node:fs";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DIRECTORY, type ShardName } from "../../worker/lib/shard-names.ts";
import type { Row, SqlWriter } from "./sql.ts";
import { applyMigrationsLocal, executeFileLocal } from "./wrangler.ts";

/** The tables the directory holds rows of; every other table's rows go to the shard only. */
const DIRECTORY_TABLES = new Set(["tenants", "people", "sessions", "passkeys", "login_throttle", "mail_outbox"]);
/** Account tables the shard never takes (people it takes as the mirror). */
const ACCOUNT_ONLY = new Set(["sessions", "passkeys", "login_throttle", "mail_outbox"]);

export interface ShardedSeed {
  directory: string;
  shard: string;
}

export function shardedSeed(w: SqlWriter, shard: string): ShardedSeed {
  const withShard = (table: string, row: Row): Row => (table === "tenants" ? { ...row, shard } : row);
  const directory = w.forDatabase((t) => DIRECTORY_TABLES.has(t), withShard);
  const inShard = w.forDatabase(
    (t) => !ACCOUNT_ONLY.has(t),
    (t, row) => (t === "people" ? { ...row, password_hash: null } : withShard(t, row)),
  );
  return { directory: directory.toSql(), shard: inShard.toSql() };
}

/** What loading a seed took: the SQL's size, and the time to write it, to migrate the databases and to load it. */
export interface SeedTimes {
  sqlBytes: number;
  buildMs: number;
  migrateMs: number;
  loadMs: number;
}
/** Options of a seed loader: where the local D1 lives, the seed's "now", progress lines. */
export interface SeedOptions {
  persistTo?: string;
  now?: Date;
  log?: (msg: string) => void;
}

/** Applies the migrations to the directory and every shard of a local D1; answers how long it took. */
export async function migrateLocal(persistTo: string | undefined): Promise<number> {
  const t0 = performance.now();
  await applyMigrationsLocal(persistTo);
  return performance.now() - t0;
}

/**
 * Loads SQL texts into their databases of a local D1 (`wrangler d1 execute --local --file`, in the order given:
 * the directory before the shards), through temporary files; answers their bytes and the time the loading took.
 */
export async function loadSqlLocal(
  parts: { sql: string; database: string }[],
  persistTo: string | undefined,
): Promise<{ sqlBytes: number; loadMs: number }> {
  const dir = await mkdtemp(join(tmpdir(), "chibo-seed-"));
  try {
    const files = parts.map((part, i) => ({ ...part, file: join(dir, `${i}-${part.database}.sql`) }));
    let sqlBytes = 0;
    for (const f of files) {
      await writeFile(f.file, f.sql);
      sqlBytes += (await stat(f.file)).size;
    }
    const t0 = performance.now();
    for (const f of files) await executeFileLocal(f.file, persistTo, f.database);
    return { sqlBytes, loadMs: performance.now() - t0 };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Every table in the order schema/db/tables.ts declares them (parents before children), read from its source. */
function declaredTables(): string[] {
  const source = readFileSync(join(import.meta.dirname, "..", "..", "schema", "db", "tables.ts"), "utf8");
  return [...source.matchAll(/sqliteTable\(\s*"(\w+)"/g)].map((m) => m[1] as string);
}

/**
 * Loads a seed written as plain SQL for one database (the browser tests', the benches') into a sharded local D1:
 * the whole file into the directory and into the shard, then each keeps its own part: the directory its tenants
 * (naming the shard) and accounts, every other table emptied (children first); the shard everything but the
 * account tables, its people as the mirror (no password hash). Twice the load of one database, for seeds only;
 * the demo, written with a SqlWriter, is split before it is loaded (`shardedSeed`).
 */
export async function loadSeedLocal(file: string, persistTo: string | undefined, shard: ShardName = "SHARD_1") {
  const tenantOnly = declaredTables().filter((t) => !DIRECTORY_TABLES.has(t));
  await executeFileLocal(file, persistTo, DIRECTORY);
  await executeFileLocal(file, persistTo, shard);
  const dir = await mkdtemp(join(tmpdir(), "chibo-shard-seed-"));
  try {
    const cleanups: [string, string[]][] = [
      [DIRECTORY, [...tenantOnly.reverse().map((t) => `DELETE FROM ${t};`), `UPDATE tenants SET shard = '${shard}';`]],
      [
        shard,
        [
          ...[...ACCOUNT_ONLY].map((t) => `DELETE FROM ${t};`),
          "UPDATE people SET password_hash = NULL;",
          `UPDATE tenants SET shard = '${shard}';`,
        ],
      ],
    ];
    for (const [database, statements] of cleanups) {
      const cleanup = join(dir, `${database}.sql`);
      await writeFile(cleanup, `${statements.join("\n")}\n`);
      await executeFileLocal(cleanup, persistTo, database);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
