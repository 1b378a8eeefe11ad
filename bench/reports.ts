/**
 * Reports benchmark (issues 5 and 14): the country's shape (scripts/lib/country-data.ts: a large province of 45
 * committees, 300 branches, 5,000 members in SHARD_1, a small one a quarter of it in SHARD_2, three years) in a local
 * D1, plus what the seed lacks for two reports — a branch evaluation of every held meeting and leaders' visit plans
 * to a sixth of the meetings (half attended) — then each report through `wrangler dev` for one year and for the whole
 * three years, at two levels in each province: its largest committee (as that committee's admin) and the province
 * over all its committees (`scope=children`, as the province's admin). Target: under 500 ms each. The
 * `EXPLAIN QUERY PLAN` of every statement the reports run (worker/data/reports/queries.ts, the same text; a
 * province runs them once per committee) is printed and kept. The yardstick, timed in the same run (the machine is
 * shared: only ratios hold): the one-committee seed (scripts/lib/province-data.ts, loaded beside the large province
 * in SHARD_1), the same 300 branches and 5,000 members in one tenant, read tenant-wide. Each report is timed at every
 * level in turn, so a change in the machine's load falls on all of them alike.
 * Figures go to bench/results/reports.{json,md}.
 *
 *   npm run bench -- --only reports [--runs 7] [--persist-to DIR (reuse a loaded seed)] [--keep]
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { VN_SQL_SHIFT, vnDayBounds } from "../schema/calendar.ts";
import { adminEmail, COUNTRY, COUNTRY_MONTHS, COUNTRY_PASSWORD, committeeId } from "../scripts/lib/country-data.ts";
import { PROVINCE_ADMIN_EMAIL, PROVINCE_TENANT_ID } from "../scripts/lib/province-data.ts";
import {
  type DevServer,
  executeFileLocal,
  freePort,
  queryAllLocal,
  queryLocal,
  startDev,
} from "../scripts/lib/wrangler.ts";
import { type CountryLoad, seedCountry } from "../scripts/seed-country.ts";
import { PROVINCE_SHARD, seedProvince } from "../scripts/seed-province.ts";
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
const WATCHDOG_MS = 20 * 60_000;
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

/**
 * Evaluations and visit plans for a shard's seed, written in SQL from what is loaded (idempotent): every tenant of the
 * shard (one province's committees) gets them. The visiting leaders are 40 people of each province's office.
 */
const extraSql = (provinceId: string) => `
INSERT OR IGNORE INTO evaluations (id, tenant_id, meeting_id, evaluator_person_id, evaluator_kind, scores_json, total, grade)
SELECT 'ev-' || m.id, m.tenant_id, m.id, m.chair_person_id, 'branch', '{}', t.total,
  CASE WHEN t.total >= 90 THEN 'good' WHEN t.total >= 70 THEN 'fair' WHEN t.total >= 50 THEN 'average' ELSE 'weak' END
FROM meetings m JOIN (SELECT id, 45 + abs(random()) % 55 AS total FROM meetings) t ON t.id = m.id
WHERE m.status = 'closed' AND m.chair_person_id IS NOT NULL;
INSERT OR IGNORE INTO people (id, email, full_name, search_name)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40)
SELECT '${provinceId}-leader-' || i, 'lanhdao' || i || '@${provinceId}.bench', 'Lãnh đạo ' || i, 'lanh dao ' || i FROM n;
INSERT OR IGNORE INTO visit_plans (id, tenant_id, leader_person_id, organization_id, month, meeting_id, status)
SELECT 'vp-' || m.id, m.tenant_id, '${provinceId}-leader-' || (1 + abs(random()) % 40), m.organization_id,
  strftime('%Y-%m', m.scheduled_at, '${VN_SQL_SHIFT}'), m.id, 'planned'
FROM meetings m WHERE m.kind = 'regular' AND abs(random()) % 6 = 0;
INSERT OR IGNORE INTO meeting_guests (tenant_id, meeting_id, person_id, title)
SELECT tenant_id, meeting_id, leader_person_id, 'Lãnh đạo dự sinh hoạt' FROM visit_plans;
INSERT OR IGNORE INTO attendance (tenant_id, meeting_id, person_id, status)
SELECT vp.tenant_id, vp.meeting_id, vp.leader_person_id, 'present_remote' FROM visit_plans vp
JOIN meetings m ON m.id = vp.meeting_id WHERE m.status = 'closed' AND abs(random()) % 2 = 0;
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

/** What one province holds, once loaded and completed. */
interface ProvinceFigures {
  id: string;
  shard: string;
  committees: number;
  branches: number;
  members: number;
  meetings: number;
  evaluations: number;
  visitPlans: number;
  first: string;
  last: string;
  largest: { id: string; name: string; branches: number; members: number };
}

/** One level of one province the reports are read at: a committee (tenant-wide) or the province (`scope=children`). */
interface Level {
  province: string;
  level: "committee" | "province" | "one tenant";
  tenantId: string;
  login: string;
  scope: string;
  label: string;
}

try {
  let load: CountryLoad | undefined;
  if (!persistTo) {
    persistTo = await mkdtemp(join(tmpdir(), "chibo-bench-reports-"));
    console.log(`Country seed → ${persistTo}`);
    load = await seedCountry({ persistTo, log: (m) => console.log(`  ${m}`) });
    console.log(`  loaded ${load.rows.toLocaleString("en")} rows in ${(load.loadMs / 1000).toFixed(1)} s`);
  }
  const [baseline] = await queryLocal<{ n: number }>(
    `SELECT count(*) AS n FROM tenants WHERE id = '${PROVINCE_TENANT_ID}'`,
    persistTo,
    PROVINCE_SHARD,
  );
  if (!baseline?.n) {
    console.log(`One-committee seed (the yardstick) → ${PROVINCE_SHARD}`);
    const one = await seedProvince({ persistTo, log: (m) => console.log(`  ${m}`) });
    console.log(`  loaded ${one.seed.rows.toLocaleString("en")} rows in ${(one.loadMs / 1000).toFixed(1)} s`);
  }
  const extraDir = await mkdtemp(join(tmpdir(), "chibo-bench-extra-"));
  const provinces: ProvinceFigures[] = [];
  for (const shape of COUNTRY) {
    const file = join(extraDir, `${shape.id}.sql`);
    await writeFile(file, extraSql(shape.id));
    await executeFileLocal(file, persistTo, shape.shard);
    const largest = committeeId(shape.id, 0);
    const ofProvince = `(SELECT id FROM tenants WHERE parent_id = '${shape.id}')`;
    const [row] = await queryLocal<Omit<ProvinceFigures, "id" | "shard" | "largest"> & Record<string, number | string>>(
      // The province's committees only: the yardstick's tenant shares SHARD_1.
      `SELECT min(strftime('%Y-%m-%d', scheduled_at, '${VN_SQL_SHIFT}')) AS first, max(strftime('%Y-%m-%d', scheduled_at, '${VN_SQL_SHIFT}')) AS last,
         count(*) AS meetings, (SELECT count(*) FROM evaluations WHERE tenant_id IN ${ofProvince}) AS evaluations,
         (SELECT count(*) FROM visit_plans WHERE tenant_id IN ${ofProvince}) AS visitPlans,
         (SELECT count(*) FROM tenants WHERE parent_id = '${shape.id}') AS committees,
         (SELECT count(*) FROM organizations WHERE kind = 'branch' AND tenant_id IN ${ofProvince}) AS branches,
         (SELECT count(*) FROM memberships WHERE tenant_id IN ${ofProvince}) AS members,
         (SELECT name FROM tenants WHERE id = '${largest}') AS largestName,
         (SELECT count(*) FROM organizations WHERE tenant_id = '${largest}') AS largestBranches,
         (SELECT count(*) FROM memberships WHERE tenant_id = '${largest}') AS largestMembers
       FROM meetings WHERE tenant_id IN ${ofProvince}`,
      persistTo,
      shape.shard,
    );
    if (!row?.meetings) throw new Error(`no meetings in ${shape.shard}`);
    provinces.push({
      id: shape.id,
      shard: shape.shard,
      committees: Number(row.committees),
      branches: Number(row.branches),
      members: Number(row.members),
      meetings: Number(row.meetings),
      evaluations: Number(row.evaluations),
      visitPlans: Number(row.visitPlans),
      first: String(row.first),
      last: String(row.last),
      largest: {
        id: largest,
        name: String(row.largestName),
        branches: Number(row.largestBranches),
        members: Number(row.largestMembers),
      },
    });
  }
  await rm(extraDir, { recursive: true, force: true });
  const big = provinces[0]!;
  const fullYear = Number(big.last.slice(0, 4)) - 1;
  const periods = [
    { name: `year ${fullYear}`, query: `year=${fullYear}`, from: `${fullYear}-01-01`, to: `${fullYear}-12-31` },
    {
      name: `all (${big.first.slice(0, 7)} – ${big.last.slice(0, 7)})`,
      query: `from=${big.first.slice(0, 8)}01&to=${big.last}`,
      from: `${big.first.slice(0, 8)}01`,
      to: big.last,
    },
  ];
  for (const p of provinces) {
    console.log(
      `\n${p.id} (${p.shard}): ${p.committees} committees, ${p.branches} branches, ${p.members.toLocaleString("en")} members, ` +
        `${p.meetings.toLocaleString("en")} meetings, ${p.evaluations.toLocaleString("en")} evaluations, ${p.visitPlans.toLocaleString("en")} visit plans; ` +
        `largest committee ${p.largest.id} "${p.largest.name}": ${p.largest.branches} branches, ${p.largest.members} members`,
    );
  }

  // Query plans of every statement, for the widest period (the plan does not depend on the range), on the large
  // province's largest committee: the same statements a province runs for each of its committees.
  const p = periods[1]!;
  const planTenant = big.largest.id;
  const { fromUtc, toUtc } = vnDayBounds(p.from, p.to);
  const statements: Query[] = [
    meetingCountsQuery(planTenant, fromUtc, toUtc),
    meetingCountsQuery(planTenant, fromUtc, toUtc, true),
    attendanceByMeetingQuery(planTenant, fromUtc, toUtc),
    speakingByMeetingQuery(planTenant, fromUtc, toUtc),
    votesQuery(planTenant, fromUtc, toUtc),
    evaluationsQuery(planTenant, fromUtc, toUtc),
    visitsQuery(planTenant, p.from.slice(0, 7), p.to.slice(0, 7)),
    tasksByDeadlineQuery(planTenant, p.from, p.to, p.to),
    ...visitLoopQueries(planTenant, p.to.slice(0, 7)),
  ];
  const planRows = await queryAllLocal(
    [
      ...statements.map((q) => `EXPLAIN QUERY PLAN ${inline(q)}`),
      // What a province runs first: its committees, from its own shard.
      `EXPLAIN QUERY PLAN SELECT id, name FROM tenants WHERE parent_id = '${big.id}' ORDER BY name`,
    ].join(";\n"),
    persistTo,
    big.shard,
  );
  const plans = [...statements.map((q) => q.name), "province_committees"].map((name, i) => ({
    name,
    plan: (planRows[i] ?? []).map((r) => String(r.detail)),
  }));
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
  const tokens = new Map<string, string>();
  const tokenOf = async (email: string) => {
    const known = tokens.get(email);
    if (known) return known;
    const login = await fetch(`${server!.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password: COUNTRY_PASSWORD }),
    });
    if (!login.ok) throw new Error(`login ${email} failed: ${login.status} ${await login.text()}`);
    const { token } = (await login.json()) as { token: string };
    tokens.set(email, token);
    return token;
  };
  const levels: Level[] = [
    {
      province: PROVINCE_TENANT_ID,
      level: "one tenant",
      tenantId: PROVINCE_TENANT_ID,
      login: PROVINCE_ADMIN_EMAIL,
      scope: "",
      label: "one tenant (300 br.)",
    },
    ...provinces.flatMap((pr) => [
      {
        province: pr.id,
        level: "committee" as const,
        tenantId: pr.largest.id,
        login: adminEmail(pr.largest.id),
        scope: "",
        label: `${pr.id} committee (${pr.largest.branches} br.)`,
      },
      {
        province: pr.id,
        level: "province" as const,
        tenantId: pr.id,
        login: adminEmail(pr.id),
        scope: "&scope=children",
        label: `${pr.id} province (${pr.committees} com.)`,
      },
    ]),
  ];

  const timings: {
    province: string;
    level: string;
    tenant: string;
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
  const time = async (at: Level, report: string, period: string, path: string) => {
    const url = `${server!.url}/api/tenants/${at.tenantId}/reports/${path}`;
    const headers = { authorization: `Bearer ${await tokenOf(at.login)}` };
    const warm = await fetch(url, { headers });
    const body = await warm.text();
    if (!warm.ok) throw new Error(`${at.tenantId} ${path}: ${warm.status} ${body.slice(0, 200)}`);
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
      province: at.province,
      level: at.level,
      tenant: at.tenantId,
      report,
      period,
      route: `GET /reports/${path.split("?")[0]}${at.scope ? "?scope=children" : ""}`,
      runs,
      p50Ms: round(percentile(ms, 50)),
      maxMs: round(Math.max(...ms)),
      bytes: body.length,
      meetsTarget: percentile(ms, 50) < TARGET_MS && Math.max(...ms) < TARGET_MS,
      summary,
    };
    console.log(
      `  ${at.label.padEnd(26)} ${report.padEnd(10)} ${period.padEnd(24)} p50 ${String(r.p50Ms).padStart(6)} ms  max ${String(r.maxMs).padStart(6)} ms  ${summary}`,
    );
    timings.push(r);
  };
  console.log(`\nTimings (${runs} sequential requests after one warm-up):`);
  for (const period of periods) {
    for (const report of REPORTS) {
      for (const at of levels) await time(at, report, period.name, `${report}?${period.query}${at.scope}`);
    }
  }
  // Every report into one workbook: six reports in one request, shown for information (not one report).
  for (const at of levels.slice(0, 3))
    await time(at, "all (xlsx)", periods[0]!.name, `all?${periods[0]!.query}&format=xlsx${at.scope}`);

  // The large province's roll-up against the same branches in one tenant, timed in the same run.
  const p50Of = (tenant: string, report: string, period: string) =>
    timings.find((t) => t.tenant === tenant && t.report === report && t.period === period)?.p50Ms ?? Number.NaN;
  const ratios = periods.flatMap((pe) =>
    REPORTS.map((report) => ({
      report,
      period: pe.name,
      oneTenantMs: p50Of(PROVINCE_TENANT_ID, report, pe.name),
      provinceMs: p50Of(big.id, report, pe.name),
      ratio: +(p50Of(big.id, report, pe.name) / p50Of(PROVINCE_TENANT_ID, report, pe.name)).toFixed(2),
    })),
  );
  const at = new Date().toISOString();
  const json = {
    at,
    machine: machine(),
    /** The machine is shared: its load while timing says how much of the time was waiting for a core. */
    loadAverage: loadavg().map((x) => +x.toFixed(2)),
    target: { ms: TARGET_MS },
    seed: {
      months: COUNTRY_MONTHS,
      provinces,
      ...(load ? { rows: load.rows, loadSeconds: +(load.loadMs / 1000).toFixed(1) } : { reused: true }),
    },
    timings,
    queryPlans: plans,
  };
  const m = json.machine;
  const describe = (pr: ProvinceFigures) =>
    `${pr.id} (${pr.shard}): ${pr.committees} committees, ${pr.branches} branches, ${pr.members.toLocaleString("en")} members, ` +
    `${pr.meetings.toLocaleString("en")} meetings, ${pr.evaluations.toLocaleString("en")} evaluations, ${pr.visitPlans.toLocaleString("en")} visit plans; ` +
    `its largest committee ${pr.largest.name} (\`${pr.largest.id}\`) ${pr.largest.branches} branches, ${pr.largest.members} members`;
  const md =
    `### Reports on the country's shape (\`npm run bench -- --only reports\`, ${at.slice(0, 16).replace("T", " ")} UTC)\n\n` +
    `Two provinces over three years, each in its shard (scripts/lib/country-data.ts):\n\n` +
    provinces.map((pr) => `- ${describe(pr)}.`).join("\n") +
    `\n- The yardstick: the one-committee seed (\`${PROVINCE_TENANT_ID}\`, 300 branches, 5,000 members in one tenant, in ${PROVINCE_SHARD} beside ${big.id}), tenant-wide.` +
    `\n\nEach report for the largest committee (tenant-wide, as its admin) and for the province over all its committees ` +
    `(\`scope=children\`, as the province's admin), through \`wrangler dev\` (local workerd + D1), ${runs} sequential requests after a warm-up, ` +
    `on ${m.cpus} cores (${m.cpuModel}), load average ${json.loadAverage.join(" / ")}.\n\n` +
    markdownTable(
      ["level", "report", "period", "p50 ms", "max ms", `< ${TARGET_MS} ms`, "figures"],
      timings.map((t) => [
        t.level === "one tenant" ? `one tenant (\`${t.tenant}\`)` : `${t.province} ${t.level}`,
        t.report,
        t.period,
        t.p50Ms,
        t.maxMs,
        t.report.startsWith("all") ? "(six reports)" : t.meetsTarget ? "yes" : "**no**",
        t.summary,
      ]),
    ) +
    `\n\nQuery plans (\`EXPLAIN QUERY PLAN\`, whole period, one committee; a province runs them per committee):\n\n` +
    plans.map((pl) => `- \`${pl.name}\`: ${pl.plan.join("; ")}`).join("\n") +
    `\n\nThe large province's roll-up (${big.committees} committees) against the same ${big.branches} branches in one tenant ` +
    `(the one-committee seed, tenant-wide), p50, same run:\n\n` +
    markdownTable(
      ["report", "period", "one tenant ms", "province ms", "ratio"],
      ratios.map((r) => [r.report, r.period, r.oneTenantMs, r.provinceMs, r.ratio]),
    ) +
    "\n";
  const paths = await writeResults("reports", { ...json, ratios }, md);
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
