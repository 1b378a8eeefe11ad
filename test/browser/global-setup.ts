/**
 * Starts the real Worker for the browser tests: a fresh local D1 in a temp dir (migrations applied, test
 * data seeded), then `wrangler dev` on a free port serving the already built client (web/dist; run
 * `npm run build` first). scripts/lib/wrangler.ts runs it in its own process group, so teardown ends
 * workerd with it. Chromium is found (and the npm one unpacked) here, once per run, before any test file
 * launches it: scripts/lib/chromium.ts.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { chromiumPath } from "../../scripts/lib/chromium.ts";
import { loadSeedLocal } from "../../scripts/lib/shard-seed.ts";
import { applyMigrationsLocal, freePort, root, startDev } from "../../scripts/lib/wrangler.ts";
import { buildSeed, type Seed } from "./seed.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    seed: Seed;
    /** The local D1's directory the server uses: the walkthrough runs the operator's CLI against it. */
    persistTo: string;
  }
}

export default async function setup(project: TestProject) {
  if (!existsSync(join(root, "web/dist/index.html"))) throw new Error("web/dist is missing: run `npm run build` first");
  await chromiumPath();
  const persistTo = await mkdtemp(join(tmpdir(), "chibo-browser-"));
  try {
    await applyMigrationsLocal(persistTo);
    const { seed, sql } = await buildSeed();
    const seedFile = join(persistTo, "seed.sql");
    await writeFile(seedFile, sql);
    // The browser tests' tenants live in SHARD_1; the directory holds their accounts (scripts/lib/shard-seed.ts).
    await loadSeedLocal(seedFile, persistTo);
    const dev = await startDev({
      port: await freePort(),
      persistTo,
      // DEV_OUTBOX: the tests read mail the Worker "sent" at /dev/outbox.json, as local development does.
      vars: { SESSION_SECRET: "browser-test-secret-0123456789", DEV_OUTBOX: "1" },
    });
    project.provide("baseUrl", dev.url);
    project.provide("seed", seed);
    project.provide("persistTo", persistTo);
    return async () => {
      await dev.stop();
      await rm(persistTo, { recursive: true, force: true });
    };
  } catch (err) {
    await rm(persistTo, { recursive: true, force: true });
    throw err;
  }
}
