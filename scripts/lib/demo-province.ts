/**
 * The demo's province (Tỉnh ủy Hòa Bình, kind `province`) above Đảng ủy phường Hòa An, with its office (an admin who
 * logs in, and the visiting leader Hoàng Minh Đức as one of its officers) and one more committee under it, Đảng ủy xã
 * Tân Lạc: two branches, 12 members, a year of held and recorded meetings (./seed-history.ts) and this month's planned.
 * Written after Hòa An's rows with a
 * random sequence of its own, so Hòa An's generated names and figures stay what they were.
 */
import { addMonths, daysInMonth, vnThisMonth, vnWallTime } from "../../schema/calendar.ts";
import { foldForSearch, memberSearchText } from "../../schema/text.ts";
import { PROFILES } from "./demo-history.ts";
import { rng, vietnameseName } from "./names.ts";
import { type Leader, writeBranchYear } from "./seed-history.ts";
import type { SeedBranch, SeedMember } from "./seed-meetings.ts";
import type { SqlWriter } from "./sql.ts";

export const DEMO_PROVINCE_ID = "hoabinh";
export const DEMO_PROVINCE_NAME = "Tỉnh ủy Hòa Bình";
export const DEMO_SECOND_COMMITTEE_ID = "tanlac";

const PROVINCE_ADMIN = {
  email: "admin@tinhuy.demo",
  name: "Quách Văn Long",
  what: "Chánh Văn phòng Tỉnh ủy — quản trị Tỉnh ủy (chỉ xem các đảng bộ trực thuộc) / province admin",
};
const TANLAC_ADMIN = {
  email: "admin@tanlac.demo",
  name: "Bùi Thị Hạnh",
  what: "Phó Bí thư Đảng ủy xã Tân Lạc — quản trị / the other committee's admin",
};
export const PROVINCE_LOGINS = [PROVINCE_ADMIN, TANLAC_ADMIN] as const;

/**
 * A person row as the seeds write it, and the committee's own record of them on the membership (migration 0003): the
 * same name, contact e-mail, phone and birth year; linked when the account has a password (as 0003 marks them).
 */
export interface SeedAccount {
  email: string | null;
  full_name: string;
  phone: string | null;
  birth_year: number;
  password_hash: string | null;
}
export const memberRecord = (a: SeedAccount, now: Date) => ({
  full_name: a.full_name,
  email: a.email,
  phone: a.phone,
  birth_year: a.birth_year,
  linked_at: a.password_hash ? now.toISOString() : null,
});

const BRANCHES = [
  {
    key: "xombai",
    name: "Chi bộ Xóm Bái",
    type: "residential",
    size: 7,
    place: "Nhà văn hóa xóm Bái",
    hour: 19,
    profile: PROFILES.busy,
  },
  {
    key: "thtl",
    name: "Chi bộ Trường Tiểu học Tân Lạc",
    type: "school",
    size: 5,
    place: "Phòng họp Trường Tiểu học Tân Lạc",
    hour: 16,
    profile: PROFILES.steady,
  },
] as const;

export async function writeDemoProvince(w: SqlWriter, opts: { hash: string; now: Date; leader: Leader }) {
  const { hash, now } = opts;
  const r = rng(20261206);
  const p = DEMO_PROVINCE_ID;
  const t = DEMO_SECOND_COMMITTEE_ID;
  const people = (prefix: string) => {
    let no = 0;
    return (name: string, birthYear: number, email: string | null = null) => {
      const row = {
        id: `${prefix}-p${String(++no).padStart(3, "0")}`,
        email,
        full_name: name,
        search_name: foldForSearch(name),
        phone: `09${String(Math.floor(r() * 1e8)).padStart(8, "0")}`,
        birth_year: birthYear,
        password_hash: email ? hash : null,
      };
      w.insert("people", row);
      return row;
    };
  };

  // The province's office: its admin, and the provincial leader who visits Hòa An's branches as an officer.
  const provinceAdmin = people(p)(PROVINCE_ADMIN.name, 1972, PROVINCE_ADMIN.email);
  w.insert("tenant_roles", { tenant_id: p, person_id: provinceAdmin.id, role: "admin" });
  w.insert("tenant_roles", { tenant_id: p, person_id: opts.leader.personId, role: "viewer" });

  w.insert("tenants", { id: t, name: "Đảng ủy xã Tân Lạc", kind: "committee", parent_id: p });
  const person = people(t);
  const used = new Set<string>([TANLAC_ADMIN.name]);
  let membershipNo = 0;
  const local = vnWallTime(now);
  const names = new Map<string, string>();
  let adminId = "";
  BRANCHES.forEach((b, i) => {
    const orgId = `${t}-${b.key}`;
    w.insert("organizations", {
      id: orgId,
      tenant_id: t,
      parent_id: null,
      kind: "grassroots_branch",
      name: b.name,
      branch_type: b.type,
    });
    const roles = ["secretary", "deputy", "committee", ...Array<string>(b.size - 3).fill("member")];
    const members: SeedMember[] = [];
    const officers: string[] = [];
    roles.forEach((role, n) => {
      const admin = i === 0 && role === "deputy";
      const probationary = role === "member" && n === b.size - 1;
      const name = admin ? TANLAC_ADMIN.name : vietnameseName(r, used).name;
      const birthYear = probationary ? 1998 : 1955 + Math.floor(r() * 40);
      const account = person(name, birthYear, admin ? TANLAC_ADMIN.email : null);
      w.insert("memberships", {
        id: `${t}-m${String(++membershipNo).padStart(3, "0")}`,
        tenant_id: t,
        organization_id: orgId,
        person_id: account.id,
        status: probationary ? "probationary" : "official",
        probation_start: probationary ? `${addMonths(vnThisMonth(now), -5)}-10` : null,
        branch_role: role,
        exempt_reason: null,
        exempt_from: null,
        exempt_to: null,
        search_text: memberSearchText(name, account.email),
        ...memberRecord(account, now),
      });
      if (admin) w.insert("tenant_roles", { tenant_id: t, person_id: account.id, role: "admin" });
      members.push({
        personId: account.id,
        name,
        status: probationary ? "probationary" : "official",
        exempt: false,
      });
      names.set(account.id, name);
      if (admin) adminId = account.id;
      if (n < 3) officers.push(account.id);
    });
    const branch: SeedBranch = {
      id: orgId,
      members,
      secretaryId: officers[0]!,
      deputyId: officers[1]!,
      minutesTakerId: officers[2]!,
      place: b.place,
    };
    // A year held and recorded, like Hòa An's; the province's leader visits Xóm Bái twice.
    writeBranchYear(w, r, {
      tenantId: t,
      branch,
      idPrefix: orgId,
      branchName: b.name,
      branchType: b.type,
      format: b.type === "residential" ? "hybrid" : "in_person",
      hour: b.hour,
      day: 8 + i * 3,
      currentDay: Math.min(daysInMonth(local.year, local.month), local.day + 4 + i),
      months: 12,
      now,
      profile: b.profile,
      names,
      visits:
        i === 0
          ? [9, 2].map((back) => ({ month: addMonths(vnThisMonth(now), -back), leader: opts.leader, kept: true }))
          : [],
      confirmedBy: adminId,
    });
  });
}
