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

/** The fields a picker reads: a branch member from the member list, or one the meeting expects. */
export type PickableMember = Pick<Member, "personId" | "fullName" | "branchRole">;

/** Secretary first, then deputy and committee, then members, each by name. */
export function memberOptions(members: readonly PickableMember[] | undefined) {
  const order = { secretary: 0, deputy: 1, committee: 2, member: 3 } as const;
  return [...(members ?? [])]
    .sort((a, b) => order[a.branchRole] - order[b.branchRole] || a.fullName.localeCompare(b.fullName, "vi"))
    .map((m) => ({ value: m.personId, label: m.fullName }));
}

/**
 * Who may present an agenda item, as the API allows: the branch's members, then the meeting's guests (a
 * visiting leader may present a directive). Presenters already named stay listed even when the member list
 * cannot be read (a guest looking at the agenda), so the row still shows who presents.
 */
export function presenterOptions(
  members: readonly PickableMember[] | undefined,
  guests: readonly { personId: string; fullName: string }[],
  agenda: readonly { presenterPersonId: string | null; presenterName: string | null }[],
) {
  const options = [...memberOptions(members), ...guests.map((g) => ({ value: g.personId, label: g.fullName }))];
  const known = new Set(options.map((o) => o.value));
  for (const a of agenda) {
    if (a.presenterPersonId && !known.has(a.presenterPersonId)) {
      known.add(a.presenterPersonId);
      options.push({ value: a.presenterPersonId, label: a.presenterName ?? a.presenterPersonId });
    }
  }
  return options;
}
