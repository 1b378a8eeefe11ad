/**
 * Loads the demo into the local D1 when the directory has no tenant yet, sharded by province (worker/lib/shards.ts):
 * Tỉnh ủy Hòa Bình with its committees (Hòa An, Tân Lạc) in SHARD_1, the small Tỉnh ủy Sơn La in SHARD_2, and in
 * the directory every tenant (with its shard) and every account.
 * `npm run seed [-- [--persist-to DIR] [--force]]` (migrations must be applied first; `npm start`
 * does both). `--force` loads even into a non-empty database: fixed ids + INSERT OR IGNORE keep it harmless.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { hashPassword } from "../worker/lib/password.ts";
import { buildDemoSql, DEMO_LOGINS, DEMO_PASSWORD } from "./lib/demo-data.ts";
import { buildSecondProvinceSql, SECOND_PROVINCE_LOGIN } from "./lib/demo-second-province.ts";
import { shardedSeed } from "./lib/shard-seed.ts";
import { SqlWriter } from "./lib/sql.ts";
import { executeFileLocal, queryLocal } from "./lib/wrangler.ts";

/** The demo's province Hòa Bình lives in the first shard, the second province in the second. */
export const DEMO_SHARD = "SHARD_1";
export const SECOND_SHARD = "SHARD_2";

export async function countTenants(persistTo?: string): Promise<number> {
  const rows = await queryLocal<{ n: number }>("SELECT COUNT(*) AS n FROM tenants", persistTo);
  return Number(rows[0]?.n ?? 0);
}

/** Returns whether it loaded anything. */
export async function seedDemo(
  opts: { persistTo?: string; force?: boolean; now?: Date } = {},
): Promise<{ seeded: boolean; rows: number }> {
  if (!opts.force && (await countTenants(opts.persistTo)) > 0) return { seeded: false, rows: 0 };
  const demo = new SqlWriter();
  const { rows } = await buildDemoSql(opts.now, demo);
  const second = buildSecondProvinceSql(await hashPassword(DEMO_PASSWORD), opts.now);
  const first = shardedSeed(demo, DEMO_SHARD);
  const other = shardedSeed(second, SECOND_SHARD);
  const dir = await mkdtemp(join(tmpdir(), "chibo-demo-"));
  try {
    // The directory first: a tenant is found through it.
    const loads: [string, string][] = [
      ["DB", first.directory + other.directory],
      [DEMO_SHARD, first.shard],
      [SECOND_SHARD, other.shard],
    ];
    for (const [database, sql] of loads) {
      const file = join(dir, `${database}.sql`);
      await writeFile(file, sql);
      await executeFileLocal(file, opts.persistTo, database);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return { seeded: true, rows: rows + second.count };
}

export function printDemoLogins(url?: string): void {
  const logins = [...DEMO_LOGINS, SECOND_PROVINCE_LOGIN];
  const width = Math.max(...logins.map((l) => l.email.length));
  console.log(`\nTài khoản demo / demo logins (mật khẩu / password: ${DEMO_PASSWORD})${url ? ` — ${url}` : ""}`);
  for (const l of logins) console.log(`  ${l.email.padEnd(width)}  ${l.name} — ${l.what}`);
  console.log("");
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { "persist-to": { type: "string" }, force: { type: "boolean" } } });
  const started = performance.now();
  const result = await seedDemo({ persistTo: values["persist-to"], force: values.force });
  if (result.seeded) console.log(`Demo seed: ${result.rows} rows in ${Math.round(performance.now() - started)} ms`);
  else console.log("Demo seed: the database already has a committee; nothing to do.");
  printDemoLogins();
}
