/**
 * The demo committee that `npm start` loads into an empty local database: Đảng ủy phường Hòa An, two
 * grassroots committees and a grassroots branch, seven branches of different types, 60 members (a few
 * probationary, a few exempted), the current month's planned meetings and two months of closed ones; above it
 * the province (Tỉnh ủy Hòa Bình) with one more committee under it (./demo-province.ts).
 * Ids are fixed and every insert is `INSERT OR IGNORE`, so loading it twice changes nothing.
 */

import { addMonths, daysInMonth, vnThisMonth, vnWallTime } from "../../schema/calendar.ts";
import { gradeOf, type Scores } from "../../schema/quality-grid.ts";
import { foldForSearch, memberSearchText } from "../../schema/text.ts";
import { hashPassword } from "../../worker/lib/password.ts";
import {
  DEMO_PROVINCE_ID,
  DEMO_PROVINCE_NAME,
  memberRecord,
  PROVINCE_LOGINS,
  writeDemoProvince,
} from "./demo-province.ts";
import { monthLabel, REGULAR_AGENDA, THEMATIC_AGENDA, THEMATIC_TOPICS, vnTime } from "./meeting-content.ts";
import { rng, vietnameseName } from "./names.ts";
import { type SeedBranch, type SeedMember, writeMeeting } from "./seed-meetings.ts";
import { SqlWriter } from "./sql.ts";

export const DEMO_TENANT_ID = "hoaan";
export const DEMO_PASSWORD = "chibo-demo-2026";

export interface DemoLogin {
  email: string;
  name: string;
  what: string;
}

/** Points on the quality grid (schema/quality-grid.ts) the demo's held meetings were given: Tốt, Khá, Trung bình. */
const DEMO_SCORES: readonly Scores[] = [
  {
    attendance: 20,
    preparation: 15,
    documents: 5,
    duration: 10,
    conduct: 10,
    speaking: 15,
    principles: 10,
    resolution: 8,
    minutes: 5,
  },
  {
    attendance: 20,
    preparation: 12,
    documents: 5,
    duration: 10,
    conduct: 8,
    speaking: 10,
    principles: 10,
    resolution: 8,
    minutes: 5,
  },
  {
    attendance: 15,
    preparation: 8,
    documents: 0,
    duration: 10,
    conduct: 6,
    speaking: 5,
    principles: 8,
    resolution: 5,
    minutes: 5,
  },
];

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
      members.push({ personId: id, status: probationary ? "probationary" : "official", exempt });
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

  const meetingIds: string[] = [];
  // The calendar is Vietnam's: "today" there may already be tomorrow in UTC.
  const local = vnWallTime(now);
  const year = local.year;
  const month = local.month - 1;
  const today = local.day;
  const lastDay = daysInMonth(year, month + 1);
  BRANCHES.forEach((b, i) => {
    const branch = branches.get(b.key)!;
    const format = b.type === "residential" ? "hybrid" : "in_person";
    // Two closed regular meetings in the previous months.
    for (const back of [2, 1]) {
      const id = `${t}-${b.key}-${back === 1 ? "prev" : "prev2"}`;
      meetingIds.push(id);
      writeMeeting(w, r, {
        tenantId: t,
        id,
        branch,
        kind: "regular",
        topic: `Sinh hoạt thường kỳ tháng ${monthLabel(year, month - back)}`,
        scheduledAt: vnTime(year, month - back, 10 + i * 2, b.hour, 30),
        status: "closed",
        format,
        agenda: REGULAR_AGENDA,
        speeches: 3 + Math.floor(r() * 4),
        ballots: true,
      });
    }
    // This month's regular meeting: Khu phố 3 meets tonight so the live room can be tried at once.
    const day = b.key === "kp3" ? today : Math.min(lastDay, today + 1 + i);
    const id = `${t}-${b.key}-current`;
    meetingIds.push(id);
    writeMeeting(w, r, {
      tenantId: t,
      id,
      branch,
      kind: "regular",
      topic: `Sinh hoạt thường kỳ tháng ${monthLabel(year, month)}`,
      scheduledAt: vnTime(year, month, day, b.hour, 30),
      status: "planned",
      format,
      agenda: REGULAR_AGENDA,
    });
    w.insert("meeting_documents", {
      id: `${id}-d1`,
      tenant_id: t,
      meeting_id: id,
      title: `Dự thảo Nghị quyết ${b.name} tháng ${monthLabel(year, month)}`,
      body:
        `1. Kết quả thực hiện nhiệm vụ tháng ${monthLabel(year, month - 1)}: các đảng viên hoàn thành nhiệm vụ được phân công.\n` +
        `2. Nhiệm vụ tháng ${monthLabel(year, month + 1)}: tuyên truyền, vận động nhân dân thực hiện tốt các chủ trương của Đảng, ` +
        `chính sách, pháp luật của Nhà nước; giữ gìn an ninh trật tự, vệ sinh môi trường trên địa bàn.\n` +
        `3. Phân công đảng viên phụ trách từng nhiệm vụ, báo cáo kết quả tại kỳ sinh hoạt tháng sau.`,
      url: null,
    });
  });
  // Thematic meetings: one held last month in Khu phố 1, one planned this month for the agency branch.
  writeMeeting(w, r, {
    tenantId: t,
    id: `${t}-kp1-thematic-prev`,
    branch: branches.get("kp1")!,
    kind: "thematic",
    topic: THEMATIC_TOPICS[0],
    scheduledAt: vnTime(year, month - 1, 20, 19, 30),
    status: "closed",
    format: "hybrid",
    agenda: THEMATIC_AGENDA,
    speeches: 6,
  });
  writeMeeting(w, r, {
    tenantId: t,
    id: `${t}-coquan-thematic`,
    branch: branches.get("coquan")!,
    kind: "thematic",
    topic: THEMATIC_TOPICS[2],
    scheduledAt: vnTime(year, month, Math.min(lastDay, today + 3), 14, 0),
    status: "planned",
    format: "in_person",
    agenda: THEMATIC_AGENDA,
  });
  meetingIds.push(`${t}-kp1-thematic-prev`, `${t}-coquan-thematic`);
  const leaderTitle = "Tỉnh ủy viên, Phó Trưởng Ban Tổ chức Tỉnh ủy";
  w.insert("meeting_guests", { tenant_id: t, meeting_id: `${t}-kp3-current`, person_id: leaderId, title: leaderTitle });

  // The reports have something to show from the first start: each held regular meeting graded by its
  // chair on the 100-point grid, and the leader's visits — last month's to Khu phố 3 kept (the leader
  // evaluated it in the room), last month's to Khu phố 1 missed (to move), tonight's still ahead.
  BRANCHES.forEach((b, i) => {
    for (const [k, back] of (["prev2", "prev"] as const).entries()) {
      const meetingId = `${t}-${b.key}-${back}`;
      const scores = DEMO_SCORES[(i + k) % DEMO_SCORES.length]!;
      const { total, grade } = gradeOf(scores);
      w.insert("evaluations", {
        id: `${meetingId}-ev`,
        tenant_id: t,
        meeting_id: meetingId,
        evaluator_person_id: branches.get(b.key)!.secretaryId,
        evaluator_kind: "branch",
        scores_json: JSON.stringify(scores),
        total,
        grade,
      });
    }
  });
  const ym = (back: number) => addMonths(vnThisMonth(now), -back);
  const leaderScores = DEMO_SCORES[1]!;
  w.insert("evaluations", {
    id: `${t}-kp3-prev-ev-leader`,
    tenant_id: t,
    meeting_id: `${t}-kp3-prev`,
    evaluator_person_id: leaderId,
    evaluator_kind: "leader",
    scores_json: JSON.stringify(leaderScores),
    ...gradeOf(leaderScores),
  });
  for (const [key, back, meeting] of [
    ["kp3", 1, "prev"],
    ["kp1", 1, "prev"],
    ["kp3", 0, "current"],
  ] as const) {
    // A plan invites its leader to its meeting (as the API does), so the room lets them in.
    if (meeting !== "current")
      w.insert("meeting_guests", {
        tenant_id: t,
        meeting_id: `${t}-${key}-${meeting}`,
        person_id: leaderId,
        title: leaderTitle,
      });
    w.insert("visit_plans", {
      id: `${t}-visit-${key}-${meeting}`,
      tenant_id: t,
      leader_person_id: leaderId,
      organization_id: branches.get(key)!.id,
      month: ym(back),
      meeting_id: `${t}-${key}-${meeting}`,
      notes: "Dự, nắm tình hình và chỉ đạo sinh hoạt chi bộ",
    });
  }

  // The province's office, with the visiting leader among its officers, and its other committee.
  await writeDemoProvince(w, { hash, now, leaderId });

  return { sql: w.toSql(), rows: w.count, meetingIds };
}
