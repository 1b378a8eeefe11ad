/**
 * CSV import of members: every row is checked against the file and the tenant before anything is written;
 * one bad row and nothing is imported. A good file is written in one `db.batch()` (one transaction).
 */
import { eq } from "drizzle-orm";
import type { ImportResult } from "../../schema/api/members";
import { MEETING_KINDS } from "../../schema/api/organizations";
import { type MemberCsvRow, mapHeader, parseMemberRow } from "../../schema/csv/members-csv";
import { parseCsv } from "../../schema/csv/parse-csv";
import { memberships, organizations } from "../../schema/db/tables";
import type { ErrorIssue } from "../../schema/errors";
import { foldForSearch, memberSearchText } from "../../schema/text";
import type { Db } from "../env";
import { auditInsert } from "../lib/audit";
import { newId } from "../lib/ids";

/** More than a province committee's members (Yên Bái's bloc: 4,759); the 1 MB body limit binds first anyway. */
export const MAX_IMPORT_ROWS = 10_000;
/** Rows per INSERT. Each INSERT binds one JSON text (D1 allows 100 bound parameters, 2 MB per value). */
const CHUNK_ROWS = 500;
const PREVIEW_ROWS = 100;

export interface PlannedRow extends MemberCsvRow {
  organizationId: string;
  organizationName: string;
}

export type ImportCheck = { ok: true; rows: PlannedRow[] } | { ok: false; issues: ErrorIssue[] };

const issue = (line: number, message: string): ErrorIssue => ({ path: `line ${line}`, message });
/** Case, spacing and Unicode form ignored; diacritics kept (Đông and Đồng are different branches). */
const exactKey = (s: string) => s.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();

export async function checkImport(db: Db, tenantId: string, csv: string): Promise<ImportCheck> {
  const parsed = parseCsv(csv);
  if (!parsed.ok) return { ok: false, issues: [issue(parsed.line, parsed.message)] };
  const [header, ...records] = parsed.records;
  if (!header) return { ok: false, issues: [issue(1, "Tệp trống / Empty file")] };
  const { columns, problems } = mapHeader(header.cells);
  if (problems.length) return { ok: false, issues: problems.map((p) => issue(header.line, p)) };
  if (records.length === 0) return { ok: false, issues: [issue(header.line, "Không có dòng dữ liệu / No data rows")] };
  if (records.length > MAX_IMPORT_ROWS) {
    return {
      ok: false,
      issues: [
        issue(
          header.line,
          `Quá ${MAX_IMPORT_ROWS} dòng, hãy chia nhỏ tệp / Over ${MAX_IMPORT_ROWS} rows, split the file`,
        ),
      ],
    };
  }

  const rowProblems = new Map<number, string[]>();
  const complain = (line: number, message: string) => {
    const list = rowProblems.get(line) ?? [];
    list.push(message);
    rowProblems.set(line, list);
  };
  const rows: MemberCsvRow[] = [];
  for (const r of records) {
    const result = parseMemberRow(r.cells, columns, r.line);
    for (const p of result.problems) complain(r.line, p);
    if (result.row) rows.push(result.row);
  }

  const [orgs, existing] = await db.batch([
    db
      .select({ id: organizations.id, name: organizations.name, kind: organizations.kind })
      .from(organizations)
      .where(eq(organizations.tenantId, tenantId)),
    // The committee's own records only: an e-mail is looked up nowhere else (docs/identity.md).
    db
      .select({
        organizationId: memberships.organizationId,
        branchRole: memberships.branchRole,
        fullName: memberships.fullName,
        birthYear: memberships.birthYear,
        email: memberships.email,
      })
      .from(memberships)
      .where(eq(memberships.tenantId, tenantId)),
  ]);

  const byId = new Map(orgs.map((o) => [o.id, o]));
  const byFolded = new Map<string, typeof orgs>();
  for (const o of orgs) {
    const k = foldForSearch(o.name);
    byFolded.set(k, [...(byFolded.get(k) ?? []), o]);
  }
  const emailKey = (orgId: string, email: string) => `${orgId}|${email}`;
  const existingEmail = new Set(existing.flatMap((m) => (m.email ? [emailKey(m.organizationId, m.email)] : [])));
  const secretaryOrgs = new Set(existing.filter((m) => m.branchRole === "secretary").map((m) => m.organizationId));
  const nameYearKey = (orgId: string, searchName: string, year: number | null) =>
    `${orgId}|${searchName}|${year ?? ""}`;
  const existingNameYear = new Set(
    existing.map((m) => nameYearKey(m.organizationId, foldForSearch(m.fullName), m.birthYear)),
  );

  const firstLineOfEmail = new Map<string, number>();
  const firstLineOfNameYear = new Map<string, number>();
  const secretaryLineOfOrg = new Map<string, number>();
  const planned: PlannedRow[] = [];

  for (const row of rows) {
    const candidates = byId.has(row.branch)
      ? [byId.get(row.branch)!]
      : (byFolded.get(foldForSearch(row.branch)) ?? []).filter(
          (o, _, all) => all.length === 1 || exactKey(o.name) === exactKey(row.branch),
        );
    const org = candidates.length === 1 ? candidates[0]! : null;
    if (candidates.length > 1) {
      complain(
        row.line,
        `Có nhiều chi bộ tên "${row.branch}", hãy dùng mã chi bộ / Several branches named so, use the branch id`,
      );
    } else if (!org) {
      complain(row.line, `Không có chi bộ "${row.branch.slice(0, 80)}" / Unknown branch`);
    } else if (!MEETING_KINDS.includes(org.kind)) {
      complain(row.line, `"${org.name}" là đảng bộ, không phải chi bộ / "${org.name}" is a committee, not a branch`);
    }

    const searchName = foldForSearch(row.fullName);
    if (row.email) {
      const first = firstLineOfEmail.get(row.email);
      if (first !== undefined) complain(row.line, `E-mail trùng với dòng ${first} / E-mail repeats line ${first}`);
      else firstLineOfEmail.set(row.email, row.line);
      if (org && existingEmail.has(emailKey(org.id, row.email))) {
        complain(row.line, "Chi bộ đã có đảng viên với e-mail này / The branch already has a member with this e-mail");
      }
    } else if (org) {
      // Without an e-mail, the same name and birth year in the same branch is taken for the same person.
      const key = nameYearKey(org.id, searchName, row.birthYear);
      const first = firstLineOfNameYear.get(key);
      if (existingNameYear.has(key)) {
        complain(
          row.line,
          "Chi bộ đã có người cùng họ tên và năm sinh / Branch already has a member with this name and birth year",
        );
      } else if (first !== undefined) {
        complain(row.line, `Trùng họ tên và năm sinh với dòng ${first} / Same name and birth year as line ${first}`);
      } else firstLineOfNameYear.set(key, row.line);
    }

    if (org && row.branchRole === "secretary") {
      const first = secretaryLineOfOrg.get(org.id);
      if (secretaryOrgs.has(org.id)) complain(row.line, "Chi bộ đã có bí thư / The branch already has a secretary");
      else if (first !== undefined)
        complain(row.line, `Chi bộ đã có bí thư ở dòng ${first} / Second secretary (line ${first})`);
      else secretaryLineOfOrg.set(org.id, row.line);
    }

    if (org) planned.push({ ...row, organizationId: org.id, organizationName: org.name });
  }

  if (rowProblems.size > 0) {
    const issues = [...rowProblems.entries()]
      .sort(([a], [b]) => a - b)
      .flatMap(([line, messages]) => messages.map((m) => issue(line, m)));
    return { ok: false, issues };
  }
  return { ok: true, rows: planned };
}

export function summarize(rows: PlannedRow[], dryRun: boolean, membershipIds: string[] = []): ImportResult {
  const byOrg = new Map<string, { organizationId: string; organizationName: string; rows: number }>();
  for (const r of rows) {
    const entry = byOrg.get(r.organizationId) ?? {
      organizationId: r.organizationId,
      organizationName: r.organizationName,
      rows: 0,
    };
    entry.rows++;
    byOrg.set(r.organizationId, entry);
  }
  return {
    dryRun,
    rows: rows.length,
    membershipIds,
    byOrganization: [...byOrg.values()],
    preview: rows.slice(0, PREVIEW_ROWS).map((r) => ({
      line: r.line,
      fullName: r.fullName,
      email: r.email,
      organizationId: r.organizationId,
      organizationName: r.organizationName,
      status: r.status,
      branchRole: r.branchRole,
    })),
  };
}

const chunks = <T>(items: T[], size: number) =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/**
 * Writes the checked rows in one transaction: for each, an empty account (worker/data/member-writes.ts emptyAccount)
 * and the committee's record, then one audit row. Answers the new membership ids, in the file's order.
 */
export async function writeImport(db: Db, d1: D1Database, tenantId: string, actorId: string, rows: PlannedRow[]) {
  const records = rows.map((r) => ({
    id: newId(),
    personId: newId(),
    organizationId: r.organizationId,
    fullName: r.fullName,
    searchName: foldForSearch(r.fullName),
    email: r.email,
    phone: r.phone,
    birthYear: r.birthYear,
    status: r.status,
    probationStart: r.probationStart,
    branchRole: r.branchRole,
    searchText: memberSearchText(r.fullName, r.email),
  }));
  // drizzle cannot batch raw SQL on D1, so the JSON inserts go to the binding itself; the audit row, built by
  // drizzle, joins them in the same D1 batch (one transaction).
  const audit = auditInsert(db, {
    tenantId,
    personId: actorId,
    action: "import",
    entity: "membership",
    detail: { rows: rows.length },
  }).toSQL();
  await d1.batch([
    d1.prepare(audit.sql).bind(...audit.params),
    ...chunks(records, CHUNK_ROWS).flatMap((chunk) => [
      d1
        .prepare(
          `insert into people (id, full_name, search_name)
           select j.value ->> 'personId', j.value ->> 'fullName', j.value ->> 'searchName' from json_each(?1) as j`,
        )
        .bind(JSON.stringify(chunk)),
      d1
        .prepare(
          `insert into memberships (id, tenant_id, organization_id, person_id, status, probation_start, branch_role,
             search_text, full_name, email, phone, birth_year)
           select j.value ->> 'id', ?1, j.value ->> 'organizationId', j.value ->> 'personId', j.value ->> 'status',
             j.value ->> 'probationStart', j.value ->> 'branchRole', j.value ->> 'searchText', j.value ->> 'fullName',
             j.value ->> 'email', j.value ->> 'phone', j.value ->> 'birthYear'
           from json_each(?2) as j`,
        )
        .bind(tenantId, JSON.stringify(chunk)),
    ]),
  ]);
  return records.map((r) => r.id);
}
