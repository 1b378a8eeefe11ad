/**
 * Reports benchmark (issue 5): the province-scale seed (300 branches, 5,000 members, 3 years) in a local
 * D1, plus what the seed lacks for two reports — a branch evaluation of every held meeting and ~1,800
 * leaders' visit plans (half attended) — then each report through `wrangler dev` for one year and for the
 * whole three years, tenant-wide (the heaviest scope). Target: under 500 ms each. The `EXPLAIN QUERY PLAN`
 * of every statement the reports run (worker/data/reports/queries.ts, the same text) is printed and kept.
 * Figures go to bench/results/reports.{json,md}.
 *
 *   npm run bench -- --only reports [--runs 7] [--persist-to DIR (reuse a loaded seed)] [--keep]
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { VN_SQL_SHIFT, vnDayBounds } from "../schema/calendar.ts";
import {
  PROVINCE_ADMIN_EMAIL,
  PROVINCE_PASSWORD,
  PROVINCE_SIZE,
  PROVINCE_TENANT_ID,
} from "../scripts/lib/province-data.ts";
import {
  type DevServer,
  executeFileLocal,
  freePort,
  queryAllLocal,
  queryLocal,
  startDev,
} from "../scripts/lib/wrangler.ts";
import { PROVINCE_SHARD, type ProvinceLoad, seedProvince } from "../scripts/seed-province.ts";
import {
  attendanceByMeetingQuery,
  evaluationsQuery,
  meetingCountsQuery,
  type Query,
  speakingByMeetingQuery,
  tasksByDeadlineQuery,
  visitLoopQueries,
  visitsQuery,
  votesQuery,
} from "../worker/data/reports/queries.ts";
import { machine, markdownTable, writeResults } from "./lib/results.ts";

const TARGET_MS = 500;
const WATCHDOG_MS = 9 * 60_000;
const REPORTS = ["meetings", "attendance", "speaking", "votes", "grades", "visits"] as const;

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "7" },
    "persist-to": { type: "string" },
    keep: { type: "boolean", default: false },
  },
});
const runs = Number(values.runs);

let server: DevServer | undefined;
let persistTo = values["persist-to"];
const ownDir = !persistTo;
const cleanup = async () => {
  await server?.stop();
  if (ownDir && persistTo && !values.keep) await rm(persistTo, { recursive: true, force: true });
};
const watchdog = setTimeout(() => {
  console.error(`bench/reports.ts: gave up after ${WATCHDOG_MS / 60_000} minutes`);
  void cleanup().then(() => process.exit(1));
}, WATCHDOG_MS);
process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));

/** Evaluations and visit plans for the seed, written in SQL from what is loaded (idempotent). */
const EXTRA_SQL = `
INSERT OR IGNORE INTO evaluations (id, tenant_id, meeting_id, evaluator_person_id, evaluator_kind, scores_json, total, grade)
SELECT 'ev-' || m.id, m.tenant_id, m.id, m.chair_person_id, 'branch', '{}', t.total,
  CASE WHEN t.total >= 90 THEN 'good' WHEN t.total >= 70 THEN 'fair' WHEN t.total >= 50 THEN 'average' ELSE 'weak' END
FROM meetings m JOIN (SELECT id, 45 + abs(random()) % 55 AS total FROM meetings) t ON t.id = m.id
WHERE m.tenant_id = '${PROVINCE_TENANT_ID}' AND m.status = 'closed' AND m.chair_person_id IS NOT NULL;
INSERT OR IGNORE INTO people (id, email, full_name, search_name)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40)
SELECT 'bench-leader-' || i, 'lanhdao' || i || '@tinh.bench', 'Lãnh đạo ' || i, 'lanh dao ' || i FROM n;
INSERT OR IGNORE INTO visit_plans (id, tenant_id, leader_person_id, organization_id, month, meeting_id, status)
SELECT 'vp-' || m.id, m.tenant_id, 'bench-leader-' || (1 + abs(random()) % 40), m.organization_id,
  strftime('%Y-%m', m.scheduled_at, '${VN_SQL_SHIFT}'), m.id, 'planned'
FROM meetings m WHERE m.tenant_id = '${PROVINCE_TENANT_ID}' AND m.kind = 'regular' AND abs(random()) % 6 = 0;
INSERT OR IGNORE INTO meeting_guests (tenant_id, meeting_id, person_id, title)
SELECT tenant_id, meeting_id, leader_person_id, 'Lãnh đạo dự sinh hoạt' FROM visit_plans WHERE tenant_id = '${PROVINCE_TENANT_ID}';
INSERT OR IGNORE INTO attendance (tenant_id, meeting_id, person_id, status)
SELECT vp.tenant_id, vp.meeting_id, vp.leader_person_id, 'present_remote' FROM visit_plans vp
JOIN meetings m ON m.id = vp.meeting_id WHERE vp.tenant_id = '${PROVINCE_TENANT_ID}' AND m.status = 'closed' AND abs(random()) % 2 = 0;
`;

/** The statement with its parameters written in, for `EXPLAIN QUERY PLAN` through `wrangler d1 execute`. */
function inline(q: Query) {
  return q.sql.replace(/\?(\d+)/g, (_, i: string) => {
    const v = q.params[Number(i) - 1];
    return typeof v === "number" ? String(v) : `'${String(v).replace(/'/g, "''")}'`;
  });
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const round = (x: number) => Math.round(x * 10) / 10;

try {
  let load: ProvinceLoad | undefined;
  if (!persistTo) {
    persistTo = await mkdtemp(join(tmpdir(), "chibo-bench-reports-"));
    console.log(`Province seed → ${persistTo}`);
    load = await seedProvince({ persistTo, log: (m) => console.log(`  ${m}`) });
    console.log(`  loaded ${load.seed.rows.toLocaleString("en")} rows in ${(load.loadMs / 1000).toFixed(1)} s`);
  }
  const extraDir = await mkdtemp(join(tmpdir(), "chibo-bench-extra-"));
  await writeFile(join(extraDir, "extra.sql"), EXTRA_SQL);
  await executeFileLocal(join(extraDir, "extra.sql"), persistTo, PROVINCE_SHARD);
  await rm(extraDir, { recursive: true, force: true });
  const [span] = await queryLocal<{
    first: string;
    last: string;
    meetings: number;
    evaluations: number;
    plans: number;
  }>(
    `SELECT min(strftime('%Y-%m-%d', scheduled_at, '${VN_SQL_SHIFT}')) AS first, max(strftime('%Y-%m-%d', scheduled_at, '${VN_SQL_SHIFT}')) AS last,
       count(*) AS meetings, (SELECT count(*) FROM evaluations) AS evaluations, (SELECT count(*) FROM visit_plans) AS plans
     FROM meetings WHERE tenant_id = '${PROVINCE_TENANT_ID}'`,
    persistTo,
    PROVINCE_SHARD,
  );
  if (!span) throw new Error("no meetings in the seed");
  const fullYear = Number(span.last.slice(0, 4)) - 1;
  const periods = [
    { name: `year ${fullYear}`, query: `year=${fullYear}`, from: `${fullYear}-01-01`, to: `${fullYear}-12-31` },
    {
      name: `all (${span.first.slice(0, 7)} – ${span.last.slice(0, 7)})`,
      query: `from=${span.first.slice(0, 8)}01&to=${span.last}`,
      from: `${span.first.slice(0, 8)}01`,
      to: span.last,
    },
  ];
  console.log(
    `\n${span.meetings.toLocaleString("en")} meetings, ${span.evaluations.toLocaleString("en")} evaluations, ${span.plans.toLocaleString("en")} visit plans`,
  );

  // Query plans of every statement, for the widest period (the plan does not depend on the range).
  const p = periods[1]!;
  const { fromUtc, toUtc } = vnDayBounds(p.from, p.to);
  const statements: Query[] = [
    meetingCountsQuery(PROVINCE_TENANT_ID, fromUtc, toUtc),
    meetingCountsQuery(PROVINCE_TENANT_ID, fromUtc, toUtc, true),
    attendanceByMeetingQuery(PROVINCE_TENANT_ID, fromUtc, toUtc),
    speakingByMeetingQuery(PROVINCE_TENANT_ID, fromUtc, toUtc),
    votesQuery(PROVINCE_TENANT_ID, fromUtc, toUtc),
    evaluationsQuery(PROVINCE_TENANT_ID, fromUtc, toUtc),
    visitsQuery(PROVINCE_TENANT_ID, p.from.slice(0, 7), p.to.slice(0, 7)),
    tasksByDeadlineQuery(PROVINCE_TENANT_ID, p.from, p.to, p.to),
    ...visitLoopQueries(PROVINCE_TENANT_ID, p.to.slice(0, 7)),
  ];
  const planRows = await queryAllLocal(
    statements.map((q) => `EXPLAIN QUERY PLAN ${inline(q)}`).join(";\n"),
    persistTo,
    PROVINCE_SHARD,
  );
  const plans = statements.map((q, i) => ({ name: q.name, plan: (planRows[i] ?? []).map((r) => String(r.detail)) }));
  console.log("\nEXPLAIN QUERY PLAN");
  for (const pl of plans) console.log(`  ${pl.name}\n${pl.plan.map((d) => `    ${d}`).join("\n")}`);

  const port = await freePort();
  server = await startDev({
    port,
    persistTo,
    vars: { SESSION_SECRET: "bench-secret-0123456789abcdef" },
    readyTimeoutMs: 90_000,
    extraArgs: ["--log-level", "warn"],
  });
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: PROVINCE_ADMIN_EMAIL, password: PROVINCE_PASSWORD }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const { token } = (await login.json()) as { token: string };
  const headers = { authorization: `Bearer ${token}` };

  const timings: {
    report: string;
    period: string;
    route: string;
    runs: number;
    p50Ms: number;
    maxMs: number;
    bytes: number;
    meetsTarget: boolean;
    summary: string;
  }[] = [];
  const time = async (report: string, period: string, path: string) => {
    const url = `${server!.url}/api/tenants/${PROVINCE_TENANT_ID}/reports/${path}`;
    const warm = await fetch(url, { headers });
    const body = await warm.text();
    if (!warm.ok) throw new Error(`${path}: ${warm.status} ${body.slice(0, 200)}`);
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const res = await fetch(url, { headers });
      await res.arrayBuffer();
      ms.push(performance.now() - t0);
    }
    let summary = "";
    if (path.includes("format=") === false) {
      const json = JSON.parse(body) as { total: Record<string, unknown>; rows: unknown[]; behind: unknown[] };
      summary = `${json.rows.length} rows, ${json.behind.length} behind; ${Object.entries(json.total)
        .slice(0, 4)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}`;
    }
    const r = {
      report,
      period,
      route: `GET /reports/${path.split("?")[0]}`,
      runs,
      p50Ms: round(percentile(ms, 50)),
      maxMs: round(Math.max(...ms)),
      bytes: body.length,
      meetsTarget: percentile(ms, 50) < TARGET_MS && Math.max(...ms) < TARGET_MS,
      summary,
    };
    console.log(
      `  ${report.padEnd(10)} ${period.padEnd(26)} p50 ${String(r.p50Ms).padStart(6)} ms  max ${String(r.maxMs).padStart(6)} ms  ${summary}`,
    );
    timings.push(r);
  };
  console.log(`\nTimings (${runs} sequential requests after one warm-up, tenant-wide):`);
  for (const period of periods) {
    for (const report of REPORTS) await time(report, period.name, `${report}?${period.query}`);
  }
  // Every report into one workbook: six reports in one request, shown for information (not one report).
  await time("all (xlsx)", periods[0]!.name, `all?${periods[0]!.query}&format=xlsx`);

  const at = new Date().toISOString();
  const json = {
    at,
    machine: machine(),
    /** The machine is shared: its load while timing says how much of the time was waiting for a core. */
    loadAverage: loadavg().map((x) => +x.toFixed(2)),
    target: { ms: TARGET_MS },
    seed: {
      ...PROVINCE_SIZE,
      meetings: span.meetings,
      evaluations: span.evaluations,
      visitPlans: span.plans,
      ...(load ? { rows: load.seed.rows } : { reused: true }),
    },
    timings,
    queryPlans: plans,
  };
  const m = json.machine;
  const md =
    `### Reports on the province-scale seed (\`npm run bench -- --only reports\`, ${at.slice(0, 16).replace("T", " ")} UTC)\n\n` +
    `${PROVINCE_SIZE.branches} branches, ${PROVINCE_SIZE.members.toLocaleString("en")} members, ${span.meetings.toLocaleString("en")} meetings over three years, ` +
    `${span.evaluations.toLocaleString("en")} evaluations and ${span.plans.toLocaleString("en")} visit plans; each report tenant-wide through \`wrangler dev\` ` +
    `(local workerd + D1), ${runs} sequential requests after a warm-up, on ${m.cpus} cores (${m.cpuModel}), load average ${json.loadAverage.join(" / ")}.\n\n` +
    markdownTable(
      ["report", "period", "p50 ms", "max ms", `< ${TARGET_MS} ms`, "figures"],
      timings.map((t) => [
        t.report,
        t.period,
        t.p50Ms,
        t.maxMs,
        t.report.startsWith("all") ? "(six reports)" : t.meetsTarget ? "yes" : "**no**",
        t.summary,
      ]),
    ) +
    `\n\nQuery plans (\`EXPLAIN QUERY PLAN\`, whole period):\n\n` +
    plans.map((pl) => `- \`${pl.name}\`: ${pl.plan.join("; ")}`).join("\n") +
    "\n";
  const paths = await writeResults("reports", json, md);
  console.log(`\nwritten to ${paths.jsonPath} and ${paths.mdPath}`);
  if (timings.some((t) => !t.meetsTarget && !t.report.startsWith("all"))) process.exitCode = 1;
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  if (server) console.error(server.output().slice(-2000));
  process.exitCode = 1;
} finally {
  clearTimeout(watchdog);
  await cleanup();
}
