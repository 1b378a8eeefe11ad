/**
 * The screens test's own branch (Khu phố 11), so its walk through every screen depends on no other test file's
 * order: a chair, a minutes-taker, a member and a visiting leader who log in, three members without a device, a
 * meeting planned for tomorrow, one to play live (started by the test) and last month's, closed with its minutes.
 */
import type { SeedPerson } from "./seed.ts";

export interface ScreensSeed {
  branchId: string;
  plannedMeetingId: string;
  liveMeetingId: string;
  closedMeetingId: string;
  chair: SeedPerson;
  taker: SeedPerson;
  member: SeedPerson;
  leader: SeedPerson;
}

type Row = Record<string, string | number | null>;

export function seedScreens(h: {
  tenantId: string;
  committeeId: string;
  lastMonth: string;
  insert: (table: string, row: Row) => void;
  person: (key: string, name: string, login: boolean) => SeedPerson;
  membership: (p: SeedPerson, status: "official", role: string, exempt: boolean, orgId: string) => void;
}): ScreensSeed {
  const { tenantId, insert } = h;
  const branchId = "org-branch-11";
  insert("organizations", {
    id: branchId,
    tenant_id: tenantId,
    parent_id: h.committeeId,
    kind: "branch",
    // A long name, as real ones are: it must wrap, not push a 360 px screen sideways.
    name: "Chi bộ khu phố 11 (Tổ dân phố Nguyễn Thị Minh Khai mở rộng)",
    branch_type: "residential",
  });
  const chair = h.person("sc-chair", "Phan Thị Ngọc Bích", true);
  const taker = h.person("sc-taker", "Huỳnh Văn Thành", true);
  const member = h.person("sc-member", "Tôn Nữ Thị Hồng Nhung", true);
  h.membership(chair, "official", "secretary", false, branchId);
  h.membership(taker, "official", "committee", false, branchId);
  h.membership(member, "official", "member", false, branchId);
  for (const [i, name] of ["Lâm Văn Tài", "Quách Thị Duyên", "Kiều Văn Lộc"].entries())
    h.membership(h.person(`sc-hall${i + 1}`, name, false), "official", "member", false, branchId);
  const leader = h.person("sc-leader", "Trịnh Xuân Trường", true);

  const titles = [
    "Khai mạc, điểm danh đảng viên dự sinh hoạt",
    "Đánh giá kết quả thực hiện nghị quyết tháng trước và tình hình tư tưởng đảng viên trong khu phố",
    "Biểu quyết nghị quyết tháng",
  ];
  const meeting = (id: string, topic: string, at: string, status: "planned" | "closed") => {
    insert("meetings", {
      id,
      tenant_id: tenantId,
      organization_id: branchId,
      kind: "regular",
      topic,
      scheduled_at: at,
      place: "Hội trường tổ dân phố Nguyễn Thị Minh Khai, số 123/45 đường Trần Hưng Đạo",
      format: "hybrid",
      status,
      chair_person_id: chair.id,
      minutes_taker_person_id: taker.id,
      started_at: status === "closed" ? at : null,
      ended_at: status === "closed" ? at : null,
    });
    for (const [i, title] of titles.entries())
      insert("agenda_items", {
        id: `${id}-ai-${i + 1}`,
        tenant_id: tenantId,
        meeting_id: id,
        position: i + 1,
        title,
        presenter_person_id: chair.id,
        minutes_budget: 15,
      });
    // Sent less than a day before the meeting, so its card carries the long "sent late" badge that once pushed
    // the meeting page to 444 px on a 360 px phone.
    insert("meeting_documents", {
      id: `${id}-doc`,
      tenant_id: tenantId,
      meeting_id: id,
      title: "Dự thảo Nghị quyết Chi bộ Khu phố 11 về nhiệm vụ trọng tâm tháng tới",
      body: "1. Kết quả thực hiện nhiệm vụ tháng trước: các đảng viên hoàn thành nhiệm vụ được phân công.\n2. Nhiệm vụ tháng tới: vận động nhân dân giữ gìn vệ sinh môi trường, phòng chống cháy nổ trong khu dân cư.",
      url: null,
    });
    insert("meeting_guests", {
      tenant_id: tenantId,
      meeting_id: id,
      person_id: leader.id,
      title: "Phó Bí thư Thường trực Đảng ủy phường",
    });
  };
  const plannedMeetingId = "mtg-sc-planned";
  const liveMeetingId = "mtg-sc-live";
  const closedMeetingId = "mtg-sc-closed";
  meeting(
    plannedMeetingId,
    "Sinh hoạt chuyên đề: học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    new Date(Date.now() + 20 * 3600_000).toISOString(),
    "planned",
  );
  meeting(liveMeetingId, "Sinh hoạt thường kỳ chi bộ khu phố 11 tháng này", new Date().toISOString(), "planned");
  meeting(closedMeetingId, "Sinh hoạt thường kỳ chi bộ khu phố 11 tháng trước", h.lastMonth, "closed");
  insert("minutes", {
    id: "min-sc-closed-1",
    tenant_id: tenantId,
    meeting_id: closedMeetingId,
    version: 1,
    body: "I. THỜI GIAN, ĐỊA ĐIỂM\nHồi 19 giờ 30, tại hội trường tổ dân phố.\n\nII. NỘI DUNG\nChi bộ thông qua nghị quyết tháng.",
    status: "frozen",
    created_by: taker.id,
  });
  return { branchId, plannedMeetingId, liveMeetingId, closedMeetingId, chair, taker, member, leader };
}
