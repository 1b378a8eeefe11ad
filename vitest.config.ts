import { availableParallelism } from "node:os";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import solid from "vite-plugin-solid";
import { defineConfig } from "vitest/config";

const migrations = await readD1Migrations(`${import.meta.dirname}/schema/db/migrations`);

/**
 * Two projects: `workers` runs API and room tests inside workerd (real D1, real Durable Objects, real
 * WebSockets); `node` runs pure logic, web components and the browser tests against `wrangler dev`.
 */
export default defineConfig({
  test: {
    // Vitest's default (cores − 1) runs one file at a time on a two-core machine. The long files mostly wait on other
    // processes — wrangler runs and workerd in the seed and build tests, workerd in the Worker tests — so three at a
    // time fill two cores: the run took 903 s one at a time and 719 s three at a time (CI machine, same commit).
    // The browser project still runs its files one after another (fileParallelism: false), after the others.
    maxWorkers: Math.max(3, availableParallelism() - 1),
    // The Worker's one log line per request (worker/request-log.ts) would bury the output of failing tests
    // (`\S*`: the value may come wrapped in colour codes).
    onConsoleLog: (log) => !/^\{\s*kind: \S*'(request|room-admission)'/.test(log),
    projects: [
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              // DEV_OUTBOX: the tests read mail at /dev/outbox.json, as local development does (worker/dev/outbox.ts).
              bindings: {
                TEST_MIGRATIONS: migrations,
                SESSION_SECRET: "test-secret-0123456789abcdef",
                DEV_OUTBOX: "1",
              },
              // A real (simulated) Cloudflare Email sender under another name than MAIL: test/worker/mail.test.ts hands it
              // to the Worker as MAIL, with DEV_OUTBOX off, to send through it.
              email: { send_email: [{ name: "TEST_MAIL", allowed_sender_addresses: ["no-reply@chibo.test"] }] },
              // Left empty by the setup file: test/worker/migrations-upgrade.test.ts migrates it in two steps.
              d1Databases: ["UPGRADE_DB"],
            },
          }),
        ],
        test: {
          name: "workers",
          include: ["test/worker/**/*.test.ts", "test/party/**/*.test.ts"],
          setupFiles: ["test/support/apply-migrations.ts"],
          globalSetup: ["test/build/upgrade-seed.ts"],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "node",
          environment: "node",
          include: ["test/logic/**/*.test.ts", "test/build/**/*.test.ts"],
          testTimeout: 60_000,
        },
      },
      {
        // The web client's screens rendered with Solid in happy-dom: their logic, from the data they are given.
        plugins: [solid()],
        resolve: { conditions: ["development", "browser"] },
        test: {
          name: "web",
          environment: "happy-dom",
          include: ["test/web/**/*.test.{ts,tsx}"],
          testTimeout: 30_000,
        },
      },
      {
        // Whole meetings played through the real UI in Chromium against `wrangler dev` (needs `npm run build`).
        test: {
          name: "browser",
          environment: "node",
          include: ["test/browser/**/*.test.ts"],
          globalSetup: ["test/browser/global-setup.ts"],
          testTimeout: 180_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
