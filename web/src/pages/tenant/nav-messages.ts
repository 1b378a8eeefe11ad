import { defineMessages } from "../../i18n";

/** Names of the console's sections, shared by the tenant nav and the home page. */
export const tn = defineMessages(
  {
    organizations: "Tổ chức",
    members: "Đảng viên",
    planning: "Kế hoạch",
    meetings: "Cuộc họp",
    reports: "Báo cáo",
    committees: "Đảng bộ trực thuộc",
    readOnly: "Chỉ xem: đảng bộ trực thuộc {province}",
    noAccess: "Bạn không thuộc đơn vị này.",
    console: "Bàn làm việc cấp ủy",
    roleAdmin: "Quản trị",
    roleOrganizer: "Tổ chức sinh hoạt",
    roleViewer: "Theo dõi",
    roleMember: "Đảng viên",
    roleGuest: "Khách mời",
  },
  {
    organizations: "Organizations",
    members: "Members",
    planning: "Planning",
    meetings: "Meetings",
    reports: "Reports",
    committees: "Committees",
    readOnly: "Read-only: a committee under {province}",
    noAccess: "You have no standing in this organization.",
    console: "Committee console",
    roleAdmin: "Administrator",
    roleOrganizer: "Organizer",
    roleViewer: "Viewer",
    roleMember: "Member",
    roleGuest: "Guest",
  },
);
