/**
 * The record walk's own branch (Khu phố 12), so test/browser/record-walkthrough.test.ts depends on no other test
 * file's order: a branch secretary who plans and chairs, a minutes-taker, two members with phones, a probationary
 * member with a phone (who follows the vote without ballot buttons), two members
 * without a device (checked in in the hall), and a visiting leader the committee planned to send to the branch a year
 * ago (a visit plan puts them in the committee's leader pool, so the admin can pick them as the meeting's guest; a year
 * back, so this year's visit counts in test/browser/reports.test.ts stay the seed's). No meeting: the walk plans it
 * through the UI.
 */
import { addMonths, vnThisMonth } from "../../schema/calendar.ts";
import type { SeedPerson } from "./seed.ts";

export interface RecordWalkSeed {
  branchId: string;
  branchName: string;
  secretary: SeedPerson;
  taker: SeedPerson;
  members: [SeedPerson, SeedPerson];
  probationary: SeedPerson;
  hall: [string, string];
  leader: SeedPerson;
}

type Row = Record<string, string | number | null>;

export function seedRecordWalk(h: {
  tenantId: string;
  committeeId: string;
  insert: (table: string, row: Row) => void;
  person: (key: string, name: string, login: boolean) => SeedPerson;
  membership: (
    p: SeedPerson,
    status: "official" | "probationary",
    role: string,
    exempt: boolean,
    orgId: string,
  ) => void;
}): RecordWalkSeed {
  const branchId = "org-branch-12";
  const branchName = "Chi bộ khu phố 12";
  h.insert("organizations", {
    id: branchId,
    tenant_id: h.tenantId,
    parent_id: h.committeeId,
    kind: "branch",
    name: branchName,
    branch_type: "residential",
  });
  const secretary = h.person("rw-secretary", "Lương Thị Mai", true);
  const taker = h.person("rw-taker", "Đoàn Văn Khoa", true);
  const members: [SeedPerson, SeedPerson] = [
    h.person("rw-member1", "Hà Thị Phương", true),
    h.person("rw-member2", "Cao Văn Sơn", true),
  ];
  h.membership(secretary, "official", "secretary", false, branchId);
  h.membership(taker, "official", "committee", false, branchId);
  for (const m of members) h.membership(m, "official", "member", false, branchId);
  const probationary = h.person("rw-prob", "Kim Thị Xuân", true);
  h.membership(probationary, "probationary", "member", false, branchId);
  const hall: [string, string] = ["Lý Văn Tâm", "Châu Thị Uyên"];
  hall.forEach((name, i) => {
    h.membership(h.person(`rw-hall${i + 1}`, name, false), "official", "member", false, branchId);
  });
  const leader = h.person("rw-leader", "Tạ Quang Vinh", true);
  h.insert("visit_plans", {
    id: "vp-rw",
    tenant_id: h.tenantId,
    leader_person_id: leader.id,
    organization_id: branchId,
    month: addMonths(vnThisMonth(), -12),
    status: "planned",
  });
  return { branchId, branchName, secretary, taker, members, probationary, hall, leader };
}
