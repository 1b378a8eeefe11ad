/**
 * Reports and grade review around the figures: who may read them, tenant isolation, bad queries, and the
 * CSV / XLSX exports parsed back.
 */
import { exports } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import readXlsxFile from "read-excel-file/universal";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type MeetingGradeView,
  type ReportResult,
  reportColumns,
  reportNames,
  reportTitles,
} from "../../schema/api/reports";
import { vnThisYear } from "../../schema/calendar";
import { evaluations, meetings } from "../../schema/db/tables";
import type { ErrorBody, ErrorIssue } from "../../schema/errors";
import { api, createTenant, dbOf, login } from "../support/fixtures";
import { buildReportTenant, type ReportTenant } from "./reports-fixture";

/** A 400 answer: the envelope with its issues always listed. */
type BadRequest = { error: { code: string; issues: ErrorIssue[] } };
/** GET …/reports/all as JSON. */
type AllReports = { reports: ReportResult[] };
/** GET …/evaluations. */
type GradeList = { items: MeetingGradeView[] };

let t: ReportTenant;
let admin: string;
let other: Awaited<ReturnType<typeof createTenant>>;
let otherAdmin: string;
let otherEvaluationId: string;
const base = () => `/api/tenants/${t.tenantId}`;

beforeAll(async () => {
  t = await buildReportTenant();
  admin = await login(t.admin.email);
  other = await createTenant();
  otherAdmin = await login(other.admin.email);
  const mid = `mt-o-${crypto.randomUUID().slice(0, 8)}`;
  const secretary = Object.values(other.people)[0]!;
  await dbOf(other.tenantId).insert(meetings).values({
    id: mid,
    tenantId: other.tenantId,
    organizationId: other.branchId,
    kind: "regular",
    topic: "x",
    scheduledAt: "2025-01-10T12:30:00.000Z",
    status: "closed",
  });
  otherEvaluationId = `ev-o-${crypto.randomUUID().slice(0, 8)}`;
  await dbOf(other.tenantId).insert(evaluations).values({
    id: otherEvaluationId,
    tenantId: other.tenantId,
    meetingId: mid,
    evaluatorPersonId: secretary.id,
    evaluatorKind: "branch",
    scoresJson: "{}",
    total: 10,
    grade: "weak",
  });
});

async function download(path: string, token: string) {
  return exports.default.fetch(`http://chibo.test${path}`, { headers: { authorization: `Bearer ${token}` } });
}

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += ch;
  }
  return rows;
}

describe("who may read reports", () => {
  it("answers 404 for another committee's tenant and for its organizations, and changes nothing", async () => {
    expect((await api("GET", `/api/tenants/${other.tenantId}/reports/meetings?year=2025`, admin)).status).toBe(404);
    const res = await api<ErrorBody>(
      "GET",
      `${base()}/reports/meetings?year=2025&organizationId=${other.branchId}`,
      admin,
    );
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe("not_found");
    expect((await api("GET", `${base()}/evaluations?year=2025&organizationId=${other.branchId}`, admin)).status).toBe(
      404,
    );
    // The other committee's own report is untouched by ours: one meeting held, graded weak.
    const theirs = await api<ReportResult>(
      "GET",
      `/api/tenants/${other.tenantId}/reports/grades?year=2025`,
      otherAdmin,
    );
    expect(theirs.json.total).toMatchObject({ meetingsHeld: 1, graded: 1, weak: 1 });
  });

  it("lets a viewer read but refuses members and visiting leaders (403)", async () => {
    const viewer = await login(t.viewer.email);
    expect((await api("GET", `${base()}/reports/attendance?year=2025`, viewer)).status).toBe(200);
    const member = await login(t.p.a2!.email);
    const res = await api<ErrorBody>("GET", `${base()}/reports/attendance?year=2025`, member);
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe("forbidden");
    expect((await api("GET", `${base()}/reports/all?year=2025&format=xlsx`, member)).status).toBe(403);
    expect((await api("GET", `${base()}/evaluations?year=2025`, member)).status).toBe(403);
  });

  it("refuses malformed periods and unknown reports in the envelope", async () => {
    for (const q of [
      "year=abc",
      "year=1999",
      "quarter=2",
      "year=2025&quarter=5",
      "month=2025-13",
      "from=2025-01-01",
      "from=2025-02-01&to=2025-01-01",
      "year=2025&month=2025-01",
      "from=2000-01-01&to=2020-01-01",
      "format=pdf",
      "organizationId=a%20b",
    ]) {
      const res = await api<BadRequest>("GET", `${base()}/reports/meetings?${q}`, admin);
      expect(res.status, q).toBe(400);
      expect(res.json.error.code).toBe("bad_request");
      expect(res.json.error.issues.length, q).toBeGreaterThan(0);
    }
    const unknown = await api<ErrorBody>("GET", `${base()}/reports/salaries?year=2025`, admin);
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe("not_found");
  });

  it("defaults to the current year", async () => {
    const res = await api<ReportResult>("GET", `${base()}/reports/meetings`, admin);
    expect(res.status).toBe(200);
    const year = vnThisYear();
    expect(res.json.period.label).toBe(`Năm ${year}`);
  });
});

describe("exports", () => {
  it("writes CSV as UTF-8 with a byte-order mark that parses back to the same figures", async () => {
    const res = await download(`${base()}/reports/attendance?year=2025&format=csv`, admin);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="bao-cao-attendance-2025.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(bytes.slice(3)));
    expect(rows[0]).toEqual(["Dự sinh hoạt"]);
    expect(rows[1]).toEqual(["Kỳ báo cáo", "Năm 2025"]);
    expect(rows[4]).toEqual([
      "Đơn vị",
      "Số cuộc",
      "Lượt phải dự (trừ miễn)",
      "Lượt có mặt",
      "Tỷ lệ dự họp (%)",
      "Vắng có lý do",
      "Vắng không lý do",
      "Miễn sinh hoạt vắng",
      "Cuộc có vắng không lý do",
      "Cuộc dự dưới 85%",
      "Chi bộ chậm",
      "Chậm",
    ]);
    expect(rows[5]).toEqual(["Chi bộ cơ sở Trường học", "1", "3", "3", "100", "0", "0", "0", "0", "0", "0", ""]);
    expect(rows[6]).toEqual(["Đảng bộ phường Một", "3", "13", "11", "84.6", "1", "1", "1", "1", "2", "1", "Có"]);
    expect(rows[7]).toEqual(["Tổng", "4", "16", "14", "87.5", "1", "1", "1", "1", "2", "1", ""]);
    const behindAt = rows.findIndex((r) => r[0] === "Chi bộ chậm");
    expect(rows[behindAt + 2]).toEqual([
      "Chi bộ khu phố 2",
      "Đảng bộ phường Một",
      "Tỷ lệ dự họp 75% (cần trên 85%); 1 lượt vắng không lý do",
    ]);
  });

  it("writes XLSX that opens with one sheet per report and the same figures", async () => {
    const one = await download(`${base()}/reports/speaking?year=2025&format=xlsx`, admin);
    expect(one.status).toBe(200);
    expect(one.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const [sheet] = await readXlsxFile(await one.arrayBuffer());
    expect(sheet!.sheet).toBe("Phát biểu");
    const data = sheet!.data;
    expect(data[0]![0]).toBe("Phát biểu");
    const header = data[4]!;
    expect(header[4]).toBe("Tỷ lệ người dự phát biểu (%)");
    expect(header[5]).toBe("Thời gian phát biểu (phút)");
    const g1 = data.find((r) => r[0] === "Đảng bộ phường Một")!;
    // 7 of 11 speakers = 63.6%; 2300 s = 38.3 minutes; top 73.9%.
    expect(g1.slice(0, 7)).toEqual(["Đảng bộ phường Một", 3, 11, 7, 63.6, 38.3, 73.9]);

    const all = await download(`${base()}/reports/all?year=2025&format=xlsx`, admin);
    expect(all.headers.get("content-disposition")).toBe('attachment; filename="bao-cao-all-2025.xlsx"');
    const sheets = await readXlsxFile(await all.arrayBuffer());
    expect(sheets.map((s) => s.sheet)).toEqual([
      "Sinh hoạt định kỳ và chuyên đề",
      "Dự sinh hoạt",
      "Phát biểu",
      "Biểu quyết",
      "Xếp loại chất lượng",
      "Lãnh đạo dự sinh hoạt",
    ]);
    const meetingsTotal = sheets[0]!.data.find((r) => r[0] === "Tổng")!;
    expect(meetingsTotal.slice(0, 4)).toEqual(["Tổng", 3, 36, 33]);
    const grades = sheets[4]!.data;
    const yearRow = grades.find((r) => r[0] === "Chi bộ khu phố 2" && r[1] === 2025)!;
    // Nothing confirmed in this file: B's January grade is the leader's 75 (Khá), not the branch's 48.
    expect(yearRow.slice(0, 9)).toEqual(["Chi bộ khu phố 2", 2025, 1, 0, 1, 0, 0, 75, "Khá"]);
  });

  it("exports each report alone, as CSV and as XLSX, with its title, header and total", async () => {
    for (const name of reportNames) {
      const json = await api<ReportResult>("GET", `${base()}/reports/${name}?year=2025`, admin);
      const header = [
        "Đơn vị",
        ...reportColumns[name].map((c) =>
          c.kind === "rate" ? `${c.label} (%)` : c.kind === "seconds" ? `${c.label} (phút)` : c.label,
        ),
        "Chậm",
      ];
      const csv = await download(`${base()}/reports/${name}?year=2025&format=csv`, admin);
      expect(csv.status, name).toBe(200);
      expect(csv.headers.get("content-disposition")).toBe(`attachment; filename="bao-cao-${name}-2025.csv"`);
      const rows = parseCsv((await csv.text()).replace(/^\uFEFF/, ""));
      expect(rows[0], name).toEqual([reportTitles[name]]);
      expect(rows[4], name).toEqual(header);
      expect(rows.slice(5, 5 + json.json.rows.length).map((r) => r[0])).toEqual(
        json.json.rows.map((r: { name: string }) => r.name),
      );
      expect(rows[5 + json.json.rows.length]![0], name).toBe("Tổng");
      const xlsx = await download(`${base()}/reports/${name}?year=2025&format=xlsx`, admin);
      expect(xlsx.status, name).toBe(200);
      const [sheet] = await readXlsxFile(await xlsx.arrayBuffer());
      expect(sheet!.sheet).toBe(reportTitles[name]);
      expect(sheet!.data[4], name).toEqual(header);
    }
  });

  it("answers every report as JSON from /all", async () => {
    const res = await api<AllReports>("GET", `${base()}/reports/all?month=2025-01`, admin);
    expect(res.status).toBe(200);
    expect(res.json.reports.map((r: { report: string }) => r.report)).toEqual([
      "meetings",
      "attendance",
      "speaking",
      "votes",
      "grades",
      "visits",
    ]);
  });
});

describe("grade review", () => {
  it("lists meetings awaiting confirmation with their evaluations, then confirms one as the grade", async () => {
    const pending = await api<GradeList>("GET", `${base()}/evaluations?year=2025&state=pending`, admin);
    expect(pending.status).toBe(200);
    // A Jan, A Feb, A Mar, B Jan, C Jan (B's cancelled March meeting is not held).
    expect(pending.json.items.map((i: { meetingId: string }) => i.meetingId).sort()).toEqual(
      [t.mt["A-01"], t.mt["A-02"], t.mt["A-03"], t.mt["B-01"], t.mt["C-01"]].sort(),
    );
    const feb = pending.json.items.find((i: { meetingId: string }) => i.meetingId === t.mt["A-02"])!;
    expect(feb).toMatchObject({
      organizationName: "Chi bộ khu phố 1",
      kind: "regular",
      grade: "average",
      confirmed: false,
    });
    expect(
      feb.evaluations.map((e: { evaluatorKind: string; total: number; evaluatorName: string }) => [
        e.evaluatorKind,
        e.total,
        e.evaluatorName,
      ]),
    ).toEqual([
      ["branch", 85, "Đảng viên A1"],
      ["leader", 65, "Lê Văn Lãnh"],
    ]);
    expect(feb.evaluations[0]!.scores).toEqual({ attendance: 20 });

    const confirmed = await api<MeetingGradeView>(
      "POST",
      `${base()}/evaluations/${t.evals.A02branch.id}/confirm`,
      admin,
    );
    expect(confirmed.status).toBe(200);
    expect(confirmed.json).toMatchObject({ grade: "fair", confirmed: true });
    // Confirming the leader's instead moves the confirmation: one per meeting.
    const moved = await api<MeetingGradeView>("POST", `${base()}/evaluations/${t.evals.A02leader.id}/confirm`, admin);
    expect(moved.json.evaluations.map((e: { confirmedAt: string | null }) => e.confirmedAt !== null)).toEqual([
      false,
      true,
    ]);
    expect(moved.json.grade).toBe("average");
    const nowConfirmed = await api<GradeList>("GET", `${base()}/evaluations?year=2025&state=confirmed`, admin);
    expect(nowConfirmed.json.items.map((i: { meetingId: string }) => i.meetingId)).toEqual([t.mt["A-02"]]);
    const one = await api<MeetingGradeView>("GET", `${base()}/evaluations/meetings/${t.mt["A-02"]}`, admin);
    expect(one.json.confirmed).toBe(true);
    const undone = await api<MeetingGradeView>(
      "POST",
      `${base()}/evaluations/${t.evals.A02leader.id}/unconfirm`,
      admin,
    );
    expect(undone.json.confirmed).toBe(false);
    // Drill-down filter: only C's meetings.
    const c = await api<GradeList>("GET", `${base()}/evaluations?year=2025&state=all&organizationId=${t.org.C}`, admin);
    expect(c.json.items.map((i: { meetingId: string }) => i.meetingId)).toEqual([t.mt["C-01"]]);
  });

  it("refuses other tenants' evaluations (404), viewers (403), open meetings (409) and bad ids (400)", async () => {
    const foreign = await api("POST", `${base()}/evaluations/${otherEvaluationId}/confirm`, admin);
    expect(foreign.status).toBe(404);
    const theirs = await api("GET", `/api/tenants/${other.tenantId}/evaluations/meetings/${t.mt["A-01"]}`, otherAdmin);
    expect(theirs.status).toBe(404);
    const [row] = await dbOf(other.tenantId).select().from(evaluations).where(eq(evaluations.id, otherEvaluationId));
    expect(row!.confirmedAt).toBeNull();
    expect((await api("GET", `${base()}/evaluations/meetings/${t.mt["A-01"]}x`, admin)).status).toBe(404);
    const viewer = await login(t.viewer.email);
    expect((await api("GET", `${base()}/evaluations?year=2025`, viewer)).status).toBe(200);
    expect((await api("POST", `${base()}/evaluations/${t.evals.A01.id}/confirm`, viewer)).status).toBe(403);
    // An evaluation of a meeting not yet closed: B's cancelled March one counts as not closed.
    const open = await api<ErrorBody>("POST", `${base()}/evaluations/${t.evals.B03.id}/confirm`, admin);
    expect(open.status).toBe(409);
    expect(open.json.error.code).toBe("conflict");
    expect((await api("POST", `${base()}/evaluations/bad%20id/confirm`, admin)).status).toBe(400);
    expect((await api("GET", `${base()}/evaluations?state=maybe`, admin)).status).toBe(400);
  });
});
