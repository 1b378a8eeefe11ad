/**
 * Running wrangler from our scripts: always on the Node that runs the script (24, via npm scripts), never
 * through npx (the system Node 20 is too old for wrangler), offline and quiet. `wrangler dev` goes into its
 * own process group: it ignores a SIGTERM sent to its Node wrapper and would leave workerd behind, so we
 * stop it by signalling the whole group.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DIRECTORY, EVERY_DATABASE } from "../../worker/lib/shard-names.ts";
import { listMigrations, migrationsDir } from "./migrations.ts";

export const root = join(import.meta.dirname, "..", "..");
/** Where `npm start` serves when PORT is not set. */
export const DEFAULT_PORT = 8787;
export const wranglerBin = join(root, "node_modules", "wrangler", "bin", "wrangler.js");

/** No telemetry, no `Request.cf` download, no banner: the build machines have no network. */
export const quietEnv: NodeJS.ProcessEnv = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_HIDE_BANNER: "true",
  NO_COLOR: "1",
};

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a wrangler command to completion and returns its output; `check` (default) throws on failure. */
export function wrangler(
  args: string[],
  opts: { check?: boolean; echo?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
  const { check = true, echo = false } = opts;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [wranglerBin, ...args], {
      cwd: root,
      env: { ...quietEnv, ...opts.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    // Decoded as one stream: a chunk boundary can fall inside a multi-byte character (Vietnamese text in
    // `d1 execute --json` output), which decoding each chunk alone would garble.
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (d: string) => {
      stdout += d;
      if (echo) process.stdout.write(d);
    });
    child.stderr.on("data", (d: string) => {
      stderr += d;
      if (echo) process.stderr.write(d);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const result = { code: code ?? 1, stdout, stderr };
      if (check && result.code !== 0) {
        reject(new Error(`wrangler ${args.join(" ")} failed (exit ${result.code}):\n${stderr || stdout}`));
      } else resolve(result);
    });
  });
}

/** `--persist-to <dir>` when a directory is given; otherwise wrangler's default `.wrangler/state`. */
export const persistArgs = (persistTo?: string) => (persistTo ? ["--persist-to", persistTo] : []);

/**
 * Migrates the local directory and every province shard (worker/lib/shard-names.ts): one schema for all. Does what
 * `wrangler d1 migrations apply --local` does, in fewer wrangler runs: that command starts a workerd to create its
 * table, one to list what is applied and one per migration (ten per database, seconds each on a busy machine,
 * most of the browser tests' start-up). Here: one run per database to list what is applied (none when nothing was
 * ever stored under `persistTo`: then every database is new), one to apply what is pending.
 */
export async function applyMigrationsLocal(persistTo?: string): Promise<void> {
  const fresh = !existsSync(join(resolve(root, persistTo ?? join(".wrangler", "state")), "v3", "d1"));
  // One database after the other: two wrangler runs on one persist directory at once can fail as workerd starts
  // (SQLITE_BUSY, database is locked).
  for (const database of EVERY_DATABASE) {
    const applied = fresh ? [] : await appliedMigrationsLocal(database, persistTo);
    const pending = listMigrations().filter((name) => !applied.includes(name));
    if (pending.length > 0) await applyPendingLocal(database, pending, persistTo);
  }
}

/** wrangler's own table of applied migrations (the same statement, so the same schema), and its rows' names. */
const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "d1_migrations"(
\t\tid         INTEGER PRIMARY KEY AUTOINCREMENT,
\t\tname       TEXT UNIQUE,
\t\tapplied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
);`;

async function appliedMigrationsLocal(database: string, persistTo?: string): Promise<string[]> {
  const [, rows = []] = await queryAllLocal(
    `${MIGRATIONS_TABLE}\nSELECT name FROM d1_migrations ORDER BY id`,
    persistTo,
    database,
  );
  return rows.map((r) => String(r.name));
}

/**
 * Each pending migration followed by the row that records it, as wrangler writes them, run by `d1 execute` as
 * wrangler runs them, but in one batch (one transaction) rather than one batch each.
 */
async function applyPendingLocal(database: string, pending: string[], persistTo?: string): Promise<void> {
  const sql = pending.map(
    (name) =>
      `${readFileSync(join(migrationsDir, name), "utf8")}\nINSERT INTO "d1_migrations" (name)\nvalues ('${name.replaceAll("'", "''")}');`,
  );
  const dir = await mkdtemp(join(tmpdir(), "chibo-migrate-"));
  try {
    const file = join(dir, `${database}.sql`);
    await writeFile(file, `${[MIGRATIONS_TABLE, ...sql].join("\n")}\n`);
    await executeFileLocal(file, persistTo, database);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs SQL statements (separated by `;`) against the local D1 and returns the rows of each, in order. */
export async function queryAllLocal(
  sql: string,
  persistTo?: string,
  database: string = DIRECTORY,
): Promise<Record<string, unknown>[][]> {
  const { stdout } = await wrangler([
    "d1",
    "execute",
    database,
    "--local",
    ...persistArgs(persistTo),
    "--json",
    "--command",
    sql,
  ]);
  const parsed: unknown = JSON.parse(stdout);
  if (!Array.isArray(parsed)) throw new Error(`unexpected output from d1 execute: ${stdout.slice(0, 200)}`);
  return parsed.map((r: unknown) =>
    r && typeof r === "object" && "results" in r && Array.isArray(r.results)
      ? (r.results as Record<string, unknown>[])
      : [],
  );
}

/** Runs one SQL query against the local D1 and returns its rows. */
export async function queryLocal<T = Record<string, unknown>>(
  sql: string,
  persistTo?: string,
  database: string = DIRECTORY,
): Promise<T[]> {
  const [rows] = await queryAllLocal(sql, persistTo, database);
  return (rows ?? []) as T[];
}

export async function executeFileLocal(file: string, persistTo?: string, database: string = DIRECTORY): Promise<void> {
  await retryWhileLocked(() =>
    wrangler(["d1", "execute", database, "--local", ...persistArgs(persistTo), "--file", file, "--yes"]),
  );
}

/**
 * Runs a local `d1 execute` again while SQLite answers "database is locked": a script writing to a local D1 that a
 * running `wrangler dev` also holds (committee:create beside the browser tests' server, `npm start`) meets the
 * server's write now and then. The file runs as one batch (one transaction): a locked one changes nothing, so it runs again.
 */
export async function retryWhileLocked<T>(run: () => Promise<T>, attempts = 6): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (attempt >= attempts || !/SQLITE_BUSY|database is locked/.test(String(err))) throw err;
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}

/** A free TCP port on loopback (for tests and benchmarks that must not collide with a running `npm start`). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface DevServer {
  url: string;
  child: ChildProcess;
  /** Stops wrangler and workerd (the whole process group); resolves once the group leader has exited. */
  stop: () => Promise<void>;
  /** Everything wrangler printed so far (for error messages). */
  output: () => string;
}

export interface DevOptions {
  port: number;
  /** Listen address; 127.0.0.1 for benchmarks and tests, localhost for `npm start`. */
  ip?: string;
  persistTo?: string;
  vars?: Record<string, string>;
  /** Copy wrangler's output to ours (npm start) instead of only keeping it. */
  echo?: boolean;
  readyTimeoutMs?: number;
  /** More `wrangler dev` flags, e.g. `--log-level warn` so a benchmark does not pay for a log line per request. */
  extraArgs?: string[];
  /** More environment for wrangler (e.g. the benchmark turns off local observability). */
  env?: NodeJS.ProcessEnv;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** Starts `wrangler dev` in its own process group and waits until `/api/health` answers. */
export async function startDev(opts: DevOptions): Promise<DevServer> {
  const ip = opts.ip ?? "127.0.0.1";
  const varArgs = Object.entries(opts.vars ?? {}).flatMap(([k, v]) => ["--var", `${k}:${v}`]);
  const child = spawn(
    process.execPath,
    [
      wranglerBin,
      "dev",
      "--port",
      String(opts.port),
      "--ip",
      ip,
      ...persistArgs(opts.persistTo),
      ...varArgs,
      "--show-interactive-dev-session=false",
      ...(opts.extraArgs ?? []),
    ],
    // stdin ignored: a background process group that reads the terminal would be stopped by SIGTTIN.
    { cwd: root, env: { ...quietEnv, ...opts.env }, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const collect = (stream: NodeJS.WriteStream) => (d: Buffer) => {
    output += d.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
    if (opts.echo) stream.write(d);
  };
  child.stdout?.on("data", collect(process.stdout));
  child.stderr?.on("data", collect(process.stderr));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // If our process ends for any reason, do not leave workerd running. A signal kills Node without running
  // "exit" listeners, so while we wait for readiness a Ctrl-C also takes the group down; afterwards the
  // caller owns the signals (and calls stop()).
  const onExit = () => killGroup(child, "SIGKILL");
  process.once("exit", onExit);
  const onSignal = (signal: NodeJS.Signals) => {
    killGroup(child, "SIGKILL");
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const releaseSignals = () => {
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
  };

  const stop = async () => {
    process.removeListener("exit", onExit);
    releaseSignals();
    if (child.exitCode !== null || child.signalCode !== null) {
      killGroup(child, "SIGKILL"); // workerd may outlive its parent
      return;
    }
    killGroup(child, "SIGTERM");
    const timer = setTimeout(() => killGroup(child, "SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
    killGroup(child, "SIGKILL");
  };

  const url = `http://${ip === "0.0.0.0" ? "127.0.0.1" : ip}:${opts.port}`;
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 60_000);
  let childGone = false;
  void exited.then(() => (childGone = true));
  while (true) {
    if (childGone) {
      await stop();
      throw new Error(`wrangler dev exited before it was ready:\n${output.slice(-4000)}`);
    }
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`wrangler dev did not answer ${url}/api/health in time:\n${output.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  releaseSignals();
  return { url, child, stop, output: () => output };
}
