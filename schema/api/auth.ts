import { z } from "zod";
import { tenantKindSchema } from "./committees";
import { branchRoleSchema } from "./members";

export const loginSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(200),
});
export type Login = z.infer<typeof loginSchema>;

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(10, "Mật khẩu mới cần ít nhất 10 ký tự / at least 10 characters").max(200),
});
export type ChangePassword = z.infer<typeof changePasswordSchema>;

export const tenantRoleSchema = z.enum(["admin", "organizer", "viewer"]);
export type TenantRole = z.infer<typeof tenantRoleSchema>;

/** What "who am I" answers: the person and every tenant they can enter, with how. */
export const meSchema = z.object({
  person: z.object({ id: z.string(), fullName: z.string(), email: z.string().nullable() }),
  tenants: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: tenantKindSchema,
      /** The province above this committee, if any. */
      parentId: z.string().nullable(),
      /**
       * The person stands here only as staff of the province above (role `viewer`, read-only): the home page lists
       * such committees under the province rather than as their own.
       */
      viaProvince: z.boolean(),
      /** The person's role in the province directly above, if any (its admins and organizers plan visits here). */
      provinceRole: tenantRoleSchema.nullable(),
      role: tenantRoleSchema.nullable(),
      /** Organizations of this tenant where the person is a member. */
      organizationIds: z.array(z.string()),
      /** The person's role in each of those branches: a secretary or deputy plans their own branch's meetings. */
      branchRoles: z.array(z.object({ organizationId: z.string(), branchRole: branchRoleSchema })),
      /** Meetings of this tenant the person is invited to as a guest. */
      guestMeetingIds: z.array(z.string()),
    }),
  ),
});
export type Me = z.infer<typeof meSchema>;

/**
 * One of the caller's own live sessions, as the account page lists them. Never a token: the id names the session
 * only to its own person (`POST /api/auth/sessions/:id/revoke`).
 */
export const accountSessionSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  /** The session this request was made with. */
  current: z.boolean(),
});
export type AccountSession = z.infer<typeof accountSessionSchema>;

export const accountSessionsSchema = z.object({ sessions: z.array(accountSessionSchema) });
export type AccountSessions = z.infer<typeof accountSessionsSchema>;
