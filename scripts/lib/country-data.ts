/**
 * The country's shape for benchmarks (issue 14 item 6): since the 2025 merger a province committee (Tỉnh ủy) sits
 * straight above the commune and ward party committees (Đảng ủy xã/phường, grassroots committees), each with its
 * branches. Here a province is a `province` tenant and each commune or ward committee a `committee` tenant under it
 * (schema/db/tables.ts), its branches straight under it, as the demo's Hòa An: the province reads them with
 * `scope=children`. Two provinces, each whole tree in a shard of its own, so a province's roll-up reads one database:
 *
 * - the large one (SHARD_1) sized like the one-committee seed (./province-data.ts: 300 branches, 5,000 members),
 *   so it loads in about the same time, in 45 committees: the provincial capital's ward holds a tenth of the branches,
 *   the others share the rest;
 * - the small one (SHARD_2) a quarter of it: 12 committees, 75 branches, 1,250 members.
 *
 * Three years of meetings per branch, as the one-committee seed writes them (./bench-branches.ts). Deterministic: the
 * same ids every time, so the benchmarks know what to ask for.
 */
import { vnThisMonth } from "../../schema/calendar.ts";
import { hashPassword } from "../../worker/lib/password.ts";
import type { ShardName } from "../../worker/lib/shard-names.ts";
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
import { PROVINCE_PASSWORD } from "./province-data.ts";
import { SqlWriter } from "./sql.ts";

/** Every login of the seed (the provinces' and the largest committees' admins) uses it. */
export const COUNTRY_PASSWORD = PROVINCE_PASSWORD;
export const COUNTRY_MONTHS = 36;

export interface ProvinceShape {
  id: string;
  name: string;
  shard: ShardName;
  committees: number;
  branches: number;
  members: number;
  /** Where its place names start, so the two provinces' committees are not named alike. */
  places: number;
  seed: number;
}

export const COUNTRY: readonly ProvinceShape[] = [
  {
    id: "tinh1",
    name: "Tỉnh ủy Đồng Bằng (dữ liệu đo tải / benchmark)",
    shard: "SHARD_1",
    committees: 45,
    branches: 300,
    members: 5_000,
    places: 0,
    seed: 6001,
  },
  {
    id: "tinh2",
    name: "Tỉnh ủy Miền Núi (dữ liệu đo tải / benchmark)",
    shard: "SHARD_2",
    committees: 12,
    branches: 75,
    members: 1_250,
    places: 7,
    seed: 6002,
  },
];

/** The admin's login of a province, or of its largest committee. */
export const adminEmail = (tenantId: string) => `admin@${tenantId}.bench`;
/** The id of a province's `c`-th committee (from 0); the 0th is its largest, the provincial capital's ward. */
export const committeeId = (provinceId: string, c: number) => `${provinceId}-x${String(c + 1).padStart(2, "0")}`;

export interface SeededProvince {
  id: string;
  name: string;
  shard: ShardName;
  adminEmail: string;
  /** Committee tenant ids in order; the first is the largest (the provincial capital's ward). */
  committeeIds: string[];
  /** The largest committee, with an admin of its own: the committee-level benchmark reads it. */
  largest: { id: string; adminEmail: string; branches: number; members: number };
  /** The province's rows, to be split for the directory and its shard (./shard-seed.ts `shardedSeed`). */
  writer: SqlWriter;
  rows: number;
  rowsByTable: Record<string, number>;
}

export interface CountrySeed {
  provinces: SeededProvince[];
  rows: number;
  /** Both provinces together. */
  rowsByTable: Record<string, number>;
  /** Current month as `YYYY-MM` (the planned meetings). */
  currentMonth: string;
}

/** Which committee (its index) the `b`-th branch belongs to: a tenth of them to the first, the rest in turn. */
function committeeOf(shape: ProvinceShape, b: number) {
  const capital = Math.round(shape.branches / 10);
  return b < capital ? 0 : 1 + ((b - capital) % (shape.committees - 1));
}

function buildProvince(shape: ProvinceShape, hash: string, now: Date): SeededProvince {
  const r = rng(shape.seed);
  const w = new SqlWriter({ rowsPerStatement: 250 });
  const p = shape.id;
  w.insert("tenants", { id: p, name: shape.name, kind: "province", parent_id: null });
  const committeeIds: string[] = [];
  for (let c = 0; c < shape.committees; c++) {
    const id = committeeId(p, c);
    committeeIds.push(id);
    const ward = c % 4 === 0;
    w.insert("tenants", {
      id,
      name: `Đảng ủy ${ward ? "phường" : "xã"} ${placeName(shape.places + c)}`,
      kind: "committee",
      parent_id: p,
    });
  }

  const sizes = branchSizes(r, shape.branches, shape.members);
  const person = personWriter(w, p, hash);
  const admin = person("Nguyễn Văn Quản Trị", adminEmail(p), 1970);
  w.insert("tenant_roles", { tenant_id: p, person_id: admin.id, role: "admin" });
  const largestId = committeeIds[0]!;
  const largestAdmin = person("Trần Thị Văn Phòng", adminEmail(largestId), 1978);
  w.insert("tenant_roles", { tenant_id: largestId, person_id: largestAdmin.id, role: "admin" });

  // Per committee: its branches numbered from 1, its memberships numbered.
  const branchNo = committeeIds.map(() => 0);
  const membershipNo = committeeIds.map(() => 0);
  const placed: { tenantId: string; branch: BenchBranch }[] = sizes.map((size, b) => {
    const c = committeeOf(shape, b);
    const tenantId = committeeIds[c]!;
    const no = ++branchNo[c]!;
    const membershipId = () => `${tenantId}-m${String(++membershipNo[c]!).padStart(4, "0")}`;
    const id = `${tenantId}-b${String(no).padStart(2, "0")}`;
    return {
      tenantId,
      branch: writeBranch(w, r, { tenantId, id, parentId: null, no, size, person, membershipId, now }),
    };
  });
  placed.forEach(({ tenantId, branch }, b) => {
    writeBranchMonths(w, r, { tenantId, branch, b, months: COUNTRY_MONTHS, now });
  });
  const largest = placed.filter((x) => x.tenantId === largestId);
  return {
    id: p,
    name: shape.name,
    shard: shape.shard,
    adminEmail: admin.email!,
    committeeIds,
    largest: {
      id: largestId,
      adminEmail: largestAdmin.email!,
      branches: largest.length,
      members: largest.reduce((n, x) => n + x.branch.members.length, 0),
    },
    writer: w,
    rows: w.count,
    rowsByTable: rowsByTable(w),
  };
}

export async function buildCountry(now = new Date()): Promise<CountrySeed> {
  const hash = await hashPassword(COUNTRY_PASSWORD);
  const provinces = COUNTRY.map((shape) => buildProvince(shape, hash, now));
  const total: Record<string, number> = {};
  for (const p of provinces) for (const [t, n] of Object.entries(p.rowsByTable)) total[t] = (total[t] ?? 0) + n;
  return {
    provinces,
    rows: provinces.reduce((n, p) => n + p.rows, 0),
    rowsByTable: total,
    currentMonth: vnThisMonth(now),
  };
}
