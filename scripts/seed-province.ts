/**
 * Loads the province-scale committee (scripts/lib/province-data.ts) into a local D1 and says how long it
 * took: `npm run seed:province -- --persist-to DIR` (a fresh directory: migrations are applied first).
 * The SQL goes through `wrangler d1 execute --local --file`, the same path as the demo seed.
 */
import { parseArgs } from "node:util";
import { DIRECTORY } from "../worker/lib/shard-names.ts";
import { buildProvinceSql, type ProvinceSeed } from "./lib/province-data.ts";
import { loadSqlLocal, migrateLocal, type SeedOptions, type SeedTimes, shardedSeed } from "./lib/shard-seed.ts";
import { SqlWriter } from "./lib/sql.ts";

/** The province seed's shard (worker/lib/shard-names.ts); the directory takes its tenants and accounts. */
export const PROVINCE_SHARD = "SHARD_1";

export interface ProvinceLoad extends SeedTimes {
  seed: Omit<ProvinceSeed, "sql">;
}

export async function seedProvince(opts: SeedOptions = {}): Promise<ProvinceLoad> {
  const log = opts.log ?? (() => {});
  const migrateMs = await migrateLocal(opts.persistTo);
  const t0 = performance.now();
  const w = new SqlWriter({ rowsPerStatement: 250 });
  // The writer's rows are written again per database below; the one-database SQL it answers is not loaded.
  const { sql: _oneDatabase, ...seed } = await buildProvinceSql(opts.now, w);
  const { directory, shard } = shardedSeed(w, PROVINCE_SHARD);
  const buildMs = performance.now() - t0;
  log(`generated ${seed.rows.toLocaleString("en")} rows of SQL in ${Math.round(buildMs)} ms`);
  log(`loading into local D1 (the directory and ${PROVINCE_SHARD})…`);
  const { sqlBytes, loadMs } = await loadSqlLocal(
    [
      { sql: directory, database: DIRECTORY },
      { sql: shard, database: PROVINCE_SHARD },
    ],
    opts.persistTo,
  );
  return { seed, sqlBytes, buildMs, migrateMs, loadMs };
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
