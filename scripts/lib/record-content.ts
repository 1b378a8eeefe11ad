/**
 * What the seeds' resolutions assign and how the next meeting reports back: tasks a branch of each kind
 * takes on in a month, and the notes a secretary writes against each review status.
 */

/** Tasks any branch takes on. */
const COMMON_TASKS = [
  "Thu, nộp đảng phí đầy đủ, đúng hạn",
  "Nắm tình hình tư tưởng đảng viên, báo cáo chi ủy",
  "Rà soát, bồi dưỡng quần chúng ưu tú, giới thiệu cho Đảng xem xét kết nạp",
  "Đảng viên đăng ký và thực hiện việc làm theo gương Bác trong tháng",
  "Thăm hỏi, động viên đảng viên cao tuổi, ốm đau",
  "Phổ biến nghị quyết, chỉ thị mới của cấp trên đến toàn thể đảng viên",
] as const;

/** Tasks of a branch's own field, by branch type (organizations.branch_type). */
const TASKS_BY_TYPE: Record<string, readonly string[]> = {
  residential: [
    "Vận động các hộ gia đình phân loại rác thải tại nguồn, giữ vệ sinh đường phố",
    "Phối hợp tổ dân phố giữ gìn an ninh trật tự, phòng chống tội phạm",
    "Tuyên truyền phòng cháy chữa cháy, an toàn điện trong khu dân cư",
    "Vận động nhân dân đóng góp Quỹ Vì người nghèo",
    "Thăm hỏi gia đình chính sách, hộ có hoàn cảnh khó khăn",
    "Tuyên truyền phòng chống sốt xuất huyết, vệ sinh môi trường",
  ],
  agency: [
    "Giải quyết hồ sơ thủ tục hành chính đúng hạn trên cổng dịch vụ công",
    "Hoàn thành báo cáo tháng gửi Đảng ủy, Ủy ban nhân dân phường",
    "Tiếp công dân, giải quyết đơn thư đúng quy định",
    "Thực hiện quy chế dân chủ ở cơ sở trong cơ quan",
  ],
  school: [
    "Tổ chức ôn tập, kiểm tra định kỳ đúng kế hoạch",
    "Bồi dưỡng học sinh giỏi, phụ đạo học sinh yếu",
    "Dự giờ, thao giảng, đổi mới phương pháp dạy học",
    "Phối hợp cha mẹ học sinh giữ an toàn trường học",
  ],
  public_service: [
    "Tiêm chủng mở rộng cho trẻ em đúng lịch",
    "Khám sức khỏe định kỳ cho người cao tuổi trên địa bàn",
    "Giám sát, phòng chống dịch bệnh theo mùa",
    "Cập nhật hồ sơ sức khỏe điện tử của người dân",
  ],
  armed_forces: [
    "Huấn luyện lực lượng dân quân theo kế hoạch",
    "Duy trì trực sẵn sàng chiến đấu, tuần tra địa bàn",
    "Rà soát nam công dân trong độ tuổi sẵn sàng nhập ngũ",
    "Củng cố hồ sơ lực lượng dự bị động viên",
  ],
};

export function tasksFor(branchType: string): readonly string[] {
  return [...(TASKS_BY_TYPE[branchType] ?? []), ...COMMON_TASKS];
}

export type ReviewStatus = "done" | "in_progress" | "not_done";

/** What the minutes and the task review say for each status. */
export const REVIEW_LABELS: Record<ReviewStatus, string> = {
  done: "Hoàn thành",
  in_progress: "Đang thực hiện",
  not_done: "Chưa hoàn thành",
};

export const REVIEW_NOTES: Record<ReviewStatus, readonly string[]> = {
  done: ["Đã hoàn thành theo kế hoạch", "Hoàn thành, được nhân dân đồng tình", "Hoàn thành đúng hạn, có báo cáo"],
  in_progress: ["Đang triển khai, chuyển sang tháng sau", "Đã làm được một phần, tiếp tục thực hiện"],
  not_done: ["Chưa thực hiện được do thiếu kinh phí", "Chưa hoàn thành, chi ủy nhắc nhở đồng chí phụ trách"],
};
