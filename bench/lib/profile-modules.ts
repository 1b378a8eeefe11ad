/**
 * Summaries of a CPU profile of the bundled Worker (./cpu-profile.ts) by source module. The bundle is one file, but
 * esbuild (unminified, as wrangler bundles it) starts each module's code with a `// path/to/module.ts` line, so a
 * sample's line in the bundle names its module. Two views: self time by module (what kind of work: drizzle's SQL
 * building and row mapping, hono, zod, JSON, the D1 client), and time by the nearest frame in our own code (which
 * step of the request: the session check, the standing query, the route's query).
 */
import { readFile } from "node:fs/promises";
import type { CdpNode, CpuProfile } from "./cpu-profile.ts";

export interface ModuleLine {
  what: string;
  ms: number;
  /** Milliseconds per request, when the caller knows how many requests the profile covered. */
  msPerRequest: number | null;
  share: number;
}

export interface ModuleSummary {
  /** Sampled time in all, and the parts that are not JavaScript of a request. */
  totalMs: number;
  idleMs: number;
  busyMsPerRequest: number | null;
  selfByModule: ModuleLine[];
  byOwnCaller: ModuleLine[];
}

type ModuleOf = (url: string, line: number) => string | null;

/** `// node_modules/drizzle-orm/sqlite-core/dialect.js` → drizzle-orm; `// worker/data/access.ts` stays itself. */
const shortModule = (path: string) => {
  const pkg = path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1];
  return pkg ?? path;
};
const OWN = /^(worker|schema|server|party)\//;

/** Line → module of the bundle, for frames whose url ends with the bundle's file name. */
export async function bundleModules(bundlePath: string): Promise<ModuleOf> {
  const lines = (await readFile(bundlePath, "utf8")).split("\n");
  const starts: { line: number; module: string }[] = [];
  lines.forEach((text, i) => {
    const m = text.match(/^\/\/ ((?:node_modules|worker|schema|server|party|\.\.)\/\S+\.[cm]?[jt]sx?)$/);
    if (m) starts.push({ line: i, module: shortModule(m[1]!) });
  });
  const file = bundlePath.split("/").pop()!;
  return (url, line) => {
    if (!url.endsWith(file)) return null;
    let lo = 0;
    let hi = starts.length - 1;
    let found: string | null = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]!.line <= line) {
        found = starts[mid]!.module;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found ?? "(bundle prelude)";
  };
}

const NOT_JS = new Set(["(idle)", "(program)", "(garbage collector)", "(root)"]);

export function summarizeByModule(
  profile: CpuProfile,
  moduleOf: ModuleOf,
  requests: number | null,
  top = 15,
): ModuleSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const frameWhat = (n: CdpNode) => {
    const f = n.callFrame;
    if (NOT_JS.has(f.functionName)) return f.functionName;
    const mod = moduleOf(f.url, f.lineNumber);
    if (mod) return mod;
    // Builtins (JSON.parse, RegExp, crypto) and workerd's own JS (the D1 client) have no line in the bundle.
    return `${f.url ? `${f.url.split("/").pop()} ` : "native "}${f.functionName || "(anonymous)"}`;
  };
  const ownCaller = (id: number) => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const n = byId.get(at)!;
      const mod = moduleOf(n.callFrame.url, n.callFrame.lineNumber);
      if (mod && OWN.test(mod)) return `${mod} ${n.callFrame.functionName || "(anonymous)"}`;
    }
    const leaf = byId.get(id)!;
    return NOT_JS.has(leaf.callFrame.functionName) ? leaf.callFrame.functionName : "(no frame of ours on the stack)";
  };
  const self = new Map<string, number>();
  const callers = new Map<string, number>();
  let total = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    const node = byId.get(id);
    if (!node) return;
    total += us;
    if (node.callFrame.functionName === "(idle)") {
      idle += us;
      return;
    }
    const what = frameWhat(node);
    self.set(what, (self.get(what) ?? 0) + us);
    const caller = ownCaller(id);
    callers.set(caller, (callers.get(caller) ?? 0) + us);
  });
  const busy = total - idle;
  const lines = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([what, us]) => ({
        what,
        ms: Math.round(us / 100) / 10,
        msPerRequest: requests ? Math.round((us / 1000 / requests) * 1000) / 1000 : null,
        share: Math.round((us / busy) * 1000) / 10,
      }));
  return {
    totalMs: Math.round(total / 1000),
    idleMs: Math.round(idle / 1000),
    busyMsPerRequest: requests ? Math.round((busy / 1000 / requests) * 1000) / 1000 : null,
    selfByModule: lines(self),
    byOwnCaller: lines(callers),
  };
}
