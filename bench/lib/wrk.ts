/**
 * The load as `wrk` makes it (a C load generator, Debian package `wrk`), when the machine has it: it spends
 * a fraction of the CPU a Node client does per request, and client and server share the same two cores.
 * A small Lua script rotates over the paths and prints wrk's own figures as one JSON line.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LoadOptions, LoadResult } from "./load.ts";

/** The wrk binary on PATH, or null (then the Node generator runs instead). */
export function findWrk(): string | null {
  const res = spawnSync("sh", ["-c", "command -v wrk"], { encoding: "utf8" });
  return res.status === 0 && res.stdout.trim() ? res.stdout.trim() : null;
}

/** How many distinct paths one run cycles through (the endpoints rotate over fewer than that anyway). */
const PATHS_PER_RUN = 1000;

const LUA = String.raw`
local paths = {}
local n = 0
function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  n = math.random(#paths) - 1
end
function request()
  n = n % #paths + 1
  return wrk.format("GET", paths[n])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests":%d,"durationUs":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%.1f}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
`;

interface WrkRun {
  requests: number;
  durationUs: number;
  connect: number;
  read: number;
  write: number;
  status: number;
  timeout: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/**
 * Runs wrk once under `sh`, which prints its own /proc stat after wrk exits: the `cutime`/`cstime` of a
 * shell count the CPU of the children it waited for, so the client's CPU is measured without racing its exit.
 */
function wrkOnce(bin: string, args: string[]): Promise<{ run: WrkRun; cpuMs: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn("sh", ["-c", '"$0" "$@"; rc=$?; echo "SHSTAT $(cat /proc/$$/stat)"; exit $rc', bin, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const json = out.match(/^WRKJSON (.*)$/m)?.[1];
      const stat = out.match(/^SHSTAT (.*)$/m)?.[1];
      if (code !== 0 || !json || !stat) return reject(new Error(`wrk failed (exit ${code}): ${err || out}`));
      // Fields after the command name: [0] is field 3 (state), so cutime (16) and cstime (17) are [13] and [14].
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ticks = Number(fields[13]) + Number(fields[14]);
      resolve({ run: JSON.parse(json) as WrkRun, cpuMs: (ticks * 1000) / 100 });
    });
  });
}

const ms = (us: number) => Math.round(us / 100) / 10;

export async function runWrk(bin: string, opts: LoadOptions): Promise<LoadResult> {
  const dir = await mkdtemp(join(tmpdir(), "chibo-wrk-"));
  try {
    const script = join(dir, "rotate.lua");
    const pathsFile = join(dir, "paths.txt");
    await writeFile(script, LUA);
    await writeFile(pathsFile, `${Array.from({ length: PATHS_PER_RUN }, (_, i) => opts.path(i)).join("\n")}\n`);
    const headerArgs = Object.entries(opts.headers).flatMap(([k, v]) => ["-H", `${k}: ${v}`]);
    // One thread: an event loop serves 50 connections at far more than the server's rate, and a second
    // thread would only take CPU from the server.
    const args = (seconds: number) => [
      "-t1",
      `-c${opts.connections}`,
      `-d${seconds}s`,
      `--timeout`,
      `${Math.ceil((opts.timeoutMs ?? 10_000) / 1000)}s`,
      ...headerArgs,
      "-s",
      script,
      opts.baseUrl,
      "--",
      pathsFile,
    ];
    if (opts.warmupMs) await wrkOnce(bin, args(Math.max(1, Math.round(opts.warmupMs / 1000))));
    opts.onMeasure?.("start");
    const { run, cpuMs } = await wrkOnce(bin, args(Math.max(1, Math.round(opts.durationMs / 1000))));
    opts.onMeasure?.("end");
    const errorKinds: Record<string, number> = {};
    const kinds = {
      "status ≥ 400": run.status,
      connect: run.connect,
      read: run.read,
      write: run.write,
      timeout: run.timeout,
    };
    for (const [k, v] of Object.entries(kinds)) if (v) errorKinds[k] = v;
    return {
      generator: "wrk",
      requests: run.requests,
      errors: Object.values(errorKinds).reduce((a, b) => a + b, 0),
      errorKinds,
      rps: Math.round((run.requests / run.durationUs) * 1e7) / 10,
      latencyMs: { p50: ms(run.p50), p90: ms(run.p90), p99: ms(run.p99), max: ms(run.max), mean: ms(run.mean) },
      sampleBytes: null,
      clientCpuMs: cpuMs,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
