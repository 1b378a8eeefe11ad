/**
 * The degraded-media test's own branch (Khu phố 23) and two meetings with built-in sound, so its calls depend on
 * no other test file (test/browser/media-degraded.test.ts): one whose hall screen has its microphone (a member
 * whose browser blocks sound until a tap, a member whose browser refuses the microphone, a speaker whose socket
 * drops mid-speech), and one whose hall screen is refused its microphone.
 */
import type { SeedPerson } from "./seed.ts";

export interface MediaDegradedSeed {
  meetingId: string;
  chair: SeedPerson;
  /** Hears the hall in a browser that plays sound only after a tap. */
  listener: SeedPerson;
  /** Given the floor in a browser that refuses the microphone. */
  blocked: SeedPerson;
  /** Given the floor; their room socket drops while they speak. */
  speaker: SeedPerson;
  /** The second meeting: its hall screen is refused the microphone. */
  mutedHall: { meetingId: string; chair: SeedPerson; member: SeedPerson };
}

type Row = Record<string, string | number | null>;

export function seedMediaDegraded(h: {
  tenantId: string;
  committeeId: string;
  insert: (table: string, row: Row) => void;
  person: (key: string, name: string, login: boolean) => SeedPerson;
  membership: (p: SeedPerson, status: "official", role: string, exempt: boolean, orgId: string) => void;
}): MediaDegradedSeed {
  const { tenantId, insert } = h;
  const branchId = "org-branch-23";
  insert("organizations", {
    id: branchId,
    tenant_id: tenantId,
    parent_id: h.committeeId,
    kind: "branch",
    name: "Chi bộ khu phố 23",
    branch_type: "residential",
  });
  const chair = h.person("dg-chair", "Hà Thị Minh Nguyệt", true);
  const listener = h.person("dg-listener", "Tạ Văn Lộc", true);
  const blocked = h.person("dg-blocked", "Kiều Thị Sen", true);
  const speaker = h.person("dg-speaker", "Lục Văn Thịnh", true);
  const hallChair = h.person("dg-hall-chair", "Âu Thị Hồng", true);
  const hallMember = h.person("dg-hall-member", "Văn Đình Tú", true);
  h.membership(chair, "official", "secretary", false, branchId);
  h.membership(hallChair, "official", "deputy", false, branchId);
  for (const p of [listener, blocked, speaker, hallMember]) h.membership(p, "official", "member", false, branchId);
  const meeting = (id: string, topic: string, chairId: string) => {
    insert("meetings", {
      id,
      tenant_id: tenantId,
      organization_id: branchId,
      kind: "regular",
      topic,
      scheduled_at: new Date().toISOString(),
      place: "Nhà văn hóa khu phố 23",
      format: "hybrid",
      status: "planned",
      chair_person_id: chairId,
      minutes_taker_person_id: chairId,
      media_mode: "builtin",
    });
    insert("agenda_items", {
      id: `${id}-ai-1`,
      tenant_id: tenantId,
      meeting_id: id,
      position: 1,
      title: "Ý kiến của đảng viên dự từ xa",
      presenter_person_id: chairId,
      minutes_budget: 30,
    });
  };
  meeting("mtg-dg-live", "Chuyên đề khu phố 23: nghe nói từ xa khi mạng kém", chair.id);
  meeting("mtg-dg-hall-muted", "Chuyên đề khu phố 23: hội trường không có micro", hallChair.id);
  return {
    meetingId: "mtg-dg-live",
    chair,
    listener,
    blocked,
    speaker,
    mutedHall: { meetingId: "mtg-dg-hall-muted", chair: hallChair, member: hallMember },
  };
}
