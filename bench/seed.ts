/**
 * How long the province-scale seed takes to load into a fresh local D1 (issue 2: "measure how long it
 * takes to load"). Figures go to bench/results/seed.{json,md}.   npm run bench -- --only seed [--keep]
 */
import { readdirSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { PROVINCE_SIZE } from "../scripts/lib/province-data.ts";
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

const dir = await mkdtemp(join(tmpdir(), "chibo-seed-bench-"));
try {
  const load0 = Math.round(loadavg()[0]! * 100) / 100;
  const res = await seedProvince({ persistTo: dir, log: (m) => console.log(`  ${m}`) });
  const seconds = res.loadMs / 1000;
  const json = {
    at: new Date().toISOString(),
    machine: machine(),
    loadAvg: load0,
    size: PROVINCE_SIZE,
    rows: res.seed.rows,
    rowsByTable: res.seed.rowsByTable,
    sqlMB: +(res.sqlBytes / 1e6).toFixed(1),
    diskMB: +(dirBytes(join(dir, "v3", "d1")) / 1e6).toFixed(1),
    seconds: {
      generate: +(res.buildMs / 1000).toFixed(1),
      migrate: +(res.migrateMs / 1000).toFixed(1),
      load: +seconds.toFixed(1),
    },
    rowsPerSecond: Math.round(res.seed.rows / seconds),
  };
  const table = markdownTable(
    ["table", "rows"],
    [
      ...Object.entries(res.seed.rowsByTable).map(([t, n]) => [t, n.toLocaleString("en")]),
      ["**all (incl. tenants, roles)**", res.seed.rows.toLocaleString("en")],
    ],
  );
  const md =
    `### Province-scale seed load (\`npm run bench -- --only seed\`, ${json.at.slice(0, 16).replace("T", " ")} UTC)\n\n` +
    `${PROVINCE_SIZE.grassroots} grassroots committees, ${PROVINCE_SIZE.branches} branches, ${PROVINCE_SIZE.members.toLocaleString("en")} members, ` +
    `${PROVINCE_SIZE.months} months of meetings per branch. ${json.sqlMB} MB of SQL (multi-row INSERTs, no bound parameters) loaded with ` +
    `\`wrangler d1 execute --local --file\` in **${json.seconds.load} s** (${json.rowsPerSecond.toLocaleString("en")} rows/s; generating the SQL ` +
    `${json.seconds.generate} s, migrations ${json.seconds.migrate} s); ${json.diskMB} MB on disk. Machine: ${json.machine.cpus} cores, ` +
    `load average ${load0} at the start.\n\n${table}\n`;
  const paths = await writeResults("seed", json, md);
  console.log(`\n${md}\nwritten to ${paths.jsonPath} and ${paths.mdPath}`);
} finally {
  if (!values.keep) await rm(dir, { recursive: true, force: true });
  else console.log(`kept ${dir}`);
}
