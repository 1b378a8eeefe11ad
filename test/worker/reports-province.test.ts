/**
 * A province's reports over its committees (`?scope=children`), 2025, on two small committees built by hand; every
 * figure worked out on paper in the comments. Meetings are at 19:30 Vietnam time (12:30Z) on the 10th.
 *
 *   Tỉnh ủy (province P)
 *   ├ Đảng ủy phường Xuân (X)
 *   │   ├ Chi bộ Quân sự Xuân (X2, grassroots branch: x4, x5)        regular Jan–Jun, no thematic
 *   │   └ Đảng bộ Khối dân cư Xuân (GX)
 *   │       └ Chi bộ khu phố Xuân 1 (X1: x1 secretary, x2, x3)      regular every month, thematic each quarter
 *   └ Đảng ủy xã Yên (Y)
 *       └ Đảng bộ Khối dân cư Yên (GY)
 *           └ Chi bộ thôn Yên 1 (Y1: y1 secretary, y2)               regular Jan–Mar, April cancelled
 * Another province's committee (Z) holds meetings in 2025 too, and must never show.
 */
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { ReportResult } from "../../schema/api/reports";
import { attendance, evaluations, meetings, memberships, organizations } from "../../schema/db/tables";
import type { ErrorBody } from "../../schema/errors";
import { api, createPerson, dbOf, placeTenant, shardOf } from "../support/fixtures";
import { branch } from "./meetings-helpers";
import { createProvince, type Province, placeUnder } from "./province-fixture";

const uid = (p: string) => `${p}-${crypto.randomUUID().slice(0, 8)}`;
const months = ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"];
type Person = Awaited<ReturnType<typeof createPerson>>;

let p: Province;
const t = { X: "", Y: "" };
const org: Record<string, string> = {};
const mt: Record<string, string> = {};
const people: Record<string, Person> = {};
let childAdminToken = "";
/** A branch of the other province's committee. */
let foreignOrg = "";

/** A committee under the province, in the province's shard. */
async function committee(name: string, parentId: string) {
  const id = uid("t");
  await placeTenant({ id, name, parentId }, shardOf(parentId));
  return id;
}

async function orgOf(
  key: string,
  tenantId: string,
  kind: "grassroots_committee" | "branch" | "grassroots_branch",
  name: string,
  parent?: string,
) {
  org[key] = uid("org");
  await dbOf(p.id)
    .insert(organizations)
    .values({
      id: org[key]!,
      tenantId,
      parentId: parent ? org[parent]! : null,
      kind,
      name,
      branchType: kind === "grassroots_committee" ? null : "residential",
    });
}

async function member(key: string, tenantId: string, orgKey: string, role: "secretary" | "member" = "member") {
  people[key] = await createPerson(`Đảng viên ${key.toUpperCase()}`);
  await dbOf(p.id)
    .insert(memberships)
    .values({
      id: uid("m"),
      tenantId,
      organizationId: org[orgKey]!,
      personId: people[key]!.id,
      status: "official",
      branchRole: role,
      fullName: `Đảng viên ${key.toUpperCase()}`,
    });
}

async function meeting(
  key: string,
  tenantId: string,
  orgKey: string,
  kind: "regular" | "thematic",
  mm: string,
  status: "closed" | "cancelled" = "closed",
) {
  mt[key] = uid(`mt-${key}`);
  await dbOf(p.id)
    .insert(meetings)
    .values({
      id: mt[key]!,
      tenantId,
      organizationId: org[orgKey]!,
      kind,
      topic: `Sinh hoạt ${key}`,
      scheduledAt: `2025-${mm}-${kind === "regular" ? "10" : "20"}T12:30:00.000Z`,
      status,
    });
}

beforeAll(async () => {
  p = await createProvince("Tỉnh ủy thử báo cáo");
  t.X = await committee("Đảng ủy phường Xuân", p.id);
  t.Y = await committee("Đảng ủy xã Yên", p.id);
  await orgOf("GX", t.X, "grassroots_committee", "Đảng bộ Khối dân cư Xuân");
  await orgOf("X1", t.X, "branch", "Chi bộ khu phố Xuân 1", "GX");
  await orgOf("X2", t.X, "grassroots_branch", "Chi bộ Quân sự Xuân");
  await orgOf("GY", t.Y, "grassroots_committee", "Đảng bộ Khối dân cư Yên");
  await orgOf("Y1", t.Y, "branch", "Chi bộ thôn Yên 1", "GY");
  await member("x1", t.X, "X1", "secretary");
  await member("x2", t.X, "X1");
  await member("x3", t.X, "X1");
  await member("x4", t.X, "X2", "secretary");
  await member("x5", t.X, "X2");
  await member("y1", t.Y, "Y1", "secretary");
  await member("y2", t.Y, "Y1");
  for (const mm of months) await meeting(`X1-${mm}`, t.X, "X1", "regular", mm);
  for (const mm of ["02", "05", "08", "11"]) await meeting(`X1-th-${mm}`, t.X, "X1", "thematic", mm);
  for (const mm of months.slice(0, 6)) await meeting(`X2-${mm}`, t.X, "X2", "regular", mm);
  for (const mm of months.slice(0, 3)) await meeting(`Y1-${mm}`, t.Y, "Y1", "regular", mm);
  await meeting("Y1-04", t.Y, "Y1", "regular", "04", "cancelled");
  const att = (
    key: string,
    rows: [string, "present_hall" | "present_remote" | "absent_excused" | "absent_unexcused"][],
  ) =>
    dbOf(p.id)
      .insert(attendance)
      .values(
        rows.map(([who, status]) => ({
          tenantId: key.startsWith("Y") ? t.Y : t.X,
          meetingId: mt[key]!,
          personId: people[who]!.id,
          status,
        })),
      );
  await att("X1-01", [
    ["x1", "present_hall"],
    ["x2", "present_remote"],
    ["x3", "absent_unexcused"],
  ]);
  await att("Y1-01", [
    ["y1", "present_hall"],
    ["y2", "absent_excused"],
  ]);
  const ev = (key: string, who: string, total: number, grade: "good" | "fair" | "weak") => ({
    id: uid("ev"),
    tenantId: key.startsWith("Y") ? t.Y : t.X,
    meetingId: mt[key]!,
    evaluatorPersonId: people[who]!.id,
    evaluatorKind: "branch" as const,
    scoresJson: "{}",
    total,
    grade,
  });
  await dbOf(p.id)
    .insert(evaluations)
    .values([ev("X1-01", "x1", 92, "good"), ev("X1-02", "x1", 80, "fair"), ev("Y1-01", "y1", 40, "weak")]);

  // Another province's committee, with a held and graded meeting in 2025: never in P's figures.
  const other = await createProvince("Tỉnh ủy khác");
  const z = await branch();
  await placeUnder(z.tenantId, other.id);
  childAdminToken = z.adminToken;
  foreignOrg = z.branchId;
  const zMeeting = uid("mt-z");
  await dbOf(z.tenantId).insert(meetings).values({
    id: zMeeting,
    tenantId: z.tenantId,
    organizationId: z.branchId,
    kind: "regular",
    topic: "x",
    scheduledAt: "2025-01-10T12:30:00.000Z",
    status: "closed",
  });
  await dbOf(z.tenantId)
    .insert(evaluations)
    .values({
      id: uid("ev"),
      tenantId: z.tenantId,
      meetingId: zMeeting,
      evaluatorPersonId: z.secretary.id,
      evaluatorKind: "branch",
      scoresJson: "{}",
      total: 10,
      grade: "weak",
    });
});

const report = async (name: string, query = "year=2025&scope=children", token = p.viewer.token) => {
  const res = await api<ReportResult>("GET", `/api/tenants/${p.id}/reports/${name}?${query}`, token);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json;
};
const values = (r: ReportResult) => Object.fromEntries(r.rows.map((row) => [row.name, row.values]));

describe("the province's reports, by committee", () => {
  it("rolls meetings held up per committee and over the province", async () => {
    const r = await report("meetings");
    // No resolution tasks here (reports-tasks.test.ts counts them, rolled up too).
    const noTasks = { tasksDue: 0, tasksOnTime: 0, tasksOnTimeRate: null };
    expect(r.scope).toMatchObject({ id: null, name: "Tỉnh ủy thử báo cáo", path: [] });
    // One row per committee, by name ("phường" before "xã"), each drillable, each with a branch behind.
    expect(
      r.rows.map(({ organizationId, name, kind, drillable, behind }) => ({
        organizationId,
        name,
        kind,
        drillable,
        behind,
      })),
    ).toEqual([
      { organizationId: t.X, name: "Đảng ủy phường Xuân", kind: "committee", drillable: true, behind: true },
      { organizationId: t.Y, name: "Đảng ủy xã Yên", kind: "committee", drillable: true, behind: true },
    ]);
    // X: X1 12/12 regular, 4/4 thematic, 16 held; X2 6/12, 0/4, 6 held. 24 due, 18 held → 0.75; 8 thematic due,
    // 4 held; 22 held; X1 held all of both: 1 of 2 → 0.5; X2 behind.
    // Y: Y1 3/12 regular (April cancelled), 0/4 thematic, 3 held, 1 cancelled; 0 of 1 held all; behind.
    expect(values(r)).toEqual({
      "Đảng ủy phường Xuân": {
        branches: 2,
        regularDue: 24,
        regularHeld: 18,
        regularRate: 0.75,
        thematicDue: 8,
        thematicHeld: 4,
        meetingsHeld: 22,
        cancelled: 0,
        branchesAllRegular: 1,
        branchesAllThematic: 1,
        shareAllRegular: 0.5,
        shareAllThematic: 0.5,
        branchesBehind: 1,
        ...noTasks,
      },
      "Đảng ủy xã Yên": {
        branches: 1,
        regularDue: 12,
        regularHeld: 3,
        regularRate: 0.25,
        thematicDue: 4,
        thematicHeld: 0,
        meetingsHeld: 3,
        cancelled: 1,
        branchesAllRegular: 0,
        branchesAllThematic: 0,
        shareAllRegular: 0,
        shareAllThematic: 0,
        branchesBehind: 1,
        ...noTasks,
      },
    });
    // Province: 36 due, 21 held → 0.5833; 12 thematic due, 4 held; 25 held; 1 of 3 held all → 0.3333; 2 behind.
    expect(r.total).toEqual({
      branches: 3,
      regularDue: 36,
      regularHeld: 21,
      regularRate: 0.5833,
      thematicDue: 12,
      thematicHeld: 4,
      meetingsHeld: 25,
      cancelled: 1,
      branchesAllRegular: 1,
      branchesAllThematic: 1,
      shareAllRegular: 0.3333,
      shareAllThematic: 0.3333,
      branchesBehind: 2,
      ...noTasks,
    });
    // Behind, named with what they belong to: X2 stands at the top of X, Y1 under its grassroots committee.
    expect(r.behind.map(({ name, parentName, reasons }) => ({ name, parentName, reasons }))).toEqual([
      {
        name: "Chi bộ Quân sự Xuân",
        parentName: "Đảng ủy phường Xuân",
        reasons: [
          { code: "missing_regular", count: 6 },
          { code: "missing_thematic", count: 4 },
        ],
      },
      {
        name: "Chi bộ thôn Yên 1",
        parentName: "Đảng bộ Khối dân cư Yên",
        reasons: [
          { code: "missing_regular", count: 9 },
          { code: "missing_thematic", count: 4 },
        ],
      },
    ]);
    // January: X1, X2 and Y1 held their regular meeting (3 of 3 branches); April: X1 and X2 (Y1's was cancelled).
    expect(r.series.find((s) => s.month === "2025-01")!.values).toEqual({
      regular: 3,
      thematic: 0,
      branchesHeld: 3,
      branches: 3,
    });
    expect(r.series.find((s) => s.month === "2025-04")!.values).toEqual({
      regular: 2,
      thematic: 0,
      branchesHeld: 2,
      branches: 3,
    });
  });

  it("rolls attendance and grades up per committee", async () => {
    // X1 January: 3 expected, 2 present, 1 unexcused. Y1 January: 2 expected, 1 present, 1 excused.
    const a = await report("attendance");
    expect(values(a)["Đảng ủy phường Xuân"]).toMatchObject({
      meetings: 1,
      expected: 3,
      present: 2,
      rate: 0.6667,
      unexcused: 1,
    });
    expect(values(a)["Đảng ủy xã Yên"]).toMatchObject({ meetings: 1, expected: 2, present: 1, rate: 0.5, excused: 1 });
    expect(a.total).toMatchObject({ meetings: 2, expected: 5, present: 3, rate: 0.6, excused: 1, unexcused: 1 });
    // Grades: X 92 (Tốt) and 80 (Khá) of 22 held → average 86; Y 40 (Kém) of 3; province (92 + 80 + 40) / 3 = 70.7.
    const g = await report("grades");
    expect(values(g)["Đảng ủy phường Xuân"]).toMatchObject({
      meetingsHeld: 22,
      graded: 2,
      good: 1,
      fair: 1,
      weak: 0,
      ungraded: 20,
      averageScore: 86,
    });
    expect(values(g)["Đảng ủy xã Yên"]).toMatchObject({
      meetingsHeld: 3,
      graded: 1,
      weak: 1,
      ungraded: 2,
      averageScore: 40,
    });
    expect(g.total).toMatchObject({ meetingsHeld: 25, graded: 3, good: 1, fair: 1, weak: 1, averageScore: 70.7 });
  });

  it("drills into one committee, and into an organization of one; anything outside the province is 404", async () => {
    const x = await report("meetings", `year=2025&scope=children&organizationId=${t.X}`);
    expect(x.scope).toMatchObject({
      id: t.X,
      name: "Đảng ủy phường Xuân",
      path: [{ id: t.X, name: "Đảng ủy phường Xuân" }],
    });
    expect(x.rows.map((row) => [row.name, row.values.regularHeld])).toEqual([
      ["Chi bộ Quân sự Xuân", 6],
      ["Đảng bộ Khối dân cư Xuân", 12],
    ]);
    const gy = await report("meetings", `year=2025&scope=children&organizationId=${org.GY}`);
    expect(gy.scope.path).toEqual([
      { id: t.Y, name: "Đảng ủy xã Yên" },
      { id: org.GY, name: "Đảng bộ Khối dân cư Yên" },
    ]);
    expect(gy.rows.map((row) => row.name)).toEqual(["Chi bộ thôn Yên 1"]);
    for (const id of [foreignOrg, "unknown-org"]) {
      const res = await api(
        "GET",
        `/api/tenants/${p.id}/reports/meetings?scope=children&organizationId=${id}`,
        p.viewer.token,
      );
      expect(res.status).toBe(404);
    }
  });

  it("exports the roll-up (CSV) and answers all reports at once", async () => {
    const csv = await fetchText(`/api/tenants/${p.id}/reports/meetings?year=2025&scope=children&format=csv`);
    expect(csv).toContain("Đảng ủy phường Xuân");
    expect(csv).toContain("Đảng ủy xã Yên");
    const all = await api<{ reports: ReportResult[] }>(
      "GET",
      `/api/tenants/${p.id}/reports/all?year=2025&scope=children`,
      p.admin.token,
    );
    expect(all.status).toBe(200);
    expect(all.json.reports.map((r) => r.rows.map((row) => row.name))).toEqual(
      all.json.reports.map(() => ["Đảng ủy phường Xuân", "Đảng ủy xã Yên"]),
    );
  });

  it("is for a province only (400 for a committee), and for the province's staff only (404 for a committee's admin)", async () => {
    const x = await api<ErrorBody>("GET", `/api/tenants/${t.X}/reports/meetings?scope=children`, p.admin.token);
    expect(x.status).toBe(400);
    expect(x.json.error.issues).toEqual([{ path: "scope", message: expect.any(String) }]);
    expect((await api("GET", `/api/tenants/${p.id}/reports/meetings?scope=children`, childAdminToken)).status).toBe(
      404,
    );
  });
});

async function fetchText(path: string) {
  const res = await exports.default.fetch(`http://chibo.test${path}`, {
    headers: { authorization: `Bearer ${p.admin.token}` },
  });
  expect(res.status).toBe(200);
  return res.text();
}
