/**
 * Loads the province-scale committee (scripts/lib/province-data.ts) into a local D1 and says how long it
 * took: `npm run seed:province -- --persist-to DIR` (a fresh directory: migrations are applied first).
 * The SQL goes through `wrangler d1 execute --local --file`, the same path as the demo seed.
 */
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { buildProvinceSql, type ProvinceSeed } from "./lib/province-data.ts";
import { applyMigrationsLocal, executeFileLocal } from "./lib/wrangler.ts";

export interface ProvinceLoad {
  seed: Omit<ProvinceSeed, "sql">;
  sqlBytes: number;
  buildMs: number;
  migrateMs: number;
  loadMs: number;
}

export async function seedProvince(
  opts: { persistTo?: string; now?: Date; log?: (msg: string) => void } = {},
): Promise<ProvinceLoad> {
  const log = opts.log ?? (() => {});
  let t0 = performance.now();
  await applyMigrationsLocal(opts.persistTo);
  const migrateMs = performance.now() - t0;

  t0 = performance.now();
  const { sql, ...seed } = await buildProvinceSql(opts.now);
  const buildMs = performance.now() - t0;
  log(`generated ${seed.rows.toLocaleString("en")} rows of SQL in ${Math.round(buildMs)} ms`);

  const dir = await mkdtemp(join(tmpdir(), "chibo-province-"));
  try {
    const file = join(dir, "province.sql");
    await writeFile(file, sql);
    const sqlBytes = (await stat(file)).size;
    log(`loading ${(sqlBytes / 1e6).toFixed(1)} MB into local D1…`);
    t0 = performance.now();
    await executeFileLocal(file, opts.persistTo);
    const loadMs = performance.now() - t0;
    return { seed, sqlBytes, buildMs, migrateMs, loadMs };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { "persist-to": { type: "string" } } });
  if (!values["persist-to"]) {
    console.error("usage: npm run seed:province -- --persist-to DIR   (a fresh directory, not your dev database)");
    process.exit(2);
  }
  const res = await seedProvince({ persistTo: values["persist-to"], log: (m) => console.log(m) });
  console.log(
    `Province seed: ${res.seed.rows.toLocaleString("en")} rows loaded in ${(res.loadMs / 1000).toFixed(1)} s`,
  );
  console.table(res.seed.rowsByTable);
}
