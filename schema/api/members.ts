/**
 * Members of a tenant: a person (one global account) and their membership of one organization, with
 * status (official / probationary since a date), branch role and exemption from meetings.
 */
import { z } from "zod";
import { dateSchema, idSchema } from "../ids";

export const membershipStatusSchema = z.enum(["official", "probationary"]);
export type MembershipStatus = z.infer<typeof membershipStatusSchema>;

/**
 * Whether the member takes part in the branch now. Those transferred for a time to another organization,
 * suspended, or prosecuted or detained stay on the books but out of the roster and the vote base (DOMAIN.md).
 */
export const membershipStandingSchema = z.enum(["active", "transferred", "suspended", "detained"]);
export type MembershipStanding = z.infer<typeof membershipStandingSchema>;

export const branchRoleSchema = z.enum(["secretary", "deputy", "committee", "member"]);
export type BranchRole = z.infer<typeof branchRoleSchema>;

export const fullNameSchema = z.string().trim().min(1, "Cần họ và tên / Full name required").max(200);
export const emailSchema = z.email("E-mail không hợp lệ / Invalid e-mail").trim().toLowerCase().max(254);
export const phoneSchema = z
  .string()
  .trim()
  .max(30)
  .regex(/^\+?[0-9 .()-]{3,30}$/, "Số điện thoại không hợp lệ / Invalid phone number");
export const birthYearSchema = z.number().int().min(1900).max(2100);

/** `GET /members` filters. `status=exempt` lists those exempted from meetings today. */
export const listMembersQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  organizationId: idSchema.optional(),
  status: z.enum(["official", "probationary", "exempt"]).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListMembersQuery = z.infer<typeof listMembersQuerySchema>;

export const exemptionSchema = z
  .object({
    reason: z.string().trim().min(1, "Cần lý do / Reason required").max(500),
    from: dateSchema,
    to: dateSchema.nullish(),
  })
  .strict()
  .refine((e) => !e.to || e.to >= e.from, {
    path: ["to"],
    message: "Ngày kết thúc trước ngày bắt đầu / Ends before it starts",
  });
export type Exemption = z.infer<typeof exemptionSchema>;

export const memberSchema = z.object({
  membershipId: z.string(),
  personId: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  birthYear: z.number().nullable(),
  organizationId: z.string(),
  organizationName: z.string(),
  status: membershipStatusSchema,
  probationStart: z.string().nullable(),
  branchRole: branchRoleSchema,
  standing: membershipStandingSchema,
  exemption: z.object({ reason: z.string(), from: z.string(), to: z.string().nullable() }).nullable(),
  /** When an account took this record by redeeming an invitation; null while nobody has (invite them). */
  linkedAt: z.string().nullable(),
});
export type Member = z.infer<typeof memberSchema>;

export const memberPageSchema = z.object({
  items: z.array(memberSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type MemberPage = z.infer<typeof memberPageSchema>;

const probationIssue = {
  path: ["probationStart"],
  message: "Đảng viên dự bị cần ngày vào dự bị / A probationary member needs the probation start date",
};

/**
 * Adds a member. When the e-mail already belongs to a person (one account each, across committees), that
 * person is reused, provided the names match; otherwise it is refused as a conflict.
 */
export const createMemberSchema = z
  .object({
    fullName: fullNameSchema,
    email: emailSchema.nullish(),
    phone: phoneSchema.nullish(),
    birthYear: birthYearSchema.nullish(),
    organizationId: idSchema,
    status: membershipStatusSchema,
    probationStart: dateSchema.nullish(),
    branchRole: branchRoleSchema.default("member"),
  })
  .strict()
  .refine((m) => m.status !== "probationary" || !!m.probationStart, probationIssue);
export type CreateMember = z.infer<typeof createMemberSchema>;

/** Partial edit. Setting `status: "official"` clears the probation date; `null` clears e-mail or phone. */
export const updateMemberSchema = z
  .object({
    fullName: fullNameSchema.optional(),
    email: emailSchema.nullable().optional(),
    phone: phoneSchema.nullable().optional(),
    birthYear: birthYearSchema.nullable().optional(),
    status: membershipStatusSchema.optional(),
    probationStart: dateSchema.optional(),
    branchRole: branchRoleSchema.optional(),
    standing: membershipStandingSchema.optional(),
  })
  .strict()
  .refine((m) => Object.keys(m).length > 0, { message: "Không có gì để sửa / Nothing to change" })
  .refine((m) => m.status !== "probationary" || !!m.probationStart, probationIssue);
export type UpdateMember = z.infer<typeof updateMemberSchema>;

/** An admin sets a person's password so the committee can hand out logins; their other sessions end. */
export const setPasswordSchema = z
  .object({ password: z.string().min(10, "Mật khẩu cần ít nhất 10 ký tự / at least 10 characters").max(200) })
  .strict();
export type SetPassword = z.infer<typeof setPasswordSchema>;

/** `POST /members/import` answer (also for `?dryRun=1`, then nothing was written). */
export const importResultSchema = z.object({
  dryRun: z.boolean(),
  /** The member records written, in file order, so they can be invited at once (absent on a dry run). */
  membershipIds: z.array(z.string()).optional(),
  rows: z.number().int(),
  newPeople: z.number().int(),
  reusedPeople: z.number().int(),
  byOrganization: z.array(
    z.object({ organizationId: z.string(), organizationName: z.string(), rows: z.number().int() }),
  ),
  preview: z.array(
    z.object({
      line: z.number().int(),
      fullName: z.string(),
      email: z.string().nullable(),
      organizationId: z.string(),
      organizationName: z.string(),
      status: membershipStatusSchema,
      branchRole: branchRoleSchema,
      existingPersonId: z.string().nullable(),
    }),
  ),
});
export type ImportResult = z.infer<typeof importResultSchema>;
