import { z } from "zod";

/** Invitation codes use this alphabet: no 0/O, 1/I/L, so a code read off paper is typed right. */
export const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const CODE_LENGTH = 10;
export const INVITATION_DAYS = 14;

export const invitationPurposeSchema = z.enum(["member", "reset", "guest", "staff"]);
export type InvitationPurpose = z.infer<typeof invitationPurposeSchema>;

/** An admin or the branch's secretary asks for a fresh invitation (or reset code) for one member record. */
export const issueInvitationSchema = z.object({ purpose: z.enum(["member", "reset"]) }).strict();

/** What the committee may see about an invitation: never its secret or code. */
export const invitationSchema = z.object({
  id: z.string(),
  purpose: invitationPurposeSchema,
  membershipId: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  redeemedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type Invitation = z.infer<typeof invitationSchema>;

/** Answered once, when issued: the link and the code are shown to the issuer and stored nowhere. */
export const issuedInvitationSchema = z.object({ invitation: invitationSchema, link: z.string(), code: z.string() });
export type IssuedInvitation = z.infer<typeof issuedInvitationSchema>;

/** Spaces and dashes are allowed when typing a code ("ABCDE-FGHJK"), and lower case. */
export const normalizeCode = (code: string) => code.replace(/[\s-]/g, "").toUpperCase();

/**
 * Redeeming: the link's secret or the typed code, and either the caller's session (an existing account) or the new
 * account's e-mail and password. A reset takes only the new password.
 */
export const redeemSchema = z
  .object({
    secret: z.string().min(20).max(200).optional(),
    code: z.string().min(4).max(40).optional(),
    email: z.string().trim().toLowerCase().email().max(254).optional(),
    password: z.string().min(10, "Mật khẩu cần ít nhất 10 ký tự / at least 10 characters").max(200).optional(),
  })
  .strict()
  .refine((b) => (b.secret === undefined) !== (b.code === undefined), {
    message: "Gửi mã hoặc đường dẫn, một trong hai / Send either secret or code",
    path: ["code"],
  });
export type Redeem = z.infer<typeof redeemSchema>;

/**
 * The answer names only what the caller already holds: which purpose, committee, member record or meeting it was for
 * (no committee for a reset asked for by e-mail), and whether this device is now signed in (a new account or a new
 * password signs in at once; a session cookie comes with the answer).
 */
export const redeemedSchema = z.object({
  purpose: invitationPurposeSchema,
  tenantId: z.string().nullable(),
  membershipId: z.string().nullable(),
  meetingId: z.string().nullable(),
  signedIn: z.boolean(),
  /** The session's bearer token, for clients that do not use the cookie; present when `signedIn`. */
  token: z.string().optional(),
});
export type Redeemed = z.infer<typeof redeemedSchema>;
