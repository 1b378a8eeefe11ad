/**
 * `npm run db:migrate [-- --remote] [--persist-to DIR]`: applies the migrations to every database, the directory
 * and each province shard (worker/lib/shard-names.ts), locally (the D1 that `npm start` uses) or to the deployed
 * ones (`--remote`, named by the wrangler.deploy.toml that `npm run deploy` writes: deploy first, which migrates too).
 */
import { parseArgs } from "node:util";
import { EVERY_DATABASE } from "../worker/lib/shard-names.ts";
import { DEPLOY_CONFIG } from "./lib/d1.ts";
import { persistArgs, wrangler } from "./lib/wrangler.ts";

const { values } = parseArgs({ options: { remote: { type: "boolean" }, "persist-to": { type: "string" } } });
const where = values.remote
  ? ["--remote", "--config", DEPLOY_CONFIG]
  : ["--local", ...persistArgs(values["persist-to"])];
for (const database of EVERY_DATABASE) {
  console.log(`▶ ${database}`);
  const res = await wrangler(["d1", "migrations", "apply", database, ...where], {
    echo: true,
    env: { CI: "1" },
    check: false,
  });
  if (res.code !== 0) {
    console.error(`✘ migrations of ${database} failed (exit ${res.code}); the databases after it were not touched`);
    process.exit(1);
  }
}
