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

/**
 * The statements of a seed written as plain SQL, split at each `;` outside a quoted string (seeds hold no
 * comments or triggers; a quoted value may hold `;` and line breaks, and `''` inside one is two quotes).
 */
function plainSqlStatements(sql: string): string[] {
  const statements: string[] = [];
  let quoted = false;
  let from = 0;
  for (let i = 0; i < sql.length; i++) {
    if (sql[i] === "'") quoted = !quoted;
    else if (sql[i] === ";" && !quoted) {
      statements.push(sql.slice(from, i + 1).trim());
      from = i + 1;
    }
  }
  const rest = sql.slice(from).trim();
  if (rest !== "") statements.push(rest);
  return statements;
}

/**
 * Loads a seed written as plain SQL for one database (the browser tests', the benches') into a sharded local D1,
 * each database taking only its own rows: the directory the inserts into its tables (tenants, naming the shard,
 * and accounts), the shard every insert but the account tables', its people as the mirror (no password hash).
 * Any other statement goes to both. One wrangler run (one workerd start) per database. The demo, written with a
 * SqlWriter, is split before it is written (`shardedSeed`).
 */
export async function loadSeedLocal(file: string, persistTo: string | undefined, shard: ShardName = "SHARD_1") {
  const parts = { [DIRECTORY]: [] as string[], [shard]: [] as string[] };
  for (const statement of plainSqlStatements(readFileSync(file, "utf8"))) {
    const table = /^INSERT(?:\s+OR\s+\w+)?\s+INTO\s+"?(\w+)"?/i.exec(statement)?.[1];
    if (table === undefined || DIRECTORY_TABLES.has(table)) parts[DIRECTORY]!.push(statement);
    if (table === undefined || !ACCOUNT_ONLY.has(table)) parts[shard]!.push(statement);
  }
  parts[DIRECTORY]!.push(`UPDATE tenants SET shard = '${shard}';`);
  parts[shard]!.push("UPDATE people SET password_hash = NULL;", `UPDATE tenants SET shard = '${shard}';`);
  await loadSqlLocal(
    Object.entries(parts).map(([database, statements]) => ({ sql: `${statements.join("\n")}\n`, database })),
    persistTo,
  );
}
