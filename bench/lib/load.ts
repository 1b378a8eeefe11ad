/**
 * Closed-loop load: `connections` keep-alive sockets, each sending its next request as soon as the previous
 * answer has been read, for a fixed time. `wrk` makes it when installed (bench/lib/wrk.ts: far less client
 * CPU on the two cores the server also needs); otherwise this plain node:http generator does, so the bench
 * runs on any machine. The result says which one ran.
 */
import { Agent, request } from "node:http";
import { findWrk, runWrk } from "./wrk.ts";

export interface LoadOptions {
  baseUrl: string;
  /** The path of the n-th request (lets a run rotate over branches, search terms, meetings). */
  path: (n: number) => string;
  headers: Record<string, string>;
  connections: number;
  durationMs: number;
  /** Requests sent (and not counted) before measuring, to warm up the Worker and SQLite's cache. */
  warmupMs?: number;
  timeoutMs?: number;
  /** Called right before and right after the measured phase (e.g. to read CPU counters). */
  onMeasure?: (edge: "start" | "end") => void;
  /** "auto" (default): wrk when on PATH, else node. */
  generator?: "auto" | "wrk" | "node";
}

export interface LoadResult {
  generator: "wrk" | "node";
  requests: number;
  errors: number;
  /** Status code (or "network"/"timeout") → count, for the requests that failed. */
  errorKinds: Record<string, number>;
  rps: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  /** Bytes of one answer body (the last one read), to show what was fetched; null when wrk ran. */
  sampleBytes: number | null;
  /** CPU milliseconds the load generator itself used in the measured phase. */
  clientCpuMs: number;
}

function once(
  agent: Agent,
  base: URL,
  path: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<{ status: number | string; bytes: number }> {
  return new Promise((resolve) => {
    const req = request({ agent, host: base.hostname, port: base.port, path, method: "GET", headers }, (res) => {
      let bytes = 0;
      res.on("data", (d: Buffer) => (bytes += d.length));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, bytes }));
      res.on("error", () => resolve({ status: "network", bytes }));
    });
    req.setTimeout(timeoutMs, () => {
      req.destroy();
      resolve({ status: "timeout", bytes: 0 });
    });
    req.on("error", () => resolve({ status: "network", bytes: 0 }));
    req.end();
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const round = (x: number) => Math.round(x * 10) / 10;

const wrkBin = findWrk();

/** Which generator `runLoad` will use for this choice. */
export function loadGenerator(choice: LoadOptions["generator"] = "auto"): "wrk" | "node" {
  if (choice === "wrk" && !wrkBin) throw new Error("wrk is not installed (apt-get install wrk)");
  return choice === "node" || !wrkBin ? "node" : "wrk";
}

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  return loadGenerator(opts.generator) === "wrk" ? runWrk(wrkBin!, opts) : runNodeLoad(opts);
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function runNodeLoad(opts: LoadOptions): Promise<LoadResult> {
  const base = new URL(opts.baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: opts.connections });
  const timeoutMs = opts.timeoutMs ?? 10_000;
  let n = 0;
  const phase = async (ms: number, record: boolean) => {
    const latencies: number[] = [];
    const errorKinds: Record<string, number> = {};
    let sampleBytes = 0;
    const end = performance.now() + ms;
    const worker = async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const res = await once(agent, base, opts.path(n++), opts.headers, timeoutMs);
        const dt = performance.now() - t0;
        if (!record) continue;
        latencies.push(dt);
        if (res.status !== 200) errorKinds[String(res.status)] = (errorKinds[String(res.status)] ?? 0) + 1;
        else sampleBytes = res.bytes;
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: opts.connections }, worker));
    return { latencies, errorKinds, sampleBytes, elapsed: performance.now() - started };
  };
  try {
    if (opts.warmupMs) await phase(opts.warmupMs, false);
    opts.onMeasure?.("start");
    const cpu0 = cpuMs();
    const { latencies, errorKinds, sampleBytes, elapsed } = await phase(opts.durationMs, true);
    const clientCpuMs = cpuMs() - cpu0;
    opts.onMeasure?.("end");
    const sorted = [...latencies].sort((a, b) => a - b);
    const errors = Object.values(errorKinds).reduce((a, b) => a + b, 0);
    return {
      generator: "node",
      requests: latencies.length,
      errors,
      errorKinds,
      rps: round((latencies.length / elapsed) * 1000),
      latencyMs: {
        p50: round(percentile(sorted, 50)),
        p90: round(percentile(sorted, 90)),
        p99: round(percentile(sorted, 99)),
        max: round(sorted[sorted.length - 1] ?? 0),
        mean: round(latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length)),
      },
      sampleBytes,
      clientCpuMs,
    };
  } finally {
    agent.destroy();
  }
}
