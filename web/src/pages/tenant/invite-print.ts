/**
 * Invite many member records and hand the secretary the sheet of slips: the bulk API in requests of at most 500,
 * then the PDF (pdf-lib, the fonts and lean-qr load only now). Used by the members page (a selection, or everyone
 * without an account) and after a CSV import.
 */
import type { Slip } from "../../../../schema/api/invitation-slips";
import { MAX_BULK_INVITATIONS } from "../../../../schema/invite-rule";
import { invitationsApi, type MemberListParams, membersApi } from "../../api";
import { tenantOf } from "../../session";

/** The committee's name as it is printed at the top of each slip. */
export const committeeName = (tenantId: string) => tenantOf(tenantId)?.name ?? "";

export async function printSlips(tenantId: string, slips: Slip[]): Promise<void> {
  const { downloadSlipsPdf } = await import("../slips/slips-pdf");
  await downloadSlipsPdf({ committee: committeeName(tenantId), origin: window.location.origin, slips });
}

/** Issues a fresh invitation for each record (linked ones are skipped by the API) and downloads their slips. */
export async function inviteAndPrint(
  tenantId: string,
  membershipIds: string[],
): Promise<{ printed: number; skipped: number }> {
  const slips: Slip[] = [];
  let skipped = 0;
  for (let i = 0; i < membershipIds.length; i += MAX_BULK_INVITATIONS) {
    const answer = await invitationsApi.bulk(tenantId, membershipIds.slice(i, i + MAX_BULK_INVITATIONS));
    slips.push(...answer.slips);
    skipped += answer.skipped.length;
  }
  if (slips.length > 0) await printSlips(tenantId, slips);
  return { printed: slips.length, skipped };
}

const LIST_PAGE = 200;

/**
 * Every member under the current filter whom nobody has linked to an account yet and the caller may invite, read
 * page by page from the member list.
 */
export async function uninvitedMembers(
  tenantId: string,
  filter: Omit<MemberListParams, "page" | "pageSize">,
  mayInvite: (organizationId: string) => boolean,
): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const answer = await membersApi.list(tenantId, { ...filter, page, pageSize: LIST_PAGE });
    for (const m of answer.items) if (m.linkedAt === null && mayInvite(m.organizationId)) ids.push(m.membershipId);
    if (page * LIST_PAGE >= answer.total || answer.items.length === 0) return ids;
  }
}
