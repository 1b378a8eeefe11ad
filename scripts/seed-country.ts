/**
 * Loads the country's shape (scripts/lib/country-data.ts: two provinces of committees, each in a shard of its own)
 * into a local D1 and says how long it took: `npm run seed:country -- --persist-to DIR` (a fresh directory:
 * migrations are applied first). The directory takes both provinces' tenants and accounts, each shard one province.
 */
import { parseArgs } from "node:util";
import { DIRECTORY } from "../worker/lib/shard-names.ts";
import { buildCountry, type SeededProvince } from "./lib/country-data.ts";
import { loadSqlLocal, migrateLocal, type SeedOptions, type SeedTimes, shardedSeed } from "./lib/shard-seed.ts";

export interface CountryLoad extends SeedTimes {
  provinces: Omit<SeededProvince, "writer">[];
  rows: number;
  rowsByTable: Record<string, number>;
  currentMonth: string;
}

export async function seedCountry(opts: SeedOptions = {}): Promise<CountryLoad> {
  const log = opts.log ?? (() => {});
  const migrateMs = await migrateLocal(opts.persistTo);
  const t0 = performance.now();
  const { provinces, ...country } = await buildCountry(opts.now);
  const split = provinces.map((p) => ({ ...p, sql: shardedSeed(p.writer, p.shard) }));
  const buildMs = performance.now() - t0;
  log(`generated ${country.rows.toLocaleString("en")} rows of SQL in ${Math.round(buildMs)} ms`);
  log(`loading into local D1 (the directory, ${provinces.map((p) => `${p.id} → ${p.shard}`).join(", ")})…`);
  const { sqlBytes, loadMs } = await loadSqlLocal(
    [
      ...split.map((p) => ({ sql: p.sql.directory, database: DIRECTORY })),
      ...split.map((p) => ({ sql: p.sql.shard, database: p.shard })),
    ],
    opts.persistTo,
  );
  return {
    ...country,
    provinces: provinces.map(({ writer: _rows, ...p }) => p),
    sqlBytes,
    buildMs,
    migrateMs,
    loadMs,
  };
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { "persist-to": { type: "string" } } });
  if (!values["persist-to"]) {
    console.error("usage: npm run seed:country -- --persist-to DIR   (a fresh directory, not your dev database)");
    process.exit(2);
  }
  const res = await seedCountry({ persistTo: values["persist-to"], log: (m) => console.log(m) });
  console.log(`Country seed: ${res.rows.toLocaleString("en")} rows loaded in ${(res.loadMs / 1000).toFixed(1)} s`);
  console.table(Object.fromEntries(res.provinces.map((p) => [`${p.id} (${p.shard})`, p.rowsByTable])));
}
