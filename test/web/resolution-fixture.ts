/** A resolution as the API answers it, for the page and PDF tests. */
import type { MeetingDetail } from "../../schema/api/meetings";
import type { Resolution } from "../../schema/api/resolutions";

export const resolution: Resolution = {
  id: "r-1",
  meetingId: "m-1",
  status: "draft",
  year: null,
  number: null,
  body: "1. Tiếp tục vận động đảng viên gương mẫu giữ gìn vệ sinh môi trường.\n2. Hoàn thành thu đảng phí quý IV.",
  adoptedVoteId: "v-1",
  tasks: [
    {
      id: "task-1",
      position: 1,
      title: "Thu đảng phí quý IV",
      leadPersonId: "p-dep",
      leadName: "Trần Thị Phó",
      deadline: "2026-12-31",
      reportBack: "Sinh hoạt chi bộ tháng 12/2026",
      status: "open",
      doneOn: null,
    },
    {
      id: "task-2",
      position: 2,
      title: "Ra quân dọn vệ sinh khu phố",
      leadPersonId: null,
      leadName: "Chi hội Cựu chiến binh",
      deadline: "2026-12-15",
      reportBack: "Sinh hoạt chi bộ tháng 12/2026",
      status: "open",
      doneOn: null,
    },
  ],
  issuedAt: null,
  facts: {
    organizationName: "Chi bộ khu phố 3",
    tenantName: "Đảng ủy phường Hòa An",
    kind: "regular",
    topic: "Sinh hoạt thường kỳ tháng 11/2026",
    place: "Nhà văn hóa khu phố 3, Hòa An",
    scheduledAt: "2026-11-25T12:30:00Z",
    startedAt: "2026-11-25T12:30:00Z",
    endedAt: "2026-11-25T14:05:00Z",
    durationMinutes: 95,
    chairName: "Nguyễn Văn Bí Thư",
    minutesTakerName: "Trần Thị Phó",
    members: 10,
    present: 9,
    presentHall: 7,
    presentRemote: 2,
    absent: 1,
    absentExcused: 1,
    absentUnexcused: 0,
    speakers: 5,
  },
  votes: [{ id: "v-1", motion: "Thông qua nghị quyết", agree: 8, base: 9, result: "passed" }],
  reviews: [
    {
      taskId: "old-1",
      title: "Tuyên truyền phòng chống ma túy",
      leadName: "Lê Văn An",
      deadline: "2026-11-20",
      reportBack: "Sinh hoạt chi bộ tháng 11/2026",
      resolutionNumber: "Số 04-NQ/CB",
      status: "done",
      doneOn: "2026-11-18",
      review: { status: "done", note: "Đã tổ chức 2 buổi", reviewedAt: "2026-11-25T12:40:00Z" },
    },
  ],
  canWrite: true,
};

/** The closed meeting the resolution belongs to, as GET /meetings/:id answers: its facts, and the branch's members. */
export const meetingOf = (r: Resolution): MeetingDetail => {
  const { organizationName, kind, topic, place, scheduledAt, startedAt, endedAt, chairName, minutesTakerName } =
    r.facts;
  return {
    ...{ id: r.meetingId, organizationId: "org-1", organizationName, kind, topic, place, scheduledAt, startedAt },
    ...{ endedAt, chairName, minutesTakerName, chairPersonId: "p-sec", minutesTakerPersonId: "p-dep" },
    ...{ format: "hybrid", onlineBasis: null, status: "closed", cancelReason: null, combined: false },
    ...{ mediaMode: "hall_only", mediaLink: null },
    ...{ agenda: [], documents: [], guests: [], lateDocuments: false },
    expected: [
      { personId: "p-sec", fullName: "Nguyễn Văn Bí Thư", branchRole: "secretary" },
      { personId: "p-dep", fullName: "Trần Thị Phó", branchRole: "deputy" },
      { personId: "p-an", fullName: "Lê Văn An", branchRole: "member" },
    ],
  };
};
