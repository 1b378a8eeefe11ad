/**
 * How long the benchmark seeds take to load into a fresh local D1 (issue 2: "measure how long it takes to load";
 * issue 14: the country's shape must load in about the time of the one-committee seed). Both in the same run, each
 * into a directory of its own, so the ratio holds on a shared machine: the country (scripts/lib/country-data.ts, two
 * provinces of committees in two shards, the reports benchmark's) and the one committee (scripts/lib/province-data.ts,
 * the API benchmark's). Figures go to bench/results/seed.{json,md}.   npm run bench -- --only seed [--keep]
 */
import { readdirSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { COUNTRY, COUNTRY_MONTHS } from "../scripts/lib/country-data.ts";
import { PROVINCE_SIZE } from "../scripts/lib/province-data.ts";
import { seedCountry } from "../scripts/seed-country.ts";
import { seedProvince } from "../scripts/seed-province.ts";
import { machine, markdownTable, writeResults } from "./lib/results.ts";

const { values } = parseArgs({ options: { keep: { type: "boolean", default: false } } });

/** Bytes on disk of the local D1 files (database + write-ahead log). */
function dirBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

interface Loaded {
  rows: number;
  rowsByTable: Record<string, number>;
  sqlBytes: number;
  buildMs: number;
  migrateMs: number;
  loadMs: number;
}

/** A seed's figures, from its load and the directory it was loaded into. */
function figures(res: Loaded, dir: string) {
  return {
    rows: res.rows,
    rowsByTable: res.rowsByTable,
    sqlMB: +(res.sqlBytes / 1e6).toFixed(1),
    diskMB: +(dirBytes(join(dir, "v3", "d1")) / 1e6).toFixed(1),
    seconds: {
      generate: +(res.buildMs / 1000).toFixed(1),
      migrate: +(res.migrateMs / 1000).toFixed(1),
      load: +(res.loadMs / 1000).toFixed(1),
    },
    rowsPerSecond: Math.round(res.rows / (res.loadMs / 1000)),
  };
}

const dirs: string[] = [];
try {
  const load0 = Math.round(loadavg()[0]! * 100) / 100;
  dirs.push(await mkdtemp(join(tmpdir(), "chibo-seed-bench-country-")));
  console.log("Country (two provinces):");
  const country = await seedCountry({ persistTo: dirs[0]!, log: (m) => console.log(`  ${m}`) });
  dirs.push(await mkdtemp(join(tmpdir(), "chibo-seed-bench-committee-")));
  console.log("One committee:");
  const one = await seedProvince({ persistTo: dirs[1]!, log: (m) => console.log(`  ${m}`) });
  const json = {
    at: new Date().toISOString(),
    machine: machine(),
    loadAvg: load0,
    loadAvgAtEnd: Math.round(loadavg()[0]! * 100) / 100,
    country: {
      provinces: COUNTRY.map(({ seed: _rng, places: _names, ...shape }) => ({
        ...shape,
        months: COUNTRY_MONTHS,
        rowsByTable: country.provinces.find((p) => p.id === shape.id)!.rowsByTable,
      })),
      ...figures(country, dirs[0]!),
    },
    oneCommittee: { size: PROVINCE_SIZE, ...figures({ ...one.seed, ...one }, dirs[1]!) },
  };
  const loadRatio = +(json.country.seconds.load / json.oneCommittee.seconds.load).toFixed(2);
  const tables = Object.keys(json.country.rowsByTable);
  const table = markdownTable(
    ["table", ...COUNTRY.map((p) => `${p.id} (${p.shard})`), "country", "one committee"],
    [
      ...tables.map((t) => [
        t,
        ...json.country.provinces.map((p) => (p.rowsByTable[t] ?? 0).toLocaleString("en")),
        (json.country.rowsByTable[t] ?? 0).toLocaleString("en"),
        (json.oneCommittee.rowsByTable[t] ?? 0).toLocaleString("en"),
      ]),
      [
        "**all (incl. roles)**",
        ...country.provinces.map((p) => p.rows.toLocaleString("en")),
        json.country.rows.toLocaleString("en"),
        json.oneCommittee.rows.toLocaleString("en"),
      ],
    ],
  );
  const line = (name: string, f: ReturnType<typeof figures>) =>
    `- ${name}: ${f.sqlMB} MB of SQL loaded in **${f.seconds.load} s** (${f.rowsPerSecond.toLocaleString("en")} rows/s; generating ` +
    `${f.seconds.generate} s, migrations ${f.seconds.migrate} s); ${f.diskMB} MB on disk.`;
  const md =
    `### Seed load (\`npm run bench -- --only seed\`, ${json.at.slice(0, 16).replace("T", " ")} UTC)\n\n` +
    `Multi-row INSERTs, no bound parameters, loaded with \`wrangler d1 execute --local --file\` into a fresh local D1 each, ` +
    `one after the other. Machine: ${json.machine.cpus} cores, load average ${load0} at the start, ${json.loadAvgAtEnd} at the end.\n\n` +
    `${line(`The country (the reports benchmark's): ${COUNTRY.map((p) => `${p.id}, ${p.committees} committees, ${p.branches} branches, ${p.members.toLocaleString("en")} members in ${p.shard}`).join("; ")}; ${COUNTRY_MONTHS} months`, json.country)}\n` +
    `${line(`One committee (the API benchmark's): ${PROVINCE_SIZE.grassroots} grassroots committees, ${PROVINCE_SIZE.branches} branches, ${PROVINCE_SIZE.members.toLocaleString("en")} members; ${PROVINCE_SIZE.months} months`, json.oneCommittee)}\n` +
    `- The country loads in **${loadRatio}×** the one committee's time.\n\n${table}\n`;
  const paths = await writeResults("seed", { ...json, loadRatio }, md);
  console.log(`\n${md}\nwritten to ${paths.jsonPath} and ${paths.mdPath}`);
} finally {
  for (const dir of dirs) {
    if (!values.keep) await rm(dir, { recursive: true, force: true });
    else console.log(`kept ${dir}`);
  }
}
