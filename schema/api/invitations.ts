import { z } from "zod";
import { type RegisterOptions, registerVerifySchema } from "./passkeys.ts";

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

/** The link's secret or the typed code: exactly one of the two. */
const invitationTokenShape = {
  secret: z.string().min(20).max(200).optional(),
  code: z.string().min(4).max(40).optional(),
};
const oneToken = (b: { secret?: string; code?: string }) => (b.secret === undefined) !== (b.code === undefined);
const oneTokenError = { message: "Gửi mã hoặc đường dẫn, một trong hai / Send either secret or code", path: ["code"] };

/**
 * Asking for passkey options to redeem an invitation with (POST /api/invitations/redeem/passkey-options): the token
 * only. The answer is `RedeemPasskeyOptions`.
 */
export const redeemPasskeyOptionsSchema = z.object(invitationTokenShape).strict().refine(oneToken, oneTokenError);
export type RedeemPasskeyOptionsRequest = z.infer<typeof redeemPasskeyOptionsSchema>;

/**
 * Registration options for the invitation's empty account, labelled neutrally ("chibo · <committee>"), and the signed
 * challenge token (purpose `passkey-redeem`, bound to the invitation and the account) that `redeem` sends back.
 */
export type RedeemPasskeyOptions = RegisterOptions;

/**
 * Redeeming: the link's secret or the typed code, and either the caller's session (an existing account), the new
 * account's e-mail and password, or a passkey made on the options above (a new account with no e-mail and no
 * password). A reset takes only the new password.
 */
export const redeemSchema = z
  .object({
    ...invitationTokenShape,
    email: z.string().trim().toLowerCase().email().max(254).optional(),
    password: z.string().min(10, "Mật khẩu cần ít nhất 10 ký tự / at least 10 characters").max(200).optional(),
    passkey: registerVerifySchema.pick({ challengeToken: true, response: true }).strict().optional(),
  })
  .strict()
  .refine(oneToken, oneTokenError)
  .refine((b) => b.passkey === undefined || (b.email === undefined && b.password === undefined), {
    message: "Dùng passkey hoặc e-mail và mật khẩu, một trong hai / Use either a passkey or an e-mail and password",
    path: ["passkey"],
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
