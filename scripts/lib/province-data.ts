/**
 * A province-scale committee for benchmarks, sized after the seeds (Yên Bái's bloc committee: 288
 * branches under 44 grassroots committees, 4,759 members): 45 grassroots committees, 300 branches,
 * 5,000 members, three years of monthly meetings per branch (the last one planned, the rest closed with
 * attendance, speeches and the resolution vote), and a quarterly thematic meeting in a third of the branches.
 * One tenant, the largest a committee gets: the API benchmark reads it (bench/api.ts). The province above its
 * committees is ./country-data.ts. Deterministic: the same ids every time, so the benchmark knows what to ask for.
 */
import { vnThisMonth } from "../../schema/calendar.ts";
import { hashPassword } from "../../worker/lib/password.ts";
import {
  type BenchBranch,
  branchSizes,
  personWriter,
  placeName,
  rowsByTable,
  writeBranch,
  writeBranchMonths,
} from "./bench-branches.ts";
import { rng } from "./names.ts";
import { SqlWriter } from "./sql.ts";

export const PROVINCE_TENANT_ID = "prov";
export const PROVINCE_ADMIN_EMAIL = "admin@tinh.bench";
export const PROVINCE_PASSWORD = "bench-password-2026";

export const PROVINCE_SIZE = { grassroots: 45, branches: 300, members: 5_000, months: 36 } as const;

const GRASSROOTS_PREFIX = [
  "Đảng bộ xã",
  "Đảng bộ phường",
  "Đảng bộ thị trấn",
  "Đảng bộ Sở",
  "Đảng bộ Công ty",
  "Đảng bộ Bệnh viện",
];

export interface ProvinceSeed {
  sql: string;
  rows: number;
  rowsByTable: Record<string, number>;
  branchIds: string[];
  /** A closed meeting per branch (the previous month), for fetching one meeting with its agenda. */
  sampleMeetingIds: string[];
  /** Current month as `YYYY-MM` (the planned meetings). */
  currentMonth: string;
}

/** `w` may be a writer that also looks at the rows (the seeds test). */
export async function buildProvinceSql(
  now = new Date(),
  w = new SqlWriter({ rowsPerStatement: 250 }),
): Promise<ProvinceSeed> {
  const r = rng(5000);
  const t = PROVINCE_TENANT_ID;

  w.insert("tenants", { id: t, name: "Đảng bộ tỉnh (dữ liệu đo tải / benchmark)" });
  const grassroots: string[] = [];
  for (let g = 0; g < PROVINCE_SIZE.grassroots; g++) {
    const id = `${t}-g${String(g + 1).padStart(2, "0")}`;
    grassroots.push(id);
    w.insert("organizations", {
      id,
      tenant_id: t,
      parent_id: null,
      kind: "grassroots_committee",
      name: `${GRASSROOTS_PREFIX[g % GRASSROOTS_PREFIX.length]} ${placeName(g)}`,
      branch_type: null,
    });
  }

  const sizes = branchSizes(r, PROVINCE_SIZE.branches, PROVINCE_SIZE.members);
  const person = personWriter(w, t, await hashPassword(PROVINCE_PASSWORD));
  const adminId = person("Nguyễn Văn Quản Trị", PROVINCE_ADMIN_EMAIL, 1970).id;
  w.insert("tenant_roles", { tenant_id: t, person_id: adminId, role: "admin" });

  let membershipNo = 0;
  const membershipId = () => `${t}-m${String(++membershipNo).padStart(4, "0")}`;
  const branches: BenchBranch[] = sizes.map((size, b) =>
    writeBranch(w, r, {
      tenantId: t,
      id: `${t}-b${String(b + 1).padStart(3, "0")}`,
      parentId: grassroots[b % grassroots.length]!,
      no: b + 1,
      size,
      person,
      membershipId,
      now,
    }),
  );
  const sampleMeetingIds = branches.map((branch, b) =>
    writeBranchMonths(w, r, { tenantId: t, branch, b, months: PROVINCE_SIZE.months, now }),
  );
  return {
    sql: w.toSql(),
    rows: w.count,
    rowsByTable: rowsByTable(w),
    branchIds: branches.map((b) => b.id),
    sampleMeetingIds,
    currentMonth: vnThisMonth(now),
  };
}
