/**
 * Test data for the browser tests, written as SQL and applied to a fresh local D1 with `wrangler d1 execute`.
 * One committee with one residential branch of nine members (one probationary, one exempt), a meeting whose
 * chair is the secretary and whose minutes-taker is a member, a visiting leader from another tenant, a committee
 * admin who works the console, last month's meeting, closed with its frozen minutes, for the minutes page, and
 * two more branches with a meeting each that only one test plays (the reports test's visit, the reconnect test),
 * and an empty province with a leader for the identity walkthrough.
 * Password hashes use the Worker's own format (PBKDF2-SHA256, 100,000 iterations) computed here in Node.
 */
import { webcrypto } from "node:crypto";
import { addMonths, vnThisMonth, vnToUtc } from "../../schema/calendar.ts";
import { type MediaSeed, seedMedia } from "./seed-media.ts";
import { type MediaDegradedSeed, seedMediaDegraded } from "./seed-media-degraded.ts";
import { type RecordWalkSeed, seedRecordWalk } from "./seed-record-walk.ts";
import { type ScreensSeed, seedScreens } from "./seed-screens.ts";

export const PASSWORD = "mat-khau-trinh-duyet";

export interface SeedPerson {
  key: string;
  id: string;
  email: string;
  name: string;
  login: boolean;
}

export interface Seed {
  tenantId: string;
  branchId: string;
  meetingId: string;
  closedMeetingId: string;
  agenda: { id: string; title: string }[];
  people: Record<"chair" | "secretary" | "member" | "probationary" | "leader" | "admin", SeedPerson>;
  /** A second planned meeting of the main branch for the CSP test, so it does not depend on the meeting test. */
  cspMeetingId: string;
  /** A meeting of its own branch for the reconnect test, so it does not depend on the meeting test's order. */
  reconnect: { meetingId: string; chair: SeedPerson; member: SeedPerson };
  /** A member record with no account yet, in Khu phố 5, for the invite test alone. */
  invitee: { membershipId: string; name: string };
  /**
   * A province (Tỉnh ủy) with no committee under it yet and one leader who logs in, for the identity walkthrough:
   * the operator creates a committee under it, which then picks this leader as a meeting's guest.
   */
  province: { tenantId: string; leader: SeedPerson };
  /** A member record with no account yet, in a branch of its own (Khu phố 9), for the passkey invitation test. */
  passkeyInvitee: { membershipId: string; name: string };
  /** The screens test's own branch and meetings (test/browser/seed-screens.ts). */
  screens: ScreensSeed;
  /** The record walk's own branch and people (test/browser/seed-record-walk.ts). */
  recordWalk: RecordWalkSeed;
  /** The media test's own branch and built-in-sound meeting (test/browser/seed-media.ts). */
  media: MediaSeed;
  /** The degraded-media test's own branch and meetings (test/browser/seed-media-degraded.ts). */
  mediaDegraded: MediaDegradedSeed;
}

async function hashPassword(password: string): Promise<string> {
  const salt = webcrypto.getRandomValues(new Uint8Array(16));
  const key = await webcrypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, [
    "deriveBits",
  ]);
  const bits = await webcrypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations: 100_000 },
    key,
    256,
  );
  return `pbkdf2-sha256$100000$${Buffer.from(salt).toString("base64")}$${Buffer.from(bits).toString("base64")}`;
}

const q = (v: string | number | null) =>
  v === null ? "NULL" : typeof v === "number" ? String(v) : `'${v.replaceAll("'", "''")}'`;
const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase();

export async function buildSeed(): Promise<{ seed: Seed; sql: string }> {
  const hash = await hashPassword(PASSWORD);
  const tenantId = "t-browser";
  const committeeId = "org-committee";
  const branchId = "org-branch";
  const meetingId = "mtg-browser";
  const lines: string[] = [];
  const insert = (table: string, row: Record<string, string | number | null>) =>
    lines.push(
      `INSERT INTO ${table} (${Object.keys(row).join(", ")}) VALUES (${Object.values(row).map(q).join(", ")});`,
    );

  insert("tenants", { id: tenantId, name: "Đảng ủy phường Hòa An" });
  insert("tenants", { id: "t-province", name: "Tỉnh ủy" });
  insert("organizations", {
    id: committeeId,
    tenant_id: tenantId,
    parent_id: null,
    kind: "grassroots_committee",
    name: "Đảng bộ phường Hòa An",
  });
  insert("organizations", {
    id: branchId,
    tenant_id: tenantId,
    parent_id: committeeId,
    kind: "branch",
    name: "Chi bộ khu phố 3",
    branch_type: "residential",
  });

  const person = (key: string, name: string, login: boolean): SeedPerson => {
    const id = `p-${key}`;
    const email = `${key}@chibo.test`;
    // A record nobody has taken yet has an empty account: no login e-mail, no password (docs/identity.md).
    insert("people", {
      id,
      email: login ? email : null,
      full_name: name,
      search_name: fold(name),
      password_hash: login ? hash : null,
    });
    return { key, id, email, name, login };
  };
  const membership = (
    p: SeedPerson,
    status: "official" | "probationary",
    role: string,
    exempt = false,
    orgId = branchId,
  ) =>
    insert("memberships", {
      id: `m-${p.key}`,
      tenant_id: tenantId,
      organization_id: orgId,
      person_id: p.id,
      status,
      probation_start: status === "probationary" ? "2026-05-01" : null,
      branch_role: role,
      exempt_reason: exempt ? "Tuổi cao, sức yếu" : null,
      exempt_from: exempt ? "2026-01-01" : null,
      // schema/text.ts memberSearchText: what member search matches.
      search_text: `${fold(p.name)}\t${p.email}`,
      // The committee's own record of the member (what the lists and the room show).
      full_name: p.name,
      email: p.email,
      linked_at: p.login ? "2026-01-01T00:00:00.000Z" : null,
    });

  const chair = person("chair", "Nguyễn Văn Bình", true);
  membership(chair, "official", "secretary");
  const secretary = person("secretary", "Trần Thị Thu", true);
  membership(secretary, "official", "committee");
  const member = person("member", "Lê Văn Dũng", true);
  membership(member, "official", "member");
  const probationary = person("probationary", "Phạm Thị Hoa", true);
  membership(probationary, "probationary", "member");
  // Members without a device or account: the chair checks them in from the console.
  const hallNames = ["Hoàng Văn Em", "Đỗ Thị Giang", "Vũ Văn Hải", "Bùi Thị Lan"];
  hallNames.forEach((name, i) => {
    membership(person(`hall${i + 1}`, name, false), "official", "member");
  });
  membership(person("elder", "Ngô Văn Kính", false), "official", "member", true);

  const leader = person("leader", "Đặng Quốc Hùng", true);
  insert("tenant_roles", { tenant_id: "t-province", person_id: leader.id, role: "viewer" });

  insert("meetings", {
    id: meetingId,
    tenant_id: tenantId,
    organization_id: branchId,
    kind: "regular",
    topic: "Sinh hoạt thường kỳ tháng 11/2026",
    scheduled_at: new Date().toISOString(),
    place: "Nhà văn hóa khu phố 3",
    format: "hybrid",
    status: "planned",
    chair_person_id: chair.id,
    minutes_taker_person_id: secretary.id,
  });
  const titles = [
    "Khai mạc, điểm danh",
    "Kết quả tháng 10 và tình hình tư tưởng đảng viên",
    "Nhiệm vụ tháng 12, phân công đảng viên",
    "Biểu quyết nghị quyết",
  ];
  const agenda = titles.map((title, i) => ({ id: `ai-${i + 1}`, title }));
  agenda.forEach((a, i) => {
    insert("agenda_items", {
      id: a.id,
      tenant_id: tenantId,
      meeting_id: meetingId,
      position: i + 1,
      title: a.title,
      presenter_person_id: chair.id,
      minutes_budget: 15,
    });
  });
  insert("meeting_guests", {
    tenant_id: tenantId,
    meeting_id: meetingId,
    person_id: leader.id,
    title: "Ủy viên Ban Thường vụ Tỉnh ủy",
  });

  // A second meeting of the branch, live-able, for the CSP test alone: the meeting test closes the first one.
  const cspMeetingId = "mtg-csp";
  insert("meetings", {
    id: cspMeetingId,
    tenant_id: tenantId,
    organization_id: branchId,
    kind: "thematic",
    topic: "Sinh hoạt chuyên đề (kiểm tra chính sách bảo mật)",
    scheduled_at: new Date().toISOString(),
    place: "Nhà văn hóa khu phố 3",
    format: "hybrid",
    status: "planned",
    chair_person_id: chair.id,
    minutes_taker_person_id: secretary.id,
  });
  insert("meeting_guests", {
    tenant_id: tenantId,
    meeting_id: cspMeetingId,
    person_id: leader.id,
    title: "Ủy viên Ban Thường vụ Tỉnh ủy",
  });

  // The committee's admin: the console (tree, members, CSV import, planning), not a member of the branch.
  const admin = person("admin", "Nguyễn Thị Hồng Nhung", true);
  insert("tenant_roles", { tenant_id: tenantId, person_id: admin.id, role: "admin" });

  /** A regular meeting of "khu phố n", planned, with no minutes-taker: for the branches only one test plays. */
  const plannedMeeting = (id: string, organizationId: string, n: number, at: Date, chairPerson: SeedPerson) =>
    insert("meetings", {
      id,
      tenant_id: tenantId,
      organization_id: organizationId,
      kind: "regular",
      topic: `Sinh hoạt thường kỳ chi bộ khu phố ${n}`,
      scheduled_at: at.toISOString(),
      place: `Nhà văn hóa khu phố ${n}`,
      format: "hybrid",
      status: "planned",
      chair_person_id: chairPerson.id,
      minutes_taker_person_id: null,
    });

  // A second branch with this month's meeting that no other browser test plays: the reports test registers the
  // visiting leader for it, so the visit stays "planned" whichever test files ran before (the meeting test holds
  // Khu phố 3's meeting with the leader present, which turns a plan on that meeting into "attended").
  const visitBranchId = "org-branch-5";
  insert("organizations", {
    id: visitBranchId,
    tenant_id: tenantId,
    parent_id: committeeId,
    kind: "branch",
    name: "Chi bộ khu phố 5",
    branch_type: "residential",
  });
  const kp5Secretary = person("kp5-secretary", "Lý Thị Mận", false);
  membership(kp5Secretary, "official", "secretary", false, visitBranchId);
  // No login: the invite test invites this record and a new holder takes it.
  const invitee = person("invitee", "Trương Thị Mới", false);
  membership(invitee, "official", "member", false, visitBranchId);
  const visitMeetingId = "mtg-visit";
  plannedMeeting(visitMeetingId, visitBranchId, 5, new Date(Date.now() + 2 * 3600_000), kp5Secretary);

  // A branch of its own for the record a new holder takes with a passkey (test/browser/invite-passkey.test.ts), so
  // no other test's counts of Khu phố 5's members depend on whether it ran.
  const passkeyBranchId = "org-branch-9";
  insert("organizations", {
    id: passkeyBranchId,
    tenant_id: tenantId,
    parent_id: committeeId,
    kind: "branch",
    name: "Chi bộ khu phố 9",
    branch_type: "residential",
  });
  const passkeyInvitee = person("passkey-invitee", "Đỗ Văn Cao Niên", false);
  membership(passkeyInvitee, "official", "member", false, passkeyBranchId);

  // A third branch, with a chair and a member who log in, for the reconnect test alone.
  const reconnectBranchId = "org-branch-7";
  insert("organizations", {
    id: reconnectBranchId,
    tenant_id: tenantId,
    parent_id: committeeId,
    kind: "branch",
    name: "Chi bộ khu phố 7",
    branch_type: "residential",
  });
  const kp7Chair = person("kp7-chair", "Trương Văn Phúc", true);
  membership(kp7Chair, "official", "secretary", false, reconnectBranchId);
  const kp7Member = person("kp7-member", "Mai Thị Quyên", true);
  membership(kp7Member, "official", "member", false, reconnectBranchId);
  const reconnectMeetingId = "mtg-reconnect";
  plannedMeeting(reconnectMeetingId, reconnectBranchId, 7, new Date(), kp7Chair);
  insert("agenda_items", {
    id: "ai-kp7-1",
    tenant_id: tenantId,
    meeting_id: reconnectMeetingId,
    position: 1,
    title: "Khai mạc, điểm danh",
    presenter_person_id: kp7Chair.id,
    minutes_budget: 15,
  });

  // The walkthrough's province: kind 'province', so committees can be created under it, and a leader holding an
  // office role there, so its committees find them in their leader pool (worker/data/leader-pool.ts).
  const provinceId = "t-walk-province";
  insert("tenants", { id: provinceId, name: "Tỉnh ủy Thử Nghiệm", kind: "province" });
  const provinceLeader = person("walk-leader", "Vương Đình Khải", true);
  insert("tenant_roles", { tenant_id: provinceId, person_id: provinceLeader.id, role: "viewer" });

  const closedMeetingId = "mtg-closed";
  // The 15th of last month, 19:00 in Vietnam: always a past month, whatever today's date.
  const prev = addMonths(vnThisMonth(), -1);
  const lastMonth = vnToUtc(Number(prev.slice(0, 4)), Number(prev.slice(5, 7)), 15, 19);
  insert("meetings", {
    id: closedMeetingId,
    tenant_id: tenantId,
    organization_id: branchId,
    kind: "regular",
    topic: "Sinh hoạt thường kỳ tháng trước",
    scheduled_at: lastMonth,
    place: "Nhà văn hóa khu phố 3, Hòa An",
    format: "hybrid",
    status: "closed",
    chair_person_id: chair.id,
    minutes_taker_person_id: secretary.id,
    started_at: lastMonth,
    ended_at: lastMonth,
  });
  insert("minutes", {
    id: "min-closed-1",
    tenant_id: tenantId,
    meeting_id: closedMeetingId,
    version: 1,
    // The counts of this meeting's record (nothing recorded: it never ran in a room), so the chair can approve it.
    body: [
      "I. THỜI GIAN, ĐỊA ĐIỂM",
      "Hồi 19 giờ 00, tại Nhà văn hóa khu phố 3.",
      "Thời gian họp: 19:00 – 19:00 (0 phút)",
      "Tổng số đảng viên: 0 (chính thức 0, dự bị 0)",
      "Có mặt: 0 (tại hội trường 0, trực tuyến 0)",
      "Vắng có lý do: 0",
      "Vắng không lý do: 0",
      "Miễn sinh hoạt: 0",
      "Cơ sở biểu quyết: 0 đảng viên chính thức",
      "Phát biểu: 0 lượt, 0 người",
      "Số lần biểu quyết: 0",
      "",
      "II. NỘI DUNG",
      "Chi bộ thông qua nghị quyết tháng.",
    ].join("\n"),
    status: "frozen",
    created_by: secretary.id,
  });

  const screens = seedScreens({ tenantId, committeeId, lastMonth, insert, person, membership });
  const recordWalk = seedRecordWalk({ tenantId, committeeId, insert, person, membership });
  const media = seedMedia({ tenantId, committeeId, insert, person, membership });
  const mediaDegraded = seedMediaDegraded({ tenantId, committeeId, insert, person, membership });

  return {
    seed: {
      tenantId,
      branchId,
      meetingId,
      closedMeetingId,
      agenda,
      people: { chair, secretary, member, probationary, leader, admin },
      cspMeetingId,
      reconnect: { meetingId: reconnectMeetingId, chair: kp7Chair, member: kp7Member },
      invitee: { membershipId: `m-${invitee.key}`, name: invitee.name },
      province: { tenantId: provinceId, leader: provinceLeader },
      passkeyInvitee: { membershipId: `m-${passkeyInvitee.key}`, name: passkeyInvitee.name },
      screens,
      recordWalk,
      media,
      mediaDegraded,
    },
    sql: `${lines.join("\n")}\n`,
  };
}
