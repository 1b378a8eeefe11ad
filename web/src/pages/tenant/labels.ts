/** Names of the domain's enums (organization kinds, branch types, member status, standing and roles), Vietnamese first. */
import type { BranchRole, MembershipStanding, MembershipStatus } from "../../../../schema/api/members";
import type { BranchType, OrganizationKind } from "../../../../schema/api/organizations";
import { defineMessages } from "../../i18n";

export const lt = defineMessages(
  {
    kind_grassroots_committee: "Đảng bộ cơ sở",
    kind_grassroots_branch: "Chi bộ cơ sở",
    kind_branch: "Chi bộ trực thuộc",
    type_residential: "Khu dân cư",
    type_agency: "Cơ quan",
    type_enterprise: "Doanh nghiệp",
    type_public_service: "Đơn vị sự nghiệp",
    type_school: "Trường học",
    type_armed_forces: "Lực lượng vũ trang",
    type_other: "Khác",
    status_official: "Chính thức",
    status_probationary: "Dự bị",
    role_secretary: "Bí thư",
    role_deputy: "Phó bí thư",
    role_committee: "Chi ủy viên",
    role_member: "Đảng viên",
    exempt: "Miễn sinh hoạt",
    standing_active: "Đang sinh hoạt",
    standing_transferred: "Chuyển sinh hoạt tạm thời",
    standing_suspended: "Đình chỉ sinh hoạt",
    standing_detained: "Bị tạm giữ, tạm giam",
  },
  {
    kind_grassroots_committee: "Grassroots committee",
    kind_grassroots_branch: "Grassroots branch",
    kind_branch: "Branch",
    type_residential: "Residential area",
    type_agency: "Agency",
    type_enterprise: "Enterprise",
    type_public_service: "Public service unit",
    type_school: "School",
    type_armed_forces: "Armed forces",
    type_other: "Other",
    status_official: "Official",
    status_probationary: "Probationary",
    role_secretary: "Secretary",
    role_deputy: "Deputy secretary",
    role_committee: "Committee member",
    role_member: "Member",
    exempt: "Exempt",
    standing_active: "Active",
    standing_transferred: "Temporarily transferred",
    standing_suspended: "Suspended",
    standing_detained: "Held in custody",
  },
);

export const ORG_KINDS: readonly OrganizationKind[] = ["grassroots_committee", "grassroots_branch", "branch"];
export const BRANCH_TYPES: readonly BranchType[] = [
  "residential",
  "agency",
  "enterprise",
  "public_service",
  "school",
  "armed_forces",
  "other",
];
export const STATUSES: readonly MembershipStatus[] = ["official", "probationary"];
export const STANDINGS: readonly MembershipStanding[] = ["active", "transferred", "suspended", "detained"];
export const BRANCH_ROLES: readonly BranchRole[] = ["secretary", "deputy", "committee", "member"];

export const kindLabel = (k: OrganizationKind) => lt(`kind_${k}`);
export const typeLabel = (t: BranchType) => lt(`type_${t}`);
export const statusLabel = (s: MembershipStatus) => lt(`status_${s}`);
export const standingLabel = (s: MembershipStanding) => lt(`standing_${s}`);
export const roleLabel = (r: BranchRole) => lt(`role_${r}`);
