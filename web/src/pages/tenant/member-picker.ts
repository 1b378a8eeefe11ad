/** The members of one branch, for choosing a chair, a minutes-taker or a presenter. */
import { createResource } from "solid-js";
import type { Member } from "../../../../schema/api/members";
import { membersApi } from "../../api";

export function createBranchMembers(tenantId: () => string, organizationId: () => string) {
  const [members] = createResource(
    () => (organizationId() ? { t: tenantId(), o: organizationId() } : false),
    async (q) => (await membersApi.list(q.t, { organizationId: q.o, pageSize: 200 })).items,
  );
  return members;
}

/** Secretary first, then deputy and committee, then members, each by name. */
export function memberOptions(members: readonly Member[] | undefined) {
  const order = { secretary: 0, deputy: 1, committee: 2, member: 3 } as const;
  return [...(members ?? [])]
    .sort((a, b) => order[a.branchRole] - order[b.branchRole] || a.fullName.localeCompare(b.fullName, "vi"))
    .map((m) => ({ value: m.personId, label: m.fullName }));
}
