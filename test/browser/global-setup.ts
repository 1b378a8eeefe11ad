/**
 * Starts the real Worker for the browser tests: a fresh local D1 in a temp dir (migrations applied, test
 * data seeded), then `wrangler dev` on a free port serving the already built client (web/dist; run
 * `npm run build` first). wrangler runs in its own process group so teardown can end workerd with it.
 */
import { spawn, execFile, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";
import { buildSeed, type Seed } from "./seed.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    seed: Seed;
  }
}

const root = join(import.meta.dirname, "../..");
const wranglerBin = join(root, "node_modules/wrangler/bin/wrangler.js");
const quietEnv = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_HIDE_BANNER: "true",
  CI: "1",
};

async function wrangler(args: string[]) {
  await promisify(execFile)(process.execPath, [wranglerBin, ...args], { cwd: root, env: quietEnv, maxBuffer: 16 << 20 });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${log()}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`wrangler dev did not answer within 60 s:\n${log()}`);
}

export default async function setup(project: TestProject) {
  if (!existsSync(join(root, "web/dist/index.html"))) throw new Error("web/dist is missing: run `npm run build` first");
  const persistTo = await mkdtemp(join(tmpdir(), "chibo-browser-"));
  await wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistTo]);
  const { seed, sql } = await buildSeed();
  const seedFile = join(persistTo, "seed.sql");
  await writeFile(seedFile, sql);
  await wrangler(["d1", "execute", "DB", "--local", "--persist-to", persistTo, "--file", seedFile]);

  const port = await freePort();
  let output = "";
  const child = spawn(
    process.execPath,
    [wranglerBin, "dev", "--port", String(port), "--ip", "127.0.0.1", "--persist-to", persistTo, "--var", "SESSION_SECRET:browser-test-secret-0123456789", "--show-interactive-dev-session=false"],
    { cwd: root, env: quietEnv, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
      await new Promise((r) => setTimeout(r, 1000));
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // ended on SIGTERM
      }
    }
    await rm(persistTo, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseUrl, child, () => output);
  } catch (err) {
    await stop();
    throw err;
  }
  project.provide("baseUrl", baseUrl);
  project.provide("seed", seed);
  return stop;
}
