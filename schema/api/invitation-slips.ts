/**
 * Invitations for many member records at once (a CSV import, "everyone without an account"), answered as the slips
 * the secretary prints and hands out: each a link and a code, shown this once and stored nowhere (docs/identity.md).
 */
import { z } from "zod";
import { idSchema } from "../ids";
import { MAX_BULK_INVITATIONS } from "../invite-rule";

export { MAX_BULK_INVITATIONS };

export const bulkInviteSchema = z
  .object({
    membershipIds: z
      .array(idSchema)
      .min(1, "Chọn ít nhất một đảng viên / Choose at least one member")
      .max(MAX_BULK_INVITATIONS, `Tối đa ${MAX_BULK_INVITATIONS} một lần / At most ${MAX_BULK_INVITATIONS} at once`),
  })
  .strict();
export type BulkInvite = z.infer<typeof bulkInviteSchema>;

/** What one slip prints: the committee's own record of the member (its name and branch), the link and the code. */
export const slipSchema = z.object({
  membershipId: z.string(),
  fullName: z.string(),
  organizationName: z.string(),
  link: z.string(),
  code: z.string(),
  expiresAt: z.string(),
});
export type Slip = z.infer<typeof slipSchema>;

/** Records already linked to an account get no slip: they are named under `skipped`. */
export const bulkInvitedSchema = z.object({
  slips: z.array(slipSchema),
  skipped: z.array(z.object({ membershipId: z.string(), fullName: z.string() })),
});
export type BulkInvited = z.infer<typeof bulkInvitedSchema>;
