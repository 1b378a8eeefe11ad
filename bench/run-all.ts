/**
 * `npm run bench`: every benchmark under bench/ (each a `bench/*.ts` script), one after the other so they
 * do not compete for the two cores. Each writes its own bench/results/<name>.{json,md}.
 * `npm run bench -- --only api,seed` runs some of them. Benchmarks take their own options: run one
 * directly for those (`node bench/api.ts --duration 5`).
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { only: { type: "string" } } });
const only = values.only?.split(",").map((s) => s.trim().replace(/\.ts$/, ""));
const dir = import.meta.dirname;
const scripts = readdirSync(dir)
  .filter((f) => f.endsWith(".ts") && f !== "run-all.ts")
  .filter((f) => !only || only.includes(f.replace(/\.ts$/, "")))
  .sort();
let failed = 0;
for (const script of scripts) {
  console.log(`\n=== bench/${script}`);
  const res = spawnSync(process.execPath, [join(dir, script)], { stdio: "inherit" });
  if (res.status !== 0) {
    failed++;
    console.error(`bench/${script} failed (exit ${res.status ?? res.signal})`);
  }
}
process.exit(failed ? 1 : 0);
