/**
 * Global setup of the workers project, run in Node (so it lives with the Node-side tests): builds the demo
 * committee's seed SQL, which scripts/ makes and workerd cannot import, and hands it to
 * test/worker/migrations-upgrade.test.ts through `inject`. Only workers runs pay for it.
 */
import type { TestProject } from "vitest/node";
import { buildDemoSql } from "../../scripts/lib/demo-data.ts";
import { SEED_NOW } from "../support/upgrade-data.ts";

export default async function setup(project: TestProject): Promise<void> {
  project.provide("upgradeSeedSql", (await buildDemoSql(new Date(SEED_NOW))).sql);
}
