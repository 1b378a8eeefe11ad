/**
 * API benchmark (issue 2): the province-scale seed in a fresh local D1, `wrangler dev` on it, and 50
 * concurrent connections on three reads: a branch's meetings, member search, one meeting with its agenda.
 * Target: p99 under 50 ms, no errors. Figures go to bench/results/api.{json,md}.
 *
 *   npm run bench -- --only api [--duration 10] [--connections 50] [--persist-to DIR (reuse a loaded seed)]
 *                               [--keep] [--generator auto|wrk|node (auto: wrk when installed)]
 *                               [--profile (after each endpoint's measured run, a separate run under a V8 CPU profile
 *                                of the Worker's isolate, summarized by source module; printed and added to the results)]
 */
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  buildProvinceSql,
  PROVINCE_ADMIN_EMAIL,
  PROVINCE_PASSWORD,
  PROVINCE_SIZE,
  PROVINCE_TENANT_ID,
} from "../scripts/lib/province-data.ts";
import { type DevServer, freePort } from "../scripts/lib/wrangler.ts";
import { type ProvinceLoad, seedProvince } from "../scripts/seed-province.ts";
import { groupCpuMs } from "./lib/cpu.ts";
import { startRawProfile } from "./lib/cpu-profile.ts";
import { DEV_SETUP, startFrozenDev } from "./lib/frozen-dev.ts";
import { type LoadResult, loadGenerator, runLoad } from "./lib/load.ts";
import { bundleModules, type ModuleSummary, summarizeByModule } from "./lib/profile-modules.ts";
import { machine, markdownTable, writeResults } from "./lib/results.ts";

const TARGET_P99_MS = 50;
/** The whole run (seed, start, three loads) must end; a hung server must not hang CI. */
const WATCHDOG_MS = 8 * 60_000;

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "50" },
    "persist-to": { type: "string" },
    keep: { type: "boolean", default: false },
    generator: { type: "string", default: "auto" },
    profile: { type: "boolean", default: false },
  },
});
/** The profiled run is its own, after the measured one: sampling slows the isolate, so it never skews a figure. */
const PROFILE_MS = 5_000;
const durationMs = Number(values.duration) * 1000;
const connections = Number(values.connections);
const generatorChoice = values.generator as "auto" | "wrk" | "node";
const generator = loadGenerator(generatorChoice);

/** Search terms as people type them: without diacritics, a surname, a given name, a full name fragment. */
const SEARCH_TERMS = [
  "nguyen van",
  "thi hoa",
  "tuan",
  "le",
  "pham thi",
  "hung",
  "tran minh",
  "lan",
  "ngoc",
  "hoang van",
];

let server: (DevServer & { bundle: string }) | undefined;
let persistTo = values["persist-to"];
const ownDir = !persistTo;
const cleanup = async () => {
  await server?.stop();
  if (ownDir && persistTo && !values.keep) await rm(persistTo, { recursive: true, force: true });
};
const watchdog = setTimeout(() => {
  console.error(`bench/api.ts: gave up after ${WATCHDOG_MS / 60_000} minutes`);
  void cleanup().then(() => process.exit(1));
}, WATCHDOG_MS);
process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));

try {
  let load: ProvinceLoad | undefined;
  let branchIds: string[];
  let meetingIds: string[];
  if (!persistTo) {
    persistTo = await mkdtemp(join(tmpdir(), "chibo-bench-"));
    console.log(`Province seed → ${persistTo}`);
    load = await seedProvince({ persistTo, log: (m) => console.log(`  ${m}`) });
    console.log(`  loaded ${load.seed.rows.toLocaleString("en")} rows in ${(load.loadMs / 1000).toFixed(1)} s`);
    ({ branchIds, sampleMeetingIds: meetingIds } = load.seed);
  } else {
    // The seed is deterministic: rebuilding it (without loading) gives the same ids.
    ({ branchIds, sampleMeetingIds: meetingIds } = await buildProvinceSql());
  }

  console.log(`Server: ${DEV_SETUP}.\nLoad generator: ${generator}.`);
  const inspectorPort = values.profile ? await freePort() : undefined;
  server = await startFrozenDev({
    port: await freePort(),
    persistTo,
    vars: { SESSION_SECRET: "bench-secret-0123456789abcdef" },
    inspectorPort,
  });
  const moduleOf = inspectorPort ? await bundleModules(server.bundle) : undefined;
  const base = server.url;
  const login = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: PROVINCE_ADMIN_EMAIL, password: PROVINCE_PASSWORD }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const { token } = (await login.json()) as { token: string };
  const headers = { authorization: `Bearer ${token}`, accept: "application/json" };
  const t = `/api/tenants/${PROVINCE_TENANT_ID}`;

  const endpoints: { name: string; route: string; path: (n: number) => string }[] = [
    // The floor: no session, no D1. What wrangler dev and the client cost on this machine.
    { name: "health (floor)", route: "GET /api/health", path: () => "/api/health" },
    {
      name: "branch meetings",
      route: "GET /meetings?organizationId=…",
      path: (n) => `${t}/meetings?organizationId=${branchIds[(n * 7) % branchIds.length]}`,
    },
    {
      name: "member search",
      route: "GET /members?q=…",
      path: (n) => `${t}/members?q=${encodeURIComponent(SEARCH_TERMS[n % SEARCH_TERMS.length]!)}`,
    },
    {
      name: "meeting + agenda",
      route: "GET /meetings/:id",
      path: (n) => `${t}/meetings/${meetingIds[(n * 13) % meetingIds.length]}`,
    },
  ];

  const results: (LoadResult & {
    name: string;
    route: string;
    probe: string;
    serviceMs: number;
    loadAvg: number;
    /** CPU milliseconds per request: wrangler dev + workerd, and this client. */
    cpuMsPerRequest: { server: number | null; client: number };
    /** Requests/s the machine's cores could serve if nothing else ran: cores / (server + client CPU per request). */
    capacityRps: number | null;
    /** With --profile: where the Worker's isolate spent its time in a separate run of PROFILE_MS. */
    profile?: ModuleSummary;
  })[] = [];
  const pgid = server.child.pid!;
  const cores = machine().cpus;
  for (const ep of endpoints) {
    // One request first, so a missing route is reported as such instead of as thousands of errors.
    const probe = await fetch(base + ep.path(0), { headers });
    const probeBody = await probe.text();
    const probeNote = `${probe.status} ${probeBody.slice(0, 120)}`;
    console.log(`\n${ep.name} (${ep.route}): probe ${probeNote}`);
    // One connection first: the time one request takes when nothing queues (what the server spends on it).
    const single = await runLoad({
      baseUrl: base,
      path: ep.path,
      headers,
      connections: 1,
      durationMs: 2_000,
      warmupMs: 1_000,
      generator,
    });
    const loadAvg = Math.round(loadavg()[0]! * 100) / 100;
    let cpu0: number | null = null;
    let cpu1: number | null = null;
    const r = await runLoad({
      generator,
      baseUrl: base,
      path: ep.path,
      headers,
      connections,
      durationMs,
      warmupMs: 2_000,
      onMeasure: (edge) => {
        if (edge === "start") cpu0 = groupCpuMs(pgid);
        else cpu1 = groupCpuMs(pgid);
      },
    });
    const perReq = (ms: number | null) =>
      ms === null || r.requests === 0 ? null : Math.round((ms / r.requests) * 100) / 100;
    const cpuMsPerRequest = {
      server: perReq(cpu0 === null || cpu1 === null ? null : cpu1 - cpu0),
      client: perReq(r.clientCpuMs) ?? 0,
    };
    const capacityRps =
      cpuMsPerRequest.server === null
        ? null
        : Math.round((cores * 1000) / (cpuMsPerRequest.server + cpuMsPerRequest.client));
    console.log(
      `  1 connection: p50 ${single.latencyMs.p50} ms; ${connections}: ${r.rps} req/s, p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, ` +
        `errors ${r.errors}${r.errors ? ` ${JSON.stringify(r.errorKinds)}` : ""} (load average ${loadAvg}); ` +
        `CPU/request: server ${cpuMsPerRequest.server} ms, client ${cpuMsPerRequest.client} ms → ~${capacityRps} req/s on ${cores} free cores`,
    );
    let profile: ModuleSummary | undefined;
    if (inspectorPort && moduleOf) {
      const stop = await startRawProfile(inspectorPort);
      const p = await runLoad({
        generator,
        baseUrl: base,
        path: ep.path,
        headers,
        connections,
        durationMs: PROFILE_MS,
      });
      profile = summarizeByModule(await stop(), moduleOf, p.requests);
      console.log(
        `  profile (${p.requests} requests; isolate busy ${profile.busyMsPerRequest} ms/request):\n` +
          `${profileTables(profile)}`,
      );
    }
    results.push({
      profile,
      name: ep.name,
      route: ep.route,
      probe: probe.ok ? "200" : probeNote,
      serviceMs: single.latencyMs.p50,
      loadAvg,
      cpuMsPerRequest,
      capacityRps,
      ...r,
    });
  }

  const at = new Date().toISOString();
  const json = {
    at,
    machine: machine(),
    target: { p99Ms: TARGET_P99_MS, errors: 0 },
    connections,
    server: DEV_SETUP,
    generator,
    durationSeconds: durationMs / 1000,
    seed: load
      ? {
          ...PROVINCE_SIZE,
          rows: load.seed.rows,
          rowsByTable: load.seed.rowsByTable,
          sqlMB: +(load.sqlBytes / 1e6).toFixed(1),
          loadSeconds: +(load.loadMs / 1000).toFixed(1),
        }
      : { ...PROVINCE_SIZE, reused: true },
    endpoints: results.map((r) => ({ ...r, meetsTarget: r.errors === 0 && r.latencyMs.p99 < TARGET_P99_MS })),
  };
  const table = markdownTable(
    [
      "endpoint",
      "route",
      "1 conn. p50 ms",
      "req/s",
      "p50 ms",
      "p90 ms",
      "p99 ms",
      "max ms",
      "requests",
      "errors",
      `p99 < ${TARGET_P99_MS} ms, no errors`,
      "load avg.",
      "server CPU ms/req",
      "client CPU ms/req",
      "req/s on free cores",
    ],
    results.map((r) => [
      r.name,
      `\`${r.route}\``,
      r.serviceMs,
      r.rps,
      r.latencyMs.p50,
      r.latencyMs.p90,
      r.latencyMs.p99,
      r.latencyMs.max,
      r.requests,
      r.errors ? `${r.errors} ${JSON.stringify(r.errorKinds)}` : 0,
      r.errors === 0 && r.latencyMs.p99 < TARGET_P99_MS ? "yes" : "**no**",
      r.loadAvg,
      r.cpuMsPerRequest.server ?? "n/a",
      r.cpuMsPerRequest.client,
      r.capacityRps ?? "n/a",
    ]),
  );
  const m = json.machine;
  const seedLine = load
    ? `Seed: ${load.seed.rows.toLocaleString("en")} rows (${PROVINCE_SIZE.branches} branches, ${PROVINCE_SIZE.members.toLocaleString("en")} members, ` +
      `${load.seed.rowsByTable.meetings?.toLocaleString("en")} meetings, ${load.seed.rowsByTable.attendance?.toLocaleString("en")} attendance rows; ` +
      `${(load.sqlBytes / 1e6).toFixed(1)} MB of SQL) loaded into local D1 in **${(load.loadMs / 1000).toFixed(1)} s** (\`wrangler d1 execute --local --file\`).`
    : "Seed: reused an already loaded province seed.";
  const md =
    `### API on the province-scale seed (\`npm run bench\`, ${at.slice(0, 16).replace("T", " ")} UTC)\n\n` +
    `${seedLine}\n\n` +
    `\`wrangler dev\` (local workerd + D1): ${DEV_SETUP}. ` +
    `Load from ${generator === "wrk" ? "`wrk` (C, one thread)" : `the Node generator of bench/lib/load.ts (${generatorChoice === "node" ? "--generator node" : "wrk not installed"})`}: ` +
    `${connections} concurrent keep-alive connections, ${durationMs / 1000} s per endpoint after a 2 s warm-up, ` +
    `bearer token of a committee admin; client and server on the same ${m.cpus}-core machine (${m.cpuModel}). ` +
    `"1 conn. p50" is the latency with one connection (nothing queued); "load avg." is the machine's 1-minute load ` +
    `average when the run began (the machine is shared: other work inflates every figure). "server CPU ms/req" is the CPU ` +
    `time wrangler dev and workerd spent per request (steadier than wall-clock figures, though contention inflates it ` +
    `too); "client CPU ms/req" the load generator's; "req/s on free cores" = ` +
    `cores ÷ (server + client CPU per request), what the machine would serve with nothing else running. At ${connections} ` +
    `connections, p99 < ${TARGET_P99_MS} ms needs well over ${Math.round((connections * 1000) / TARGET_P99_MS)} req/s.\n\n` +
    `${table}\n`;
  const missing = results.filter((r) => r.probe !== "200");
  const notes = missing.length
    ? `\nNot measured as intended — the first request did not answer 200, so these rows time the session and tenant checks ` +
      `plus the error answer:\n${missing.map((r) => `- ${r.name} (\`${r.route}\`): ${r.probe.replace(/\s+/g, " ").slice(0, 140)}`).join("\n")}\n`
    : "";
  const profiles = results.filter((r) => r.profile);
  const profileMd = profiles.length
    ? `\n#### Where the Worker's isolate spends a request (\`--profile\`)\n\n` +
      `A V8 CPU profile of the Worker's isolate (wrangler's inspector, 0.5 ms sampling) over a separate ${PROFILE_MS / 1000} s run ` +
      `of each endpoint at ${connections} connections, after its measured run. "isolate busy" is the sampled time that was ` +
      `not idle, per request: the rest of the server CPU is workerd's D1 (SQLite), its proxy worker and wrangler's Node process. ` +
      `"self" is time in the module's own code; "nearest frame of ours" charges each sample to the closest function of ` +
      `worker/, schema/ or server/ on its stack (the step of the request that asked for the work).\n\n` +
      profiles
        .map(
          (r) =>
            `##### ${r.name} (isolate busy ${r.profile!.busyMsPerRequest} ms/request)\n\n${profileTables(r.profile!)}`,
        )
        .join("\n")
    : "";
  const paths = await writeResults("api", json, md + notes + profileMd);
  console.log(`\n${md}${notes}\nwritten to ${paths.jsonPath} and ${paths.mdPath}`);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  if (server) console.error(server.output().slice(-2000));
  process.exitCode = 1;
} finally {
  clearTimeout(watchdog);
  await cleanup();
}

function profileTables(p: ModuleSummary): string {
  const rows = (lines: ModuleSummary["selfByModule"]) =>
    lines.map((l) => [`${l.share}%`, l.msPerRequest ?? "n/a", l.ms, `\`${l.what}\``]);
  const head = ["share of busy", "ms/request", "ms", "what"];
  return (
    `Self time by module:\n\n${markdownTable(head, rows(p.selfByModule))}\n\n` +
    `By nearest frame of ours:\n\n${markdownTable(head, rows(p.byOwnCaller))}\n`
  );
}
