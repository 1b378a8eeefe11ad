/**
 * Spreadsheet formula injection (issue 12): names a committee types in come back in the report exports. In the
 * CSV, text starting with = + - @ tab or CR is written with a leading ' so Excel / LibreOffice / Sheets show
 * it instead of running it; in the XLSX it stays the exact text (a string cell is never a formula).
 */
import { exports } from "cloudflare:workers";
import readXlsxFile from "read-excel-file/universal";
import { beforeAll, describe, expect, it } from "vitest";
import type { OrganizationNode } from "../../schema/api/organizations";
import { vnThisYear } from "../../schema/calendar";
import { parseCsv } from "../../schema/csv/parse-csv";
import { api, createLeader, createTenant, login } from "../support/fixtures";

const NAMES = ['=HYPERLINK("http://x","y")', "+1+1", "@SUM(A1)", "-2+3"];
/** A visiting leader's name (their account's own): it shows in the visits report's per-leader table. */
const LEADER = "-Lê+Văn Lãnh";
/** A branch under the committee: it shows in the grades report's per-branch table and in "falling behind". */
const BRANCH = "=cmd|' /C calc'!A0";

let t: Awaited<ReturnType<typeof createTenant>>;
let admin: string;
const base = () => `/api/tenants/${t.tenantId}`;

async function download(path: string) {
  return exports.default.fetch(`http://chibo.test${path}`, { headers: { authorization: `Bearer ${admin}` } });
}

async function csvCells(path: string): Promise<string[]> {
  const res = await download(path);
  expect(res.status).toBe(200);
  const parsed = parseCsv(await res.text(), ",");
  if (!parsed.ok) throw new Error("the export does not parse as CSV");
  return parsed.records.flatMap((r) => r.cells);
}

beforeAll(async () => {
  t = await createTenant();
  admin = await login(t.admin.email);
  for (const name of NAMES) {
    const res = await api<OrganizationNode>("POST", `${base()}/organizations`, admin, {
      kind: "grassroots_branch",
      name,
      branchType: "residential",
    });
    expect(res.status, name).toBe(201);
  }
  const tree = await api<{ items: OrganizationNode[] }>("GET", `${base()}/organizations`, admin);
  const committee = tree.json.items.find((o) => o.kind === "grassroots_committee")!;
  const branch = await api("POST", `${base()}/organizations`, admin, {
    kind: "branch",
    name: BRANCH,
    parentId: committee.id,
    branchType: "residential",
  });
  expect(branch.status).toBe(201);
  const leader = await createLeader(t.tenantId, LEADER);
  const visit = await api("POST", `${base()}/visits`, admin, {
    leaderPersonId: leader.id,
    organizationId: t.branchId,
    month: `${vnThisYear()}-12`,
  });
  expect(visit.status).toBe(201);
});

describe("report CSV exports neutralise formulas", () => {
  it("writes a formula-looking branch name with a leading ' in one report's CSV", async () => {
    const cells = await csvCells(`${base()}/reports/meetings?format=csv`);
    for (const name of NAMES) {
      expect(cells, name).toContain(`'${name}`);
      expect(cells, name).not.toContain(name);
    }
  });

  it("leaves no cell starting with = + - @ tab or CR in any report's CSV", async () => {
    const cells = await csvCells(`${base()}/reports/all?format=csv`);
    expect(cells).toContain(`'${BRANCH}`);
    expect(cells).toContain(`'${LEADER}`);
    for (const name of NAMES) expect(cells, name).toContain(`'${name}`);
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
  });

  it("keeps the exact text in the XLSX, where a string cell is never a formula", async () => {
    const res = await download(`${base()}/reports/meetings?format=xlsx`);
    expect(res.status).toBe(200);
    const [sheet] = await readXlsxFile(await res.arrayBuffer());
    const firstColumn = sheet!.data.map((r) => r[0]);
    for (const name of NAMES) expect(firstColumn, name).toContain(name);
  });
});
