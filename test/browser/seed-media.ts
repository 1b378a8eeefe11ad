/**
 * The media test's own branch (Khu phố 13) and a meeting with built-in sound (mediaMode 'builtin'), so its calls
 * depend on no other test file: a chair (whose login opens the hall screen), a remote member and a visiting
 * leader invited as the meeting's guest. The bench (bench/media.ts) plays the same meeting.
 */
import type { SeedPerson } from "./seed.ts";

export interface MediaSeed {
  meetingId: string;
  chair: SeedPerson;
  member: SeedPerson;
  leader: SeedPerson;
  /** Ten more remote members who only listen: the bench's listeners (1, 5, 10 in the star). */
  listeners: SeedPerson[];
}

type Row = Record<string, string | number | null>;

export function seedMedia(h: {
  tenantId: string;
  committeeId: string;
  insert: (table: string, row: Row) => void;
  person: (key: string, name: string, login: boolean) => SeedPerson;
  membership: (p: SeedPerson, status: "official", role: string, exempt: boolean, orgId: string) => void;
}): MediaSeed {
  const { tenantId, insert } = h;
  const branchId = "org-branch-13";
  insert("organizations", {
    id: branchId,
    tenant_id: tenantId,
    parent_id: h.committeeId,
    kind: "branch",
    name: "Chi bộ khu phố 13",
    branch_type: "residential",
  });
  const chair = h.person("md-chair", "Lý Thị Thu Hà", true);
  const member = h.person("md-member", "Đoàn Văn Phúc", true);
  h.membership(chair, "official", "secretary", false, branchId);
  h.membership(member, "official", "member", false, branchId);
  const leader = h.person("md-leader", "Mai Xuân Khải", true);
  const listeners = Array.from({ length: 10 }, (_, i) => h.person(`md-l${i + 1}`, `Đảng viên nghe số ${i + 1}`, true));
  for (const p of listeners) h.membership(p, "official", "member", false, branchId);
  const meetingId = "mtg-md-live";
  insert("meetings", {
    id: meetingId,
    tenant_id: tenantId,
    organization_id: branchId,
    kind: "regular",
    topic: "Sinh hoạt thường kỳ chi bộ khu phố 13 (nghe nói từ xa)",
    scheduled_at: new Date().toISOString(),
    place: "Nhà văn hóa khu phố 13",
    format: "hybrid",
    status: "planned",
    chair_person_id: chair.id,
    minutes_taker_person_id: chair.id,
    media_mode: "builtin",
  });
  insert("agenda_items", {
    id: `${meetingId}-ai-1`,
    tenant_id: tenantId,
    meeting_id: meetingId,
    position: 1,
    title: "Ý kiến của đảng viên dự từ xa",
    presenter_person_id: chair.id,
    minutes_budget: 30,
  });
  insert("meeting_guests", {
    tenant_id: tenantId,
    meeting_id: meetingId,
    person_id: leader.id,
    title: "Ủy viên Ban Thường vụ Đảng ủy phường",
  });
  return { meetingId, chair, member, leader, listeners };
}
