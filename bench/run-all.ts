/**
 * `npm run bench`: every benchmark under bench/ (each a `bench/*.ts` script), one after the other so they
 * do not compete for the two cores. Each writes its own bench/results/<name>.{json,md}.
 * `npm run bench -- --only api,seed` runs some of them. Options after `--only NAME` go to that one benchmark
 * (`npm run bench -- --only api --duration 5`), so no one has to type `node bench/api.ts` on a machine whose
 * own Node is too old.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

const args = process.argv.slice(2);
const at = args.indexOf("--only");
const only = at >= 0 ? args[at + 1]?.split(",").map((s) => s.trim().replace(/\.ts$/, "")) : undefined;
const passOn = at >= 0 ? [...args.slice(0, at), ...args.slice(at + 2)] : args;
const dir = import.meta.dirname;
const scripts = readdirSync(dir)
  .filter((f) => f.endsWith(".ts") && f !== "run-all.ts")
  .filter((f) => !only || only.includes(f.replace(/\.ts$/, "")))
  .sort();
if (scripts.length === 0 || (passOn.length > 0 && scripts.length !== 1)) {
  console.error(
    "usage: npm run bench [-- --only name[,name…]]   or   npm run bench -- --only name [that benchmark's options]",
  );
  process.exit(2);
}
let failed = 0;
for (const script of scripts) {
  console.log(`\n=== bench/${script}`);
  const res = spawnSync(process.execPath, [join(dir, script), ...passOn], { stdio: "inherit" });
  if (res.status !== 0) {
    failed++;
    console.error(`bench/${script} failed (exit ${res.status ?? res.signal})`);
  }
}
process.exit(failed ? 1 : 0);
