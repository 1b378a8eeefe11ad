/**
 * A province-scale committee for benchmarks, sized after the seeds (Yên Bái's bloc committee: 288
 * branches under 44 grassroots committees, 4,759 members): 45 grassroots committees, 300 branches,
 * 5,000 members, three years of monthly meetings per branch (the last one planned, the rest closed with
 * attendance, speeches and the resolution vote), and a quarterly thematic meeting in a third of the branches.
 * Deterministic: the same ids every time, so the benchmark knows what to ask for.
 */
import { addMonths, quarterMonths, quarterOf, vnThisMonth, vnWallTime } from "../../schema/calendar.ts";
import { foldForSearch, memberSearchText } from "../../schema/text.ts";
import { hashPassword } from "../../worker/lib/password.ts";
import { memberRecord } from "./demo-province.ts";
import { type AgendaTemplateItem, monthLabel, THEMATIC_AGENDA, THEMATIC_TOPICS, vnTime } from "./meeting-content.ts";
import { pick, rng, vietnameseName } from "./names.ts";
import { type SeedBranch, type SeedMember, writeMeeting } from "./seed-meetings.ts";
import { SqlWriter } from "./sql.ts";

export const PROVINCE_TENANT_ID = "prov";
export const PROVINCE_ADMIN_EMAIL = "admin@tinh.bench";
export const PROVINCE_PASSWORD = "bench-password-2026";

export const PROVINCE_SIZE = { grassroots: 45, branches: 300, members: 5_000, months: 36 } as const;

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

const GRASSROOTS_PREFIX = [
  "Đảng bộ xã",
  "Đảng bộ phường",
  "Đảng bộ thị trấn",
  "Đảng bộ Sở",
  "Đảng bộ Công ty",
  "Đảng bộ Bệnh viện",
];
const PLACE_NAMES = [
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
  const local = vnWallTime(now);
  const year = local.year;
  const month = local.month - 1;

  w.insert("tenants", { id: t, name: "Đảng bộ tỉnh (dữ liệu đo tải / benchmark)" });
  const grassroots: string[] = [];
  for (let g = 0; g < PROVINCE_SIZE.grassroots; g++) {
    const id = `${t}-g${String(g + 1).padStart(2, "0")}`;
    grassroots.push(id);
    const name = `${GRASSROOTS_PREFIX[g % GRASSROOTS_PREFIX.length]} ${PLACE_NAMES[g % PLACE_NAMES.length]}${g >= PLACE_NAMES.length ? ` ${Math.floor(g / PLACE_NAMES.length) + 1}` : ""}`;
    w.insert("organizations", {
      id,
      tenant_id: t,
      parent_id: null,
      kind: "grassroots_committee",
      name,
      branch_type: null,
    });
  }

  // Branch sizes between 10 and 24, nudged until they add up to exactly 5,000 members.
  const sizes = Array.from({ length: PROVINCE_SIZE.branches }, () => 10 + Math.floor(r() * 15));
  let total = sizes.reduce((a, b) => a + b, 0);
  while (total !== PROVINCE_SIZE.members) {
    const i = Math.floor(r() * sizes.length);
    const size = sizes[i]!;
    if (total < PROVINCE_SIZE.members && size < 24) {
      sizes[i] = size + 1;
      total++;
    } else if (total > PROVINCE_SIZE.members && size > 10) {
      sizes[i] = size - 1;
      total--;
    }
  }

  const hash = await hashPassword(PROVINCE_PASSWORD);
  let personNo = 0;
  const person = (name: string, email: string | null, birthYear: number) => {
    const row = {
      id: `${t}-p${String(++personNo).padStart(4, "0")}`,
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
  const adminId = person("Nguyễn Văn Quản Trị", PROVINCE_ADMIN_EMAIL, 1970).id;
  w.insert("tenant_roles", { tenant_id: t, person_id: adminId, role: "admin" });

  const branches: (SeedBranch & { type: string })[] = [];
  let membershipNo = 0;
  sizes.forEach((size, b) => {
    const x = r();
    let acc = 0;
    const type =
      BRANCH_TYPES.find(([, p]) => {
        acc += p;
        return acc > x;
      })?.[0] ?? "residential";
    const id = `${t}-b${String(b + 1).padStart(3, "0")}`;
    const parent = grassroots[b % grassroots.length]!;
    w.insert("organizations", {
      id,
      tenant_id: t,
      parent_id: parent,
      kind: "branch",
      name: `Chi bộ ${BRANCH_LABEL[type]} ${b + 1}`,
      branch_type: type,
    });
    const members: SeedMember[] = [];
    const officers: string[] = [];
    for (let i = 0; i < size; i++) {
      const role = i === 0 ? "secretary" : i === 1 ? "deputy" : i === 2 ? "committee" : "member";
      const probationary = role === "member" && r() < 0.08;
      const exempt = role === "member" && !probationary && r() < 0.06;
      const name = vietnameseName(r).name;
      const account = person(name, null, probationary ? 1995 + Math.floor(r() * 8) : 1950 + Math.floor(r() * 50));
      const pid = account.id;
      w.insert("memberships", {
        id: `${t}-m${String(++membershipNo).padStart(4, "0")}`,
        tenant_id: t,
        organization_id: id,
        person_id: pid,
        status: probationary ? "probationary" : "official",
        probation_start: probationary ? `${year}-0${1 + Math.floor(r() * 6)}-15` : null,
        branch_role: role,
        exempt_reason: exempt ? "Tuổi cao, sức yếu" : null,
        exempt_from: exempt ? `${year - 1}-01-01` : null,
        exempt_to: null,
        search_text: memberSearchText(name, null),
        ...memberRecord(account, now),
      });
      members.push({ personId: pid, name, status: probationary ? "probationary" : "official", exempt });
      if (i < 3) officers.push(pid);
    }
    branches.push({
      id,
      type,
      members,
      secretaryId: officers[0]!,
      deputyId: officers[1]!,
      minutesTakerId: officers[2]!,
      place: type === "residential" ? `Nhà văn hóa ${BRANCH_LABEL[type]} ${b + 1}` : `Phòng họp chi bộ ${b + 1}`,
    });
  });

  const sampleMeetingIds: string[] = [];
  branches.forEach((branch, b) => {
    const hour = branch.type === "residential" ? 19 : 16;
    const day = 5 + (b % 20);
    for (let back = PROVINCE_SIZE.months - 1; back >= 0; back--) {
      const ym = addMonths(vnThisMonth(now), -back);
      const id = `${branch.id}-${ym}`;
      if (back === 1) sampleMeetingIds.push(id);
      writeMeeting(w, r, {
        tenantId: t,
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
          tenantId: t,
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
  });

  const rowsByTable: Record<string, number> = {};
  for (const table of [
    "organizations",
    "people",
    "memberships",
    "meetings",
    "agenda_items",
    "attendance",
    "speeches",
    "votes",
  ]) {
    rowsByTable[table] = w.rowCount(table);
  }
  const cur = `${year}-${String(month + 1).padStart(2, "0")}`;
  return {
    sql: w.toSql(),
    rows: w.count,
    rowsByTable,
    branchIds: branches.map((b) => b.id),
    sampleMeetingIds,
    currentMonth: cur,
  };
}
