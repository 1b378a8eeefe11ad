import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMonths, quarterKey, VN_SQL_SHIFT, vnThisMonth } from "../../schema/calendar.ts";
import { gradeOf, type Scores } from "../../schema/quality-grid.ts";
import { DEMO_LOGINS, DEMO_PASSWORD, DEMO_TENANT_ID } from "../../scripts/lib/demo-data.ts";
import { DEMO_PROVINCE_ID, DEMO_SECOND_COMMITTEE_ID } from "../../scripts/lib/demo-province.ts";
import {
  SECOND_COMMITTEE_ID,
  SECOND_PROVINCE_ID,
  SECOND_PROVINCE_LOGIN,
} from "../../scripts/lib/demo-second-province.ts";
import { applyMigrationsLocal } from "../../scripts/lib/wrangler.ts";
import { DEMO_SHARD, SECOND_SHARD, seedDemo } from "../../scripts/seed-demo.ts";
import { verifyPassword } from "../../worker/lib/password.ts";
import { type LocalD1, openLocalD1 } from "./local-d1.ts";

const TABLES = [
  "tenants",
  "organizations",
  "people",
  "memberships",
  "tenant_roles",
  "meetings",
  "agenda_items",
  "meeting_documents",
  "meeting_guests",
  "attendance",
  "speeches",
  "votes",
  "ballots",
  "evaluations",
  "visit_plans",
  "minutes",
  "resolutions",
  "resolution_tasks",
  "task_reviews",
];

let dir = "";
/** Reads the local D1 the seed wrote (one workerd for the file: ./local-d1.ts). */
let d1: LocalD1;
/** The demo's province lives in SHARD_1 (scripts/seed-demo.ts); accounts and the tenants' shards in the directory. */
const q = <T = Record<string, unknown>>(sql: string) => d1.query<T>(sql, DEMO_SHARD);
const qDirectory = <T = Record<string, unknown>>(sql: string) => d1.query<T>(sql, "DB");
type Rows = Record<string, unknown>[];
const month = (column: string) => `strftime('%Y-%m', ${column}, '${VN_SQL_SHIFT}')`;

/** The year of history in one batch: read once, checked by several tests. */
let history: Promise<Rows[]> | undefined;
const readHistory = () =>
  (history ??= d1.queryAll(
    [
      // Closed meetings with their record: attendance, the vote, minutes, the resolution and its tasks.
      `SELECT m.id, m.organization_id AS org, m.kind, ${month("m.scheduled_at")} AS month,
         (SELECT COUNT(*) FROM attendance a WHERE a.meeting_id = m.id AND a.status = 'present_hall') AS hall,
         (SELECT COUNT(*) FROM attendance a WHERE a.meeting_id = m.id AND a.status = 'present_remote') AS remote,
         v.agree, v.base, v.result,
         (SELECT COUNT(*) FROM minutes x WHERE x.meeting_id = m.id AND x.status = 'approved') AS approved,
         (SELECT body FROM minutes x WHERE x.meeting_id = m.id AND x.status = 'approved') AS minutes,
         r.status AS resolution, r.year, r.number, r.adopted_vote_id = v.id AS adopted,
         (SELECT COUNT(*) FROM resolution_tasks t WHERE t.resolution_id = r.id) AS tasks
       FROM meetings m LEFT JOIN votes v ON v.meeting_id = m.id LEFT JOIN resolutions r ON r.meeting_id = m.id
       WHERE m.status = 'closed' ORDER BY m.organization_id, m.scheduled_at`,
      "SELECT id AS org FROM organizations WHERE kind != 'grassroots_committee'",
      // Tasks with the month they were decided in and whether their lead belongs to the branch.
      `SELECT t.id, t.deadline, t.status, t.done_on, ${month("m.scheduled_at")} AS decided,
         EXISTS (SELECT 1 FROM memberships x WHERE x.person_id = t.lead_person_id AND x.organization_id = t.organization_id) AS lead_here
       FROM resolution_tasks t JOIN resolutions r ON r.id = t.resolution_id JOIN meetings m ON m.id = r.meeting_id`,
      // Reviews with the meeting that holds them and the task's own meeting.
      `SELECT tr.task_id, m.kind, m.organization_id = t.organization_id AS same_branch, ${month("m.scheduled_at")} AS month,
         ${month("d.scheduled_at")} AS decided
       FROM task_reviews tr JOIN meetings m ON m.id = tr.meeting_id JOIN resolution_tasks t ON t.id = tr.task_id
       JOIN resolutions r ON r.id = t.resolution_id JOIN meetings d ON d.id = r.meeting_id`,
      // Regular meetings and the kind of their second agenda item (the first after the opening).
      `SELECT m.id, m.status, ${month("m.scheduled_at")} AS month,
         (SELECT a.kind FROM agenda_items a WHERE a.meeting_id = m.id AND a.position = 2) AS second,
         (SELECT COUNT(*) FROM task_reviews tr WHERE tr.meeting_id = m.id) AS reviews
       FROM meetings m WHERE m.kind = 'regular'`,
      // Attendance per branch over the year (members only: the seed marks no guest).
      `SELECT m.organization_id AS org, SUM(a.status IN ('present_hall', 'present_remote')) AS present,
         SUM(a.status = 'present_remote') AS remote, SUM(a.status = 'absent_excused') AS excused,
         SUM(a.status = 'absent_unexcused') AS unexcused
       FROM meetings m JOIN attendance a ON a.meeting_id = m.id WHERE m.status = 'closed' GROUP BY m.organization_id`,
      "SELECT grade, COUNT(*) AS n FROM evaluations GROUP BY grade",
    ],
    DEMO_SHARD,
  ));

/** Every row of every seeded table, so a second load that changed anything (even a password hash) shows. */
async function snapshot(): Promise<string> {
  const parts = await d1.queryAll(
    TABLES.map((t) => `SELECT * FROM ${t} ORDER BY 1, 2, 3`),
    DEMO_SHARD,
  );
  expect(parts).toHaveLength(TABLES.length);
  expect(parts.every((rows) => rows.length > 0)).toBe(true);
  const accounts = await d1.queryAll(["SELECT * FROM tenants ORDER BY 1", "SELECT * FROM people ORDER BY 1"], "DB");
  const second = await d1.queryAll(
    ["SELECT * FROM tenants ORDER BY 1", "SELECT * FROM memberships ORDER BY 1"],
    SECOND_SHARD,
  );
  return JSON.stringify([parts, accounts, second]);
}

describe("demo seed on a local D1", () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "chibo-demo-test-"));
    await applyMigrationsLocal(dir);
    d1 = await openLocalD1(dir);
  }, 240_000);
  afterAll(async () => {
    await d1?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it("loads into an empty database, then leaves it unchanged on the next start", async () => {
    expect((await seedDemo({ persistTo: dir })).seeded).toBe(true);
    const first = await snapshot();
    expect((await seedDemo({ persistTo: dir })).seeded).toBe(false);
    // Even forced, fixed ids and INSERT OR IGNORE keep every row as it was.
    expect((await seedDemo({ persistTo: dir, force: true })).seeded).toBe(true);
    expect(await snapshot()).toBe(first);
  }, 90_000);

  it("gives every demo login the documented password in the Worker's hash format", async () => {
    const rows = await qDirectory<{ email: string; password_hash: string; full_name: string }>(
      "SELECT email, password_hash, full_name FROM people WHERE password_hash IS NOT NULL ORDER BY email",
    );
    const logins = [...DEMO_LOGINS, SECOND_PROVINCE_LOGIN];
    expect(rows.map((r) => r.email).sort()).toEqual(logins.map((l) => l.email).sort());
    for (const row of rows) {
      expect(row.password_hash).toMatch(/^pbkdf2-sha256\$100000\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
      expect(await verifyPassword(DEMO_PASSWORD, row.password_hash)).toBe(true);
      expect(await verifyPassword("wrong-password", row.password_hash)).toBe(false);
      expect(row.full_name).toBe(logins.find((l) => l.email === row.email)!.name);
    }
    // A shard's people are the mirror of the accounts seated there: names and login e-mails, never a credential.
    const [mirror] = await q<{ n: number; hashes: number }>(
      "SELECT COUNT(email) AS n, COUNT(password_hash) AS hashes FROM people",
    );
    expect(mirror).toEqual({ n: DEMO_LOGINS.length, hashes: 0 });
  }, 30_000);

  it("looks like a real committee: branches of 3+ official members, probationary and exempt members, officers", async () => {
    const [counts] = await q<{ members: number; probationary: number; exempt: number }>(
      `SELECT COUNT(*) AS members, SUM(status = 'probationary') AS probationary, SUM(exempt_reason IS NOT NULL) AS exempt FROM memberships WHERE tenant_id = '${DEMO_TENANT_ID}'`,
    );
    expect(counts!.members).toBe(60);
    expect(counts!.probationary).toBeGreaterThanOrEqual(2);
    expect(counts!.exempt).toBeGreaterThanOrEqual(2);
    const branches = await q<{ id: string; official: number; secretaries: number; deputies: number }>(
      `SELECT o.id, SUM(m.status = 'official') AS official, SUM(m.branch_role = 'secretary') AS secretaries, SUM(m.branch_role = 'deputy') AS deputies
       FROM organizations o JOIN memberships m ON m.organization_id = o.id WHERE o.kind != 'grassroots_committee' GROUP BY o.id`,
    );
    expect(branches.length).toBeGreaterThanOrEqual(5);
    for (const b of branches) {
      expect(b.official, b.id).toBeGreaterThanOrEqual(3);
      expect(b.secretaries, b.id).toBe(1);
      expect(b.deputies, b.id).toBe(1);
    }
    const roles = await q<{ role: string; email: string }>(
      `SELECT r.role, p.email FROM tenant_roles r JOIN people p ON p.id = r.person_id WHERE r.tenant_id = '${DEMO_TENANT_ID}' ORDER BY r.role`,
    );
    expect(roles).toEqual([
      { role: "admin", email: "admin@hoaan.demo" },
      { role: "organizer", email: "organizer@hoaan.demo" },
    ]);
    // Every member record carries the committee's own copy of the name (migration 0003), never an empty one.
    const [empty] = await q<{ n: number }>(
      "SELECT COUNT(*) AS n FROM memberships m JOIN people p ON p.id = m.person_id WHERE m.full_name = '' OR m.full_name != p.full_name",
    );
    expect(empty!.n).toBe(0);
  });

  it("puts Hòa Bình's tree in SHARD_1 and the small second province in SHARD_2, the directory naming each tenant's shard", async () => {
    const directory = await qDirectory<{ id: string; shard: string }>("SELECT id, shard FROM tenants ORDER BY id");
    expect(directory).toEqual(
      [
        { id: DEMO_SECOND_COMMITTEE_ID, shard: DEMO_SHARD },
        { id: DEMO_TENANT_ID, shard: DEMO_SHARD },
        { id: DEMO_PROVINCE_ID, shard: DEMO_SHARD },
        { id: SECOND_PROVINCE_ID, shard: SECOND_SHARD },
        { id: SECOND_COMMITTEE_ID, shard: SECOND_SHARD },
      ].sort((a, b) => a.id.localeCompare(b.id)),
    );
    const second = await d1.query(
      "SELECT t.id, (SELECT COUNT(*) FROM memberships m WHERE m.tenant_id = t.id) AS members FROM tenants t ORDER BY t.id",
      SECOND_SHARD,
    );
    expect(second).toEqual([
      { id: SECOND_COMMITTEE_ID, members: 5 },
      { id: SECOND_PROVINCE_ID, members: 0 },
    ]);
  });

  it("puts Hòa An under a province whose admin logs in, with one more committee under it", async () => {
    const tenants = await q<{ id: string; kind: string; parent_id: string | null; members: number }>(
      "SELECT t.id, t.kind, t.parent_id, (SELECT COUNT(*) FROM memberships m WHERE m.tenant_id = t.id) AS members FROM tenants t ORDER BY t.kind DESC, t.id",
    );
    expect(tenants).toEqual([
      { id: DEMO_PROVINCE_ID, kind: "province", parent_id: null, members: 0 },
      { id: DEMO_TENANT_ID, kind: "committee", parent_id: DEMO_PROVINCE_ID, members: 60 },
      { id: DEMO_SECOND_COMMITTEE_ID, kind: "committee", parent_id: DEMO_PROVINCE_ID, members: 12 },
    ]);
    // The province's office: its admin, and the visiting leader as one of its officers (offered as a guest).
    const officers = await q<{ role: string; email: string }>(
      `SELECT r.role, p.email FROM tenant_roles r JOIN people p ON p.id = r.person_id WHERE r.tenant_id = '${DEMO_PROVINCE_ID}' ORDER BY r.role`,
    );
    expect(officers).toEqual([
      { role: "admin", email: "admin@tinhuy.demo" },
      { role: "viewer", email: "lanhdao@tinhuy.demo" },
    ]);
    const [second] = await q<{ branches: number; held: number; admin: string }>(
      `SELECT (SELECT COUNT(*) FROM organizations WHERE tenant_id = '${DEMO_SECOND_COMMITTEE_ID}') AS branches,
         (SELECT COUNT(*) FROM meetings WHERE tenant_id = '${DEMO_SECOND_COMMITTEE_ID}' AND status = 'closed') AS held,
         (SELECT p.email FROM tenant_roles r JOIN people p ON p.id = r.person_id WHERE r.tenant_id = '${DEMO_SECOND_COMMITTEE_ID}') AS admin`,
    );
    expect(second!.branches).toBe(2);
    expect(second!.held).toBeGreaterThanOrEqual(2 * 12);
    expect(second!.admin).toBe("admin@tanlac.demo");
  });

  it("invites the visiting leader, who holds no membership, to tonight's meeting and to the ones their visits were planned for", async () => {
    const rows = await q<{ id: string; status: string; memberships: number }>(
      `SELECT m.id, m.status, (SELECT COUNT(*) FROM memberships x WHERE x.person_id = p.id) AS memberships
       FROM meeting_guests g JOIN people p ON p.id = g.person_id JOIN meetings m ON m.id = g.meeting_id WHERE p.email = 'lanhdao@tinhuy.demo'
       ORDER BY m.status`,
    );
    expect(rows.filter((r) => r.status === "planned").map((r) => r.id)).toEqual([`${DEMO_TENANT_ID}-kp3-current`]);
    expect(rows.filter((r) => r.status === "closed").length).toBeGreaterThanOrEqual(6);
    expect(rows.every((r) => r.memberships === 0)).toBe(true);
  });

  it("plans this month's meetings with the usual agenda and keeps closed ones with attendance and a resolution vote", async () => {
    const planned = await q<{ id: string; items: number; first: string; budget: number }>(
      `SELECT m.id, COUNT(a.id) AS items, MIN(CASE WHEN a.position = 1 THEN a.title END) AS first, SUM(a.minutes_budget) AS budget
       FROM meetings m JOIN agenda_items a ON a.meeting_id = m.id WHERE m.status = 'planned' AND m.kind = 'regular' AND m.tenant_id = '${DEMO_TENANT_ID}' GROUP BY m.id`,
    );
    expect(planned.length).toBe(7);
    for (const m of planned) {
      expect(m.first).toMatch(/^Khai mạc/);
      expect(m.budget).toBeGreaterThanOrEqual(90); // Directive 50-CT/TW: at least 90 minutes
    }
    const closed = await q<{
      id: string;
      members: number;
      marked: number;
      base: number;
      agree: number;
      result: string;
    }>(
      `SELECT m.id,
         (SELECT COUNT(*) FROM memberships x WHERE x.organization_id = m.organization_id) AS members,
         (SELECT COUNT(*) FROM attendance a WHERE a.meeting_id = m.id) AS marked,
         v.base, v.agree, v.result
       FROM meetings m JOIN votes v ON v.meeting_id = m.id WHERE m.status = 'closed'`,
    );
    expect(closed.length).toBeGreaterThanOrEqual(14);
    for (const m of closed) {
      expect(m.marked, m.id).toBe(m.members);
      expect(m.result).toBe(m.agree * 2 > m.base ? "passed" : "not_passed");
    }
  });

  it("grades every held regular meeting on the grid and plans the leader's visits for the reports", async () => {
    const graded = await q<{ regular: number; graded: number; evals: string; grades: string }>(
      `SELECT (SELECT COUNT(*) FROM meetings WHERE status = 'closed' AND kind = 'regular') AS regular,
         (SELECT COUNT(DISTINCT e.meeting_id) FROM evaluations e JOIN meetings m ON m.id = e.meeting_id
           WHERE e.evaluator_kind = 'branch' AND m.status = 'closed' AND m.kind = 'regular' AND e.evaluator_person_id = m.chair_person_id) AS graded,
         (SELECT json_group_array(json_array(scores_json, total, grade)) FROM evaluations) AS evals,
         (SELECT group_concat(DISTINCT grade) FROM evaluations) AS grades`,
    );
    expect(graded[0]!.regular).toBeGreaterThanOrEqual(14);
    expect(graded[0]!.graded).toBe(graded[0]!.regular);
    // Each grade is the grid's for its points (Tốt also needs full marks on attendance, duration, speaking, minutes).
    for (const [scores, total, grade] of JSON.parse(graded[0]!.evals) as [string, number, string][])
      expect(gradeOf(JSON.parse(scores) as Scores), scores).toEqual({ total, grade });
    expect(graded[0]!.grades.split(",").length).toBeGreaterThanOrEqual(3);
    // The leader's plans: each linked to a meeting of its branch in its month, to which the leader is invited.
    const plans = await q<{
      month: string;
      meeting_month: string;
      same_branch: number;
      invited: number;
      status: string;
    }>(
      `SELECT vp.month, strftime('%Y-%m', m.scheduled_at, '${VN_SQL_SHIFT}') AS meeting_month, m.organization_id = vp.organization_id AS same_branch,
         EXISTS (SELECT 1 FROM meeting_guests g WHERE g.meeting_id = vp.meeting_id AND g.person_id = vp.leader_person_id) AS invited, vp.status
       FROM visit_plans vp JOIN meetings m ON m.id = vp.meeting_id`,
    );
    expect(plans.length).toBeGreaterThanOrEqual(12);
    for (const p of plans)
      expect([p.meeting_month, p.same_branch, p.invited, p.status]).toEqual([p.month, 1, 1, "planned"]);
  });
  it("holds a regular meeting every month of the last twelve in every branch, and a thematic one every quarter", async () => {
    const [closed, branches] = await readHistory();
    const thisMonth = vnThisMonth();
    const window = Array.from({ length: 12 }, (_, i) => addMonths(thisMonth, i - 12));
    for (const { org } of branches!) {
      const own = closed!.filter((m) => m.org === org);
      const regular = own.filter((m) => m.kind === "regular").map((m) => m.month);
      expect(regular, String(org)).toEqual(window);
      const quarters = new Set(own.filter((m) => m.kind === "thematic").map((m) => quarterKey(String(m.month))));
      // The agency branch holds this quarter's thematic meeting later this month (planned).
      const due = new Set(
        window.map(quarterKey).filter((k) => org !== `${DEMO_TENANT_ID}-coquan` || k !== quarterKey(thisMonth)),
      );
      expect(quarters, String(org)).toEqual(due);
    }
  }, 60_000);

  it("keeps approved minutes whose counts are the record's and an issued, numbered resolution with 2–4 tasks for every closed meeting", async () => {
    const [closed] = await readHistory();
    expect(closed!.length).toBeGreaterThanOrEqual(9 * 16);
    for (const m of closed!) {
      const id = String(m.id);
      expect(m.approved, id).toBe(1);
      const present = Number(m.hall) + Number(m.remote);
      expect(m.minutes, id).toContain(`Có mặt: ${present} (tại hội trường ${m.hall}, trực tuyến ${m.remote})`);
      expect(m.agree, id).not.toBeNull(); // regular and thematic meetings both adopt their resolution by vote
      expect(m.minutes, id).toContain(`tán thành ${m.agree}/${m.base}`);
      expect(m.minutes, id).toContain(m.result === "passed" ? "→ THÔNG QUA" : "→ KHÔNG THÔNG QUA");
      expect([m.resolution, m.adopted, m.year], id).toEqual(["issued", 1, Number(String(m.month).slice(0, 4))]);
      expect(m.tasks, id).toBeGreaterThanOrEqual(2);
      expect(m.tasks, id).toBeLessThanOrEqual(4);
    }
    // Numbered 1, 2, 3… per branch and year in meeting order (a year the window starts late in goes on from
    // the meetings before it).
    const byBranchYear = new Map<string, number[]>();
    for (const m of closed!) {
      const key = `${m.org}/${m.year}`;
      byBranchYear.set(key, [...(byBranchYear.get(key) ?? []), Number(m.number)]);
    }
    for (const [key, numbers] of byBranchYear) {
      expect(numbers, key).toEqual(numbers.map((_, i) => numbers[0]! + i));
      const year = key.slice(-4);
      if (`${year}-01` >= addMonths(vnThisMonth(), -12)) expect(numbers[0], key).toBe(1);
    }
  }, 60_000);

  it("reviews each task at the next month's regular meeting, which opens with the task review; most are done on time", async () => {
    const [, , tasks, reviews, regular] = await readHistory();
    const thisMonth = vnThisMonth();
    for (const t of tasks!) {
      const id = String(t.id);
      expect(String(t.deadline).slice(0, 7), id).toBe(addMonths(String(t.decided), 1));
      expect(t.lead_here, id).toBe(1);
      expect(t.status === "done", id).toBe(t.done_on !== null);
    }
    for (const r of reviews!) {
      expect([r.kind, r.same_branch], String(r.task_id)).toEqual(["regular", 1]);
      expect([addMonths(String(r.decided), 1), addMonths(String(r.decided), 2)], String(r.task_id)).toContain(r.month);
    }
    // Every regular meeting after the window's first month opens (after "Khai mạc") with the review, this month's
    // planned ones too; the held ones carry their review rows.
    const first = addMonths(thisMonth, -12);
    for (const m of regular!.filter((x) => x.month !== first)) {
      expect(m.second, String(m.id)).toBe("task_review");
      if (m.status === "closed") expect(Number(m.reviews), String(m.id)).toBeGreaterThan(0);
    }
    const reviewed = tasks!.filter((t) => t.status !== "open");
    const onTime = reviewed.filter((t) => t.status === "done" && String(t.done_on) <= String(t.deadline)).length;
    const late = reviewed.filter((t) => t.status === "done" && String(t.done_on) > String(t.deadline)).length;
    const notDone = reviewed.filter((t) => t.status === "not_done").length;
    expect(onTime / reviewed.length).toBeGreaterThan(0.6);
    expect(late).toBeGreaterThan(0);
    expect(notDone).toBeGreaterThan(0);
    // Last month's tasks wait for this month's meeting.
    expect(tasks!.filter((t) => t.decided === addMonths(thisMonth, -1)).every((t) => t.status === "open")).toBe(true);
  }, 60_000);

  it("spreads attendance and grades as a real year does: most branches above the 85% mark, rare unexcused absences, at least three grades", async () => {
    const [, , , , , attendance, grades] = await readHistory();
    const rate = (a: Rows[number]) => Number(a.present) / (Number(a.present) + Number(a.excused) + Number(a.unexcused));
    const above = attendance!.filter((a) => rate(a) > 0.85);
    expect(above.length).toBeGreaterThan(attendance!.length / 2);
    expect(attendance!.every((a) => rate(a) >= 0.8)).toBe(true);
    const sum = (k: string) => attendance!.reduce((n, a) => n + Number(a[k]), 0);
    expect(sum("remote")).toBeGreaterThan(0);
    expect(sum("excused")).toBeGreaterThan(sum("unexcused"));
    expect(sum("unexcused")).toBeGreaterThan(0);
    expect(sum("unexcused")).toBeLessThanOrEqual(attendance!.length);
    const count: Record<string, number> = Object.fromEntries(grades!.map((g) => [String(g.grade), Number(g.n)]));
    const total = Object.values(count).reduce((a, b) => a + b, 0);
    expect(Object.keys(count).length).toBeGreaterThanOrEqual(3);
    expect(((count.good ?? 0) + (count.fair ?? 0)) / total).toBeGreaterThan(0.85);
    expect((count.weak ?? 0) / total).toBeLessThan(0.05);
  }, 60_000);
});
