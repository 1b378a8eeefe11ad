/**
 * The demo committee that `npm start` loads into an empty local database: Đảng ủy phường Hòa An, two
 * grassroots committees and a grassroots branch, seven branches of different types, 60 members (a few
 * probationary, a few exempted), a year of held meetings with their record and this month's planned ones
 * (./demo-history.ts); above it
 * the province (Tỉnh ủy Hòa Bình) with one more committee under it (./demo-province.ts).
 * Ids are fixed and every insert is `INSERT OR IGNORE`, so loading it twice changes nothing.
 */

import { addMonths, vnThisMonth } from "../../schema/calendar.ts";
import { foldForSearch, memberSearchText } from "../../schema/text.ts";
import { hashPassword } from "../../worker/lib/password.ts";
import { PROFILES, writeHoaAnHistory } from "./demo-history.ts";
import {
  DEMO_PROVINCE_ID,
  DEMO_PROVINCE_NAME,
  memberRecord,
  PROVINCE_LOGINS,
  writeDemoProvince,
} from "./demo-province.ts";
import { rng, vietnameseName } from "./names.ts";
import type { BranchProfile } from "./seed-history.ts";
import type { SeedBranch, SeedMember } from "./seed-meetings.ts";
import { SqlWriter } from "./sql.ts";

export const DEMO_TENANT_ID = "hoaan";
export const DEMO_PASSWORD = "chibo-demo-2026";

export interface DemoLogin {
  email: string;
  name: string;
  what: string;
}

/** Hòa An's people who can log in; every other member has no e-mail or password (as in a real import). */
const HOAAN_LOGINS: readonly DemoLogin[] = [
  {
    email: "admin@hoaan.demo",
    name: "Nguyễn Thị Hồng Nhung",
    what: "Phó Bí thư Thường trực Đảng ủy — quản trị / committee admin",
  },
  { email: "organizer@hoaan.demo", name: "Trần Văn Khoa", what: "Văn phòng Đảng ủy — lập kế hoạch / organizer" },
  {
    email: "bithu.kp3@hoaan.demo",
    name: "Lê Văn Hòa",
    what: "Bí thư Chi bộ Khu phố 3 — chủ trì / branch secretary, chair",
  },
  { email: "thuky.kp3@hoaan.demo", name: "Đỗ Thị Thu Hà", what: "Chi ủy viên Khu phố 3 — thư ký / minutes-taker" },
  { email: "dangvien.kp3@hoaan.demo", name: "Phạm Thị Mai", what: "Đảng viên chính thức Khu phố 3 / official member" },
  {
    email: "duby.kp3@hoaan.demo",
    name: "Võ Minh Tuấn",
    what: "Đảng viên dự bị Khu phố 3 (không biểu quyết) / probationary member",
  },
  {
    email: "lanhdao@tinhuy.demo",
    name: "Hoàng Minh Đức",
    what: "Tỉnh ủy viên, khách mời cuộc họp / visiting leader (guest)",
  },
];

/** Everyone who can log in to the demo: Hòa An's people, then the province's and its other committee's. */
export const DEMO_LOGINS: readonly DemoLogin[] = [...HOAAN_LOGINS, ...PROVINCE_LOGINS];

interface BranchPlan {
  key: string;
  name: string;
  parent: string | null;
  kind: "branch" | "grassroots_branch";
  type: "residential" | "agency" | "school" | "public_service" | "armed_forces";
  size: number;
  place: string;
  /** Hour of the meeting, local time: residential branches meet in the evening, agencies after work. */
  hour: number;
  profile: BranchProfile;
}

const BRANCHES: readonly BranchPlan[] = [
  {
    key: "kp1",
    name: "Chi bộ Khu phố 1",
    parent: "khoi-dan-cu",
    kind: "branch",
    type: "residential",
    size: 12,
    place: "Nhà văn hóa khu phố 1",
    hour: 19,
    profile: PROFILES.steady,
  },
  {
    key: "kp2",
    name: "Chi bộ Khu phố 2",
    parent: "khoi-dan-cu",
    kind: "branch",
    type: "residential",
    size: 10,
    place: "Nhà văn hóa khu phố 2",
    hour: 19,
    profile: PROFILES.busy,
  },
  {
    key: "kp3",
    name: "Chi bộ Khu phố 3",
    parent: "khoi-dan-cu",
    kind: "branch",
    type: "residential",
    size: 9,
    place: "Nhà văn hóa khu phố 3",
    hour: 19,
    profile: PROFILES.steady,
  },
  {
    key: "coquan",
    name: "Chi bộ Cơ quan Đảng ủy – Ủy ban nhân dân phường",
    parent: "khoi-co-quan",
    kind: "branch",
    type: "agency",
    size: 11,
    place: "Hội trường Ủy ban nhân dân phường",
    hour: 16,
    profile: PROFILES.steady,
  },
  {
    key: "thcs",
    name: "Chi bộ Trường THCS Hòa An",
    parent: "khoi-co-quan",
    kind: "branch",
    type: "school",
    size: 8,
    place: "Phòng họp Trường THCS Hòa An",
    hour: 16,
    profile: PROFILES.steady,
  },
  {
    key: "yte",
    name: "Chi bộ Trạm Y tế phường",
    parent: "khoi-co-quan",
    kind: "branch",
    type: "public_service",
    size: 5,
    place: "Trạm Y tế phường Hòa An",
    hour: 16,
    profile: PROFILES.small,
  },
  {
    key: "quansu",
    name: "Chi bộ Quân sự phường",
    parent: null,
    kind: "grassroots_branch",
    type: "armed_forces",
    size: 5,
    place: "Ban Chỉ huy Quân sự phường",
    hour: 14,
    profile: PROFILES.steady,
  },
];

export interface DemoSeed {
  sql: string;
  rows: number;
  meetingIds: string[];
}

/** Builds the demo as SQL; `now` fixes "the current month" (the meetings are planned around it). */
/** `w` may be a writer that also looks at the rows (the seeds test). */
export async function buildDemoSql(now = new Date(), w = new SqlWriter()): Promise<DemoSeed> {
  const r = rng(20261122);
  const t = DEMO_TENANT_ID;
  const hash = await hashPassword(DEMO_PASSWORD);
  const usedNames = new Set(HOAAN_LOGINS.map((l) => l.name));
  const loginByName = new Map(HOAAN_LOGINS.map((l) => [l.name, l]));

  // The province above Hòa An comes first: its committees name it as their parent.
  w.insert("tenants", { id: DEMO_PROVINCE_ID, name: DEMO_PROVINCE_NAME, kind: "province", parent_id: null });
  w.insert("tenants", { id: t, name: "Đảng ủy phường Hòa An", kind: "committee", parent_id: DEMO_PROVINCE_ID });
  const org = (id: string, parent: string | null, kind: string, name: string, type: string | null) =>
    w.insert("organizations", {
      id: `${t}-${id}`,
      tenant_id: t,
      parent_id: parent && `${t}-${parent}`,
      kind,
      name,
      branch_type: type,
    });
  org("khoi-dan-cu", null, "grassroots_committee", "Đảng bộ Khối dân cư phường Hòa An", null);
  org("khoi-co-quan", null, "grassroots_committee", "Đảng bộ Khối cơ quan – trường học phường Hòa An", null);
  for (const b of BRANCHES) org(b.key, b.parent, b.kind, b.name, b.type);

  let personNo = 0;
  const peopleByName = new Map<string, string>();
  const person = (name: string, birthYear: number) => {
    const id = `${t}-p${String(++personNo).padStart(3, "0")}`;
    peopleByName.set(name, id);
    const login = loginByName.get(name);
    const row = {
      id,
      email: login?.email ?? null,
      full_name: name,
      search_name: foldForSearch(name),
      phone: `09${String(Math.floor(r() * 1e8)).padStart(8, "0")}`,
      birth_year: birthYear,
      password_hash: login ? hash : null,
    };
    w.insert("people", row);
    return row;
  };

  // People named in DEMO_LOGINS take fixed places; the rest of each branch is generated.
  const fixed: Record<string, { name: string; role: string; status?: "probationary" }[]> = {
    kp3: [
      { name: "Lê Văn Hòa", role: "secretary" },
      { name: "Đỗ Thị Thu Hà", role: "committee" },
      { name: "Phạm Thị Mai", role: "member" },
      { name: "Võ Minh Tuấn", role: "member", status: "probationary" },
    ],
    coquan: [
      { name: "Nguyễn Thị Hồng Nhung", role: "deputy" },
      { name: "Trần Văn Khoa", role: "member" },
    ],
  };

  const branches = new Map<string, SeedBranch>();
  let membershipNo = 0;
  for (const b of BRANCHES) {
    const plan = [...(fixed[b.key] ?? [])];
    const roles = new Set(plan.map((p) => p.role));
    while (plan.length < b.size) {
      const role = !roles.has("secretary")
        ? "secretary"
        : !roles.has("deputy")
          ? "deputy"
          : !roles.has("committee") && b.size >= 9
            ? "committee"
            : "member";
      roles.add(role);
      // Roughly one in eight generated members is probationary (never an officer).
      const status = role === "member" && r() < 0.12 ? "probationary" : undefined;
      plan.push({ name: vietnameseName(r, usedNames).name, role, ...(status ? { status } : {}) });
    }
    const members: SeedMember[] = [];
    let secretaryId = "";
    let deputyId = "";
    let committeeId = "";
    for (const p of plan) {
      const probationary = p.status === "probationary";
      const birthYear = probationary ? 1990 + Math.floor(r() * 12) : 1945 + Math.floor(r() * 50);
      // Older residential members are the ones exempted, as in the seeds ("12 members, 2 exempt").
      const exempt =
        b.type === "residential" &&
        p.role === "member" &&
        !probationary &&
        !loginByName.has(p.name) &&
        birthYear < 1955;
      const account = person(p.name, birthYear);
      const id = account.id;
      w.insert("memberships", {
        id: `${t}-m${String(++membershipNo).padStart(3, "0")}`,
        tenant_id: t,
        organization_id: `${t}-${b.key}`,
        person_id: id,
        status: probationary ? "probationary" : "official",
        probation_start: probationary ? `${addMonths(vnThisMonth(now), -4)}-19` : null,
        branch_role: p.role,
        exempt_reason: exempt ? "Tuổi cao, sức yếu" : null,
        exempt_from: exempt ? "2025-01-01" : null,
        exempt_to: null,
        search_text: memberSearchText(p.name, loginByName.get(p.name)?.email ?? null),
        ...memberRecord(account, now),
      });
      members.push({ personId: id, name: p.name, status: probationary ? "probationary" : "official", exempt });
      if (p.role === "secretary") secretaryId = id;
      if (p.role === "deputy") deputyId = id;
      if (p.role === "committee") committeeId = id;
    }
    branches.set(b.key, {
      id: `${t}-${b.key}`,
      members,
      secretaryId,
      deputyId,
      minutesTakerId: committeeId || deputyId,
      place: b.place,
    });
  }

  // The committee office: the admin and the organizer are members of the agency branch (above).
  w.insert("tenant_roles", { tenant_id: t, person_id: peopleByName.get("Nguyễn Thị Hồng Nhung")!, role: "admin" });
  w.insert("tenant_roles", { tenant_id: t, person_id: peopleByName.get("Trần Văn Khoa")!, role: "organizer" });

  // A provincial committee member: a person of no tenant, invited to Khu phố 3's meeting this month.
  const leaderId = person("Hoàng Minh Đức", 1968).id;

  const names = new Map([...peopleByName].map(([name, id]) => [id, name]));
  const leaders = {
    province: { personId: leaderId, name: "Hoàng Minh Đức", title: "Tỉnh ủy viên, Phó Trưởng Ban Tổ chức Tỉnh ủy" },
    committee: {
      personId: peopleByName.get("Nguyễn Thị Hồng Nhung")!,
      name: "Nguyễn Thị Hồng Nhung",
      title: "Phó Bí thư Thường trực Đảng ủy phường",
    },
  };
  const meetingIds = writeHoaAnHistory(w, r, {
    tenantId: t,
    now,
    plans: BRANCHES,
    branches,
    names,
    leaders,
    confirmedBy: peopleByName.get("Nguyễn Thị Hồng Nhung")!,
  });

  // The province's office, with the visiting leader among its officers, and its other committee.
  await writeDemoProvince(w, { hash, now, leader: leaders.province });

  return { sql: w.toSql(), rows: w.count, meetingIds };
}
