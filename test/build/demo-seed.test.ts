import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VN_SQL_SHIFT } from "../../schema/calendar.ts";
import { DEMO_LOGINS, DEMO_PASSWORD, DEMO_TENANT_ID } from "../../scripts/lib/demo-data.ts";
import { DEMO_PROVINCE_ID, DEMO_SECOND_COMMITTEE_ID } from "../../scripts/lib/demo-province.ts";
import { applyMigrationsLocal, queryAllLocal, queryLocal } from "../../scripts/lib/wrangler.ts";
import { seedDemo } from "../../scripts/seed-demo.ts";
import { verifyPassword } from "../../worker/lib/password.ts";

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
];

let dir = "";
const q = <T = Record<string, unknown>>(sql: string) => queryLocal<T>(sql, dir);

/** Every row of every seeded table, so a second load that changed anything (even a password hash) shows. */
async function snapshot(): Promise<string> {
  const parts = await queryAllLocal(TABLES.map((t) => `SELECT * FROM ${t} ORDER BY 1, 2, 3`).join("; "), dir);
  expect(parts).toHaveLength(TABLES.length);
  expect(parts.every((rows) => rows.length > 0)).toBe(true);
  return JSON.stringify(parts);
}

describe("demo seed on a local D1", () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "chibo-demo-test-"));
    await applyMigrationsLocal(dir);
  }, 60_000);
  afterAll(async () => {
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
    const rows = await q<{ email: string; password_hash: string; full_name: string }>(
      "SELECT email, password_hash, full_name FROM people WHERE password_hash IS NOT NULL ORDER BY email",
    );
    expect(rows.map((r) => r.email).sort()).toEqual(DEMO_LOGINS.map((l) => l.email).sort());
    for (const row of rows) {
      expect(row.password_hash).toMatch(/^pbkdf2-sha256\$100000\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
      expect(await verifyPassword(DEMO_PASSWORD, row.password_hash)).toBe(true);
      expect(await verifyPassword("wrong-password", row.password_hash)).toBe(false);
      expect(row.full_name).toBe(DEMO_LOGINS.find((l) => l.email === row.email)!.name);
    }
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
    expect(second).toEqual({ branches: 2, held: 4, admin: "admin@tanlac.demo" });
  });

  it("invites the visiting leader, who holds no membership, to a planned meeting (and to the ones their visits were planned for)", async () => {
    const rows = await q<{ status: string; memberships: number }>(
      `SELECT m.status, (SELECT COUNT(*) FROM memberships x WHERE x.person_id = p.id) AS memberships
       FROM meeting_guests g JOIN people p ON p.id = g.person_id JOIN meetings m ON m.id = g.meeting_id WHERE p.email = 'lanhdao@tinhuy.demo'
       ORDER BY m.status`,
    );
    expect(rows).toEqual([
      { status: "closed", memberships: 0 },
      { status: "closed", memberships: 0 },
      { status: "planned", memberships: 0 },
    ]);
  });

  it("plans this month's meetings with the usual agenda and keeps closed ones with attendance and a resolution vote", async () => {
    const planned = await q<{ id: string; items: number; first: string; budget: number }>(
      `SELECT m.id, COUNT(a.id) AS items, MIN(CASE WHEN a.position = 1 THEN a.title END) AS first, SUM(a.minutes_budget) AS budget
       FROM meetings m JOIN agenda_items a ON a.meeting_id = m.id WHERE m.status = 'planned' AND m.kind = 'regular' GROUP BY m.id`,
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
    const graded = await q<{ regular: number; graded: number; bad: number; grades: string }>(
      `SELECT (SELECT COUNT(*) FROM meetings WHERE status = 'closed' AND kind = 'regular') AS regular,
         (SELECT COUNT(DISTINCT e.meeting_id) FROM evaluations e JOIN meetings m ON m.id = e.meeting_id
           WHERE e.evaluator_kind = 'branch' AND m.status = 'closed' AND m.kind = 'regular' AND e.evaluator_person_id = m.chair_person_id) AS graded,
         (SELECT COUNT(*) FROM evaluations WHERE NOT (grade = CASE WHEN total >= 90 THEN 'good' WHEN total >= 70 THEN 'fair' WHEN total >= 50 THEN 'average' ELSE 'weak' END)) AS bad,
         (SELECT group_concat(DISTINCT grade) FROM evaluations) AS grades`,
    );
    expect(graded[0]!.regular).toBeGreaterThanOrEqual(14);
    expect(graded[0]!.graded).toBe(graded[0]!.regular);
    expect(graded[0]!.bad).toBe(0);
    expect(graded[0]!.grades.split(",").sort()).toEqual(["average", "fair", "good"]);
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
    expect(plans).toHaveLength(3);
    for (const p of plans)
      expect([p.meeting_month, p.same_branch, p.invited, p.status]).toEqual([p.month, 1, 1, "planned"]);
  });
});
