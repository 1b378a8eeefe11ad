/**
 * The branches of the benchmark seeds, with their members and three years of meetings: one committee of 300
 * branches (./province-data.ts) and the two provinces of committees (./country-data.ts) write them the same way, so
 * their figures compare. Deterministic: the caller's random sequence decides everything, in the order it is drawn.
 */
import { addMonths, quarterMonths, quarterOf, vnThisMonth, vnWallTime } from "../../schema/calendar.ts";
import { foldForSearch, memberSearchText } from "../../schema/text.ts";
import { memberRecord } from "./demo-province.ts";
import { type AgendaTemplateItem, monthLabel, THEMATIC_AGENDA, THEMATIC_TOPICS, vnTime } from "./meeting-content.ts";
import { pick, vietnameseName } from "./names.ts";
import { type SeedBranch, type SeedMember, writeMeeting } from "./seed-meetings.ts";
import type { SqlWriter } from "./sql.ts";

/** Six items, 90 minutes: the usual order with the reports and the assignments folded together. */
const COMPACT_AGENDA: readonly AgendaTemplateItem[] = [
  { title: "Khai mạc, điểm danh đảng viên", minutes: 5, presenter: "secretary" },
  {
    title: "Kết quả tháng trước, tình hình tư tưởng đảng viên; thông tin thời sự",
    minutes: 25,
    presenter: "secretary",
  },
  { title: "Thảo luận, đóng góp ý kiến", minutes: 30, presenter: "none" },
  { title: "Nhiệm vụ tháng tới, phân công đảng viên; biểu dương, nhắc nhở", minutes: 15, presenter: "deputy" },
  { title: "Biểu quyết thông qua nghị quyết", minutes: 5, presenter: "secretary" },
  { title: "Đánh giá chất lượng, thông qua biên bản, bế mạc", minutes: 10, presenter: "secretary" },
];

export const PLACE_NAMES = [
  "An Bình",
  "Tân Phú",
  "Hòa Lợi",
  "Phú Mỹ",
  "Long Thành",
  "Bình An",
  "Tân Hiệp",
  "Thạnh Phú",
  "Hưng Lộc",
  "Xuân Hòa",
  "Minh Đức",
  "Quang Trung",
  "Hồng Phong",
  "Nghĩa Đô",
  "Đông Hải",
  "Tây Sơn",
  "Lộc An",
  "Vĩnh Thanh",
  "Cẩm Phả",
  "Hải Hòa",
];
/** The n-th place name (from 0), numbered once the list runs out: "An Bình", …, "An Bình 2". */
export const placeName = (n: number) =>
  `${PLACE_NAMES[n % PLACE_NAMES.length]}${n >= PLACE_NAMES.length ? ` ${Math.floor(n / PLACE_NAMES.length) + 1}` : ""}`;

const BRANCH_TYPES = [
  ["residential", 0.55],
  ["agency", 0.17],
  ["enterprise", 0.12],
  ["public_service", 0.08],
  ["school", 0.06],
  ["armed_forces", 0.02],
] as const;
const BRANCH_LABEL: Record<string, string> = {
  residential: "Thôn",
  agency: "Phòng",
  enterprise: "Phân xưởng",
  public_service: "Trung tâm",
  school: "Trường Tiểu học",
  armed_forces: "Đồn",
};

/** Branch sizes between 10 and 24, nudged until they add up to exactly `members`. */
export function branchSizes(r: () => number, branches: number, members: number): number[] {
  const sizes = Array.from({ length: branches }, () => 10 + Math.floor(r() * 15));
  let total = sizes.reduce((a, b) => a + b, 0);
  while (total !== members) {
    const i = Math.floor(r() * sizes.length);
    const size = sizes[i]!;
    if (total < members && size < 24) {
      sizes[i] = size + 1;
      total++;
    } else if (total > members && size > 10) {
      sizes[i] = size - 1;
      total--;
    }
  }
  return sizes;
}

export interface PersonRow {
  id: string;
  email: string | null;
  full_name: string;
  search_name: string;
  phone: null;
  birth_year: number;
  password_hash: string | null;
}

/** Writes people numbered `<prefix>-p0001`, …; those with an e-mail log in with the seed's password (`hash`). */
export function personWriter(w: SqlWriter, prefix: string, hash: string) {
  let no = 0;
  return (name: string, email: string | null, birthYear: number): PersonRow => {
    const row = {
      id: `${prefix}-p${String(++no).padStart(4, "0")}`,
      email,
      full_name: name,
      search_name: foldForSearch(name),
      phone: null,
      birth_year: birthYear,
      password_hash: email ? hash : null,
    };
    w.insert("people", row);
    return row;
  };
}

export type BenchBranch = SeedBranch & { type: string };

/**
 * A branch of `size` members (secretary, deputy, a committee member, then members; some probationary, some exempt)
 * under `parentId` (null: straight under its committee), numbered `no` in its name.
 */
export function writeBranch(
  w: SqlWriter,
  r: () => number,
  b: {
    tenantId: string;
    id: string;
    parentId: string | null;
    no: number;
    size: number;
    person: ReturnType<typeof personWriter>;
    membershipId: () => string;
    now: Date;
  },
): BenchBranch {
  const year = vnWallTime(b.now).year;
  const x = r();
  let acc = 0;
  const type =
    BRANCH_TYPES.find(([, p]) => {
      acc += p;
      return acc > x;
    })?.[0] ?? "residential";
  w.insert("organizations", {
    id: b.id,
    tenant_id: b.tenantId,
    parent_id: b.parentId,
    kind: "branch",
    name: `Chi bộ ${BRANCH_LABEL[type]} ${b.no}`,
    branch_type: type,
  });
  const members: SeedMember[] = [];
  const officers: string[] = [];
  for (let i = 0; i < b.size; i++) {
    const role = i === 0 ? "secretary" : i === 1 ? "deputy" : i === 2 ? "committee" : "member";
    const probationary = role === "member" && r() < 0.08;
    const exempt = role === "member" && !probationary && r() < 0.06;
    const name = vietnameseName(r).name;
    const account = b.person(name, null, probationary ? 1995 + Math.floor(r() * 8) : 1950 + Math.floor(r() * 50));
    const pid = account.id;
    w.insert("memberships", {
      id: b.membershipId(),
      tenant_id: b.tenantId,
      organization_id: b.id,
      person_id: pid,
      status: probationary ? "probationary" : "official",
      probation_start: probationary ? `${year}-0${1 + Math.floor(r() * 6)}-15` : null,
      branch_role: role,
      exempt_reason: exempt ? "Tuổi cao, sức yếu" : null,
      exempt_from: exempt ? `${year - 1}-01-01` : null,
      exempt_to: null,
      search_text: memberSearchText(name, null),
      ...memberRecord(account, b.now),
    });
    members.push({ personId: pid, name, status: probationary ? "probationary" : "official", exempt });
    if (i < 3) officers.push(pid);
  }
  return {
    id: b.id,
    type,
    members,
    secretaryId: officers[0]!,
    deputyId: officers[1]!,
    minutesTakerId: officers[2]!,
    place: type === "residential" ? `Nhà văn hóa ${BRANCH_LABEL[type]} ${b.no}` : `Phòng họp chi bộ ${b.no}`,
  };
}

/**
 * `months` of monthly meetings of a branch, the last one (this month) planned and the rest closed with attendance,
 * speeches and the resolution vote, and a quarterly thematic meeting when `b` (its place in the seed) is a multiple
 * of three. Answers the id of last month's meeting (closed), for fetching one meeting.
 */
export function writeBranchMonths(
  w: SqlWriter,
  r: () => number,
  m: { tenantId: string; branch: BenchBranch; b: number; months: number; now: Date },
): string {
  const { branch, b, now } = m;
  const local = vnWallTime(now);
  const year = local.year;
  const month = local.month - 1;
  const hour = branch.type === "residential" ? 19 : 16;
  const day = 5 + (b % 20);
  let sample = "";
  for (let back = m.months - 1; back >= 0; back--) {
    const ym = addMonths(vnThisMonth(now), -back);
    const id = `${branch.id}-${ym}`;
    if (back === 1) sample = id;
    writeMeeting(w, r, {
      tenantId: m.tenantId,
      id,
      branch,
      kind: "regular",
      topic: `Sinh hoạt thường kỳ tháng ${monthLabel(year, month - back)}`,
      scheduledAt: vnTime(year, month - back, day, hour, 30),
      status: back === 0 ? "planned" : "closed",
      format: branch.type === "residential" ? "hybrid" : "in_person",
      agenda: COMPACT_AGENDA,
      speeches: 3,
    });
    // A thematic meeting each quarter in a third of the branches.
    if (b % 3 === 0 && quarterMonths(Number(ym.slice(0, 4)), quarterOf(ym))[1] === ym && back > 0) {
      writeMeeting(w, r, {
        tenantId: m.tenantId,
        id: `${id}-cd`,
        branch,
        kind: "thematic",
        topic: pick(r, THEMATIC_TOPICS),
        scheduledAt: vnTime(year, month - back, day + 2, hour, 0),
        status: "closed",
        format: "in_person",
        agenda: THEMATIC_AGENDA,
        speeches: 4,
      });
    }
  }
  return sample;
}

/** The seeds' summary: rows written per table, for the tables that grow with the members. */
export function rowsByTable(w: SqlWriter): Record<string, number> {
  const out: Record<string, number> = {};
  for (const table of [
    "tenants",
    "organizations",
    "people",
    "memberships",
    "meetings",
    "agenda_items",
    "attendance",
    "speeches",
    "votes",
  ]) {
    out[table] = w.rowCount(table);
  }
  return out;
}
